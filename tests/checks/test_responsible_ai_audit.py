"""The responsible_ai_audit checker: the expected values agree with fairlearn, the figures the
lesson quotes hold, and typical mistakes get a helpful message.

What every checker must do (reference passes, placeholder, never raises, both languages) is
tested for all of them in test_every_checker.py."""

from __future__ import annotations

import copy

import pandas as pd
import pytest
from fairlearn.metrics import MetricFrame, demographic_parity_difference, selection_rate, true_positive_rate

from raicourse.checks import Outcome
from raicourse.checks import responsible_ai_audit as exercise

from checkers import assert_wrong_answers_fail, solved_namespace


@pytest.fixture(scope="module")
def solved() -> dict:
    """The notebook's variables after its setup, the given model and every reference solution."""
    return solved_namespace(exercise)


def test_expected_values_agree_with_fairlearn(solved):
    test = solved["test"]
    frame = MetricFrame(metrics={"selection_rate": selection_rate}, y_true=test["approved"],
                        y_pred=test["decision"], sensitive_features=test["sex"])
    assert exercise.q4.evaluate(frame.by_group["selection_rate"]).correct
    assert exercise.q5.evaluate(demographic_parity_difference(
        test["approved"], test["decision"], sensitive_features=test["sex"])).correct
    payers = test[test["repaid"] == 1]
    tpr = MetricFrame(metrics=true_positive_rate, y_true=payers["repaid"].astype(int),
                      y_pred=payers["decision"], sensitive_features=payers["sex"])
    assert exercise.q6.evaluate(tpr.difference()).correct


def test_the_figures_the_lesson_quotes(solved):
    # The lesson and the model answer quote these rounded figures.
    assert round(solved["selection_rate"]["F"], 2) == 0.69 and round(solved["selection_rate"]["M"], 2) == 0.80
    assert round(solved["dp_difference"], 2) == 0.11
    assert round(solved["tpr_difference"], 2) == 0.01
    assert round(float(solved["missing_share"]["F"]), 2) == 0.33 and round(float(solved["missing_share"]["M"]), 2) == 0.26
    assert round(float(solved["repaid_rate"]["F"]), 2) == 0.73 and round(float(solved["repaid_rate"]["M"]), 2) == 0.74
    assert solved["ranking"][0] == "income_k"
    assert round(solved["unique_share"], 3) == 0.016
    loans = solved["loans"]
    with_income = loans.groupby(["sex", "age", "area", "income"])["application_id"].transform("size")
    assert round(float((with_income == 1).mean()), 2) == 0.97


