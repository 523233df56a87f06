"""The checking framework: placeholder, results, question types, hints, progress, messages."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from raicourse import i18n
from raicourse.checks import (
    PLACEHOLDER,
    Case,
    ChoiceQuestion,
    DataFrameQuestion,
    FunctionQuestion,
    NumberQuestion,
    Outcome,
    PredicateQuestion,
    ReflectionQuestion,
    SeriesQuestion,
    TextQuestion,
    ValueQuestion,
    ____,
    read_progress,
)


@pytest.fixture(autouse=True)
def progress_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("RAICOURSE_PROGRESS_FILE", str(tmp_path / "progress.json"))
    monkeypatch.setattr(i18n, "_chosen", "en")


RATES = pd.Series({"A": 0.4, "B": 0.25})


def test_placeholder_survives_arithmetic_and_reads_as_not_attempted():
    question = NumberQuestion("demo", "q1", answer="x", solution="x = 1", expected=0.5)
    for unanswered in (____, ____ / ____, ____ - 1, 2 * ____, [____, 1], {"a": ____}, ____(3), ____["key"]):
        assert question.evaluate(unanswered).outcome is Outcome.NOT_ATTEMPTED
    assert ____ is PLACEHOLDER and repr(____) == "____"


def test_result_display_has_a_word_not_only_a_colour():
    question = NumberQuestion("demo", "q1", answer="x", solution="x = 1", expected=0.5)
    for answer, word in ((0.5, "Correct"), (0.9, "Not yet"), (____, "Not attempted")):
        bundle = question.evaluate(answer)._repr_mimebundle_()
        assert word in bundle["text/plain"] and word in bundle["text/html"]
        assert 'role="status"' in bundle["text/html"]


def test_check_prints_outside_a_notebook_and_returns_the_result(capsys):
    question = NumberQuestion("demo", "q1", answer="x", solution="x = 1", expected=0.5)
    result = question.check(0.5)
    assert result.correct
    assert "Correct" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (0.15, "Well done"),
        (15.0, "percentage"),
        (150, "count"),
        (0.3, "too high"),
        (0.1, "too low"),
        (float("nan"), "not a usable number"),
        ("0.15", "Remove the quotes"),
        (True, "one number"),
    ],
)
def test_number_messages_name_the_mistake(answer, words):
    question = NumberQuestion("demo", "q1", answer="x", solution="", expected=0.15, is_rate=True)
    assert words in question.evaluate(answer).message


def test_number_recognises_sign_and_inverted_fraction():
    question = NumberQuestion("demo", "q1", answer="x", solution="", expected=0.625)
    assert "sign" in question.evaluate(-0.625).message
    assert "upside down" in question.evaluate(1.6).message


def test_series_messages_name_group_count_and_type():
    question = SeriesQuestion("demo", "q1", answer="x", solution="", expected=RATES, is_rate=True)
    assert question.evaluate(RATES.copy()).correct
    assert question.evaluate(RATES.iloc[::-1]).correct  # order of groups does not matter
    assert "group B is missing" in question.evaluate(RATES.iloc[:1]).message
    assert "unexpected group C" in question.evaluate(pd.Series({"A": 0.4, "B": 0.25, "C": 0.1})).message
    assert "counts, not rates" in question.evaluate(pd.Series({"A": 40, "B": 25})).message
    assert "For group B" in question.evaluate(pd.Series({"A": 0.4, "B": 0.3})).message
    assert "whole table" in question.evaluate(pd.DataFrame({"a": [1], "b": [2]})).message
    assert "Series" in question.evaluate([0.4, 0.25]).message
    # The message never prints the expected value of the main target.
    assert "0.25" not in question.evaluate(pd.Series({"A": 0.4, "B": 0.3})).message


def test_dataframe_messages_name_the_column():
    expected = pd.DataFrame({"rate": [0.4, 0.25], "label": ["x", "y"]}, index=["A", "B"])
    question = DataFrameQuestion("demo", "q1", answer="x", solution="", expected=expected)
    assert question.evaluate(expected.copy()).correct
    assert "column rate is missing" in question.evaluate(expected.rename(columns={"rate": "rates"})).message
    assert "column extra was not expected" in question.evaluate(expected.assign(extra=1)).message
    assert "In column rate" in question.evaluate(expected.assign(rate=[0.4, 0.5])).message
    assert "should hold numbers" in question.evaluate(expected.assign(rate=["a", "b"])).message


def test_sequences_dicts_text_and_bools():
    sequence = ValueQuestion("demo", "q1", answer="x", solution="", expected=[1, 2, 3])
    assert sequence.evaluate((1, 2, 3)).correct
    assert "3 items" in sequence.evaluate([1, 2]).message
    assert "not in the expected order" in sequence.evaluate([3, 2, 1]).message
    assert "Item number 2" in sequence.evaluate([1, 5, 3]).message
    mapping = ValueQuestion("demo", "q2", answer="x", solution="", expected={"A": 0.4, "B": 0.2})
    assert mapping.evaluate({"B": 0.2, "A": 0.4}).correct
    assert "key 'B' is missing" in mapping.evaluate({"A": 0.4}).message
    text = TextQuestion("demo", "q3", answer="x", solution="", expected=["four-fifths", "4/5"])
    assert text.evaluate("  Four-Fifths ").correct and not text.evaluate("half").correct
    verdict = ValueQuestion("demo", "q4", answer="x", solution="", expected=False)
    assert verdict.evaluate(np.bool_(False)).correct
    assert "True or False" in verdict.evaluate("no").message


def test_function_question_reports_first_failing_case_and_caught_errors():
    question = FunctionQuestion("demo", "q1", answer="f", solution="", cases=[Case((2,), 4), Case((3,), 9)])
    assert question.evaluate(lambda x: x * x).correct
    assert "input 3, your function returned 6" in question.evaluate(lambda x: x + x).message
    raised = question.evaluate(lambda x: 1 / 0).message
    assert "ZeroDivisionError" in raised and "Traceback" not in raised
    assert "function" in question.evaluate(42).message
    assert question.evaluate(lambda x: ____).outcome is Outcome.NOT_ATTEMPTED

    def exits(x):
        raise SystemExit(1)

    assert "SystemExit" in question.evaluate(exits).message


def test_choice_reflection_and_predicate():
    choice = ChoiceQuestion("demo", "q1", answer="x", solution="", options=("a", "b"), correct="b")
    assert choice.evaluate("B").correct and not choice.evaluate("a").correct
    assert "Choose one of" in choice.evaluate("z").message
    reflection = ReflectionQuestion("fairness_metrics", "q8", answer="x", min_words=3)
    assert reflection.evaluate("I think the postcode matters").correct
    assert "model answer" in reflection.evaluate("I think the postcode matters").message
    assert reflection.evaluate("short").outcome is Outcome.INCORRECT
    even = PredicateQuestion("demo", "q3", answer="x", solution="", predicate=lambda v: None if v % 2 == 0 else False)
    assert even.evaluate(4).correct and not even.evaluate(3).correct


def test_checker_bug_gives_an_error_result_not_an_exception():
    broken = PredicateQuestion("demo", "q1", answer="x", solution="", predicate=lambda v: 1 / 0)
    result = broken.check(1)
    assert result.outcome is Outcome.ERROR and "not your fault" in result.message


def test_hints_are_numbered_and_progressive(capsys):
    from raicourse.checks.fairness_metrics import q1

    q1._hints_shown = 0
    total = len(q1.hints())
    assert total >= 2
    for number in range(1, total + 2):
        q1.hint()
        shown = capsys.readouterr().out
        assert f"Hint {min(number, total)} of {total}" in shown


def test_solution_shows_the_reference_code(capsys):
    from raicourse.checks.fairness_metrics import q1

    q1.solution()
    assert 'groupby("group")' in capsys.readouterr().out


def test_progress_is_recorded_locally_and_failures_are_silent(tmp_path, monkeypatch):
    question = NumberQuestion("demo", "q1", answer="x", solution="", expected=0.5)
    question.check(0.1)
    question.check(0.5)
    question.check(0.2)
    entry = read_progress()["exercises"]["demo"]["q1"]
    assert entry["attempts"] == 3 and entry["best"] == "correct" and entry["last"] == "incorrect"
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("RAICOURSE_PROGRESS_FILE", str(blocker / "progress.json"))
    assert question.check(0.5).correct  # writing fails (parent is a file): silently ignored
    monkeypatch.setenv("RAICOURSE_PROGRESS_FILE", "")
    assert question.check(0.5).correct


def test_messages_exist_in_english_and_french_with_the_same_fields():
    messages = {key: texts for key, texts in i18n.catalogue().items() if key.startswith("checks.")}
    assert len(messages) > 50
    for key, texts in messages.items():
        assert set(texts) == {"en", "fr"}, key
        assert i18n.placeholders(texts["en"]) == i18n.placeholders(texts["fr"]), key


def test_french_messages(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "fr")
    question = NumberQuestion("demo", "q1", answer="x", solution="", expected=0.5)
    assert "trop grande" in question.evaluate(0.9).message
    assert "Pas encore" in str(question.evaluate(0.9))


def test_progress_file_is_valid_json(tmp_path):
    NumberQuestion("demo", "q9", answer="x", solution="", expected=1).check(1)
    data = json.loads((tmp_path / "progress.json").read_text())
    assert data["exercises"]["demo"]["q9"]["best"] == "correct"
    assert math.isfinite(data["exercises"]["demo"]["q9"]["attempts"])


# -- typical mistakes (ValueQuestion's ``mistakes``) ------------------------------------------
@pytest.fixture
def demo_messages(monkeypatch):
    """Messages of a made-up exercise "demo", as its catalogue file would hold them."""
    texts = {
        "q1.count": "That is a count.",
        "q1.refused": "That is the refused share.",
        "q1.column": "You used the column {column}.",
        "q1.never": "Never shown.",
    }
    for key, text in texts.items():
        monkeypatch.setitem(i18n.catalogue(), f"checks.demo.{key}", {"en": text, "fr": text})


def _question_with_mistakes(calls: list) -> NumberQuestion:
    def mistakes():
        calls.append("computed")
        return [
            (lambda answer: 1 / 0, "q1.never"),                       # raises: simply not this mistake
            (120, "q1.count"),                                         # a wrong value
            (lambda answer: 0.55 < answer < 0.65, "q1.refused"),       # a predicate (raises on text)
            (0.6, "q1.never"),                                         # also matches 0.6: the first one wins
            (0.35, "q1.column", {"column": "selected"}),               # a message with a field
        ]

    return NumberQuestion("demo", "q1", answer="x", solution="", expected=0.4, is_rate=True, rel_tol=1e-3,
                          mistakes=mistakes)


def test_known_mistakes_get_their_own_message(demo_messages):
    calls: list = []
    question = _question_with_mistakes(calls)
    assert calls == []  # lazy: the course data is only needed at the first check
    assert question.evaluate(0.4).correct and calls == []  # a right answer never looks them up
    assert question.evaluate(0.6).message == "That is the refused share."  # predicate, first match wins
    assert question.evaluate(0.35).message == "You used the column selected."
    # A wrong value is compared like the expected one, with the question's tolerances.
    assert question.evaluate(120).message == "That is a count."
    assert question.evaluate(120.1).message == "That is a count."
    assert question.evaluate(np.int64(120)).message == "That is a count."
    assert calls == ["computed"]  # computed once


def test_an_unrecognised_wrong_answer_gets_the_generic_message(demo_messages):
    question = _question_with_mistakes([])
    assert question.evaluate(0.2).message == i18n.t("checks.number.too_low")
    assert question.evaluate(121).message == i18n.t("checks.number.count_not_rate", got="121")
    assert question.evaluate(40.0).message == i18n.t("checks.number.percent_not_rate", got="40")


@pytest.mark.parametrize(
    "answer",
    [None, "0.6", "", True, float("nan"), float("inf"), [0.6], (120,), {"x": 0.6}, pd.Series([0.6]),
     pd.DataFrame({"x": [120]}), np.array([0.35]), object(), lambda: 0.6, 1j],
)
def test_odd_answers_never_raise_nor_match_a_mistake(demo_messages, answer):
    result = _question_with_mistakes([]).evaluate(answer)
    assert result.outcome is Outcome.INCORRECT, result
    assert result.message not in {"Never shown.", "That is a count.", "You used the column selected."}


def test_mistakes_use_each_question_types_comparison(demo_messages):
    rates = SeriesQuestion("demo", "q1", answer="x", solution="", expected=RATES, is_rate=True,
                           mistakes=lambda: [(1 - RATES, "q1.refused")])
    assert rates.evaluate((1 - RATES).iloc[::-1]).message == "That is the refused share."  # any group order
    assert "For group" in rates.evaluate(pd.Series({"A": 0.5, "B": 0.5})).message
    assert "Series" in rates.evaluate(0.6).message
    text = TextQuestion("demo", "q2", answer="x", solution="", expected="four-fifths",
                        mistakes=lambda: [("half", "q1.column", {"column": "half"})])
    assert text.evaluate("  HALF ").message == "You used the column half."
    ranking = ValueQuestion("demo", "q3", answer="x", solution="", expected=["a", "b", "c"],
                            mistakes=lambda: [(lambda answer: list(answer) == ["c", "b", "a"], "q1.refused")])
    assert ranking.evaluate(("c", "b", "a")).message == "That is the refused share."
    assert ranking.evaluate(42).outcome is Outcome.INCORRECT  # list(42) raises: not this mistake
    assert ValueQuestion("demo", "q4", answer="x", solution="", expected=1).mistakes == []
