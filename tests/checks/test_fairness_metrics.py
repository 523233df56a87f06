"""The fairness_metrics checker: the expected values agree with fairlearn and typical mistakes
get a helpful message.

What every checker must do is tested for all of them in test_every_checker.py."""

from __future__ import annotations

import pytest
from fairlearn.metrics import MetricFrame, selection_rate, true_positive_rate

from raicourse.checks import fairness_metrics as exercise
from raicourse.data import load_hiring

from checkers import assert_wrong_answers_fail, solved_namespace


@pytest.fixture(scope="module")
def solved() -> dict:
    """The notebook's variables after its setup and every reference solution."""
    return solved_namespace(exercise)


def test_expected_values_agree_with_fairlearn():
    hiring = load_hiring()
    frame = MetricFrame(
        metrics={"selection_rate": selection_rate, "true_positive_rate": true_positive_rate},
        y_true=hiring["qualified"], y_pred=hiring["selected"], sensitive_features=hiring["group"],
    )
    assert exercise.q1.evaluate(frame.by_group["selection_rate"]).correct
    assert exercise.q5.evaluate(frame.by_group["true_positive_rate"]).correct
    assert exercise.q2.evaluate(frame.difference()["selection_rate"]).correct
    assert exercise.q3.evaluate(frame.ratio()["selection_rate"]).correct


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    """Beginners' typical mistakes, each with the words of its targeted message (at least
    three targeted mistakes per numeric, table or function question)."""
    hiring, rates, tpr = solved["hiring"], solved["selection_rates"], solved["tpr_by_group"]
    qualified = hiring[hiring["qualified"] == 1]
    precision = hiring[hiring["selected"] == 1].groupby("group")["qualified"].mean()
    by_group = solved["frame"].by_group
    return {
        "q1": [
            (hiring.groupby("group")["qualified"].mean(), "column selected"),                    # wrong column
            (hiring.groupby("group")["selected"].sum() / len(hiring), "applicants of that group"),  # wrong denominator
            (hiring.loc[hiring["selected"] == 1, "group"].value_counts(normalize=True), "shortlist splits"),
            (1 - rates, "NOT selected"),
            (hiring.groupby("group")["selected"].sum(), "counts, not rates"),
            (hiring.groupby("group")[["selected"]].mean(), 'single square brackets'),
            (hiring.groupby("group")[["selected"]].mean().assign(other=1), "whole table"),
            (rates.round(2), "rounded"),
            (hiring.groupby("postcode")["selected"].mean(), "group"),
        ],
        "q2": [
            (rates.min() / rates.max(), "ratio of question 3"),
            (tpr.max() - tpr.min(), "true positive rates"),
            (hiring.groupby("group")["qualified"].mean().max() - hiring.groupby("group")["qualified"].mean().min(),
             "column qualified"),
            (rates, "one value per group"),
            (rates.min() - rates.max(), "wrong sign"),
            ((rates.max() - rates.min()) * 100, "percentage"),
            ((0, 13), "write 0.13 with a dot"),
            (round(rates.max() - rates.min(), 2), "rounded"),
        ],
        "q3": [
            (rates.max() - rates.min(), "difference of question 2"),
            (1 - rates.min() / rates.max(), "1 minus the ratio"),
            (tpr.min() / tpr.max(), "true positive rates"),
            (rates.max() / rates.min(), "upside down"),
            ("0.7", "Remove the quotes"),
            ("0,72", "with a dot"),
        ],
        "q4": [
            (lambda r: r.min() / r.max() > 0.8, "use >= instead of >"),
            (lambda r: r.iloc[-1] / r.iloc[0] >= 0.8, "rates.min() and rates.max()"),
            (lambda r: r.max() / r.min() >= 0.8, "upside down"),
            (lambda r: r.min() / r.max(), "returns the ratio"),
            (lambda r: r.max() - r.min() <= 0.2, "difference"),
            (lambda r: r["C"], "KeyError"),
            (True, "function"),
        ],
        "q5": [
            (precision, "that is precision"),
            ((hiring["selected"] * hiring["qualified"]).groupby(hiring["group"]).sum() / hiring.groupby("group").size(),
             "You divided by all the applicants"),
            (rates, "selection rates of question 1"),
            (hiring[hiring["qualified"] == 0].groupby("group")["selected"].mean(), "false positive rate"),
            (qualified.groupby("group")["selected"].sum(), "counts"),
            (tpr.drop("B"), "group B is missing"),
        ],
        "q6": [
            (solved["frame"], "whole MetricFrame"),
            (solved["frame"].overall, "frame.overall"),
            (by_group.T, "groups as columns"),
            (by_group.rename(columns={"selection_rate": "true_positive_rate", "true_positive_rate": "selection_rate"}),
             "swapped"),
            (by_group.assign(true_positive_rate=precision), "holds precision"),
            (by_group.rename(columns={"selection_rate": "rate"}), "column selection_rate is missing"),
            (by_group[["selection_rate"]], "column true_positive_rate is missing"),
        ],
        "q7": [("a", "not the best choice"), ("b", "not the best choice"), ("d", "Choose one of")],
        "q8": [("", "at least"), ("It is biased.", "at least"), (42, "text"),
               ("test test test test test test test test", "own words")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))


def test_every_numeric_table_and_function_question_has_three_targeted_mistakes():
    """Targeted = the question's own ``mistakes`` (not the generic messages)."""
    for question in exercise.QUESTIONS[:6]:
        assert len(question.mistakes) >= 3, question.name
