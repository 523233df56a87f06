"""Checks of the exercise notebook ``exercises/transparency.ipynb``.

The notebook works on :func:`raicourse.data.load_loans` (default seed): a logistic
regression learns the bank's past approvals from four features, and the learner reads it
(odds ratios, one score by hand), explains it after the fact (permutation importance,
partial dependence) and writes its model card. Hints, option texts, the model answer and
the messages for typical mistakes live in ``raicourse/locales/checks/transparency.yaml``.

Usage in the notebook::

    from raicourse.checks.transparency import q1, q2, q3, q4, q5, q6, q7, ____
    q1.check(odds_ratios)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy as np
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
#: The applicant of question 2 (the lesson's Léa).
APPLICANT_ID = 2729
#: The loan amount (thousand euros) of question 4's partial dependence.
PD_LOAN_K = 30
#: The figures the model card's quantitative analyses must hold.
CARD_FIGURES = ("accuracy", "approval_rate_women", "approval_rate_men")

#: What the notebook runs before the questions; tests use it to run solutions alone.
SETUP_CODE = '''
from raicourse.data import load_loans
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

loans = load_loans()
loans["income_k"] = loans["income"] / 1000
loans["loan_k"] = loans["loan_amount"] / 1000
FEATURES = ["income_k", "loan_k", "credit_history_years", "age"]
train, test = train_test_split(loans, test_size=0.25, random_state=0, stratify=loans["approved"])
model = LogisticRegression(max_iter=1000).fit(train[FEATURES], train["approved"])
'''

exercise = Exercise(__name__, setup=SETUP_CODE)


def _setup() -> dict[str, Any]:
    return exercise.setup()


def _model():
    return _setup()["model"]


def _test() -> pd.DataFrame:
    return _setup()["test"]


def _coefficients() -> pd.Series:
    return pd.Series(_model().coef_[0], index=FEATURES)


def _odds_ratios() -> pd.Series:
    return np.exp(_coefficients())


def _applicant() -> pd.DataFrame:
    loans = _setup()["loans"]
    return loans.loc[loans["application_id"] == APPLICANT_ID, FEATURES]


def _applicant_points() -> float:
    return float(_model().intercept_[0] + (_coefficients() * _applicant().iloc[0]).sum())


def _score_without_intercept() -> float:
    return 1 / (1 + math.exp(-float((_coefficients() * _applicant().iloc[0]).sum())))


def _applicant_score() -> float:
    return float(_model().predict_proba(_applicant())[0, 1])


@lru_cache(maxsize=1)
def _importances() -> pd.Series:
    from sklearn.inspection import permutation_importance

    result = permutation_importance(_model(), _test()[FEATURES], _test()["approved"], n_repeats=10, random_state=0)
    return pd.Series(result.importances_mean, index=FEATURES)


def _ranking() -> list[str]:
    return list(_importances().sort_values(ascending=False).index)


def _coefficient_ranking() -> list[str]:
    return list(_coefficients().abs().sort_values(ascending=False).index)


def _partial_dependence() -> float:
    everyone = _test()[FEATURES].assign(loan_k=PD_LOAN_K)
    return float(_model().predict_proba(everyone)[:, 1].mean())


def _card_figures() -> dict[str, float]:
    test = _test()
    decisions = pd.Series(_model().predict(test[FEATURES]), index=test.index)
    rates = decisions.groupby(test["sex"]).mean()
    return {
        "accuracy": float(_model().score(test[FEATURES], test["approved"])),
        "approval_rate_women": float(rates["F"]),
        "approval_rate_men": float(rates["M"]),
    }


def _q6_mistakes() -> list[tuple[str, float, str]]:
    """Typical wrong figures of the model card: the bank's rates, the training set, all rows, refusals."""
    setup, test = _setup(), _test()
    model, train, loans = setup["model"], setup["train"], setup["loans"]
    bank = test.groupby("sex")["approved"].mean()
    everyone = pd.Series(model.predict(loans[FEATURES]), index=loans.index).groupby(loans["sex"]).mean()
    figures = _card_figures()
    mistakes: list[tuple[str, float, str]] = [
        ("accuracy", float(model.score(train[FEATURES], train["approved"])), "q6.training_accuracy"),
        ("accuracy", float(model.score(loans[FEATURES], loans["approved"])), "q6.all_rows"),
        ("accuracy", float(model.predict(test[FEATURES]).mean()), "q6.approval_not_accuracy"),
    ]
    for figure, sex in (("approval_rate_women", "F"), ("approval_rate_men", "M")):
        mistakes += [
            (figure, float(bank[sex]), "q6.bank_rates"),
            (figure, float(everyone[sex]), "q6.all_rows"),
            (figure, 1 - figures[figure], "q6.refusal_rate"),
        ]
    return mistakes


