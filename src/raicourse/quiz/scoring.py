"""Score one recorded answer against its bank, as the quiz's front-end would check it.

The assessment edition's quizzes record answers without checking them; the trainer's
grader (:mod:`raicourse.grading.quizzes`) scores them here. The rules are those of
``raicourse-quiz.js`` (``normaliseText``, ``parseNumber``, the numeric slack), so that a
learner gets the same verdict in both editions.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from raicourse.quiz.schema import Bank
from raicourse.quiz.widget import displayed_choices

__all__ = ["Verdict", "normalise_text", "parse_number", "score_answer"]

_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$", re.I)


def normalise_text(text: str) -> str:
    """Lower case, no accents, punctuation and runs of spaces turned into one space."""
    decomposed = unicodedata.normalize("NFD", str(text))
    without_accents = "".join(char for char in decomposed if not "\u0300" <= char <= "\u036f")
    return re.sub(r"[\W_]+", " ", without_accents.lower()).strip()


def parse_number(raw: object, unit: str | None = None) -> float:
    """Read a typed number: ``"0.25"``, ``"0,25"``, ``" 25 %"`` (the unit is optional), ``"1e-3"``.

    Returns
    -------
    float
        The number, or NaN when the text is not one.
    """
    if isinstance(raw, bool):
        return math.nan
    if isinstance(raw, (int, float)):
        return float(raw)
    text = re.sub(r"[\s\u00a0\u202f]+", "", str(raw))
    compact_unit = re.sub(r"\s+", "", unit or "")
    if compact_unit and text.lower().endswith(compact_unit.lower()):
        text = text[: len(text) - len(compact_unit)]
    text = text.replace(",", ".", 1)
    return float(text) if _NUMBER.match(text) else math.nan


@dataclass(frozen=True)
class Verdict:
    """The grader's reading of one answer.

    Attributes
    ----------
    outcome : str
        ``correct``, ``incorrect``, ``unanswered``, ``invalid`` (not an answer this question
        can take, e.g. a choice that does not exist) or ``to_mark`` (a reflection).
    shown : str
        The answer as the learner saw it (a choice's text rather than its key).
    feedback : list of str
        The bank's feedback for that answer (per choice, or for true/false).
    """

    outcome: str
    shown: str
    feedback: tuple[str, ...] = ()


def score_answer(stem: str, bank: Bank, question: Any, response: Any, labels: dict[str, str]) -> Verdict:
    """Score one recorded response (as the assessment edition stores it).

    Parameters
    ----------
    stem : str
        The bank's stem (it seeds the displayed order of the choices).
    bank : Bank
        The bank the answer was given to.
    question : a question of ``bank``
    response : object
        From the export file: a choice key (``"r0"``), a list of keys, ``"true"``/``"false"``,
        or the typed text. Anything else is reported as ``invalid``, never raised.
    labels : dict
        ``{"true": ..., "false": ...}`` in the feedback's language.
    """
    if response is None or (isinstance(response, str) and not response.strip()) or response == []:
        return Verdict("unanswered", "")
    kind = question.type
    if kind in ("single", "multiple"):
        choices = dict(displayed_choices(stem, bank, question))
        keys = [response] if kind == "single" else response
        if not isinstance(keys, list) or not keys or not all(isinstance(key, str) and key in choices for key in keys):
            return Verdict("invalid", _plain(response))
        picked = [choices[key] for key in dict.fromkeys(keys)]
        shown = " | ".join(choice.text for choice in picked)
        right = {id(choice) for choice in choices.values() if choice.correct}
        correct = {id(choice) for choice in picked} == right
        feedback = tuple(choice.feedback for choice in picked if choice.feedback) if kind == "single" or correct else ()
        return Verdict("correct" if correct else "incorrect", shown, feedback)
    if kind == "truefalse":
        if response not in ("true", "false"):
            return Verdict("invalid", _plain(response))
        said = response == "true"
        note = question.feedback_true if said else question.feedback_false
        return Verdict("correct" if said == question.answer else "incorrect", labels[response], (note,) if note else ())
    if not isinstance(response, (str, int, float)) or isinstance(response, bool):
        return Verdict("invalid", _plain(response))
    if kind == "numeric":
        value = parse_number(response, question.unit)
        if math.isnan(value):
            return Verdict("invalid", str(response))
        # The same hair of slack as the front-end, so that rounding never fails a right answer.
        slack = question.tolerance + 1e-9 * max(1.0, abs(question.answer))
        return Verdict("correct" if abs(value - question.answer) <= slack else "incorrect", str(response))
    if kind == "text":
        given = normalise_text(str(response))
        right = any(normalise_text(answer) == given for answer in question.answers)
        return Verdict("correct" if right else "incorrect", str(response))
    return Verdict("to_mark", str(response))


def _plain(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text[:200]
