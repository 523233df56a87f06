"""The checking_claims checker: the figures agree with the report's rounded shares and typical
mistakes get a helpful message.

What every checker must do is tested for all of them in test_every_checker.py."""

from __future__ import annotations

import pytest

from raicourse.checks import checking_claims as exercise

from checkers import assert_wrong_answers_fail, solved_namespace


@pytest.fixture(scope="module")
def solved() -> dict:
    """The notebook's variables after its setup and every reference solution."""
    return solved_namespace(exercise)


def test_the_figures_agree_with_the_rounded_shares_the_report_prints():
    """The lesson quotes these: 170 M is 14% and 92 M is 8% of the same base of about 1.2 billion jobs."""
    total = (exercise.JOBS_CREATED + exercise.JOBS_DISPLACED) / exercise.CHURN_SHARE
    assert 1150 < total < 1250
    assert round(exercise.JOBS_CREATED / total, 2) == 0.14
    assert round(exercise.JOBS_DISPLACED / total, 2) == 0.08
    assert round((exercise.JOBS_CREATED - exercise.JOBS_DISPLACED) / total, 2) in (0.06, 0.07)


def test_the_notebook_checklist_is_the_checker_checklist(solved):
    assert tuple(solved["CHECKLIST"]) == exercise.CHECKLIST


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    created, displaced, churn = solved["jobs_created"], solved["jobs_displaced"], solved["churn_share"]
    total = solved["total_jobs"]
    checklist = exercise.CHECKLIST
    return {
        "q1": [
            (displaced - created, "sign"),
            (created + displaced, "too high"),
            (created / displaced, "too low"),
            ("78 million", "number"),
        ],
        "q2": [
            (created - displaced, "too low"),
            (created + displaced + (created - displaced), "too high"),
            ((created + displaced) / 1000, "too low"),
        ],
        "q3": [
            ((created + displaced) * churn, "too low"),
            ((created - displaced) / churn, "too low"),
            ((created + displaced) / 22, "too low"),
            (created / 0.14 + 100, "too high"),
        ],
        "q4": [
            (created / total * 100, "percentage"),
            (0.85, "too high"),
            (created / (total + created), "too low"),
            (total / created, "upside down"),
        ],
        "q5": [
            (lambda claim: [p for p in checklist if p not in claim], "returned [], but ['who', 'when'] was expected"),
            (lambda claim: [p for p in checklist if not claim.get(p)], "returned ['compared_to'], but ['who', 'compared_to'] was expected"),
            (lambda claim: [p for p in claim if p not in checklist], "returned"),
            (lambda claim: len([p for p in checklist if not str(claim.get(p) or "").strip()]), "returned 0"),
            (lambda claim: sorted(p for p in checklist if not str(claim.get(p) or "").strip()),
             "returned ['compared_to', 'how'], but ['how', 'compared_to'] was expected"),
        ],
        "q6": [("a", "not the best choice"), ("b", "not the best choice"), ("d", "not the best choice"), ("e", "Choose one of")],
        "q7": [("", "at least"), ("It is false.", "at least"), (["who", "what"], "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))