def _q1_mistakes() -> list[tuple[Callable[[Any], bool], str]]:
    return [
        (lambda a: close_series(a, _coefficients()), "q1.coefficients"),
        (lambda a: close_series(a, np.exp(-_coefficients())), "q1.inverted"),
        (lambda a: close_series(a, np.exp(_coefficients()) - 1), "q1.minus_one"),
        (lambda a: close_series(a, 1 / (1 + np.exp(-_coefficients()))), "q1.logistic"),
    ]


def _q2_mistakes() -> list[tuple[Callable[[Any], bool], str]]:
    return [
        (lambda a: close(a, _applicant_points()), "q2.points"),
        (lambda a: close(a, 1 - _applicant_score()), "q2.refusal"),
        (lambda a: close(a, math.exp(_applicant_points())), "q2.odds"),
        (lambda a: not isinstance(a, bool) and close(a, 0.0, rel_tol=0), "q2.decision"),
        (lambda a: close(a, _score_without_intercept()), "q2.no_intercept"),
    ]


def _signed_ranking() -> list[str]:
    """The features from the largest coefficient to the smallest, sign kept (the odds ratios' order)."""
    return list(_coefficients().sort_values(ascending=False).index)


def _gave_the_values(answer: Any) -> bool:
    """The importances themselves (numbers, sorted or not), instead of the feature names."""
    values = sorted(float(value) for value in answer)
    return len(values) == len(FEATURES) and all(
        close(value, expected) for value, expected in zip(values, sorted(_importances()))
    )


def _gave_the_sorted_table(answer: Any) -> bool:
    """The importances sorted from largest to smallest, names and values together."""
    return isinstance(answer, pd.Series) and list(answer.index) == _ranking()


def _q3_mistakes() -> list[tuple[Callable[[Any], bool], str]]:
    return [
        (_gave_the_sorted_table, "q3.sorted_values"),
        (lambda a: list(a) == _coefficient_ranking() and _coefficient_ranking() != _ranking(), "q3.coefficients"),
        (lambda a: list(a) == _signed_ranking() and _signed_ranking() != _ranking(), "q3.signed"),
        (lambda a: list(a) == _ranking()[::-1], "q3.reversed"),
        (_gave_the_values, "q3.numbers"),
    ]


def _q4_mistakes() -> list[tuple[Callable[[Any], bool], str]]:
    test = _test()
    train = _setup()["train"]
    near = [test[(test["loan_k"] - PD_LOAN_K).abs() < width]["approved"].mean() for width in (2.5, 3)]
    return [
        (lambda a: any(close(a, float(rate), rel_tol=1e-6) for rate in near), "q4.conditional"),
        (lambda a: close(a, float(test["approved"].mean()), rel_tol=1e-6), "q4.observed"),
        (lambda a: close(a, float(_model().predict_proba(test[FEATURES])[:, 1].mean()), rel_tol=1e-6), "q4.unchanged"),
        (lambda a: close(a, 1 - _partial_dependence()), "q4.refusal"),
        (lambda a: close(a, float(_model().predict_proba(train[FEATURES].assign(loan_k=PD_LOAN_K))[:, 1].mean())),
         "q4.training_set"),
    ]


