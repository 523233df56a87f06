"""Checks of the capstone notebook ``exercises/responsible_ai_audit.ipynb``.

The learner audits, before deployment, a credit model that a vendor trained on the bank's
past decisions (:func:`raicourse.data.load_loans`, default seed): the data and its
datasheet, performance and fairness per sex, an explanation, a privacy risk, the AI Act
tier, a model card, and a recommendation. Checked questions have a reference solution;
the recommendation is a reflection assessed with the rubric
``raicourse/rubrics/responsible_ai_audit.yaml``. Hints, option texts, the model answer and
the messages for typical mistakes live in ``raicourse/locales/checks/responsible_ai_audit.yaml``.

The data has no column "truly creditworthy" for everyone: ``repaid`` is known only for the
loans the past rules approved. The checker therefore measures the true positive rate
among the test applicants who repaid (the only people known to be good payers), and the
notebook says why this hides the people the bank always refused.

Usage in the notebook::

    from raicourse.checks.responsible_ai_audit import q1, q2, ..., q12, ____
    q1.check(repaid_rate)
"""

from __future__ import annotations

from collections.abc import Callable
from numbers import Real
from functools import lru_cache
from typing import Any

import pandas as pd

from raicourse.checks._exercise import Exercise
from raicourse.checks._questions import (
    ModelCardQuestion,
    close,
    close_series,
    ChoiceQuestion,
    NumberQuestion,
    ReflectionQuestion,
    SeriesQuestion,
    ValueQuestion,
)


#: The model's features, in the order of its coefficients.
FEATURES = ["income_k", "loan_k", "credit_history_years", "age"]
#: What a neighbour or a colleague may know about an applicant (question 9).
QUASI_IDENTIFIERS = ["sex", "age", "area"]
#: The figures the model card's quantitative analyses must hold (all computed on the test set).
CARD_FIGURES = ("accuracy", "selection_rate_women", "selection_rate_men", "dp_difference", "tpr_difference")
#: Fewest words in a written section of the model card.
MIN_SECTION_WORDS = 3

#: What the notebook runs before the questions; tests use it to run solutions alone.
SETUP_CODE = '''
import pandas as pd

from raicourse.data import load_loans

loans = load_loans()
'''

#: The vendor's model, given to the auditor (the notebook's cell after question 2).
GIVEN_CODE = '''
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

loans["income_k"] = loans["income"] / 1000
loans["loan_k"] = loans["loan_amount"] / 1000
FEATURES = ["income_k", "loan_k", "credit_history_years", "age"]

train, test = train_test_split(loans, test_size=0.25, random_state=0, stratify=loans["approved"])
model = LogisticRegression(max_iter=1000).fit(train[FEATURES], train["approved"])
test = test.assign(decision=model.predict(test[FEATURES]))
'''

exercise = Exercise(__name__, setup=SETUP_CODE, given=GIVEN_CODE)


def _setup() -> dict[str, Any]:
    return exercise.setup()


def _loans() -> pd.DataFrame:
    return _setup()["loans"]


def _test() -> pd.DataFrame:
    return _setup()["test"]


def _repaid_rate() -> pd.Series:
    return _loans().groupby("sex")["repaid"].mean().astype(float)


def _missing_share() -> pd.Series:
    loans = _loans()
    return loans["repaid"].isna().groupby(loans["sex"]).mean()


def _accuracy_by_sex() -> pd.Series:
    test = _test()
    return (test["decision"] == test["approved"]).groupby(test["sex"]).mean()


def _selection_rate() -> pd.Series:
    test = _test()
    return test.groupby("sex")["decision"].mean().astype(float)


def _dp_difference() -> float:
    rates = _selection_rate()
    return float(rates.max() - rates.min())


def _tpr_by_sex() -> pd.Series:
    test = _test()
    good_payers = test[test["repaid"] == 1]
    return good_payers.groupby("sex")["decision"].mean().astype(float)


def _gap(rates: pd.Series) -> float:
    """Highest minus lowest rate."""
    return float(rates.max() - rates.min())


def _tpr_difference() -> float:
    return _gap(_tpr_by_sex())


@lru_cache(maxsize=1)
def _importances() -> pd.Series:
    from sklearn.inspection import permutation_importance

    test = _test()
    result = permutation_importance(_setup()["model"], test[FEATURES], test["approved"], n_repeats=10, random_state=0)
    return pd.Series(result.importances_mean, index=FEATURES)


