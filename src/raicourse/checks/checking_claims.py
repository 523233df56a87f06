"""Checks of the exercise notebook ``exercises/checking_claims.ipynb``.

The notebook checks the arithmetic behind the headline figures of the World Economic
Forum's Future of Jobs Report 2025 (170 million jobs created and 92 million displaced
between 2025 and 2030, a churn of 22% of today's jobs), writes a function that lists
what a claim leaves out, and reads the "85% of the jobs of 2030" claim. The figures are
typed into the notebook's setup cell: they are the report's published numbers, not
course data. Hints, option texts and the model answer live in
``raicourse/locales/checks/checking_claims.yaml``.

Usage in the notebook::

    from raicourse.checks.checking_claims import q1, q2, q3, q4, q5, q6, q7, ____
    q1.check(net_change)
"""

from __future__ import annotations

from raicourse.checks._exercise import Exercise
from raicourse.checks._questions import (
    Case,
    ChoiceQuestion,
    FunctionQuestion,
    NumberQuestion,
    ReflectionQuestion,
)


#: The WEF Future of Jobs Report 2025 figures for 2025-2030 (millions of jobs, share of today's jobs).
JOBS_CREATED = 170
JOBS_DISPLACED = 92
CHURN_SHARE = 0.22

#: What the notebook runs before the questions; tests use it to run solutions alone.
SETUP_CODE = (
    f"jobs_created = {JOBS_CREATED}\n"
    f"jobs_displaced = {JOBS_DISPLACED}\n"
    f"churn_share = {CHURN_SHARE}\n"
)

exercise = Exercise(__name__, setup=SETUP_CODE)

#: The five questions of the lesson's method, in order, as dictionary keys.
CHECKLIST = ("who", "what", "when", "how", "compared_to")

_TOTAL_JOBS = (JOBS_CREATED + JOBS_DISPLACED) / CHURN_SHARE


def _missing_pieces(claim: dict) -> list[str]:
    return [piece for piece in CHECKLIST if not str(claim.get(piece) or "").strip()]


def _only_absent_keys(claim: dict) -> list[str]:
    return [piece for piece in CHECKLIST if piece not in claim]


def _only_none(claim: dict) -> list[str]:
    return [piece for piece in CHECKLIST if claim.get(piece) is None]


def _spaces_count_as_text(claim: dict) -> list[str]:
    return [piece for piece in CHECKLIST if not claim.get(piece)]


def _present_pieces(claim: dict) -> list[str]:
    return [piece for piece in CHECKLIST if piece not in _missing_pieces(claim)]


def _sorted_pieces(claim: dict) -> list[str]:
    return sorted(_missing_pieces(claim))


def _count_of_pieces(claim: dict) -> int:
    return len(_missing_pieces(claim))


def _missing_pieces_cases() -> list[Case]:
    complete = {
        "who": "World Economic Forum, survey of more than 1,000 employers",
        "what": "jobs created and displaced",
        "when": "survey in 2024, for 2025-2030",
        "how": "employers' expectations, extrapolated",
        "compared_to": "today's total jobs",
    }
    iftf = {"who": "about 20 experts at an IFTF workshop", "what": "jobs of today's learners in 2030", "when": "March 2017"}
    blanks = {"who": "", "what": "jobs", "when": None, "how": "survey", "compared_to": "today's jobs"}
    spaces = {"who": "   ", "what": "skills", "when": "2025", "how": "survey", "compared_to": ""}
    extra = dict(complete, source_url="", headline="85%")
    reordered = {"compared_to": "all jobs", "how": "model", "when": "2023", "what": "tasks", "who": "ILO"}
    claims = [complete, iftf, {}, blanks, spaces, extra, reordered, {"what": "85% of jobs"}]
    return [Case((claim,), _missing_pieces(claim)) for claim in claims]