q1 = SeriesQuestion(
    exercise, "q1",
    answer="odds_ratios",
    solution='''
        import numpy as np
        import pandas as pd

        coefficients = pd.Series(model.coef_[0], index=FEATURES)
        odds_ratios = np.exp(coefficients)
    ''',
    expected=_odds_ratios,
    mistakes=_q1_mistakes,
    rel_tol=1e-3,
)

q2 = NumberQuestion(
    exercise, "q2",
    answer="score_by_hand",
    solution=f'''
        import math

        applicant = loans.loc[loans["application_id"] == {APPLICANT_ID}, FEATURES].iloc[0]
        points = model.intercept_[0] + (model.coef_[0] * applicant).sum()
        score_by_hand = 1 / (1 + math.exp(-points))
    ''',
    expected=_applicant_score,
    mistakes=_q2_mistakes,
    rel_tol=1e-4,
)

q3 = ValueQuestion(
    exercise, "q3",
    answer="ranking",
    solution='''
        from sklearn.inspection import permutation_importance

        result = permutation_importance(model, test[FEATURES], test["approved"], n_repeats=10, random_state=0)
        importances = pd.Series(result.importances_mean, index=FEATURES)
        ranking = list(importances.sort_values(ascending=False).index)
    ''',
    expected=_ranking,
    mistakes=_q3_mistakes,
)

q4 = NumberQuestion(
    exercise, "q4",
    answer="pd_loan_30",
    solution=f'''
        everyone_at_30 = test[FEATURES].assign(loan_k={PD_LOAN_K})
        pd_loan_30 = model.predict_proba(everyone_at_30)[:, 1].mean()
    ''',
    expected=_partial_dependence,
    mistakes=_q4_mistakes,
    rel_tol=1e-3,
    is_rate=True,
)

q5 = ChoiceQuestion(
    exercise, "q5",
    answer="best_reading",
    solution='best_reading = "b"',
    options=("a", "b", "c"),
    correct="b",
)

q6 = ModelCardQuestion(
    exercise, "q6",
    answer="model_card",
    solution='''
        predicted = pd.Series(model.predict(test[FEATURES]), index=test.index)
        rates = predicted.groupby(test["sex"]).mean()
        model_card = {
            "model_details": "Logistic regression (scikit-learn), four features, trained by the course team in November 2026.",
            "intended_use": "Teaching only: to study how a bank's past credit rules decide. Not for real loan decisions.",
            "factors": "Sex (F, M) and age of the applicant.",
            "metrics": "Accuracy against the bank's past decisions, approval rate per sex, threshold 0.5.",
            "evaluation_data": "1,000 applications of load_loans() kept aside (25%), never seen in training.",
            "training_data": "3,000 synthetic applications of load_loans(), labelled with the bank's past approvals.",
            "quantitative_analyses": {
                "accuracy": model.score(test[FEATURES], test["approved"]),
                "approval_rate_women": rates["F"],
                "approval_rate_men": rates["M"],
            },
            "ethical_considerations": "Income carries a pay gap between women and men; credit history length favours older applicants.",
            "caveats_and_recommendations": "It copies past approvals, not repayment. Check the rates per group again before any use.",
        }
    ''',
    figures=_card_figures,
    swapped=("approval_rate_women", "approval_rate_men"),
    mistakes=_q6_mistakes,
)

q7 = ReflectionQuestion(
    exercise, "q7",
    answer="reflection",
    solution='reflection = """Léa would want to know which features counted against her and what she could change. '
             'The coefficients answer that exactly, but they copy the bank\'s past rules, so I would also tell her '
             'that credit history length is rewarded although it does not predict repayment here."""',
    min_words=8,
)

exercise.publish(globals(), extra=['FEATURES'])
