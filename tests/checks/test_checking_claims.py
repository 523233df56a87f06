"""The checking_claims checker: reference solutions pass, the placeholder reads as not
attempted, typical mistakes get a helpful message, and no value at all can make a check
raise."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames

from raicourse import i18n
from raicourse.checks import Outcome, ____, answer_from, evaluate_answers
from raicourse.checks import checking_claims as exercise


@pytest.fixture(autouse=True)
def english_and_no_progress(monkeypatch):
    monkeypatch.setenv("RAICOURSE_PROGRESS_FILE", "")
    monkeypatch.setattr(i18n, "_chosen", "en")


@pytest.fixture(scope="module")
def solved() -> dict:
    """The notebook's variables after its setup and every reference solution."""
    namespace: dict = {}
    exec(exercise.SETUP_CODE, namespace)  # noqa: S102 - the course's own reference code
    for question in exercise.QUESTIONS:
        exec(question.solution_code, namespace)  # noqa: S102
    return namespace


def test_every_reference_solution_passes(solved):
    results = evaluate_answers(exercise, solved)
    assert [r.outcome for r in results] == [Outcome.CORRECT] * len(exercise.QUESTIONS), results


def test_the_figures_agree_with_the_rounded_shares_the_report_prints():
    """The lesson quotes these: 170 M is 14% and 92 M is 8% of the same base of about 1.2 billion jobs."""
    total = (exercise.JOBS_CREATED + exercise.JOBS_DISPLACED) / exercise.CHURN_SHARE
    assert 1150 < total < 1250
    assert round(exercise.JOBS_CREATED / total, 2) == 0.14
    assert round(exercise.JOBS_DISPLACED / total, 2) == 0.08
    assert round((exercise.JOBS_CREATED - exercise.JOBS_DISPLACED) / total, 2) in (0.06, 0.07)


def test_the_notebook_checklist_is_the_checker_checklist(solved):
    assert tuple(solved["CHECKLIST"]) == exercise.CHECKLIST


@pytest.mark.parametrize("question", exercise.QUESTIONS, ids=lambda q: q.name)
def test_placeholder_is_not_attempted(question):
    assert question.evaluate(____).outcome is Outcome.NOT_ATTEMPTED
    assert answer_from(question, {}) is ____


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
            (total / created, "count"),
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
    wrong = _wrong_answers(solved)
    for question in exercise.QUESTIONS:
        cases = wrong[question.name]
        assert len(cases) >= 3, question.name
        for answer, words in cases:
            result = question.evaluate(answer)
            assert result.outcome is Outcome.INCORRECT, (question.name, answer, result)
            assert words in result.message, (question.name, result.message)


def _raises(*args, **kwargs):
    raise RuntimeError("learner bug")


class _Hostile:
    """A value whose every comparison, conversion and repr fails."""

    def __eq__(self, other):
        raise ValueError("no")

    __lt__ = __gt__ = __bool__ = __float__ = __len__ = __iter__ = __eq__

    def __repr__(self):
        raise ValueError("no repr")

    __hash__ = None


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.binary(max_size=10), st.complex_numbers(),
)
_values = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.tuples(children, children),
        st.dictionaries(st.text(max_size=5), children, max_size=4),
    ),
    max_leaves=10,
)
_series = st.lists(st.one_of(st.floats(), st.integers(-10, 10)), max_size=4).map(
    lambda values: pd.Series(values, index=[chr(65 + i) for i in range(len(values))], dtype=object)
)
_frames = data_frames([column("automation", dtype=float), column("x", dtype=int)])
_odd = st.sampled_from([
    _raises, lambda *a: ____, lambda r: r, lambda r: np.nan, lambda r: pd.Series({"A": 1}), _Hostile(),
    np.array([[1, 2], [3, 4]]), pd.DataFrame(), pd.Series(dtype=float), object(), type, print,
    pd.DataFrame({"automation": ["x", "y"], "augmentation": [None, 1]}, index=["nurse", "teacher"]),
    pd.Series({"nurse": "a", "teacher": "b"}), pd.Series([0.4, 0.3], index=["nurse", "nurse"]),
    lambda claim: claim, lambda claim: list(claim), lambda claim: None, {"who": "x"}, "c", "C", "(c)",
])
ANYTHING = st.one_of(_values, _series, _frames, _odd)


@pytest.mark.parametrize("question", exercise.QUESTIONS, ids=lambda q: q.name)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(answer=ANYTHING)
def test_no_answer_makes_a_check_raise(question, answer, capsys):
    result = question.check(answer)
    assert result.outcome in set(Outcome)
    assert isinstance(result.message, str) and result.message
    assert result.outcome is not Outcome.ERROR, result.message