q1 = NumberQuestion(
    exercise, "q1",
    answer="net_change",
    solution="net_change = jobs_created - jobs_displaced",
    expected=JOBS_CREATED - JOBS_DISPLACED,
    mistakes=lambda: [
        (JOBS_CREATED + JOBS_DISPLACED, "q1.churn_not_net"),
        (JOBS_CREATED / JOBS_DISPLACED, "q1.ratio"),
        ((JOBS_CREATED - JOBS_DISPLACED) * 1_000_000, "q1.not_millions"),
        ((JOBS_CREATED - JOBS_DISPLACED) / _TOTAL_JOBS, "q1.share"),
    ],
)

q2 = NumberQuestion(
    exercise, "q2",
    answer="churn_jobs",
    solution="churn_jobs = jobs_created + jobs_displaced",
    expected=JOBS_CREATED + JOBS_DISPLACED,
    mistakes=lambda: [
        (JOBS_CREATED - JOBS_DISPLACED, "q2.net_not_churn"),
        (CHURN_SHARE, "q2.share_not_count"),
        ((JOBS_CREATED + JOBS_DISPLACED) * CHURN_SHARE, "q2.times_share"),
        ((JOBS_CREATED + JOBS_DISPLACED) * 1_000_000, "q2.not_millions"),
    ],
)

q3 = NumberQuestion(
    exercise, "q3",
    answer="total_jobs",
    solution="total_jobs = churn_jobs / churn_share",
    expected=_TOTAL_JOBS,
    mistakes=lambda: [
        ((JOBS_CREATED + JOBS_DISPLACED) * CHURN_SHARE, "q3.multiplied"),
        ((JOBS_CREATED + JOBS_DISPLACED) / (CHURN_SHARE * 100), "q3.divided_by_22"),
        ((JOBS_CREATED - JOBS_DISPLACED) / CHURN_SHARE, "q3.net_not_churn"),
        (JOBS_CREATED / CHURN_SHARE, "q3.created_only"),
        (_TOTAL_JOBS * 1_000_000, "q3.not_millions"),
    ],
    rel_tol=0.005,
)

q4 = NumberQuestion(
    exercise, "q4",
    answer="new_share",
    solution="new_share = jobs_created / total_jobs",
    expected=JOBS_CREATED / _TOTAL_JOBS,
    mistakes=lambda: [
        (JOBS_CREATED / (JOBS_CREATED + JOBS_DISPLACED), "q4.share_of_churn"),
        (JOBS_DISPLACED / _TOTAL_JOBS, "q4.displaced"),
        ((JOBS_CREATED - JOBS_DISPLACED) / _TOTAL_JOBS, "q4.net"),
        (CHURN_SHARE, "q4.churn_share"),
        (0.85, "q4.the_claim"),
    ],
    is_rate=True,
    abs_tol=0.002,
)

q5 = FunctionQuestion(
    exercise, "q5",
    answer="missing_pieces",
    solution='''
        CHECKLIST = ["who", "what", "when", "how", "compared_to"]

        def missing_pieces(claim):
            """The pieces of the checklist that the claim leaves out or leaves empty."""
            missing = []
            for piece in CHECKLIST:
                value = claim.get(piece)
                if value is None or str(value).strip() == "":
                    missing.append(piece)
            return missing
    ''',
    cases=_missing_pieces_cases,
    mistakes=lambda: [
        (_only_absent_keys, "q5.empty_text"),
        (_only_none, "q5.empty_text"),
        (_spaces_count_as_text, "q5.spaces"),
        (_present_pieces, "q5.present_not_missing"),
        (_sorted_pieces, "q5.order"),
        (_count_of_pieces, "q5.count"),
    ],
)

q6 = ChoiceQuestion(
    exercise, "q6",
    answer="best_reading",
    solution='best_reading = "c"',
    options=("a", "b", "c", "d"),
    correct="c",
)

q7 = ReflectionQuestion(
    exercise, "q7",
    answer="reflection",
    solution='reflection = """The claim said that AI will replace 40% of office jobs. It did not say who measured it, '
             'which countries, by when, or 40% of what. I would look for the original report before repeating it."""',
    min_words=12,
)

exercise.publish(globals(), extra=['CHECKLIST'])
