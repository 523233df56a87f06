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
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from raicourse.checks._compare import compare_dict, compare_number, compare_series, describe_type
from raicourse.checks._questions import (
    ChoiceQuestion,
    NumberQuestion,
    Question,
    ReflectionQuestion,
    SeriesQuestion,
    ValueQuestion,
)
from raicourse.checks._result import PLACEHOLDER as ____  # noqa: N811 - the notebook's placeholder
from raicourse.checks._result import Outcome
from raicourse.i18n import t

__all__ = ["FEATURES", "QUESTIONS", "SETUP_CODE", "____", "q1", "q2", "q3", "q4", "q5", "q6", "q7"]

EXERCISE = "transparency"
#: The model's features, in the order of its coefficients.
FEATURES = ["income_k", "loan_k", "credit_history_years", "age"]
#: The applicant of question 2 (the lesson's Léa).
APPLICANT_ID = 2729
#: The loan amount (thousand euros) of question 4's partial dependence.
PD_LOAN_K = 30
#: The sections of a model card, as Mitchell et al. (2019) list them.
MODEL_CARD_SECTIONS = (
    "model_details",
    "intended_use",
    "factors",
    "metrics",
    "evaluation_data",
    "training_data",
    "quantitative_analyses",
    "ethical_considerations",
    "caveats_and_recommendations",
)
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


@lru_cache(maxsize=1)
def _setup() -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(SETUP_CODE, namespace)  # noqa: S102 - the course's own setup code
    return namespace


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


def _close(answer: Any, value: float, rel_tol: float = 1e-3) -> bool:
    return compare_number(answer, value, rel_tol=rel_tol) is None


def _close_series(answer: Any, expected: pd.Series) -> bool:
    return isinstance(answer, pd.Series) and compare_series(answer, expected, rel_tol=1e-3) is None


class ModelCardQuestion(Question):
    """A model card as a dictionary: every section present and written, the figures right."""

    def __init__(self, exercise: str, name: str, *, answer: str, solution: str,
                 figures: Callable[[], Mapping[str, float]]) -> None:
        super().__init__(exercise, name, answer=answer, solution=solution)
        self._figures = figures

    def _judge(self, answer: Any) -> tuple[Outcome, str]:
        if not isinstance(answer, Mapping):
            return Outcome.INCORRECT, t("checks.type.expected_dict", got_type=describe_type(answer))
        for section in MODEL_CARD_SECTIONS:
            if section not in answer:
                return Outcome.INCORRECT, t(f"checks.{EXERCISE}.q6.missing_section", name=section)
        for section in MODEL_CARD_SECTIONS:
            if section == "quantitative_analyses":
                continue
            text = answer[section]
            if not isinstance(text, str) or len(text.split()) < 3:
                return Outcome.INCORRECT, t(f"checks.{EXERCISE}.q6.empty_section", name=section)
        figures = answer["quantitative_analyses"]
        if isinstance(figures, Mapping) and _close(figures.get("approval_rate_women"), self._figures()["approval_rate_men"]) \
                and _close(figures.get("approval_rate_men"), self._figures()["approval_rate_women"]):
            return Outcome.INCORRECT, t(f"checks.{EXERCISE}.q6.swapped")
        message = compare_dict(figures, dict(self._figures()), rel_tol=1e-3, is_rate=True)
        if message:
            return Outcome.INCORRECT, t(f"checks.{EXERCISE}.q6.wrong_figures", detail=message)
        return Outcome.CORRECT, t(f"checks.{EXERCISE}.q6.correct")


def _q1_mistakes() -> list[tuple[Callable[[Any], bool], str]]:
    return [
        (lambda a: _close_series(a, _coefficients()), "q1.coefficients"),
        (lambda a: _close_series(a, np.exp(-_coefficients())), "q1.inverted"),
        (lambda a: _close_series(a, np.exp(_coefficients()) - 1), "q1.minus_one"),
    ]


def _q2_mistakes() -> list[tuple[Callable[[Any], bool], str]]:
    return [
        (lambda a: _close(a, _applicant_points()), "q2.points"),
        (lambda a: _close(a, 1 - _applicant_score()), "q2.refusal"),
        (lambda a: _close(a, math.exp(_applicant_points())), "q2.odds"),
        (lambda a: not isinstance(a, bool) and _close(a, 0.0, rel_tol=0), "q2.decision"),
    ]


def _q3_mistakes() -> list[tuple[Callable[[Any], bool], str]]:
    return [
        (lambda a: list(a) == _coefficient_ranking() and _coefficient_ranking() != _ranking(), "q3.coefficients"),
        (lambda a: list(a) == _ranking()[::-1], "q3.reversed"),
    ]


def _q4_mistakes() -> list[tuple[Callable[[Any], bool], str]]:
    test = _test()
    near = test[(test["loan_k"] - PD_LOAN_K).abs() < 3]
    return [
        (lambda a: _close(a, float(near["approved"].mean()), rel_tol=1e-6), "q4.conditional"),
        (lambda a: _close(a, float(test["approved"].mean()), rel_tol=1e-6), "q4.observed"),
        (lambda a: _close(a, float(_model().predict_proba(test[FEATURES])[:, 1].mean()), rel_tol=1e-6), "q4.unchanged"),
        (lambda a: _close(a, 1 - _partial_dependence()), "q4.refusal"),
    ]


q1 = SeriesQuestion(
    EXERCISE, "q1",
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
    EXERCISE, "q2",
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
    EXERCISE, "q3",
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
    EXERCISE, "q4",
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
    EXERCISE, "q5",
    answer="best_reading",
    solution='best_reading = "b"',
    options=("a", "b", "c"),
    correct="b",
)

q6 = ModelCardQuestion(
    EXERCISE, "q6",
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
)

q7 = ReflectionQuestion(
    EXERCISE, "q7",
    answer="reflection",
    solution='reflection = """Léa would want to know which features counted against her and what she could change. '
             'The coefficients answer that exactly, but they copy the bank\'s past rules, so I would also tell her '
             'that credit history length is rewarded although it does not predict repayment here."""',
    min_words=8,
)

#: The questions in notebook order (the grader reports them in this order).
QUESTIONS = [q1, q2, q3, q4, q5, q6, q7]
