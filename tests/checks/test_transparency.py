"""The transparency checker: the lesson's numbers agree with scikit-learn, and typical
mistakes get a helpful message.

What every checker must do is tested for all of them in test_every_checker.py."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from sklearn.inspection import partial_dependence

from raicourse import i18n
from raicourse.checks import Outcome, ____
from raicourse.checks import transparency as exercise

from checkers import assert_wrong_answers_fail, solved_namespace


@pytest.fixture(scope="module")
def solved() -> dict:
    """The notebook's variables after its setup and every reference solution."""
    return solved_namespace(exercise)


def test_expected_values_agree_with_scikit_learn(solved):
    model, test, features = solved["model"], solved["test"], solved["FEATURES"]
    # The score by hand is the model's own probability.
    row = solved["loans"].loc[solved["loans"]["application_id"] == exercise.APPLICANT_ID, features]
    assert exercise.q2.evaluate(float(model.predict_proba(row)[0, 1])).correct
    # Partial dependence at 30 with scikit-learn's own function (custom grid value).
    result = partial_dependence(model, test[features], ["loan_k"], custom_values={"loan_k": [exercise.PD_LOAN_K]})
    assert exercise.q4.evaluate(float(result["average"][0][0])).correct
    # The ranking does not depend on the shuffling seed (the gaps are large).
    from sklearn.inspection import permutation_importance

    for seed in (1, 2, 3):
        means = permutation_importance(model, test[features], test["approved"], n_repeats=10, random_state=seed).importances_mean
        assert exercise.q3.evaluate(list(pd.Series(means, index=features).sort_values(ascending=False).index)).correct


def test_lesson_story_holds(solved):
    """Léa (application 2729) is refused; two more years of credit history would flip it, one would not."""
    model, features = solved["model"], solved["FEATURES"]
    lea = solved["loans"].loc[solved["loans"]["application_id"] == exercise.APPLICANT_ID, features]
    assert model.predict(lea)[0] == 0
    assert model.predict(lea.assign(credit_history_years=lea["credit_history_years"] + 1))[0] == 0
    assert model.predict(lea.assign(credit_history_years=lea["credit_history_years"] + 2))[0] == 1
    assert solved["model_card"]["quantitative_analyses"]["approval_rate_women"] < solved["model_card"]["quantitative_analyses"]["approval_rate_men"]


def test_a_card_with_a_placeholder_inside_is_not_attempted(solved):
    card = {**solved["model_card"], "quantitative_analyses": {"accuracy": ____, "approval_rate_women": 0.5, "approval_rate_men": 0.5}}
    assert exercise.q6.evaluate(card).outcome is Outcome.NOT_ATTEMPTED


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    model, test, features = solved["model"], solved["test"], solved["FEATURES"]
    coefficients = pd.Series(model.coef_[0], index=features)
    points = model.decision_function(solved["loans"].loc[solved["loans"]["application_id"] == exercise.APPLICANT_ID, features])[0]
    score = solved["score_by_hand"]
    card = solved["model_card"]
    figures = card["quantitative_analyses"]
    near = test[(test["loan_k"] - 30).abs() < 3]
    return {
        "q1": [
            (coefficients, "coefficients themselves"),
            (np.exp(-coefficients), "upside down"),
            (np.exp(coefficients) - 1, "minus 1"),
            (np.exp(coefficients).drop("age"), "group age is missing"),
            (np.exp(model.coef_[0]), "Series"),
        ],
        "q2": [
            (points, "sum of points"),
            (1 - score, "refusal"),
            (math.exp(points), "odds"),
            (0, "decision"),
            ("0.44", "Remove the quotes"),
        ],
        "q3": [
            (list(coefficients.abs().sort_values(ascending=False).index), "order of the coefficients"),
            (solved["ranking"][::-1], "least to the most"),
            (solved["ranking"][:3], "Expected 4 items"),
            (pd.Index(solved["ranking"]), "list of values"),
        ],
        "q4": [
            (float(near["approved"].mean()), "really asked for about 30"),
            (float(test["approved"].mean()), "bank's approval rate"),
            (float(model.predict_proba(test[features])[:, 1].mean()), "real loan amounts"),
            (1 - solved["pd_loan_30"], "refusal"),
            (solved["pd_loan_30"] * 100, "percentage"),
        ],
        "q5": [("a", "not the best choice"), ("c", "not the best choice"), ("d", "Choose one of")],
        "q6": [
            ({k: v for k, v in card.items() if k != "factors"}, "section factors is missing"),
            ({**card, "caveats_and_recommendations": ""}, "section caveats_and_recommendations needs"),
            ({**card, "quantitative_analyses": {**figures, "approval_rate_women": figures["approval_rate_men"],
                                                "approval_rate_men": figures["approval_rate_women"]}}, "swapped"),
            ({**card, "quantitative_analyses": {**figures, "approval_rate_women": float(test.loc[test["sex"] == "F", "approved"].mean())}},
             "approval_rate_women"),
            ({**card, "quantitative_analyses": {**figures, "accuracy": model.score(solved["train"][features], solved["train"]["approved"])}},
             "accuracy"),
            (list(card), "dictionary"),
        ],
        "q7": [("", "at least"), ("It is exact.", "at least"), (42, "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))


def test_the_exercise_has_its_messages():
    keys = [key for key in i18n.catalogue() if key.startswith("checks.transparency.")]
    assert len(keys) > 30
