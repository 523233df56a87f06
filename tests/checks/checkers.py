"""Helpers shared by the checker tests of tests/checks: the exercise modules, the notebook
state after every reference solution, and hypothesis strategies for "any answer at all".

Imported as ``checkers`` (tests/checks has no ``__init__.py``; pytest puts the folder on
``sys.path``).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames

import raicourse.checks
from raicourse.checks import ____, Outcome, questions_of

__all__ = ["ANYTHING", "assert_wrong_answers_fail", "exercise_modules", "shaped_like", "solved_namespace"]


def exercise_modules() -> list[ModuleType]:
    """Every public checker module of ``raicourse.checks`` (one per exercise), imported, sorted by name."""
    names = sorted(
        info.name for info in pkgutil.iter_modules(raicourse.checks.__path__) if not info.name.startswith("_")
    )
    return [importlib.import_module(f"raicourse.checks.{name}") for name in names]


def solved_namespace(module: ModuleType) -> dict:
    """The notebook's variables after its setup, its given cell (if any) and every reference solution."""
    namespace: dict = {}
    exec(module.SETUP_CODE, namespace)  # noqa: S102 - the course's own reference code
    given = getattr(module, "GIVEN_CODE", None)
    if given is not None:
        exec(given, namespace)  # noqa: S102
    for question in questions_of(module):
        exec(question.solution_code, namespace)  # noqa: S102
    return namespace


# -- "any answer at all" --------------------------------------------------------------------
def assert_wrong_answers_fail(module: ModuleType, wrong: Mapping[str, list[tuple[Any, str]]]) -> None:
    """Every question of ``module`` has at least 3 typical wrong answers in ``wrong``
    (``{question name: [(answer, words the message must contain), ...]}``), and each one
    is marked incorrect with a message that names the mistake."""
    for question in module.QUESTIONS:
        cases = wrong[question.name]
        assert len(cases) >= 3, question.name
        for answer, words in cases:
            result = question.evaluate(answer)
            assert result.outcome is Outcome.INCORRECT, (question.name, answer, result)
            assert words in result.message, (question.name, words, result.message)


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
    st.sampled_from(["a", "b", "c", "d", "High risk"]),
    st.dates(), st.timedeltas(),
)
_values = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.tuples(children, children),
        st.dictionaries(st.text(max_size=5), children, max_size=4),
    ),
    max_leaves=10,
)


def _labelled_series(labels: list[str]):
    return st.lists(st.one_of(st.floats(), st.integers(-10, 10)), max_size=len(labels)).map(
        lambda values: pd.Series(values, index=labels[: len(values)], dtype=object)
    )


