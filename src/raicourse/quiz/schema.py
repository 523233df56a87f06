"""Schema of a quiz bank (``raicourse/quiz/banks/<stem>.yaml``), checked with pydantic v2.

A bank that does not fit raises :class:`QuizBankError`, whose message names the file,
the question id and the field, so that an author can fix it without reading Python::

    quiz bank src/raicourse/quiz/banks/x.yaml, question 'selection-rate', field 'choices':
    a single-choice question needs exactly one correct choice
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, ValidationError, field_validator, model_validator

from raicourse._schema import AuthorFileError, StrictModel

__all__ = [
    "QUESTION_TYPES",
    "Bank",
    "Choice",
    "MultipleQuestion",
    "NumericQuestion",
    "QuizBankError",
    "ReflectionQuestion",
    "SingleQuestion",
    "TextQuestion",
    "TrueFalseQuestion",
    "parse_bank",
]

QUESTION_TYPES = ("single", "multiple", "truefalse", "numeric", "text", "reflection")

#: Bank text is Markdown; an empty prompt or choice is always an authoring slip.
NonEmptyText = Annotated[str, Field(min_length=1)]


class QuizBankError(AuthorFileError):
    """A quiz bank does not follow the schema.

    Parameters
    ----------
    path : str
        The bank's file, as shown to the author.
    question_id : str or None
        The id of the faulty question (None for a bank-level problem).
    field : str or None
        The faulty field (dotted for nested fields, e.g. ``choices.2.text``).
    problem : str
        What is wrong, in plain words.
    """

    def __init__(self, path: str, question_id: str | None, field: str | None, problem: str) -> None:
        super().__init__("quiz bank", path, "question", question_id, field, problem)
        self.question_id = question_id


class Choice(StrictModel):
    """One choice of a single- or multiple-choice question."""

    text: NonEmptyText
    correct: bool = False
    feedback: str | None = None


class _Question(StrictModel):
    id: Annotated[str, Field(pattern=r"^[a-z0-9-]+$")]
    prompt: NonEmptyText
    explanation: str | None = None


class _ChoiceQuestion(_Question):
    choices: Annotated[list[Choice], Field(min_length=2)]


class SingleQuestion(_ChoiceQuestion):
    """Exactly one correct choice among two or more."""

    type: Literal["single"]

    @field_validator("choices")
    @classmethod
    def _one_correct(cls, choices: list[Choice]) -> list[Choice]:
        if sum(choice.correct for choice in choices) != 1:
            raise ValueError("a single-choice question needs exactly one correct choice")
        return choices


class MultipleQuestion(_ChoiceQuestion):
    """Any number (at least one) of correct choices; the learner ticks all of them."""

    type: Literal["multiple"]

    @field_validator("choices")
    @classmethod
    def _some_correct(cls, choices: list[Choice]) -> list[Choice]:
        if not any(choice.correct for choice in choices):
            raise ValueError("a multiple-select question needs at least one correct choice")
        return choices


class TrueFalseQuestion(_Question):
    """A statement that is true or false."""

    type: Literal["truefalse"]
    answer: bool
    feedback_true: str | None = None
    feedback_false: str | None = None


class NumericQuestion(_Question):
    """A number, accepted within an absolute tolerance."""

    type: Literal["numeric"]
    answer: float
    tolerance: Annotated[float, Field(ge=0)] = 0.0
    unit: str | None = None

    @field_validator("answer", mode="before")
    @classmethod
    def _number_not_bool(cls, value: object) -> object:
        # YAML reads `yes` as True, which pydantic would quietly turn into 1.0.
        if isinstance(value, bool):
            raise ValueError("the answer must be a number")
        return value


class TextQuestion(_Question):
    """A short text, compared after normalising case, accents, spaces and punctuation."""

    type: Literal["text"]
    answers: Annotated[list[NonEmptyText], Field(min_length=1)]


class ReflectionQuestion(_Question):
    """Free text that stays in the learner's browser, then a model answer to compare with."""

    type: Literal["reflection"]
    model_answer: NonEmptyText