def _ranking() -> list[str]:
    return list(_importances().sort_values(ascending=False).index)


def _coefficient_ranking() -> list[str]:
    coefficients = pd.Series(_setup()["model"].coef_[0], index=FEATURES)
    return list(coefficients.abs().sort_values(ascending=False).index)


def _unique_share(columns: list[str]) -> float:
    loans = _loans()
    sizes = loans.groupby(columns)["application_id"].transform("size")
    return float((sizes == 1).mean())


def _card_figures() -> dict[str, float]:
    rates = _selection_rate()
    test = _test()
    return {
        "accuracy": float((test["decision"] == test["approved"]).mean()),
        "selection_rate_women": float(rates["F"]),
        "selection_rate_men": float(rates["M"]),
        "dp_difference": _dp_difference(),
        "tpr_difference": _tpr_difference(),
    }


# -- typical mistakes, recognised by their value ------------------------------------------
def _q1_mistakes() -> list[tuple[Callable[[Any], bool], str]]:
    loans = _loans()
    return [
        (lambda a: close_series(a, loans["repaid"].fillna(0).astype(float).groupby(loans["sex"]).mean()),
         "q1.missing_as_default"),
        (lambda a: close_series(a, loans.groupby("sex")["approved"].mean().astype(float)), "q1.approved"),
        (lambda a: close_series(a, 1 - _repaid_rate()), "q1.defaults"),
        (lambda a: close(a, float(loans["repaid"].mean())), "q1.not_per_group"),
    ]


def _q2_mistakes() -> list[tuple[Callable[[Any], bool], str]]:
    loans = _loans()
    return [
        (lambda a: close_series(a, 1 - _missing_share()), "q2.known"),
        (lambda a: close_series(a, loans["repaid"].isna().groupby(loans["sex"]).sum() / len(loans)), "q2.whole_table"),
        (lambda a: close(a, float(loans["repaid"].isna().mean())), "q2.not_per_group"),
        (lambda a: close_series(a, loans.loc[loans["repaid"].isna(), "sex"].value_counts(normalize=True)),
         "q2.split_of_missing"),
        (lambda a: isinstance(a, pd.DataFrame) and "repaid" in a.columns and len(a.columns) > 1, "q2.all_columns"),
    ]


def _q3_mistakes() -> list[tuple[Callable[[Any], bool], str]]:
    test, train = _test(), _setup()["train"]
    model = _setup()["model"]
    on_train = pd.Series(model.predict(train[FEATURES]), index=train.index) == train["approved"]
    return [
        (lambda a: close_series(a, on_train.groupby(train["sex"]).mean()), "q3.train"),
        (lambda a: close_series(a, test.groupby("sex")["decision"].mean().astype(float)), "q3.selection"),
        (lambda a: close_series(a, (test["decision"] == test["repaid"]).groupby(test["sex"]).mean()), "q3.repaid_label"),
        (lambda a: close_series(a, 1 - _accuracy_by_sex()), "q3.error_rate"),
        (lambda a: close(a, float((test["decision"] == test["approved"]).mean())), "q3.overall"),
    ]


def _q4_mistakes() -> list[tuple[Callable[[Any], bool], str]]:
    test = _test()
    return [
        (lambda a: close_series(a, test.groupby("sex")["approved"].mean().astype(float)), "q4.past_rules"),
        (lambda a: close_series(a, _accuracy_by_sex()), "q4.accuracy"),
        (lambda a: close_series(a, 1 - _selection_rate()), "q4.not_selected"),
        (lambda a: close_series(a, test.loc[test["decision"] == 1, "sex"].value_counts(normalize=True)),
         "q4.split_of_approved"),
    ]


def _q5_mistakes() -> list[tuple[Callable[[Any], bool], str]]:
    rates = _selection_rate()
    past = _test().groupby("sex")["approved"].mean()
    return [
        (lambda a: close(a, float(rates.min() / rates.max())), "q5.ratio"),
        (lambda a: close(a, float(past.max() - past.min())), "q5.past_rules"),
        (lambda a: close(a, float(_accuracy_by_sex().max() - _accuracy_by_sex().min())), "q5.accuracy_gap"),
        (lambda a: close(a, _tpr_difference()), "q5.tpr_gap"),
    ]


