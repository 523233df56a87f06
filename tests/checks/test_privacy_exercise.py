"""The privacy exercise checker (named test_privacy_exercise.py, not test_privacy.py, because
tests/explore/test_privacy.py already owns that module name): reference solutions pass on the course data, the placeholder
reads as not attempted, typical mistakes get a helpful message, and no value at all can
make a check raise."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames

from raicourse import i18n
from raicourse.checks import Outcome, ____, answer_from, evaluate_answers
from raicourse.checks import privacy as exercise
from raicourse.data import load_town
from raicourse.explore import laplace_mechanism, laplace_scale


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


def test_the_numbers_the_lesson_quotes():
    """The lesson and the notebook quote these values of the course town: keep them in sync."""
    town = load_town()
    assert len(town) == 3000
    assert round(exercise.q1.expected, 3) == 0.988
    assert exercise.q2.expected == 1
    assert exercise.q4.expected == 12
    assert (town["diagnosis"] == "HIV").sum() == 67
    assert exercise.q5.expected == 2


def test_noisy_count_agrees_with_the_course_laplace_mechanism():
    true_count = int((load_town()["diagnosis"] == "HIV").sum())
    assert laplace_scale(1, exercise.EPSILON) == exercise.q5.expected
    published = laplace_mechanism(true_count, exercise.EPSILON, seed=exercise.NOISE_SEED)
    assert exercise.q6.evaluate(float(published)).correct


@pytest.mark.parametrize("question", exercise.QUESTIONS, ids=lambda q: q.name)
def test_placeholder_is_not_attempted(question):
    assert question.evaluate(____).outcome is Outcome.NOT_ATTEMPTED
    assert answer_from(question, {}) is ____


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    town, sizes = solved["town"], solved["group_sizes"]
    generalised = solved["generalised"]
    true_count = solved["true_count"]
    return {
        "q1": [
            ((sizes == 1).sum(), "number of unique residents"),
            ((town.groupby(["postcode", "birth_date", "sex"]).size() == 1).mean(), "per combination"),
            ((sizes > 1).mean(), "the opposite"),
            ((sizes == 1).mean() * 100, "percentage"),
            ((town.groupby(["postcode", "sex"])["sex"].transform("size") == 1).mean(), "too low"),
        ],
        "q2": [
            (solved["with_year"].groupby(["postcode", "birth_year", "sex"]).size().max(), "largest group"),
            (len(solved["with_year"].groupby(["postcode", "birth_year", "sex"])), "number of groups"),
            (solved["with_year"].groupby(["postcode", "birth_year", "sex"]).size().mean(), "minimum, not the mean"),
            ("1", "single number"),
        ],
        "q3": [
            (lambda table: table, "returned"),
            (lambda table: table.assign(postcode_area=table["postcode"].str[:2] + "**"), "returned"),
            (lambda table: pd.DataFrame({"postcode_area": table["postcode"].str[:3] + "*",
                                         "birth_year": table["birth_date"].dt.year,
                                         "sex": table["sex"], "diagnosis": table["diagnosis"]}), "returned"),
            (lambda table: table["birth_date"].dt.year, "returned"),
            (lambda table: table["zip"], "KeyError"),
            (solved["generalised"], "function"),
        ],
        "q4": [
            (generalised.groupby(["postcode_area", "birth_year", "sex"]).size().max(), "largest group"),
            (len(generalised.groupby(["postcode_area", "birth_year", "sex"])), "number of groups"),
            (generalised.groupby(["postcode_area", "birth_year", "sex", "diagnosis"]).size().min(), "sensitive"),
            (generalised.groupby(["postcode_area", "birth_year"]).size().min(), "left out the sex"),
        ],
        "q5": [
            (0.5, "epsilon itself"),
            (true_count / 0.5, "sensitivity is not the size"),
            (1.0, "too low"),
            ([2], "single number"),
        ],
        "q6": [
            (true_count, "true count"),
            (true_count + np.random.default_rng(2026).laplace(0, 0.5), "used epsilon"),
            (np.random.default_rng(2026).laplace(0, 2.0), "noise alone"),
            (true_count - np.random.default_rng(2026).laplace(0, 2.0), "subtracted"),
            (true_count + np.random.default_rng(0).laplace(0, 2.0), "too"),
        ],
        "q7": [("a", "not the best choice"), ("c", "not the best choice"), ("d", "Choose one of")],
        "q8": [("", "at least"), ("Do not publish it.", "at least"), (42, "text")],
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


def test_every_message_of_the_exercise_exists_in_english_and_french():
    catalogue = i18n.catalogue()
    keys = [key for key in catalogue if key.startswith("checks.privacy.")]
    assert len(keys) > 20
    for key in keys:
        assert set(catalogue[key]) >= {"en", "fr"}, key
        assert catalogue[key]["en"] != catalogue[key]["fr"], key


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
_frames = data_frames([column("postcode_area", dtype=str), column("birth_year", dtype=int)])
_odd = st.sampled_from([
    _raises, lambda *a: ____, lambda table: table, lambda table: np.nan, lambda table: pd.DataFrame(),
    lambda table: table.head(0), _Hostile(), np.array([[1, 2], [3, 4]]), pd.DataFrame(), pd.Series(dtype=float),
    object(), type, print, np.float64(np.nan), np.int64(12), np.bool_(True),
    pd.DataFrame({"postcode_area": ["41**"], "birth_year": ["x"], "sex": [None], "diagnosis": [1]}),
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
