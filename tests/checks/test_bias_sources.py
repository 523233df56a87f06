"""The bias_sources checker: reference solutions pass on the course data, the
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
from raicourse.checks import bias_sources as exercise
from raicourse.data import load_hiring, load_patients


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


def test_the_injected_biases_are_visible_in_the_expected_values():
    """The lesson's story holds on the course data: if the data changes, the prose must too."""
    past = exercise.q1.expected
    assert past["A"] - past["B"] > 0.1
    share = exercise.q2.expected
    assert share["1010"] < 0.1 and share["1060"] > 0.6
    hiring = load_hiring()
    missing = hiring["test_score"].isna()
    assert missing[hiring["group"] == "B"].mean() > 1.5 * missing[hiring["group"] == "A"].mean()
    patients = load_patients()
    assert exercise.q5.expected < 0.1 < exercise.q6.expected
    assert abs(exercise.q6.expected - (patients["group"] == "B").mean()) < 0.05


def test_other_correct_ways_pass(solved):
    hiring, patients = solved["hiring"], solved["patients"]
    crosstab = pd.crosstab(hiring["qualified"], hiring["group"], values=hiring["past_hired"], aggfunc="mean")
    assert exercise.q1.evaluate(crosstab.loc[1]).correct
    assert exercise.q2.evaluate(pd.crosstab(hiring["postcode"], hiring["group"], normalize="index")["B"]).correct
    assert exercise.q2.evaluate(hiring.groupby("postcode")["group"].apply(lambda g: (g == "B").mean())).correct

    def with_counts(table, column):
        sizes = table.groupby(column).size()
        return 1 - table.groupby(column)["test_score"].count() / sizes

    assert exercise.q3.evaluate(with_counts).correct
    assert exercise.q5.evaluate(patients.loc[patients["enrolled"] == 1, "group"].value_counts(normalize=True)["B"]).correct
    assert exercise.q4.evaluate(" B ").correct


@pytest.mark.parametrize("question", exercise.QUESTIONS, ids=lambda q: q.name)
def test_placeholder_is_not_attempted(question):
    assert question.evaluate(____).outcome is Outcome.NOT_ATTEMPTED
    assert answer_from(question, {}) is ____


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    hiring, patients = solved["hiring"], solved["patients"]
    qualified = hiring[hiring["qualified"] == 1]
    return {
        "q1": [
            (hiring.groupby("group")["past_hired"].mean(), "For group"),                # forgot to keep the qualified
            (qualified.groupby("group")["selected"].mean(), "For group"),               # the model, not the past
            (qualified.groupby("group")["past_hired"].sum(), "counts, not rates"),
            (qualified.groupby("postcode")["past_hired"].mean(), "group"),
            (qualified.groupby("group")[["past_hired", "selected"]].mean(), "DataFrame"),
        ],
        "q2": [
            # Where group B lives (share of B in each postcode), the other way round.
            (hiring.loc[hiring["group"] == "B", "postcode"].value_counts(normalize=True), "For group"),
            (hiring[hiring["group"] == "B"].groupby("postcode").size(), "counts, not rates"),
            (pd.crosstab(hiring["postcode"], hiring["group"], normalize="index"), "DataFrame"),
            ((hiring["group"] == "B").groupby(hiring["group"]).mean(), "group 1010 is missing"),
        ],
        "q3": [
            (lambda table, column: table["test_score"].isna().groupby(table[column]).sum(), "returned"),
            (lambda table, column: table["test_score"].notna().groupby(table[column]).mean(), "returned"),
            (lambda table, column: table["test_score"].isna().groupby(table["group"]).mean(), "'postcode'"),
            (lambda table, column: table.groupby(column)["test_score"].mean(), "returned"),
            (lambda table: table["test_score"].isna().mean(), "TypeError"),
            (hiring["test_score"].isna().groupby(hiring["group"]).mean(), "function"),
        ],
        "q4": [("a", "not the best choice"), ("c", "not the best choice"), ("e", "Choose one of"), (2, "Choose one of")],
        "q5": [
            ((patients["group"] == "B").mean(), "too high"),                          # everybody, not the enrolled
            (int((patients.loc[patients["enrolled"] == 1, "group"] == "B").sum()), "count"),
            (100 * solved["share_b_enrolled"], "percentage"),
            (patients.loc[patients["enrolled"] == 1, "group"].value_counts(normalize=True), "single number"),
        ],
        "q6": [
            (solved["share_b_enrolled"], "too low"),
            ((patients.loc[patients["chronic_conditions"] > 4, "group"] == "B").mean(), "too"),  # > instead of >=
            (int((patients.loc[patients["chronic_conditions"] >= 4, "group"] == "B").sum()), "count"),
            ("0.18", "single number"),
        ],
        "q7": [("a", "not the best choice"), ("c", "not the best choice"), ("d", "not the best choice")],
        "q8": [("", "at least"), ("The data is biased.", "at least"), (42, "text")],
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


def test_every_hint_and_option_exists_in_both_languages():
    for question in exercise.QUESTIONS:
        assert question.hints(), question.name
    for language in ("en", "fr"):
        i18n.set_language(language)
        try:
            for question in (exercise.q4, exercise.q7):
                texts = question.option_texts()
                assert all(text and not text.startswith("checks.") for text in texts), texts
        finally:
            i18n._chosen = "en"


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
_frames = data_frames([column("test_score", dtype=float), column("group", dtype=int)])
_odd = st.sampled_from([
    _raises, lambda *a: ____, lambda t, c: t, lambda t, c: np.nan, lambda t, c: pd.Series({"A": 1}),
    lambda t, c: _Hostile(), _Hostile(), np.array([[1, 2], [3, 4]]), pd.DataFrame(), pd.Series(dtype=float),
    object(), type, print, pd.Series({"A": "a", "B": "b"}), pd.Series([0.4, 0.3], index=["A", "A"]),
    pd.Series({"1010": None, "1020": 0.1}),
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
