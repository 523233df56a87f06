"""The fairness_metrics checker: reference solutions pass on the course data, the
placeholder reads as not attempted, typical mistakes get a helpful message, and no
value at all can make a check raise."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from fairlearn.metrics import MetricFrame, selection_rate, true_positive_rate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames

from raicourse import i18n
from raicourse.checks import Outcome, ____, answer_from, evaluate_answers
from raicourse.checks import fairness_metrics as exercise
from raicourse.data import load_hiring


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


def test_expected_values_agree_with_fairlearn():
    hiring = load_hiring()
    frame = MetricFrame(
        metrics={"selection_rate": selection_rate, "true_positive_rate": true_positive_rate},
        y_true=hiring["qualified"], y_pred=hiring["selected"], sensitive_features=hiring["group"],
    )
    assert exercise.q1.evaluate(frame.by_group["selection_rate"]).correct
    assert exercise.q5.evaluate(frame.by_group["true_positive_rate"]).correct
    assert exercise.q2.evaluate(frame.difference()["selection_rate"]).correct
    assert exercise.q3.evaluate(frame.ratio()["selection_rate"]).correct


@pytest.mark.parametrize("question", exercise.QUESTIONS, ids=lambda q: q.name)
def test_placeholder_is_not_attempted(question):
    assert question.evaluate(____).outcome is Outcome.NOT_ATTEMPTED
    assert answer_from(question, {}) is ____


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    hiring, rates, tpr = solved["hiring"], solved["selection_rates"], solved["tpr_by_group"]
    return {
        "q1": [
            (hiring.groupby("group")["selected"].sum(), "counts, not rates"),
            (hiring.groupby("postcode")["selected"].mean(), "group"),
            (hiring.groupby("group")[["selected"]].mean().assign(other=1), "DataFrame"),
            (hiring.groupby("group")["qualified"].mean(), "For group"),
        ],
        "q2": [
            (rates.min() - rates.max(), "wrong sign"),
            ((rates.max() - rates.min()) * 100, "percentage"),
            (rates, "single number"),
        ],
        "q3": [
            (rates.max() / rates.min(), "upside down"),
            (rates.max() - rates.min(), "too low"),
            ("0.7", "single number"),
        ],
        "q4": [
            (lambda r: r.min() / r.max() > 0.8, "returned False, but True was expected"),
            (lambda r: r.iloc[1] / r.iloc[0] >= 0.8, "returned"),
            (lambda r: r.min() / r.max(), "returned 0.9"),
            (lambda r: r["C"], "KeyError"),
            (True, "function"),
        ],
        "q5": [
            (rates, "For group"),
            (hiring[hiring["qualified"] == 1].groupby("group")["selected"].sum(), "counts"),
            (tpr.drop("B"), "group B is missing"),
        ],
        "q6": [
            (solved["frame"].by_group.rename(columns={"selection_rate": "rate"}), "column selection_rate is missing"),
            (solved["frame"].by_group[["selection_rate"]], "column true_positive_rate is missing"),
            (solved["frame"].overall, "DataFrame"),
            (solved["frame"].by_group.assign(true_positive_rate=rates), "In column true_positive_rate"),
        ],
        "q7": [("a", "not the best choice"), ("b", "not the best choice"), ("d", "Choose one of")],
        "q8": [("", "at least"), ("It is biased.", "at least"), (42, "text")],
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
_frames = data_frames([column("selection_rate", dtype=float), column("x", dtype=int)])
_odd = st.sampled_from([
    _raises, lambda *a: ____, lambda r: r, lambda r: np.nan, lambda r: pd.Series({"A": 1}), _Hostile(),
    np.array([[1, 2], [3, 4]]), pd.DataFrame(), pd.Series(dtype=float), object(), type, print,
    pd.DataFrame({"selection_rate": ["x", "y"], "true_positive_rate": [None, 1]}, index=["A", "B"]),
    pd.Series({"A": "a", "B": "b"}), pd.Series([0.4, 0.3], index=["A", "A"]),
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
