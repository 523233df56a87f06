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
    return {
        "q1": [
            (new.groupby("group")["baseline"].sum(), "counts, not rates"),
            (new.groupby("postcode")["baseline"].mean(), "group"),
            (new.groupby("group")["selected"].mean(), "For group"),
            (new.groupby("group")["qualified"].mean(), "For group"),
            (past.groupby("group")["past_hired"].mean(), "For group"),
        ],
        "q2": [
            (rates.min() - rates.max(), "wrong sign"),
            ((rates.max() - rates.min()) * 100, "percentage"),
            (rates.min() / rates.max(), "too high"),
            (rates, "one number"),
        ],
        "q3": [
            (share_pair / (share_b * share_hired), "upside down"),
            (share_b * share_hired, "too low"),
            (share_pair, "too low"),
            ("1.42", "Remove the quotes"),
        ],
        "q4": [
            (rates, "For group"),
            (new.groupby("group")["postprocessed"].sum(), "counts"),
            (post_rates.drop("B"), "group B is missing"),
            (new.groupby("group")["selected"].mean(), "For group"),
        ],
        "q5": [
            (accuracy["baseline"] - accuracy["postprocessed"], "wrong sign"),
            (accuracy_score(new["past_hired"], new["postprocessed"]) - accuracy_score(new["past_hired"], new["baseline"]),
             "past_hired instead of qualified"),
            (accuracy_score(new["selected"], new["postprocessed"]) - accuracy_score(new["selected"], new["baseline"]),
             "against the column selected"),
            (accuracy["postprocessed"], "too high"),
            ((accuracy["postprocessed"] - accuracy["baseline"]) * 100, "too high"),
        ],
        "q6": [("a", "not the best choice"), ("b", "not the best choice"), ("d", "not the best choice"),
               ("e", "Choose one of")],
        "q7": [("", "at least"), ("Do not deploy it.", "at least"), (42, "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))
