"""Checks of the exercise notebook ``exercises/accountability_regulation.ipynb``.

The learner plays the compliance officer of a bank that scores loan applications
(:func:`raicourse.data.load_loans`, default seed). Questions 1, 2 and 7 are about the
law (EU AI Act, GDPR); questions 3 and 4 count days with :mod:`datetime`; questions 5,
6 and 7 measure the course data. Hints, option texts, per-answer feedback and the model
answer live in ``raicourse/locales/checks/accountability_regulation.yaml``.

Legal content, as of 5 December 2026: the tiers follow Regulation (EU) 2024/1689 as
published (Article 5, Annex III, Article 50); the original dates follow its Article 113;
the 2 December 2027 date is the one the Council announced on 29 June 2026 for the
amended regulation (its Official Journal publication could not be confirmed).

Every numeric and table question (q3, q4, q5, q6, and the approval gap of q7) recognises
at least three typical beginner mistakes, each with its own message.

Usage in the notebook::

    from raicourse.checks.accountability_regulation import q1, q2, q3, q4, q5, q6, q7, q8, ____
    q1.check(tiers)
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from raicourse.checks._compare import compare_number, describe_type, format_value
from raicourse.checks._exercise import Exercise
from raicourse._text import fold
from raicourse.checks._questions import (
    close,
    close_series,
    KeyedQuestion,
    ChoiceQuestion,
    NumberQuestion,
    ReflectionQuestion,
    SeriesQuestion,
)
from raicourse.checks._result import Outcome
from raicourse.i18n import catalogue, t


#: What the notebook runs before the questions; tests use it to run solutions alone.
SETUP_CODE = "from datetime import date\nfrom raicourse.data import load_loans\nloans = load_loans()"

exercise = Exercise(__name__, setup=SETUP_CODE)

#: The four tiers, as the learner writes them.
TIERS = ("prohibited", "high", "transparency", "minimal")

#: The systems of question 1 and their tier. Only clear-cut cases are used: each is
#: named in Article 5, Annex III or Article 50 of Regulation (EU) 2024/1689, or is
#: plainly outside all three. The why_<system> messages give the article.
SYSTEMS = {
    "cv_ranking": "high",            # Annex III, point 4(a): filtering job applications
    "credit_scoring": "high",        # Annex III, point 5(b): creditworthiness of people
    "exam_proctoring": "high",       # Annex III, point 3(d): watching students during tests
    "social_scoring": "prohibited",  # Article 5(1)(c)
    "emotion_at_work": "prohibited",  # Article 5(1)(f)
    "face_scraping": "prohibited",   # Article 5(1)(e)
    "website_chatbot": "transparency",  # Article 50(1)
    "deepfake_generator": "transparency",  # Article 50(2) and (4)
    "spam_filter": "minimal",        # none of the above
}

# Other ways of naming a tier that mean the same thing (compared after normalising).
_TIER_SYNONYMS = {
    "prohibited": "prohibited", "banned": "prohibited", "forbidden": "prohibited", "unacceptable": "prohibited",
    "unacceptable risk": "prohibited", "interdit": "prohibited", "inacceptable": "prohibited",
    "high": "high", "high risk": "high", "haut risque": "high", "haut": "high", "eleve": "high",
    "transparency": "transparency", "limited": "transparency", "limited risk": "transparency",
    "transparence": "transparency", "risque limite": "transparency",
    "minimal": "minimal", "minimal risk": "minimal", "minimal or no risk": "minimal", "minimal risque": "minimal",
    "risque minimal": "minimal", "low": "minimal", "none": "minimal", "no risk": "minimal",
}

ENTRY_INTO_FORCE = _dt.date(2024, 8, 1)
HIGH_RISK_ORIGINAL = _dt.date(2026, 8, 2)     # Article 113, as published
HIGH_RISK_AMENDED = _dt.date(2027, 12, 2)     # Council press release, 29 June 2026


def _normalise_tier(value: Any) -> str | None:
    """The tier a text names, or None when it names none (or is not text)."""
    if not isinstance(value, str):
        return None
    text = fold(value).replace("_", " ").replace("-", " ")
    return _TIER_SYNONYMS.get(" ".join(text.split()))


def _message(key: str, **fields: Any) -> str:
    return t(f"checks.{exercise.name}.{key}", **fields)


class _TierQuestion(KeyedQuestion):
    """A dictionary {system: tier}; the message names the first wrong system and why."""

    def __init__(self, exercise: Exercise, name: str, *, answer: str, solution: str, expected: Mapping[str, str]) -> None:
        super().__init__(exercise, name, answer=answer, solution=solution, keys=list(expected),
                         judge_entry=self._names_a_tier, correct_key=f"{exercise.name}.{name}.correct")
        self.expected = dict(expected)

    @staticmethod
    def _names_a_tier(system: str, value: Any, answer: Mapping) -> str | None:
        if _normalise_tier(value) is None:
            return _message("q1.not_a_tier", system=system, got=format_value(value),
                            tiers=", ".join(f'"{name}"' for name in TIERS))
        return None

    def _after_entries(self, answer: Mapping) -> str | None:
        wrong = [system for system, tier in self.expected.items() if _normalise_tier(answer[system]) != tier]
        if wrong:
            return _message("q1.wrong_tier", count=len(wrong), system=wrong[0], reason=_message(f"q1.why_{wrong[0]}"))
        return None


class _FeedbackChoiceQuestion(ChoiceQuestion):
    """A choice whose every wrong option has its own feedback (``<name>.feedback_<letter>``)."""

    def _judge(self, answer: Any) -> tuple[Outcome, str]:
        outcome, message = super()._judge(answer)
        if outcome is Outcome.INCORRECT and isinstance(answer, str):
            letter = answer.strip().strip("()").lower()
            key = f"checks.{self.exercise}.{self.name}.feedback_{letter}"
            if letter in self.options and key in catalogue():
                return outcome, t(key)
        return outcome, message


class _CountQuestion(NumberQuestion):
    """A whole number (of days, of applications): a timedelta or a date given instead of
    a number of days gets its own message. Known slips (another milestone's date, an
    off-by-one count, a share instead of a count) are the question's ``mistakes``."""

    def _compare_to(self, answer: Any, expected: Any) -> str | None:
        if isinstance(answer, _dt.timedelta | pd.Timedelta | np.timedelta64):
            return _message("days.timedelta")
        if isinstance(answer, _dt.date | pd.Timestamp):
            return _message("days.a_date")
        return super()._compare_to(answer, expected)


