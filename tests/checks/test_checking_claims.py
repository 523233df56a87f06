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
            (created + displaced, "You added the two numbers"),
            (created / displaced, "You divided the jobs created by the jobs displaced"),
            ("78 million", "number"),
        ],
        "q2": [
            (created - displaced, "You subtracted"),
            (created + displaced + (created - displaced), "too high"),
            ((created + displaced) / 1000, "too low"),
        ],
        "q3": [
            ((created + displaced) * churn, "You multiplied the churn by 0.22"),
            ((created - displaced) / churn, "You divided the net change"),
            ((created + displaced) / 22, "You divided by 22"),
            (created / 0.14 + 100, "too high"),
        ],
        "q4": [
            (created / total * 100, "percentage"),
            (0.85, "0.85 is the claim that the lesson checks"),
            (created / (total + created), "too low"),
            (total / created, "upside down"),
        ],
        "q5": [
            (lambda claim: [p for p in checklist if p not in claim], "whose value is empty text"),
            (lambda claim: [p for p in checklist if not claim.get(p)], "text made only of spaces"),
            (lambda claim: [p for p in claim if p not in checklist], "returned"),
            (lambda claim: len([p for p in checklist if not str(claim.get(p) or "").strip()]), "how many pieces are missing"),
            (lambda claim: sorted(p for p in checklist if not str(claim.get(p) or "").strip()),
             "in alphabetical order"),
        ],
        "q6": [("a", "not the best choice"), ("b", "not the best choice"), ("d", "not the best choice"), ("e", "Choose one of")],
        "q7": [("", "at least"), ("It is false.", "at least"), (["who", "what"], "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))


def test_every_numeric_and_function_question_has_three_targeted_mistakes():
    """Targeted = the question's own ``mistakes``, each with its own message in both languages."""
    for question in (exercise.q1, exercise.q2, exercise.q3, exercise.q4, exercise.q5):
        assert len(question.mistakes) >= 3, question.name