Question = Annotated[
    Union[
        SingleQuestion,
        MultipleQuestion,
        TrueFalseQuestion,
        NumericQuestion,
        TextQuestion,
        ReflectionQuestion,
    ],
    Field(discriminator="type"),
]


class Bank(StrictModel):
    """A quiz bank: one per lesson stem."""

    version: Annotated[int, Field(ge=1)]
    title: str | None = None
    shuffle: bool = False
    show_answer_after: Annotated[int, Field(ge=1)] = 2
    questions: Annotated[list[Question], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_ids(self) -> Bank:
        seen: set[str] = set()
        for question in self.questions:
            if question.id in seen:
                raise _DuplicateIdError(question.id)
            seen.add(question.id)
        return self


class _DuplicateIdError(ValueError):
    def __init__(self, question_id: str) -> None:
        self.question_id = question_id
        super().__init__(f"question id {question_id!r} is used twice; ids must be unique in a bank")


def _describe(error: dict) -> str:
    """Turn one pydantic error into a sentence for a course author."""
    kind = error["type"]
    if kind == "missing":
        return "this field is required for this type of question"
    if kind == "extra_forbidden":
        return "unknown field (a typo?)"
    if kind == "union_tag_invalid":
        return f"unknown question type; use one of: {', '.join(QUESTION_TYPES)}"
    if kind == "union_tag_not_found":
        return f"every question needs a type: {', '.join(QUESTION_TYPES)}"
    if kind == "string_pattern_mismatch":
        return "ids use only lowercase letters, digits and hyphens ([a-z0-9-]+)"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def parse_bank(data: object, path: str) -> Bank:
    """Validate the parsed YAML of a bank.

    Parameters
    ----------
    data : object
        What ``yaml.safe_load`` returned for the file.
    path : str
        The file, named in error messages.

    Returns
    -------
    Bank

    Raises
    ------
    QuizBankError
        On the first problem found, naming file, question id and field.
    """
    if not isinstance(data, dict):
        raise QuizBankError(path, None, None, "a quiz bank is a mapping with 'version' and 'questions'")
    try:
        return Bank.model_validate(data)
    except ValidationError as exc:
        raise _first_error(exc, data, path) from None
    except _DuplicateIdError as exc:  # pragma: no cover - pydantic wraps it; kept for safety
        raise QuizBankError(path, exc.question_id, "id", str(exc)) from None


def _first_error(exc: ValidationError, data: dict, path: str) -> QuizBankError:
    error = exc.errors(include_url=False)[0]
    location = list(error["loc"])
    if error["type"] == "value_error" and isinstance(error.get("ctx", {}).get("error"), _DuplicateIdError):
        duplicate = error["ctx"]["error"]
        return QuizBankError(path, duplicate.question_id, "id", str(duplicate))
    if not location or location[0] != "questions" or len(location) < 2:
        field = ".".join(str(part) for part in location) or None
        return QuizBankError(path, None, field, _describe(error))
    index = location[1]
    questions = data.get("questions") or []
    raw = questions[index] if isinstance(index, int) and index < len(questions) else None
    question_id = str(raw.get("id")) if isinstance(raw, dict) and raw.get("id") is not None else f"#{index + 1}"
    # Location after the index: [<type tag>, field, ...] for a known type, [] for a bad tag.
    rest = [str(part) for part in location[2:]]
    if rest and rest[0] in QUESTION_TYPES:
        rest = rest[1:]
    if error["type"] in {"union_tag_invalid", "union_tag_not_found"}:
        rest = ["type"]
    if error["type"] in {"dict_type", "model_type"} and not rest:
        return QuizBankError(path, question_id, None, "a question is a mapping of fields")
    field = ".".join(rest) if rest else None
    return QuizBankError(path, question_id, field, _describe(error))
