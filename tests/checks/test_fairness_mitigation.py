"""The fairness_mitigation checker: reference solutions pass on the course data, the
placeholder reads as not attempted, typical mistakes get a helpful message, and no
value at all can make a check raise."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from fairlearn.metrics import MetricFrame, demographic_parity_difference, selection_rate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames
from sklearn.metrics import accuracy_score

from raicourse import i18n
from raicourse.checks import Outcome, ____, answer_from, evaluate_answers
from raicourse.checks import fairness_mitigation as exercise


@pytest.fixture(autouse=True)
def english_and_no_progress(monkeypatch):
    monkeypatch.setenv("RAICOURSE_PROGRESS_FILE", "")
    monkeypatch.setattr(i18n, "_chosen", "en")


@pytest.fixture(scope="module")
def solved() -> dict:
    """The notebook's variables after its setup, its given cell and every reference solution."""
    namespace: dict = {}
    exec(exercise.SETUP_CODE, namespace)  # noqa: S102 - the course's own reference code
    exec(exercise.GIVEN_CODE, namespace)  # noqa: S102
    for question in exercise.QUESTIONS:
        exec(question.solution_code, namespace)  # noqa: S102
    return namespace


def test_every_reference_solution_passes_on_the_course_data(solved):
    results = evaluate_answers(exercise, solved)
    assert [r.outcome for r in results] == [Outcome.CORRECT] * len(exercise.QUESTIONS), results


def test_expected_values_agree_with_fairlearn_and_scikit_learn(solved):
    new = solved["new"]
    assert exercise.q2.evaluate(
        demographic_parity_difference(new["qualified"], new["baseline"], sensitive_features=new["group"])
    ).correct
    frame = MetricFrame(metrics=selection_rate, y_true=new["qualified"], y_pred=new["baseline"],
                        sensitive_features=new["group"])
    assert exercise.q1.evaluate(frame.by_group).correct
    change = accuracy_score(new["qualified"], new["postprocessed"]) - accuracy_score(new["qualified"], new["baseline"])
    assert exercise.q5.evaluate(change).correct


def test_the_story_the_lesson_tells_holds_on_the_course_data(solved):
    """The lesson's prose relies on these facts of the seeded data; fail loudly if they drift."""
    base, post = exercise.q1.expected, exercise.q4.expected
    assert base["B"] < base["A"] and base["B"] / base["A"] < 0.8          # below four-fifths
    assert (post.max() - post.min()) < (base.max() - base.min()) / 2      # the gap more than halved
    assert exercise.q3.expected > 1                                       # hired B people weigh more
    assert exercise.q5.expected > 0                                       # more accurate vs qualified
    new = solved["new"]
    assert accuracy_score(new["past_hired"], new["postprocessed"]) < accuracy_score(new["past_hired"], new["baseline"])


def test_the_thresholds_the_lesson_describes(solved):
    """The lesson says: A between about 0.45 and 0.49, drawn with a chance of about 0.74; B about 0.41."""
    rules = solved["postprocessor"].interpolated_thresholder_.interpolation_dict
    thresholds = {group: sorted(float(rule[f"operation{i}"].threshold) for i in (0, 1)) for group, rule in rules.items()}
    assert 0.44 < thresholds["A"][0] < 0.455 and 0.48 < thresholds["A"][1] < 0.495
    assert all(0.405 < value < 0.415 for value in thresholds["B"])
    low = 1 if rules["A"]["operation1"].threshold < rules["A"]["operation0"].threshold else 0
    assert 0.72 < float(rules["A"][f"p{low}"]) < 0.76


def test_the_given_code_is_deterministic():
    first, second = {}, {}
    for namespace in (first, second):
        exec(exercise.SETUP_CODE, namespace)  # noqa: S102
        exec(exercise.GIVEN_CODE, namespace)  # noqa: S102
    pd.testing.assert_frame_equal(first["new"], second["new"])


@pytest.mark.parametrize("question", exercise.QUESTIONS, ids=lambda q: q.name)
def test_placeholder_is_not_attempted(question):
    assert question.evaluate(____).outcome is Outcome.NOT_ATTEMPTED
    assert answer_from(question, {}) is ____


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    new, past = solved["new"], solved["past"]
    rates, post_rates = solved["baseline_rates"], solved["postprocessed_rates"]
    share_b = (past["group"] == "B").mean()
    share_hired = past["past_hired"].mean()
    share_pair = ((past["group"] == "B") & (past["past_hired"] == 1)).mean()
    accuracy = {column: accuracy_score(new["qualified"], new[column]) for column in ("baseline", "postprocessed")}
    return {
        "q1": [
            (new.groupby("group")["baseline"].sum(), "counts, not rates"),
            (new.groupby("postcode")["baseline"].mean(), "group"),
            (new.groupby("group")["selected"].mean(), "For group"),
            (new.groupby("group")["qualified"].mean(), "For group"),
            (past.groupby("group")["past_hired"].mean(), "For group"),
        ],
        "q2": [
            (rates.min() - rates.max(), "wrong sign"),
            ((rates.max() - rates.min()) * 100, "percentage"),
            (rates.min() / rates.max(), "too high"),
            (rates, "single number"),
        ],
        "q3": [
            (share_pair / (share_b * share_hired), "upside down"),
            (share_b * share_hired, "too low"),
            (share_pair, "too low"),
            ("1.42", "single number"),
        ],
        "q4": [
            (rates, "For group"),
            (new.groupby("group")["postprocessed"].sum(), "counts"),
            (post_rates.drop("B"), "group B is missing"),
            (new.groupby("group")["selected"].mean(), "For group"),
        ],
        "q5": [
            (accuracy["baseline"] - accuracy["postprocessed"], "wrong sign"),
            (accuracy_score(new["past_hired"], new["postprocessed"]) - accuracy_score(new["past_hired"], new["baseline"]),
             "past_hired instead of qualified"),
            (accuracy_score(new["selected"], new["postprocessed"]) - accuracy_score(new["selected"], new["baseline"]),
             "against the column selected"),
            (accuracy["postprocessed"], "too high"),
            ((accuracy["postprocessed"] - accuracy["baseline"]) * 100, "too high"),
        ],
        "q6": [("a", "not the best choice"), ("b", "not the best choice"), ("d", "not the best choice"),
               ("e", "Choose one of")],
        "q7": [("", "at least"), ("Do not deploy it.", "at least"), (42, "text")],
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


def test_french_messages_exist_for_every_hint_and_option():
    i18n.set_language("fr")
    try:
        for question in exercise.QUESTIONS:
            for text in question.hints():
                assert text and "checks." not in text, question.name
        assert all(not text.startswith("checks.") for text in exercise.q6.option_texts())
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
_frames = data_frames([column("baseline", dtype=float), column("x", dtype=int)])
_odd = st.sampled_from([
    _raises, lambda *a: ____, lambda r: r, lambda r: np.nan, lambda r: pd.Series({"A": 1}), _Hostile(),
    np.array([[1, 2], [3, 4]]), pd.DataFrame(), pd.Series(dtype=float), object(), type, print,
    pd.DataFrame({"selection_rate": ["x", "y"], "baseline": [None, 1]}, index=["A", "B"]),
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