def _gap_mistakes() -> list[tuple[float, str]]:
    """Typical wrong approval gaps of question 7: (wrong value, message key)."""
    rates = _approval_rates()
    counts = _loans().groupby("sex")["approved"].sum()
    overall = float(_loans()["approved"].mean())
    return [
        (float(rates.max() / rates.min()), "q7.gap_ratio"),
        (float(rates.min() / rates.max()), "q7.gap_ratio"),
        (float(rates.max()), "q7.gap_one_rate"),
        (float(rates.min()), "q7.gap_one_rate"),
        (float(counts.max() - counts.min()), "q7.gap_counts"),
        (float(rates.max()) - overall, "q7.gap_from_overall"),
        (overall - float(rates.min()), "q7.gap_from_overall"),
    ]


def _checklist_entry(approval_gap: Any):
    """Judge one entry of the impact-assessment checklist, explaining the rule behind it."""

    def judge(key: str, value: Any, answer: Mapping) -> str | None:
        if key == "ai_act_tier":
            return None if _normalise_tier(value) == "high" else _message("q7.wrong_ai_act_tier", got=format_value(value))
        if key in ("fria_required", "dpia_required"):
            if not isinstance(value, bool | np.bool_):
                return t("checks.dict.wrong_value", name=format_value(key),
                         detail=t("checks.type.expected_bool", got_type=describe_type(value)))
            return None if bool(value) else _message(f"q7.wrong_{key}")
        gap = approval_gap() if callable(approval_gap) else approval_gap
        detail = compare_number(value, float(gap), is_rate=True)
        if detail is None:
            return None
        if isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool | np.bool_) \
                and math.isclose(float(value), -float(gap), rel_tol=1e-6):
            return _message("q7.gap_negative")
        for wrong, key in _gap_mistakes():
            if close(value, wrong, rel_tol=1e-3):
                return _message(key)
        return _message("q7.wrong_approval_gap", detail=detail)

    return judge


def _loans() -> pd.DataFrame:
    return exercise.setup()["loans"]


def _approval_rates() -> pd.Series:
    return _loans().groupby("sex")["approved"].mean()


def _approval_gap() -> float:
    rates = _approval_rates()
    return float(rates.max() - rates.min())


def _refused_count() -> int:
    return int((_loans()["approved"] == 0).sum())


q1 = _TierQuestion(
    exercise, "q1",
    answer="tiers",
    solution='''
        tiers = {
            "cv_ranking": "high",
            "credit_scoring": "high",
            "exam_proctoring": "high",
            "social_scoring": "prohibited",
            "emotion_at_work": "prohibited",
            "face_scraping": "prohibited",
            "website_chatbot": "transparency",
            "deepfake_generator": "transparency",
            "spam_filter": "minimal",
        }
    ''',
    expected=SYSTEMS,
)