def _card(solved, **changes) -> dict:
    card = copy.deepcopy(solved["model_card"])
    figures = changes.pop("figures", None)
    if figures is not None:
        card["quantitative_analyses"] = {**card["quantitative_analyses"], **figures}
    card.update(changes)
    return card


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    loans, test = solved["loans"], solved["test"]
    rates, payers = solved["selection_rate"], test[test["repaid"] == 1]
    tpr = payers.groupby("sex")["decision"].mean()
    approved_payers = test[test["approved"] == 1].groupby("sex")["decision"].mean()
    figures = solved["model_card"]["quantitative_analyses"]
    importances = list(solved["importances"])
    train = solved["train"]
    train_accuracy = (solved["model"].predict(train[exercise.FEATURES]) == train["approved"]).mean()
    past = test.groupby("sex")["approved"].mean()
    return {
        "q1": [
            (loans["repaid"].fillna(0).astype(float).groupby(loans["sex"]).mean(), "missing values as defaults"),
            (loans.groupby("sex")["approved"].mean(), "column repaid"),
            (loans.groupby("sex")["repaid"].sum(), "count"),
            (loans.groupby("area")["repaid"].mean(), "group"),
            (1 - solved["repaid_rate"], "not repaid"),
            (loans["repaid"].mean(), "one rate for each sex"),
        ],
        "q2": [
            (1 - solved["missing_share"], "share where it is missing"),
            (loans["repaid"].isna().groupby(loans["sex"]).sum() / len(loans), "each group"),
            (loans["repaid"].isna().groupby(loans["sex"]).sum(), "count"),
            (loans["repaid"].isna().mean(), "one share for each sex"),
            (loans.loc[loans["repaid"].isna(), "sex"].value_counts(normalize=True), "split between women and men"),
            (loans.isna().groupby(loans["sex"]).mean(), "every column"),
        ],
        "q3": [
            ((test["decision"] == test["repaid"]).groupby(test["sex"]).mean(), "column repaid"),
            (1 - solved["accuracy_by_sex"], "error rates"),
            ((test["decision"] == test["approved"]).mean(), "one accuracy for each sex"),
            (rates, "selection rates"),
            (pd.Series(solved["model"].predict(solved["train"][exercise.FEATURES]) == solved["train"]["approved"],
                       index=solved["train"].index).groupby(solved["train"]["sex"]).mean(), "training data"),
        ],
        "q4": [
            (test.groupby("sex")["approved"].mean(), "past rules"),
            (solved["accuracy_by_sex"], "accuracies of question 3"),
            (test.groupby("sex")["decision"].sum(), "count"),
            (1 - rates, "refuses"),
            (test.loc[test["decision"] == 1, "sex"].value_counts(normalize=True), "split between women and men"),
        ],
        "q5": [
            (rates.min() / rates.max(), "ratio"),
            (rates.min() - rates.max(), "wrong sign"),
            (test.groupby("sex")["approved"].mean().pipe(lambda r: r.max() - r.min()), "past rules"),
            (rates, "one number"),
            (solved["accuracy_by_sex"].max() - solved["accuracy_by_sex"].min(), "accuracies of question 3"),
            (tpr.max() - tpr.min(), "true positive rates"),
        ],
        "q6": [
            (approved_payers.max() - approved_payers.min(), "repaid == 1"),
            (solved["dp_difference"], "demographic-parity difference"),
            (tpr.min() / tpr.max(), "ratio"),
            (tpr, "one number"),
            (test[test["repaid"] == 0].groupby("sex")["decision"].mean().pipe(lambda r: r.max() - r.min()), "repaid == 0"),
        ],
        "q7": [
            (solved["ranking"][::-1], "reverse order"),
            (["income_k", "credit_history_years", "loan_k", "age"], "coefficients"),
            (solved["ranking"][:2], "2"),
            ("income_k", "list"),
            (sorted(importances, reverse=True), "holds numbers"),
            (pd.Series(importances, index=exercise.FEATURES), "list of names"),
        ],
        "q8": [("a", "not the best choice"), ("c", "not the best choice"), ("d", "not the best choice"),
               ("e", "Choose one of")],
        "q9": [
            (loans.groupby(["sex", "age", "area"]).ngroups / len(loans), "combinations"),
            (65, "count"),
            (((loans.groupby(["sex", "age"])["application_id"].transform("size")) == 1).mean(), "three quasi-identifiers"),
            (1 - solved["unique_share"], "alone"),
            ((loans.groupby(["sex", "age", "area", "income"])["application_id"].transform("size") == 1).mean(), "income"),
        ],
        "q10": [("a", "not the best choice"), ("b", "not the best choice"), ("d", "not the best choice"),
                ("high", "Choose one of")],
        "q11": [
            ({k: v for k, v in solved["model_card"].items() if k != "factors"}, "factors is missing"),
            (_card(solved, intended_use=""), "intended_use is empty"),
            (_card(solved, caveats_and_recommendations=None), "caveats_and_recommendations is empty"),
            (_card(solved, figures={"selection_rate_women": figures["selection_rate_men"],
                                    "selection_rate_men": figures["selection_rate_women"]}), "swapped"),
            (_card(solved, figures={"tpr_difference": solved["dp_difference"]}), "gap in true positive rates"),
            (_card(solved, figures={"accuracy": train_accuracy}), "training data"),
            (_card(solved, figures={"selection_rate_women": past["F"]}), "past rules"),
            (_card(solved, figures={"dp_difference": rates.min() / rates.max()}), "is a ratio"),
            (_card(solved, figures={"accuracy": figures["accuracy"] * 100}), "percentage"),
            (_card(solved, quantitative_analyses="good"), "dictionary of figures"),
            ({k: v for k, v in solved["model_card"]["quantitative_analyses"].items()}, "model_details is missing"),
            ("a model card", "dictionary"),
        ],
        "q12": [("", "at least"), ("Deploy it, it is accurate.", "at least"), (42, "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))


def test_a_model_card_missing_a_figure_names_it(solved):
    card = _card(solved)
    del card["quantitative_analyses"]["dp_difference"]
    result = exercise.q11.evaluate(card)
    assert result.outcome is Outcome.INCORRECT and "dp_difference" in result.message


def test_the_placeholder_inside_the_model_card_is_not_attempted(solved):
    card = _card(solved, caveats_and_recommendations=exercise.____)
    assert exercise.q11.evaluate(card).outcome is Outcome.NOT_ATTEMPTED


def test_every_numeric_question_has_three_targeted_mistakes():
    """Targeted = the question's own ``mistakes``: at least three different messages, each in English and French."""
    from raicourse.i18n import catalogue

    messages = catalogue()
    for question in (exercise.q1, exercise.q2, exercise.q3, exercise.q4, exercise.q5, exercise.q6, exercise.q7,
                     exercise.q9, exercise.q11):
        keys = {mistake[-1] if question is exercise.q11 else mistake[1] for mistake in question.mistakes}
        assert len(keys) >= 3, question.name
        for key in keys:
            texts = messages[f"checks.responsible_ai_audit.{key}"]
            assert texts.get("en") and texts.get("fr"), key


def test_the_targeted_messages_are_french_in_french(solved):
    from raicourse.i18n import set_language

    set_language("fr")
    try:
        message = exercise.q4.evaluate(1 - solved["selection_rate"]).message
    finally:
        set_language("en")
    assert message.startswith("Ce sont les parts de personnes que le modèle refuse") and "accepte\u00a0:" in message
