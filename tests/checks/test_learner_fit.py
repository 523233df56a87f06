"""The check-message standard (issue "learner fit"): what a beginner's common slips get.

- a decimal comma is recognised wherever a number is expected;
- a rounded value gets its own message;
- an answer a check accepts can be built on: the next questions accept what follows from it;
- a reflection is recorded, never "correct"; an empty or junk-like one gets a nudge;
- an answer cell that raised is named, not reported as "not attempted";
- messages carry no unexplained Python jargon.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from checkers import exercise_modules, solved_namespace
from hypothesis import given, settings
from hypothesis import strategies as st

from raicourse.checks import (
    Case,
    NumberQuestion,
    Outcome,
    ReflectionQuestion,
    SeriesQuestion,
    ValueQuestion,
    evaluate_answers,
    questions_of,
)
from raicourse.checks._compare import decimal_comma, rounded_decimals
from raicourse.checks._exercise import Exercise
from raicourse.checks._questions import FunctionQuestion, KeyedQuestion, looks_like_junk
from raicourse.i18n import set_language

EXERCISES = exercise_modules()
_stem = lambda module: module.__name__.rsplit(".", 1)[-1]  # noqa: E731


@pytest.fixture(autouse=True)
def _english():
    set_language("en")
    yield
    set_language("en")


# -- decimal comma and rounding -------------------------------------------------------------
@pytest.mark.parametrize("answer", [(0, 13), "0,13", " 0,13 "])
def test_a_decimal_comma_gets_a_plain_message(answer):
    question = NumberQuestion("demo", "q1", answer="x", solution="", expected=0.13, is_rate=True)
    result = question.evaluate(answer)
    assert result.outcome is Outcome.INCORRECT
    assert "write 0.13 with a dot" in result.message
    assert "tuple" not in result.message


def test_the_decimal_comma_message_is_french_in_french():
    set_language("fr")
    message = NumberQuestion("demo", "q1", answer="x", solution="", expected=0.13).evaluate((0, 13)).message
    assert "écrivez 0.13 avec un point" in message


def test_decimal_comma_is_recognised_only_for_number_like_input():
    assert decimal_comma((0, 13)) == "0.13"
    assert decimal_comma((2, 5)) == "2.5"
    assert decimal_comma((1, -3)) is None
    assert decimal_comma((0.5, 13)) is None
    assert decimal_comma((True, 1)) is None
    assert decimal_comma("a,b") is None
    assert decimal_comma("1.5,2") is None


@pytest.mark.parametrize(
    ("answer", "expected", "rounded"),
    [
        (0.13, 0.12573, True), (0.126, 0.12573, True), (0.1257, 0.12573, True), (0.12, 0.12573, True),  # cut
        (731.0, 731.4, True), (0.1, 0.15, False), (0.3, 0.12573, False), (0.12573, 0.12573, False),
        (float("nan"), 0.5, False),
    ],
)
def test_rounded_values_are_told_apart_from_wrong_ones(answer, expected, rounded):
    assert (rounded_decimals(answer, expected) is not None) is rounded
    message = NumberQuestion("demo", "q1", answer="x", solution="", expected=expected).evaluate(answer).message
    assert ("rounded" in message) is rounded


def test_a_rounded_value_inside_a_series_names_the_group():
    rates = pd.Series({"A": 0.444413, "B": 0.318681})
    question = SeriesQuestion("demo", "q1", answer="x", solution="", expected=rates, is_rate=True)
    message = question.evaluate(rates.round(2)).message
    assert "For group A" in message and "rounded" in message


# -- options that used to break -------------------------------------------------------------
def test_ordered_false_accepts_another_order_and_never_crashes_on_nested_numbers():
    question = ValueQuestion("demo", "q1", answer="x", solution="", expected=[{"n": 1}, {"n": 2}], ordered=False)
    assert question.evaluate([{"n": 2}, {"n": 1}]).outcome is Outcome.CORRECT
    assert question.evaluate([{"n": 2}, {"n": 3}]).outcome is Outcome.INCORRECT
    mapping = ValueQuestion("demo", "q2", answer="x", solution="", expected={"a": 0.5, "b": [1, 2]}, ordered=False)
    assert mapping.evaluate({"a": 0.5, "b": [2, 1]}).outcome is Outcome.CORRECT
    assert mapping.evaluate({"a": 0.4, "b": [2, 1]}).outcome is Outcome.INCORRECT


def test_case_sensitive_is_honoured_for_text():
    strict = ValueQuestion("demo", "q1", answer="x", solution="", expected="DPIA", case_sensitive=True)
    loose = ValueQuestion("demo", "q2", answer="x", solution="", expected="DPIA")
    assert strict.evaluate("dpia").outcome is Outcome.INCORRECT
    assert strict.evaluate("DPIA").outcome is Outcome.CORRECT
    assert loose.evaluate("dpia").outcome is Outcome.CORRECT


def test_accents_do_not_count_unless_case_sensitive():
    question = ValueQuestion("demo", "q1", answer="x", solution="", expected="élevé")
    assert question.evaluate("ELEVE").outcome is Outcome.CORRECT
    assert question.evaluate("Élevé").outcome is Outcome.CORRECT


def test_an_unknown_option_fails_when_the_question_is_written():
    with pytest.raises(TypeError, match="rel_tl"):
        NumberQuestion("demo", "q1", answer="x", solution="", expected=1, rel_tl=0.1)


# -- the Exercise object ---------------------------------------------------------------------
def test_questions_register_with_their_exercise_and_publish_checks_the_names():
    exercise = Exercise("raicourse.checks.demo_stem", setup="x = 1")
    q1 = NumberQuestion(exercise, "q1", answer="a", solution="a = 1", expected=1)
    q2 = NumberQuestion(exercise, "q2", answer="b", solution="b = 2", expected=2)
    namespace = {"q1": q1, "q2": q2}
    exercise.publish(namespace, extra=["CONSTANT"])
    assert exercise.name == "demo_stem" and q1.exercise == "demo_stem"
    assert namespace["QUESTIONS"] == [q1, q2]
    assert namespace["__all__"][-2:] == ["q1", "q2"] and "CONSTANT" in namespace["__all__"]
    assert exercise.setup() == exercise.setup() and exercise.setup()["x"] == 1
    with pytest.raises(ValueError, match="bound to the module name 'q2'"):
        exercise.publish({"q1": q1, "q3": q2})
    with pytest.raises(ValueError, match="two questions"):
        NumberQuestion(exercise, "q1", answer="c", solution="", expected=3)


def test_every_checker_module_publishes_its_registered_questions():
    for module in EXERCISES:
        exercise = module.exercise
        assert exercise.name == _stem(module)
        assert module.QUESTIONS == exercise.questions
        for question in exercise.questions:
            assert getattr(module, question.name) is question
            assert question.name in module.__all__
        assert module.SETUP_CODE == exercise.setup_code


def test_a_keyed_question_reports_missing_then_unexpected_keys():
    question = KeyedQuestion("demo", "q1", answer="x", solution="", keys=["a", "b"])
    assert "key 'b' is missing" in question.evaluate({"a": 1}).message
    assert "key 'c' was not expected" in question.evaluate({"a": 1, "b": 2, "c": 3}).message
    assert question.evaluate({"a": 1, "b": 2}).outcome is Outcome.CORRECT


def test_the_same_model_card_rules_in_both_exercises():
    from raicourse.checks import responsible_ai_audit, transparency

    for module, name in ((transparency, "q6"), (responsible_ai_audit, "q11")):
        solved = solved_namespace(module)
        card = solved[module.exercise[name].answer_names[0]]
        extra = {**card, "quantitative_analyses": {**card["quantitative_analyses"], "precision": 0.5}}
        assert module.exercise[name].evaluate(extra).outcome is Outcome.CORRECT, module.__name__
        missing = {key: value for key, value in card.items() if key != "factors"}
        assert "factors" in module.exercise[name].evaluate(missing).message


# -- a function question recognises typical wrong functions ----------------------------------
def test_a_function_question_names_a_typical_wrong_function():
    question = FunctionQuestion(
        "fairness_metrics", "q4", answer="f", solution="",
        cases=lambda: [Case((pd.Series({"A": 0.5, "B": 0.4}),), True), Case((pd.Series({"A": 0.5, "B": 0.3}),), False)],
        mistakes=lambda: [(lambda rates: rates.min() / rates.max() > 0.8, "q4.strict")],
    )
    assert ">=" in question.evaluate(lambda rates: rates.min() / rates.max() > 0.8).message
    assert "returned" in question.evaluate(lambda rates: True).message


# -- reflections -----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "test test test test test test test test",
    "asdf qwer tyui zxcv bnm fgh jkl poi",
    "blah blah blah blah blah blah blah blah",
    "1 2 3 4 5 6 7 8 9",
    "idk idk no idea test test ok ok",
])
def test_junk_in_a_reflection_gets_a_nudge(text):
    assert looks_like_junk(text)
    result = ReflectionQuestion("fairness_metrics", "q8", answer="x", min_words=8).evaluate(text)
    assert result.outcome is Outcome.INCORRECT and "own words" in result.message


@pytest.mark.parametrize("text", [
    "The gap comes from past hiring decisions, so I would check the postcode and talk with recruiters.",
    "L'écart vient des décisions passées : je vérifierais le code postal et parlerais aux recruteurs.",
])
def test_a_real_reflection_is_recorded_with_the_model_answer(text):
    assert not looks_like_junk(text)
    result = ReflectionQuestion("fairness_metrics", "q8", answer="x", min_words=8).evaluate(text)
    assert result.outcome is Outcome.RECORDED
    assert "recorded" in result.message and "model answer" in result.message


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(["the", "model", "bias", "data", "I", "would"]),
                                                 max_size=30).map(" ".join), st.none(), st.integers()))
def test_a_reflection_is_never_correct(answer):
    assert ReflectionQuestion("fairness_metrics", "q8", answer="x").evaluate(answer).outcome is not Outcome.CORRECT


# -- an answer cell that raised --------------------------------------------------------------
def test_check_after_a_raising_answer_cell_says_to_fix_that_cell():
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.clear_instance()
    shell = InteractiveShell.instance()
    try:
        shell.run_cell("from raicourse.checks.fairness_metrics import q1, ____\nimport pandas as pd\n"
                       "hiring = pd.DataFrame({'group': ['A', 'B'], 'selected': [1, 0]})")
        shell.run_cell("selection_rates = ____")
        shell.run_cell('selection_rates = hiring.groupby("grup")["selected"].mean()')  # KeyError
        shell.run_cell("result = q1.check(selection_rates)")
        result = shell.user_ns["result"]
        assert result.outcome is Outcome.INCORRECT
        assert "answer cell stopped with an error" in result.message and "KeyError" in result.message
        assert "Replace ____" not in result.message
        # The same check after a cell that ran fine: "not attempted" as usual.
        shell.run_cell("selection_rates = ____")
        shell.run_cell("result = q1.check(selection_rates)")
        assert shell.user_ns["result"].outcome is Outcome.NOT_ATTEMPTED
    finally:
        InteractiveShell.clear_instance()


# -- no unexplained jargon -------------------------------------------------------------------
_JARGON = re.compile(r"\b(tuple|dtype|NoneType|float64|int64|object dtype|of type)\b")
_ODD_ANSWERS = [(0, 13), None, "0.13", "abc", True, [0.1, 0.2], {"a": 1}, pd.DataFrame({"a": [1.0], "b": [2.0]}),
                pd.Series({"x": 0.5}), np.array([1.0, 2.0]), {1, 2}, len, 3.5, -1]


@pytest.mark.parametrize("exercise", EXERCISES, ids=_stem)
def test_messages_carry_no_unexplained_python_jargon(exercise):
    for question in questions_of(exercise):
        for answer in _ODD_ANSWERS:
            message = question.evaluate(answer).message
            assert not _JARGON.search(message), (question, answer, message)


# -- the chained-answer rule -----------------------------------------------------------------
def _variants(value):
    """Other forms of a correct answer that a learner may well produce."""
    if isinstance(value, bool | np.bool_):
        return [bool(value), np.bool_(value)]
    if isinstance(value, int | float | np.number):
        found = [float(value), np.float64(value), np.float32(value)]
        if float(value).is_integer():
            found += [int(value), np.int64(int(value))]
        return found
    if isinstance(value, pd.Series):
        return [value.sort_index(ascending=False), value.rename("renamed"), value.astype(object),
                value.to_frame(), value.to_dict(), pd.Series(value.to_dict())]
    if isinstance(value, pd.DataFrame):
        return [value[list(value.columns)[::-1]], value.sort_index(ascending=False), value.astype(object)]
    if isinstance(value, list):
        return [tuple(value), np.array(value, dtype=object)]
    if isinstance(value, dict):
        return [dict(reversed(list(value.items())))]
    return []


def _dependents(questions, index):
    """The later questions whose reference solutions read the answer of question ``index``
    (directly, or through another dependent)."""
    names = set(questions[index].answer_names)
    found = []
    for later in questions[index + 1:]:
        if any(re.search(rf"\b{re.escape(name)}\b", later.solution_code) for name in names):
            found.append(later)
            names |= set(later.answer_names)
    return found


def _accepted(result) -> bool:
    return result.outcome in (Outcome.CORRECT, Outcome.RECORDED)


@pytest.mark.parametrize("exercise", EXERCISES, ids=_stem)
def test_an_accepted_answer_can_be_built_on(exercise):
    """Whatever form of an answer a check accepts, the next questions accept what their own
    reference code computes from it, so "Correct" never leads into a dead end."""
    questions = questions_of(exercise)
    solved = solved_namespace(exercise)
    for index, question in enumerate(questions):
        dependents = _dependents(questions, index)
        if len(question.answer_names) != 1 or not dependents:
            continue
        name = question.answer_names[0]
        for variant in _variants(solved[name]):
            if not _accepted(question.evaluate(variant)):
                continue
            namespace = dict(solved)
            namespace[name] = variant
            for later in dependents:
                exec(later.solution_code, namespace)  # noqa: S102 - the course's reference code
                answer = namespace[later.answer_names[0]] if len(later.answer_names) == 1 else \
                    tuple(namespace[n] for n in later.answer_names)
                result = later.evaluate(answer)
                assert _accepted(result), (question.name, type(variant).__name__, later.name, result.message)


def test_the_beginner_path_of_fairness_metrics_q1_to_q3():
    """q1 no longer says "Correct" to a one-column table, so q2 and q3's official solutions
    work on what q1 accepted."""
    from raicourse.checks import fairness_metrics

    solved = solved_namespace(fairness_metrics)
    one_column = solved["hiring"].groupby("group")[["selected"]].mean()
    result = fairness_metrics.q1.evaluate(one_column)
    assert result.outcome is Outcome.INCORRECT and '["selected"]' in result.message
    assert all(_accepted(r) for r in evaluate_answers(fairness_metrics, solved))
    assert not math.isnan(solved["dp_ratio"])


def test_every_notebook_says_how_to_get_the_messages_in_french():
    import json
    from pathlib import Path

    for notebook in sorted((Path(__file__).parents[2] / "exercises").glob("*.ipynb")):
        first = "".join(json.loads(notebook.read_text(encoding="utf-8"))["cells"][0]["source"])
        assert 'set_language("fr")' in first and "En français" in first, notebook.name


def test_check_called_with_a_decimal_comma_explains_it(capsys):
    question = NumberQuestion("demo", "q1", answer="x", solution="", expected=0.13)
    result = question.check(0, 13)
    assert result.outcome is Outcome.INCORRECT and "write 0.13 with a dot" in result.message
    assert question.check().outcome is Outcome.NOT_ATTEMPTED