def _q6_mistakes() -> list[tuple[Callable[[Any], bool], str]]:
    test = _test()
    approved = test[test["approved"] == 1].groupby("sex")["decision"].mean()
    return [
        (lambda a: close(a, float(approved.max() - approved.min())), "q6.past_rules"),
        (lambda a: close(a, _dp_difference()), "q6.selection"),
        (lambda a: close(a, float(_tpr_by_sex().min() / _tpr_by_sex().max())), "q6.ratio"),
        (lambda a: close(a, _gap(test[test["repaid"] == 0].groupby("sex")["decision"].mean())), "q6.not_repaid"),
    ]


def _q7_mistakes() -> list[tuple[Callable[[Any], bool], str]]:
    return [
        (lambda a: list(a) == _ranking()[::-1], "q7.reversed"),
        (lambda a: list(a) == _coefficient_ranking() and _coefficient_ranking() != _ranking(), "q7.coefficients"),
        (lambda a: isinstance(a, list | tuple) and len(a) > 0
         and all(isinstance(x, Real) and not isinstance(x, bool) for x in a), "q7.values"),
        (lambda a: isinstance(a, pd.Series | dict) and set(a.keys()) == set(FEATURES), "q7.not_a_list"),
    ]


def _q9_mistakes() -> list[tuple[Callable[[Any], bool], str]]:
    loans = _loans()
    sizes = loans.groupby(QUASI_IDENTIFIERS).size()
    return [
        (lambda a: close(a, float(len(sizes)) / len(loans)), "q9.groups"),
        (lambda a: close(a, float((sizes == 1).sum()) / len(sizes)), "q9.groups"),
        (lambda a: close(a, _unique_share(["sex", "age"])) or close(a, _unique_share(["age", "area"])), "q9.columns"),
        (lambda a: close(a, 1 - _unique_share(QUASI_IDENTIFIERS)), "q9.not_unique"),
        (lambda a: close(a, _unique_share([*QUASI_IDENTIFIERS, "income"])), "q9.with_income"),
    ]


def _q11_mistakes() -> list[tuple[str, float, str]]:
    test, train = _test(), _setup()["train"]
    on_train = _setup()["model"].predict(train[FEATURES]) == train["approved"]
    past = test.groupby("sex")["approved"].mean()
    rates = _selection_rate()
    return [
        ("accuracy", float(on_train.mean()), "q11.train_accuracy"),
        ("selection_rate_women", float(past["F"]), "q11.past_rules"),
        ("selection_rate_men", float(past["M"]), "q11.past_rules"),
        ("dp_difference", float(rates.min() / rates.max()), "q11.ratio"),
        ("tpr_difference", _dp_difference(), "q11.tpr_is_dp"),
    ]


# -- the questions, in notebook order --------------------------------------------------------
q1 = SeriesQuestion(
    exercise, "q1",
    answer="repaid_rate",
    solution='repaid_rate = loans.groupby("sex")["repaid"].mean()',
    expected=_repaid_rate,
    mistakes=_q1_mistakes,
    rel_tol=1e-6,
    is_rate=True,
)

q2 = SeriesQuestion(
    exercise, "q2",
    answer="missing_share",
    solution='missing_share = loans["repaid"].isna().groupby(loans["sex"]).mean()',
    expected=_missing_share,
    mistakes=_q2_mistakes,
    rel_tol=1e-6,
    is_rate=True,
)

q3 = SeriesQuestion(
    exercise, "q3",
    answer="accuracy_by_sex",
    solution='''
        correct = test["decision"] == test["approved"]
        accuracy_by_sex = correct.groupby(test["sex"]).mean()
    ''',
    expected=_accuracy_by_sex,
    mistakes=_q3_mistakes,
    rel_tol=1e-6,
    is_rate=True,
)

q4 = SeriesQuestion(
    exercise, "q4",
    answer="selection_rate",
    solution='selection_rate = test.groupby("sex")["decision"].mean()',
    expected=_selection_rate,
    mistakes=_q4_mistakes,
    rel_tol=1e-6,
    is_rate=True,
)

