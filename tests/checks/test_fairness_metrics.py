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
    hiring, rates, tpr = solved["hiring"], solved["selection_rates"], solved["tpr_by_group"]
    return {
        "q1": [
            (hiring.groupby("group")["selected"].sum(), "counts, not rates"),
            (hiring.groupby("postcode")["selected"].mean(), "group"),
            (hiring.groupby("group")[["selected"]].mean().assign(other=1), "whole table"),
            (hiring.groupby("group")["qualified"].mean(), "For group"),
        ],
        "q2": [
            (rates.min() - rates.max(), "wrong sign"),
            ((rates.max() - rates.min()) * 100, "percentage"),
            (rates, "one number"),
        ],
        "q3": [
            (rates.max() / rates.min(), "upside down"),
            (rates.max() - rates.min(), "too low"),
            ("0.7", "Remove the quotes"),
        ],
        "q4": [
            (lambda r: r.min() / r.max() > 0.8, "returned False, but True was expected"),
            (lambda r: r.iloc[1] / r.iloc[0] >= 0.8, "returned"),
            (lambda r: r.min() / r.max(), "returned 0.9"),
            (lambda r: r["C"], "KeyError"),
            (True, "function"),
        ],
        "q5": [
            (rates, "For group"),
            (hiring[hiring["qualified"] == 1].groupby("group")["selected"].sum(), "counts"),
            (tpr.drop("B"), "group B is missing"),
        ],
        "q6": [
            (solved["frame"].by_group.rename(columns={"selection_rate": "rate"}), "column selection_rate is missing"),
            (solved["frame"].by_group[["selection_rate"]], "column true_positive_rate is missing"),
            (solved["frame"].overall, "DataFrame"),
            (solved["frame"].by_group.assign(true_positive_rate=rates), "In column true_positive_rate"),
        ],
        "q7": [("a", "not the best choice"), ("b", "not the best choice"), ("d", "Choose one of")],
        "q8": [("", "at least"), ("It is biased.", "at least"), (42, "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))
