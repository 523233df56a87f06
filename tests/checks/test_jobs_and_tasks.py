"""The jobs_and_tasks checker: reference solutions pass on the course data, the
placeholder reads as not attempted, typical mistakes get a helpful message, and no
value at all can make a check raise."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames

from raicourse import i18n
from raicourse.checks import Outcome, ____, answer_from, evaluate_answers
from raicourse.checks import jobs_and_tasks as exercise
from raicourse.data import load_tasks


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


def test_every_reference_solution_passes_on_the_course_data(solved):
    results = evaluate_answers(exercise, solved)
    assert [r.outcome for r in results] == [Outcome.CORRECT] * len(exercise.QUESTIONS), results


def test_expected_values_agree_with_a_second_computation():
    """Recompute with plain loops, independently of the checker's pandas code."""
    tasks = load_tasks()
    automation, highly, employment = {}, {}, {}
    for row in tasks.itertuples():
        automation[row.occupation] = automation.get(row.occupation, 0) + row.hours_share * row.automation_exposure
        if row.automation_exposure >= 0.5:
            highly[row.occupation] = highly.get(row.occupation, 0) + row.hours_share
        employment[row.occupation] = row.employment_thousands
    assert exercise.q1.evaluate(pd.Series(automation)).correct
    assert exercise.q4.evaluate(pd.Series({o: highly.get(o, 0.0) for o in employment})).correct
    exposed = sum(e for o, e in employment.items() if highly.get(o, 0) > 0.25)
    assert exercise.q5.evaluate(exposed / sum(employment.values())).correct
    # The lesson quotes these: no occupation is mostly automatable, yet most workers are "exposed".
    assert max(automation.values()) < 0.5
    assert 0.58 < exposed / sum(employment.values()) < 0.6


def test_the_shares_of_each_occupation_add_up_to_one():
    assert np.allclose(load_tasks().groupby("occupation")["hours_share"].sum(), 1)


@pytest.mark.parametrize("question", exercise.QUESTIONS, ids=lambda q: q.name)
def test_placeholder_is_not_attempted(question):
    assert question.evaluate(____).outcome is Outcome.NOT_ATTEMPTED
    assert answer_from(question, {}) is ____


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    tasks = solved["tasks"]
    by_occupation = tasks.groupby("occupation")
    employment = by_occupation["employment_thousands"].first()
    share = solved["share_highly_automatable"]
    return {
        "q1": [
            (by_occupation["automation_exposure"].mean(), "For group accountant: Your answer is too low"),
            (by_occupation["automation_exposure"].sum(), "counts, not rates"),
            (solved["augmentation_by_occupation"], "For group"),
            (tasks.groupby("task_type")["automation_exposure"].mean(), "group"),
        ],
        "q2": [
            (by_occupation["augmentation_exposure"].mean(), "For group"),
            (solved["automation_by_occupation"], "For group"),
            (solved["augmentation_by_occupation"].drop("nurse"), "nurse is missing"),
        ],
        "q3": [
            (lambda a, g: "automation" if a > g else "augmentation", "returned 'augmentation', but 'low exposure' was expected"),
            (lambda a, g: "low exposure" if a <= 0.4 and g <= 0.4 else ("automation" if a > g else "augmentation"),
             "returned 'low exposure'"),
            (lambda a, g: "low exposure" if a < 0.4 and g < 0.4 else ("automation" if a >= g else "augmentation"),
             "input 0.5, 0.5, your function returned 'automation', but 'augmentation' was expected"),
            (lambda a, g: "Automation", "returned"),
            ("automation", "function"),
        ],
        "q4": [
            (tasks[tasks["automation_exposure"] >= 0.5].groupby("occupation")["task"].count(), "counts, not rates"),
            (tasks[tasks["automation_exposure"] > 0.6].groupby("occupation")["hours_share"].sum(), "missing"),
            (share * 100, "counts, not rates"),
            (by_occupation["automation_exposure"].max(), "For group"),
        ],
        "q5": [
            ((share > 0.25).mean(), "too high"),
            (tasks[tasks["occupation"].isin(share[share > 0.25].index)]["employment_thousands"].sum()
             / tasks["employment_thousands"].sum(), "too high"),
            (employment[share > 0.25].sum(), "looks like a count, not a rate"),
            (employment[share >= 0.5].sum() / employment.sum(), "too low"),
        ],
        "q6": [("a", "not the best choice"), ("c", "not the best choice"), ("d", "Choose one of")],
        "q7": [("", "at least"), ("AI will help me.", "at least"), (42, "text")],
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
    lambda a, b: a / b, lambda *a: {"automation"}, "automation", "low exposure",
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