_series = st.one_of(_labelled_series(["A", "B", "C", "D"]), _labelled_series(["F", "M", "X", "Y"]))
_frames = st.one_of(
    data_frames([column("selection_rate", dtype=float), column("x", dtype=int)]),
    data_frames([column("test_score", dtype=float), column("group", dtype=int)]),
    data_frames([column("baseline", dtype=float), column("x", dtype=int)]),
    data_frames([column("postcode_area", dtype=str), column("birth_year", dtype=int)]),
    data_frames([column("approved", dtype=float), column("x", dtype=int)]),
    data_frames([column("automation", dtype=float), column("x", dtype=int)]),
    data_frames([column("income_k", dtype=float), column("x", dtype=int)]),
)
_odd = st.sampled_from([
    # Functions that raise, return the placeholder, their input, nothing useful or a hostile value,
    # with the one, two or any number of arguments the function questions call them with.
    _raises, lambda *a: ____, lambda r: r, lambda r: np.nan, lambda r: pd.Series({"A": 1}), lambda r: None,
    lambda r: list(r), lambda table: pd.DataFrame(), lambda table: table.head(0),
    lambda t, c: t, lambda t, c: np.nan, lambda t, c: pd.Series({"A": 1}), lambda t, c: _Hostile(),
    lambda a, b: a / b, lambda *a: {"automation"},
    # Values no comparison expects.
    _Hostile(), np.array([[1, 2], [3, 4]]), pd.DataFrame(), pd.Series(dtype=float), object(), type, print,
    np.float64(np.nan), np.int64(12), np.int64(731), np.float64(487.0), np.bool_(True),
    pd.Timedelta(days=731), pd.Timestamp("2026-08-02"),
    # Tables and series of the courses' shapes, with wrong types, duplicate or unexpected labels.
    pd.DataFrame({"selection_rate": ["x", "y"], "true_positive_rate": [None, 1]}, index=["A", "B"]),
    pd.DataFrame({"selection_rate": ["x", "y"], "baseline": [None, 1]}, index=["A", "B"]),
    pd.DataFrame({"postcode_area": ["41**"], "birth_year": ["x"], "sex": [None], "diagnosis": [1]}),
    pd.DataFrame({"automation": ["x", "y"], "augmentation": [None, 1]}, index=["nurse", "teacher"]),
    pd.Series({"A": "a", "B": "b"}), pd.Series([0.4, 0.3], index=["A", "A"]),
    pd.Series({"1010": None, "1020": 0.1}),
    pd.Series({"F": "a", "M": "b"}), pd.Series([0.4, 0.3], index=["F", "F"]),
    pd.Series({"nurse": "a", "teacher": "b"}), pd.Series([0.4, 0.3], index=["nurse", "nurse"]),
    pd.Series({"income_k": "a", "loan_k": "b"}), pd.Series([0.4, 0.3], index=["age", "age"]),
    pd.Index(["income_k", "loan_k"]), ["income_k", None, 3, b"x"],
    # Texts and dictionaries.
    {"who": "x"}, {"quantitative_analyses": _Hostile()}, "c", "C", "(c)", "automation", "low exposure",
])
#: Any answer at all: nested plain values, labelled series, tables and odd objects.
ANYTHING = st.one_of(_values, _series, _frames, _odd)


def _leaves(value: Any) -> list[Any]:
    """The hashable scalars inside a reference answer (a dictionary's values, a list's items)."""
    items = value.values() if isinstance(value, Mapping) else value if isinstance(value, (list, tuple)) else [value]
    return [item for item in items if isinstance(item, (str, int, float, bool, np.generic))]


def shaped_like(reference: Any):
    """Wrong answers with the shape of a reference answer, so that they get past the type
    checks and reach the per-item comparisons: a dictionary with the same keys and
    arbitrary, hostile or wordy values; a Series with the same labels; a table with the
    same columns; a list with the same items shuffled or cut; a number in other types."""
    strategies = [st.nothing()]
    if isinstance(reference, Mapping) and reference:
        keys = list(reference)
        scalars = st.one_of(_scalars, st.sampled_from(_leaves(reference) or [None]))
        strategies.append(st.fixed_dictionaries({key: scalars for key in keys}))
        odd = [{key: _Hostile() for key in keys}, {key: "three words here" for key in keys}]
        for key, value in reference.items():
            odd.append({**reference, key: _Hostile()})
            if isinstance(value, Mapping):
                odd.append({**reference, key: {inner: _Hostile() for inner in value}})
        strategies.append(st.sampled_from(odd))
    elif isinstance(reference, pd.Series) and len(reference):
        labels = list(reference.index)
        strategies.append(
            st.lists(st.one_of(st.none(), st.floats(), st.integers(-10, 10), st.text(max_size=3)),
                     min_size=len(labels), max_size=len(labels))
            .map(lambda values: pd.Series(values, index=labels, dtype=object))
        )
    elif isinstance(reference, pd.DataFrame) and len(reference.columns):
        strategies.append(data_frames([column(str(name), dtype=float) for name in reference.columns]))
        strategies.append(st.just(reference.astype(str)))
    elif isinstance(reference, list) and reference:
        strategies.append(st.permutations(reference))
        strategies.append(st.lists(st.sampled_from(reference), max_size=len(reference) + 1))
    elif isinstance(reference, str):
        strategies.append(st.sampled_from([reference.upper(), f"({reference})", f" {reference} ", reference * 2]))
    elif isinstance(reference, (int, float, np.number)) and not isinstance(reference, (bool, np.bool_)):
        others = [np.float64(reference), str(reference), -reference, reference * 100]
        if np.isfinite(reference):
            others.append(np.int64(int(reference)))
        strategies.append(st.sampled_from(others))
    return st.one_of(strategies)
