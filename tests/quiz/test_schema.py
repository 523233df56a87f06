"""Quiz bank schema and loader: every shipped bank validates, malformed banks are named precisely."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from raicourse.quiz import QuizBankError, bank_stems, load_bank, load_bank_file, quiz_state, validate_all_banks
from raicourse.quiz.schema import parse_bank

FIXTURES = Path(__file__).parent / "fixtures"

# file -> (question id, field, words the message must contain); None: bank-level.
MALFORMED = {
    "single_two_correct.yaml": ("selection-rate", "choices", "exactly one correct choice"),
    "duplicate_id.yaml": ("same-id", "id", "used twice"),
    "unknown_type.yaml": ("essay-question", "type", "unknown question type"),
    "missing_answer.yaml": ("numeric-no-answer", "answer", "required"),
    "typo_field.yaml": ("typo-here", "explantion", "unknown field"),
    "negative_tolerance.yaml": ("rate", "tolerance", "greater than or equal to 0"),
    "one_choice.yaml": ("lonely-choice", "choices", "at least 2"),
    "multiple_none_correct.yaml": ("pick-some", "choices", "at least one correct choice"),
    "bad_id.yaml": ("Bad Id", "id", "lowercase letters, digits and hyphens"),
    "empty_prompt.yaml": ("no-prompt", "prompt", "at least 1 character"),
    "text_no_answers.yaml": ("name-it", "answers", "at least 1 item"),
    "reflection_no_model.yaml": ("think", "model_answer", "required"),
    "choice_unknown_field.yaml": ("choice-typo", "choices.1.corect", "unknown field"),
    "missing_type.yaml": ("no-type", "type", "needs a type"),
    "numeric_answer_bool.yaml": ("yes-number", "answer", "must be a number"),
    "no_version.yaml": (None, "version", "required"),
    "not_yaml.yaml": (None, None, "not valid YAML"),
}


def test_there_are_at_least_ten_malformed_fixtures():
    files = {path.name for path in (FIXTURES / "malformed").glob("*.yaml")}
    assert len(files) >= 10
    assert files == set(MALFORMED), "every malformed fixture has an expected message"


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_bank_error_names_file_question_and_field(name):
    question_id, field, words = MALFORMED[name]
    with pytest.raises(QuizBankError) as caught:
        load_bank_file(FIXTURES / "malformed" / name)
    error = caught.value
    message = str(error)
    assert message.startswith("quiz bank ") and name in message
    assert error.question_id == question_id
    assert error.field == field
    if question_id is not None:
        assert f"question {question_id!r}" in message
    if field is not None:
        assert f"field {field!r}" in message
    assert words in message


def test_message_reads_like_the_spec():
    with pytest.raises(QuizBankError) as caught:
        parse_bank(
            {"version": 1, "questions": [{"id": "selection-rate", "type": "single", "prompt": "p",
                                          "choices": [{"text": "a"}, {"text": "b"}]}]},
            "src/raicourse/quiz/banks/x.yaml",
        )
    assert str(caught.value) == (
        "quiz bank src/raicourse/quiz/banks/x.yaml, question 'selection-rate', field 'choices': "
        "a single-choice question needs exactly one correct choice"
    )


def test_a_question_without_id_is_named_by_position():
    with pytest.raises(QuizBankError) as caught:
        parse_bank({"version": 1, "questions": [{"type": "truefalse", "prompt": "p", "answer": True}]}, "b.yaml")
    assert caught.value.question_id == "#1" and caught.value.field == "id"


def test_a_bank_that_is_not_a_mapping_is_refused():
    with pytest.raises(QuizBankError, match="a quiz bank is a mapping"):
        parse_bank(["not", "a", "bank"], "list.yaml")


def test_every_shipped_bank_validates():
    banks = validate_all_banks()
    assert "intro" in banks
    assert set(banks) == set(bank_stems())


def test_intro_bank_has_one_question_of_each_type():
    _, bank = load_bank("intro")
    assert sorted(question.type for question in bank.questions) == sorted(
        ["single", "multiple", "truefalse", "numeric", "text", "reflection"]
    )


def test_unknown_stem_lists_known_banks():
    with pytest.raises(QuizBankError, match="no quiz bank named 'no_such_lesson'.*intro"):
        load_bank("no_such_lesson")


def test_load_by_path_uses_the_file_stem():
    stem, bank = load_bank(FIXTURES / "valid" / "every_type.yaml")
    assert stem == "every_type" and bank.version == 3 and bank.show_answer_after == 1


def test_defaults():
    bank = parse_bank({"version": 1, "questions": [{"id": "n", "type": "numeric", "prompt": "p", "answer": 2}]}, "d.yaml")
    assert bank.shuffle is False and bank.show_answer_after == 2 and bank.title is None
    assert bank.questions[0].tolerance == 0


def test_shuffle_is_stable_and_keeps_choice_keys():
    stem, bank = load_bank(FIXTURES / "valid" / "every_type.yaml")
    first = quiz_state(stem, bank, "en")["bank"]["questions"][0]["choices"]
    second = quiz_state(stem, bank, "en")["bank"]["questions"][0]["choices"]
    assert first == second
    assert sorted(choice["key"] for choice in first) == ["c0", "c1", "c2"]
    by_key = {choice["key"]: choice["text"] for choice in first}
    assert by_key["c0"] == "Demographic parity"


def test_state_is_json_and_carries_both_languages():
    stem, bank = load_bank("intro")
    state = quiz_state(stem, bank, "auto")
    json.dumps(state)
    assert state["course"] == "raicourse" and state["stem"] == "intro" and state["language"] == "auto"
    assert set(state["strings"]) == {"en", "fr"}
    assert state["strings"]["en"]["check"] == "Check" and state["strings"]["fr"]["check"] == "Vérifier"
    assert set(state["strings"]["en"]) == set(state["strings"]["fr"])


def test_the_book_build_fails_on_a_malformed_bank(monkeypatch, tmp_path):
    import shutil

    from sphinx.errors import ExtensionError

    from raicourse import sphinxext
    from raicourse.quiz import loader

    shutil.copy(FIXTURES / "malformed" / "single_two_correct.yaml", tmp_path / "broken.yaml")
    monkeypatch.setattr(loader, "banks_folder", lambda: tmp_path)
    with pytest.raises(ExtensionError, match=r"broken\.yaml, question 'selection-rate', field 'choices'"):
        sphinxext._validate_quiz_banks(app=None)
