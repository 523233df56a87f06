"""The fairness_mitigation checker: the expected values agree with fairlearn and
scikit-learn, the lesson's story and thresholds hold on the course data, and typical mistakes get a helpful message.

What every checker must do is tested for all of them in test_every_checker.py."""

from __future__ import annotations

import pandas as pd
import pytest
from fairlearn.metrics import MetricFrame, demographic_parity_difference, selection_rate
from sklearn.metrics import accuracy_score

from raicourse.checks import fairness_mitigation as exercise

from checkers import assert_wrong_answers_fail, solved_namespace


@pytest.fixture(scope="module")
def solved() -> dict:
    """The notebook's variables after its setup, its given cell and every reference solution."""
    return solved_namespace(exercise)


def test_expected_values_agree_with_fairlearn_and_scikit_learn(solved):
    new = solved["new"]
    assert exercise.q2.evaluate(
        demographic_parity_difference(new["qualified"], new["baseline"], sensitive_features=new["group"])
    ).correct
    frame = MetricFrame(metrics=selection_rate, y_true=new["qualified"], y_pred=new["baseline"],
                        sensitive_features=new["group"])
    assert exercise.q1.evaluate(frame.by_group).correct
    change = accuracy_score(new["qualified"], new["postprocessed"]) - accuracy_score(new["qualified"], new["baseline"])
    assert exercise.q5.evaluate(change).correct


def test_the_story_the_lesson_tells_holds_on_the_course_data(solved):
    """The lesson's prose relies on these facts of the seeded data; fail loudly if they drift."""
    base, post = exercise.q1.expected, exercise.q4.expected
    assert base["B"] < base["A"] and base["B"] / base["A"] < 0.8          # below four-fifths
    assert (post.max() - post.min()) < (base.max() - base.min()) / 2      # the gap more than halved
    assert exercise.q3.expected > 1                                       # hired B people weigh more
    assert exercise.q5.expected > 0                                       # more accurate vs qualified
    new = solved["new"]
    assert accuracy_score(new["past_hired"], new["postprocessed"]) < accuracy_score(new["past_hired"], new["baseline"])


def test_the_thresholds_the_lesson_describes(solved):
    """The lesson says: A between about 0.45 and 0.49, drawn with a chance of about 0.74; B about 0.41."""
    rules = solved["postprocessor"].interpolated_thresholder_.interpolation_dict
    thresholds = {group: sorted(float(rule[f"operation{i}"].threshold) for i in (0, 1)) for group, rule in rules.items()}
    assert 0.44 < thresholds["A"][0] < 0.455 and 0.48 < thresholds["A"][1] < 0.495
    assert all(0.405 < value < 0.415 for value in thresholds["B"])
    low = 1 if rules["A"]["operation1"].threshold < rules["A"]["operation0"].threshold else 0
    assert 0.72 < float(rules["A"][f"p{low}"]) < 0.76