q2 = _FeedbackChoiceQuestion(
    exercise, "q2",
    answer="safeguard",
    solution='safeguard = "b"',
    options=("a", "b", "c", "d"),
    correct="b",
)

q3 = _CountQuestion(
    exercise, "q3",
    answer="days_to_high_risk",
    solution="days_to_high_risk = (date(2026, 8, 2) - date(2024, 8, 1)).days",
    expected=(HIGH_RISK_ORIGINAL - ENTRY_INTO_FORCE).days,
    mistakes=lambda: [
        ((_dt.date(2026, 8, 1) - ENTRY_INTO_FORCE).days, "q3.off_by_one"),
        ((_dt.date(2025, 2, 2) - ENTRY_INTO_FORCE).days, "q3.bans_date"),
        ((_dt.date(2027, 8, 2) - ENTRY_INTO_FORCE).days, "q3.products_date"),
        ((HIGH_RISK_AMENDED - ENTRY_INTO_FORCE).days, "q3.amended_date"),
        (24, "q3.months"),
        (2, "q3.years"),
    ],
)

q4 = _CountQuestion(
    exercise, "q4",
    answer="delay_days",
    solution="delay_days = (date(2027, 12, 2) - date(2026, 8, 2)).days",
    expected=(HIGH_RISK_AMENDED - HIGH_RISK_ORIGINAL).days,
    mistakes=lambda: [
        ((HIGH_RISK_AMENDED - _dt.date(2026, 8, 1)).days, "q4.from_entry_day"),
        ((HIGH_RISK_AMENDED - ENTRY_INTO_FORCE).days, "q4.from_entry_into_force"),
        ((_dt.date(2028, 8, 2) - _dt.date(2027, 8, 2)).days, "q4.products_delay"),
        (16, "q4.months"),
    ],
)

q5 = SeriesQuestion(
    exercise, "q5",
    answer="approval_rates",
    solution='approval_rates = loans.groupby("sex")["approved"].mean()',
    expected=_approval_rates,
    is_rate=True,
    mistakes=lambda: [
        (lambda answer: close_series(answer, 1 - _approval_rates()), "q5.refusal_rates"),
        (lambda answer: close_series(answer, _loans().groupby("sex")["approved"].sum() / len(_loans())),
         "q5.divided_by_all"),
        (lambda answer: close_series(answer, _loans().loc[_loans()["approved"] == 1, "sex"].value_counts(normalize=True)),
         "q5.share_of_approved"),
        (lambda answer: not isinstance(answer, bool) and close(answer, float(_loans()["approved"].mean())), "q5.one_rate"),
    ],
)

q6 = _CountQuestion(
    exercise, "q6",
    answer="refused_count",
    solution='refused_count = int((loans["approved"] == 0).sum())',
    expected=_refused_count,
    mistakes=lambda: [
        (float(_loans()["approved"].sum()), "q6.approved_not_refused"),
        (float((_loans()["approved"] == 0).mean()), "q6.share_not_count"),
        (float(len(_loans())), "q6.all_applications"),
        (lambda answer: any(close(answer, float(count), rel_tol=1e-9)
                            for count in (_loans()["approved"] == 0).groupby(_loans()["sex"]).sum()), "q6.one_sex"),
    ],
)

q7 = KeyedQuestion(
    exercise, "q7",
    answer="checklist",
    solution='''
        checklist = {
            "ai_act_tier": "high",        # Annex III, point 5(b): creditworthiness
            "fria_required": True,        # AI Act Article 27(1): deployers of Annex III point 5(b) systems
            "dpia_required": True,        # GDPR Article 35(3)(a): automated evaluation with significant effects
            "approval_gap": approval_rates.max() - approval_rates.min(),
        }
    ''',
    keys=("ai_act_tier", "fria_required", "dpia_required", "approval_gap"),
    judge_entry=_checklist_entry(_approval_gap),
    correct_key="accountability_regulation.q7.correct",
)

q8 = ReflectionQuestion(
    exercise, "q8",
    answer="reflection",
    solution='reflection = """The bank is the deployer and must answer to the applicant; the provider answers '
             'for the model. Before going live I would run the FRIA and the DPIA, train the staff who review '
             'refusals and give them the power to overturn them, and tell applicants how to contest."""',
    min_words=8,
)

exercise.publish(globals(), extra=['SYSTEMS', 'TIERS'])