q5 = NumberQuestion(
    exercise, "q5",
    answer="dp_difference",
    solution='dp_difference = selection_rate.max() - selection_rate.min()',
    expected=_dp_difference,
    mistakes=_q5_mistakes,
    rel_tol=1e-6,
    is_rate=True,
)

q6 = NumberQuestion(
    exercise, "q6",
    answer="tpr_difference",
    solution='''
        good_payers = test[test["repaid"] == 1]
        tpr_by_sex = good_payers.groupby("sex")["decision"].mean()
        tpr_difference = tpr_by_sex.max() - tpr_by_sex.min()
    ''',
    expected=_tpr_difference,
    mistakes=_q6_mistakes,
    rel_tol=1e-6,
    is_rate=True,
)

q7 = ValueQuestion(
    exercise, "q7",
    answer="ranking",
    solution='''
        from sklearn.inspection import permutation_importance

        result = permutation_importance(model, test[FEATURES], test["approved"], n_repeats=10, random_state=0)
        importances = pd.Series(result.importances_mean, index=FEATURES)
        ranking = list(importances.sort_values(ascending=False).index)
    ''',
    expected=_ranking,
    mistakes=_q7_mistakes,
)

q8 = ChoiceQuestion(
    exercise, "q8",
    answer="proxy",
    solution='proxy = "b"',
    options=("a", "b", "c", "d"),
    correct="b",
)

q9 = NumberQuestion(
    exercise, "q9",
    answer="unique_share",
    solution='''
        group_size = loans.groupby(["sex", "age", "area"])["application_id"].transform("size")
        unique_share = (group_size == 1).mean()
    ''',
    expected=lambda: _unique_share(QUASI_IDENTIFIERS),
    mistakes=_q9_mistakes,
    rel_tol=1e-6,
    is_rate=True,
)

q10 = ChoiceQuestion(
    exercise, "q10",
    answer="ai_act_tier",
    solution='ai_act_tier = "c"',
    options=("a", "b", "c", "d"),
    correct="c",
)

q11 = ModelCardQuestion(
    exercise, "q11",
    answer="model_card",
    solution='''
        model_card = {
            "model_details": "Logistic regression (scikit-learn) on four features, trained by the vendor on the bank's past decisions; audited in November 2026.",
            "intended_use": "Support, not replace, a credit officer deciding on consumer loans to private persons. Not for other credit products or other countries.",
            "factors": "Sex (F, M), age and area of the applicant; thin credit files of young applicants.",
            "metrics": "Accuracy against past decisions, selection rate per sex, demographic-parity difference, true positive rate gap among applicants who repaid; threshold 0.5.",
            "evaluation_data": "1,000 synthetic applications of load_loans() kept aside (25%), never seen in training.",
            "training_data": "3,000 synthetic applications of load_loans(), labelled with the bank's past approvals, not with repayment.",
            "quantitative_analyses": {
                "accuracy": (test["decision"] == test["approved"]).mean(),
                "selection_rate_women": selection_rate["F"],
                "selection_rate_men": selection_rate["M"],
                "dp_difference": dp_difference,
                "tpr_difference": tpr_difference,
            },
            "ethical_considerations": "Income carries the pay gap, so the model approves fewer women; repayment is unknown for people the bank refused; the data holds quasi-identifiers.",
            "caveats_and_recommendations": "It copies past approvals, not repayment. Do not deploy before retraining on repayment, re-testing per group and adding human review.",
        }
    ''',
    figures=_card_figures,
    swapped=("selection_rate_women", "selection_rate_men"),
    mistakes=_q11_mistakes,
    min_words=MIN_SECTION_WORDS,
)

q12 = ReflectionQuestion(
    exercise, "q12",
    answer="recommendation",
    solution='recommendation = """Not yet. The model copies the bank\'s past rules: it approves about 69% of women '
             'and 80% of men, mainly through income, which carries the pay gap. Repayment is unknown for refused '
             'applicants, so nobody can say whether the refused women would have repaid. Credit scoring is high-risk '
             'under the AI Act, so the bank needs documentation, human oversight and a fundamental rights impact '
             'assessment first. I would ask the vendor to retrain on repayment, test the gaps again per group and '
             'report back in three months."""',
    min_words=20,
)

exercise.publish(globals(), extra=['CARD_FIGURES', 'FEATURES', 'MODEL_CARD_SECTIONS', 'QUASI_IDENTIFIERS'])
