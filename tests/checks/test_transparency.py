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
    loans = solved["loans"]
    return {
        "q1": [
            (coefficients, "coefficients themselves"),
            (np.exp(-coefficients), "upside down"),
            (np.exp(coefficients) - 1, "minus 1"),
            (1 / (1 + np.exp(-coefficients)), "logistic curve"),
            (np.exp(coefficients).drop("age"), "group age is missing"),
            (np.exp(model.coef_[0]), "Series"),
        ],
        "q2": [
            (points, "sum of points"),
            (1 - score, "refusal"),
            (math.exp(points), "odds"),
            (0, "decision"),
            (1 / (1 + math.exp(-(points - model.intercept_[0]))), "starting points"),
            ("0.44", "Remove the quotes"),
        ],
        "q3": [
            (list(coefficients.abs().sort_values(ascending=False).index), "order of the coefficients"),
            (solved["ranking"][::-1], "least to the most"),
            (list(coefficients.sort_values(ascending=False).index), "with their sign"),
            (list(solved["importances"].to_numpy()), "importance values"),
            (solved["importances"].sort_values(ascending=False), "with their values"),
            (solved["ranking"][:3], "Expected 4 items"),
            (pd.Index(solved["ranking"]), "list of values"),
        ],
        "q4": [
            (float(near["approved"].mean()), "really asked for about 30"),
            (float(test["approved"].mean()), "bank's approval rate"),
            (float(model.predict_proba(test[features])[:, 1].mean()), "real loan amounts"),
            (1 - solved["pd_loan_30"], "refusal"),
            (float(test[(test["loan_k"] - 30).abs() < 2.5]["approved"].mean()), "really asked for about 30"),
            (float(model.predict_proba(solved["train"][features].assign(loan_k=30))[:, 1].mean()), "training set"),
            (solved["pd_loan_30"] * 100, "percentage"),
        ],
        "q5": [("a", "not the best choice"), ("c", "not the best choice"), ("d", "Choose one of")],
        "q6": [
            ({k: v for k, v in card.items() if k != "factors"}, "section factors is missing"),
            ({**card, "caveats_and_recommendations": ""}, "section caveats_and_recommendations needs"),
            ({**card, "quantitative_analyses": {**figures, "approval_rate_women": figures["approval_rate_men"],
                                                "approval_rate_men": figures["approval_rate_women"]}}, "swapped"),
            ({**card, "quantitative_analyses": {**figures, "approval_rate_women": float(test.loc[test["sex"] == "F", "approved"].mean())}},
             "bank's approval rates"),
            ({**card, "quantitative_analyses": {**figures, "accuracy": model.score(solved["train"][features], solved["train"]["approved"])}},
             "accuracy on the training set"),
            ({**card, "quantitative_analyses": {**figures, "accuracy": model.score(loans[features], loans["approved"])}},
             "on all the applications"),
            ({**card, "quantitative_analyses": {**figures, "accuracy": float(model.predict(test[features]).mean())}},
             "not its accuracy"),
            ({**card, "quantitative_analyses": {**figures, "approval_rate_men": 1 - figures["approval_rate_men"]}},
             "share of refusals"),
            ({**card, "quantitative_analyses": {**figures, "approval_rate_men": figures["approval_rate_men"] + 0.05}},
             "approval_rate_men"),
            (list(card), "dictionary"),
        ],
        "q7": [("", "at least"), ("It is exact.", "at least"), (42, "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))


def test_the_exercise_has_its_messages():
    keys = [key for key in i18n.catalogue() if key.startswith("checks.transparency.")]
    assert len(keys) > 30


def test_every_numeric_question_has_three_targeted_mistakes():
    """Targeted = the question's own ``mistakes``, each with its own message in both languages."""
    from raicourse.i18n import set_language, t

    for question in (exercise.q1, exercise.q2, exercise.q3, exercise.q4, exercise.q6):
        assert len(question.mistakes) >= 3, question.name
        for *_, key in question.mistakes:
            for language in ("en", "fr"):
                set_language(language)
                try:
                    assert t(f"checks.transparency.{key}") != f"checks.transparency.{key}", (language, key)
                finally:
                    set_language("en")


def test_the_targeted_messages_are_french_in_french(solved):
    from raicourse.i18n import set_language

    card = solved["model_card"]
    test = solved["test"]
    bank_rate = float(test.loc[test["sex"] == "F", "approved"].mean())
    set_language("fr")
    try:
        message = exercise.q6.evaluate({**card, "quantitative_analyses": {
            **card["quantitative_analyses"], "approval_rate_women": bank_rate}}).message
    finally:
        set_language("en")
    assert message.startswith("Ce sont les taux d'acceptation de la banque") and "le modèle\u00a0:" in message


def test_the_numbers_the_lesson_quotes(solved):
    """The figures written in book/ethics/transparency.md, computed as the lesson computes them."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.inspection import permutation_importance

    model, train, test, features = solved["model"], solved["train"], solved["test"], solved["FEATURES"]
    coefficients = pd.Series(model.coef_[0], index=features)
    assert round(model.intercept_[0], 2) == -3.33
    assert round(coefficients["loan_k"], 3) == -0.107
    assert round(math.exp(coefficients["income_k"]), 2) == 1.16 and round(math.exp(coefficients["loan_k"]), 2) == 0.90
    lea = solved["loans"].loc[solved["loans"]["application_id"] == exercise.APPLICANT_ID, features]
    assert round(model.predict_proba(lea)[0, 1], 2) == 0.44
    assert round(model.predict_proba(lea.assign(credit_history_years=4))[0, 1], 2) == 0.51

    black_box = HistGradientBoostingClassifier(random_state=0).fit(train[features], train["approved"])
    x_test, y_test = test[features], test["approved"]
    assert round(black_box.score(x_test, y_test), 3) == 0.830 and round(model.score(x_test, y_test), 3) == 0.844
    drops = pd.Series(permutation_importance(black_box, x_test, y_test, n_repeats=10, random_state=0).importances_mean,
                      index=features)
    assert list(drops.sort_values(ascending=False).index) == ["income_k", "loan_k", "credit_history_years", "age"]
    assert round(drops["income_k"], 2) == 0.15 and round(drops["loan_k"], 2) == 0.10
    scores = {amount: round(black_box.predict_proba(x_test.assign(loan_k=amount))[:, 1].mean(), 2) for amount in (5, 30, 40)}
    assert scores == {5: 0.90, 30: 0.50, 40: 0.41}
    near_30 = test[(test["loan_k"] - 30).abs() < 2.5]
    assert len(near_30) == 60 and round(near_30["approved"].mean(), 2) == 0.70
    rates = pd.Series(black_box.predict(x_test), index=test.index).groupby(test["sex"]).mean().round(2)
    assert rates.to_dict() == {"F": 0.70, "M": 0.79}
