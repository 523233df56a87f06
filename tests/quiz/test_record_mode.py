"""Record mode (the assessment edition): the quiz state holds no answer, for every bank.

The forbidden values are derived from the banks themselves, so a new bank or a new
question type is covered without editing this file.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from raicourse.quiz import load_bank, quiz_state
from raicourse.quiz.loader import bank_stems
from raicourse.quiz.progress import progress_state
from raicourse.quiz.widget import (
    ASSESSMENT_STORE,
    MODE_RECORD,
    bank_fingerprint,
    choice_key,
    displayed_choices,
    fallback_html,
    static_quiz_html,
)

from test_widget import state_from_html

#: Everything a record-mode question may carry: each other field of the schema reveals an answer.
PUBLIC_QUESTION_KEYS = {"id", "type", "prompt", "choices", "unit"}
PUBLIC_CHOICE_KEYS = {"key", "text"}
PUBLIC_BANK_KEYS = {"version", "fingerprint", "title", "questions"}


def normalised(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def string_leaves(value, path=()):
    """Every string in a JSON value, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from string_leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from string_leaves(item, (*path, index))


def number_leaves(value, path=()):
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from number_leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from number_leaves(item, (*path, index))


def secrets_of(bank):
    """(long texts that must appear nowhere, short accepted answers, numeric answers)."""
    long_texts, accepted, numbers = [], [], []
    for question in bank.questions:
        long_texts += [question.explanation, getattr(question, "model_answer", None),
                       getattr(question, "feedback_true", None), getattr(question, "feedback_false", None)]
        long_texts += [choice.feedback for choice in getattr(question, "choices", [])]
        accepted += list(getattr(question, "answers", []))
        if question.type == "numeric":
            numbers.append(question.answer)
    return [text for text in long_texts if text], accepted, numbers


@pytest.mark.parametrize("stem", bank_stems())
def test_record_state_holds_no_answer(stem):
    _, bank = load_bank(stem)
    state = quiz_state(stem, bank, "en", mode=MODE_RECORD)
    assert state["mode"] == "record" and state["store"] == ASSESSMENT_STORE
    dumped = json.dumps(state, ensure_ascii=False)

    # Only fields that reveal nothing.
    assert set(state["bank"]) <= PUBLIC_BANK_KEYS
    for question in state["bank"]["questions"]:
        assert set(question) <= PUBLIC_QUESTION_KEYS, question["id"]
        for choice in question.get("choices", []):
            assert set(choice) == PUBLIC_CHOICE_KEYS

    long_texts, accepted, numbers = secrets_of(bank)
    for text in long_texts:
        assert text not in dumped, f"{stem}: {text[:60]!r} is in the record-mode state"
    # A short accepted answer may only appear as text the learner sees anyway (in a prompt).
    public = " ".join(normalised(q["prompt"]) for q in state["bank"]["questions"])
    values = {normalised(value) for path, value in string_leaves(state["bank"])}
    for answer in accepted:
        if normalised(answer) not in public:
            assert normalised(answer) not in values, f"{stem}: accepted answer {answer!r} is in the state"
    found_numbers = [value for path, value in number_leaves(state["bank"]) if path != ("version",)]
    for number in numbers:
        assert number not in found_numbers, f"{stem}: numeric answer {number} is in the state"

    # The correct choices are not singled out: every choice is there, keyed by a hash of its text
    # (not by its position in the bank, where authors often put the right one first).
    for question, data in zip(bank.questions, state["bank"]["questions"]):
        if getattr(question, "choices", None):
            keys = [c["key"] for c in data["choices"]]
            assert keys == [choice_key(stem, question, choice) for choice in (
                next(ch for ch in question.choices if ch.text == c["text"]) for c in data["choices"])]
            assert all(re.fullmatch(r"k[0-9a-f]{10}", key) for key in keys) and len(set(keys)) == len(keys)
            assert sorted(c["text"] for c in data["choices"]) == sorted(c.text for c in question.choices)


@pytest.mark.parametrize("stem", bank_stems())
def test_record_fallback_holds_no_answer(stem):
    _, bank = load_bank(stem)
    markup = fallback_html(bank, "en", stem, MODE_RECORD)
    long_texts, _, _ = secrets_of(bank)
    for text in long_texts:
        assert text not in markup and json.dumps(text)[1:-1] not in markup


def test_the_assessment_edition_makes_show_quiz_record(monkeypatch):
    monkeypatch.setenv("RAICOURSE_EDITION", "assessment")
    markup = static_quiz_html("intro")
    state = state_from_html(markup)
    assert state["mode"] == "record" and "explanation" not in json.dumps(state["bank"])
    assert "record your answers" in markup  # the fallback notice says what the quiz does here
    monkeypatch.setenv("RAICOURSE_EDITION", "learner")
    assert state_from_html(static_quiz_html("intro"))["mode"] == "check"


def test_an_unknown_edition_is_refused(monkeypatch):
    monkeypatch.setenv("RAICOURSE_EDITION", "asessment")
    with pytest.raises(ValueError, match="RAICOURSE_EDITION"):
        static_quiz_html("intro")


def test_displayed_order_follows_the_self_check_shuffle():
    """Both editions show the choices in the same order (the same seed)."""
    for stem in bank_stems():
        _, bank = load_bank(stem)
        check = quiz_state(stem, bank, "en", mode="check")
        for question, data in zip(bank.questions, check["bank"]["questions"]):
            if getattr(question, "choices", None):
                shown = [choice.text for _, choice in displayed_choices(stem, bank, question)]
                assert shown == [c["text"] for c in data["choices"]]


def test_fingerprint_changes_with_what_the_learner_sees_and_with_the_version():
    _, bank = load_bank("intro")
    before = bank_fingerprint("intro", bank)
    assert before == bank_fingerprint("intro", bank) and len(before) == 16
    bumped = bank.model_copy(update={"version": bank.version + 1})
    assert bank_fingerprint("intro", bumped) != before
    first = bank.questions[0]
    reworded = bank.model_copy(update={"questions": [first.model_copy(update={"prompt": "Other?"}), *bank.questions[1:]]})
    assert bank_fingerprint("intro", reworded) != before


def test_progress_state_in_record_mode_carries_fingerprints():
    state = progress_state("en", mode=MODE_RECORD)
    assert state["mode"] == "record" and state["store"] == ASSESSMENT_STORE
    for quiz in state["quizzes"]:
        _, bank = load_bank(quiz["stem"])
        assert quiz["fingerprint"] == bank_fingerprint(quiz["stem"], bank)
    assert "fingerprint" not in progress_state("en", mode="check")["quizzes"][0]