def test_the_given_code_is_deterministic():
    first, second = {}, {}
    for namespace in (first, second):
        exec(exercise.SETUP_CODE, namespace)  # noqa: S102
        exec(exercise.GIVEN_CODE, namespace)  # noqa: S102
    pd.testing.assert_frame_equal(first["new"], second["new"])


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    new, past = solved["new"], solved["past"]
    rates, post_rates = solved["baseline_rates"], solved["postprocessed_rates"]
    share_b = (past["group"] == "B").mean()
    share_hired = past["past_hired"].mean()
    share_pair = ((past["group"] == "B") & (past["past_hired"] == 1)).mean()
    accuracy = {column: accuracy_score(new["qualified"], new[column]) for column in ("baseline", "postprocessed")}
    true_positive_rates = new[new["qualified"] == 1].groupby("group")["baseline"].mean()
    post_frame = MetricFrame(metrics=selection_rate, y_true=new["qualified"], y_pred=new["postprocessed"],
                             sensitive_features=new["group"])
    return {
        "q1": [
            (new.groupby("group")["baseline"].sum(), "counts, not rates"),
            (new.groupby("postcode")["baseline"].mean(), "group"),
            (new.groupby("group")["selected"].mean(), "in the column selected. The model's decisions are in the column baseline"),
            (new.groupby("group")["qualified"].mean(), "in the column qualified"),
            (past.groupby("group")["past_hired"].mean(), "last year's hiring rates"),
            (new.groupby("group")["baseline"].sum() / len(new), "divided by all the applicants"),
            (new.loc[new["baseline"] == 1, "group"].value_counts(normalize=True), "how the shortlist splits"),
            (1 - rates, "NOT shortlisted"),
        ],
        "q2": [
            (rates.min() - rates.max(), "wrong sign"),
            ((rates.max() - rates.min()) * 100, "percentage"),
            (rates.min() / rates.max(), "impact ratio"),
            (true_positive_rates.max() - true_positive_rates.min(), "true positive rates"),
            (new.groupby("group")["qualified"].mean().max() - new.groupby("group")["qualified"].mean().min(),
             "shares of qualified people"),
            (rates, "one number"),
        ],
        "q3": [
            (share_pair / (share_b * share_hired), "upside down"),
            (share_b * share_hired, "only the top of the fraction"),
            (share_pair, "only the bottom of the fraction"),
            (share_b * (1 - share_hired) / ((past["group"] == "B") & (past["past_hired"] == 0)).mean(), "NOT hired"),
            ((past["group"] == "A").mean() * share_hired / ((past["group"] == "A") & (past["past_hired"] == 1)).mean(),
             "group A"),
            ((past["group"] == "B").sum() * past["past_hired"].sum() / ((past["group"] == "B") & (past["past_hired"] == 1)).sum(),
             "numbers of people instead of shares"),
            ((new["group"] == "B").mean() * new["past_hired"].mean()
             / ((new["group"] == "B") & (new["past_hired"] == 1)).mean(), "this year's applicants"),
            ("1.42", "Remove the quotes"),
        ],
        "q4": [
            (rates, "selection rates of the baseline model"),
            (new.groupby("group")["postprocessed"].sum(), "counts"),
            (post_rates.drop("B"), "group B is missing"),
            (new.groupby("group")["selected"].mean(), "For group"),
            (post_frame, "whole MetricFrame"),
            (post_rates.to_frame("selection_rate"), "a table with one column"),
            (post_frame.overall, "one rate for all applicants"),
            (new.groupby("group")["qualified"].mean(), "Check the order"),
            (new[new["qualified"] == 1].groupby("group")["postprocessed"].mean(), "true positive rates"),
        ],
        "q5": [
            (accuracy["baseline"] - accuracy["postprocessed"], "wrong sign"),
            (accuracy_score(new["past_hired"], new["postprocessed"]) - accuracy_score(new["past_hired"], new["baseline"]),
             "past_hired instead of qualified"),
            (accuracy_score(new["selected"], new["postprocessed"]) - accuracy_score(new["selected"], new["baseline"]),
             "against the column selected"),
            (accuracy["postprocessed"], "accuracy after post-processing only"),
            (accuracy["baseline"], "accuracy of the baseline model only"),
            (accuracy_score(new["baseline"], new["postprocessed"]), "compared the two models with each other"),
            (new["postprocessed"].mean() - new["baseline"].mean(), "share of people shortlisted"),
            ((accuracy["postprocessed"] - accuracy["baseline"]) * 100, "too high"),
        ],
        "q6": [("a", "not the best choice"), ("b", "not the best choice"), ("d", "not the best choice"),
               ("e", "Choose one of")],
        "q7": [("", "at least"), ("Do not deploy it.", "at least"), (42, "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))


def test_every_numeric_question_has_three_targeted_mistakes():
    """Targeted = the question's own ``mistakes``, each with its own message in both languages."""
    from raicourse.i18n import t

    for question in (exercise.q1, exercise.q2, exercise.q3, exercise.q4, exercise.q5):
        keys = {key for _, key, *_ in question.mistakes}
        assert len(keys) >= 3, question.name
        for key in keys:
            assert t(f"checks.fairness_mitigation.{key}", column="x", label="x")


def test_the_targeted_messages_are_french_in_french(solved):
    from raicourse.i18n import set_language

    past = solved["past"]
    set_language("fr")
    try:
        message = exercise.q3.evaluate((past["group"] == "B").mean() * past["past_hired"].mean()).message
    finally:
        set_language("en")
    assert message.startswith("C'est seulement le haut de la fraction\u00a0: la part attendue.")
