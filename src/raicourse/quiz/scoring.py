"""Score one recorded answer against its bank, as the quiz's front-end would check it.

The assessment edition's quizzes record answers without checking them; the trainer's
grader (:mod:`raicourse.grading.quizzes`) scores them here. The rules are those of
``raicourse-quiz-rules.js`` (``normaliseText``, ``parseNumber``, ``evaluate``), so that a
learner gets the same verdict in both editions: ``tests/quiz/cases.yaml`` runs one table of
cases through both.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from raicourse.quiz.schema import Bank
from raicourse.quiz.widget import choice_key

__all__ = ["Verdict", "normalise_text", "parse_number", "score_answer"]

# ASCII digits only, as in JavaScript (Python's \d and float() would take other scripts' digits).
_PLAIN_NUMBER = re.compile(r"^(\d+\.?\d*|\.\d+)$", re.A)
_NUMBER_SHAPE = re.compile(r"^([+\-\u2212]?)([\d.,]+)(e[+-]?\d+)?$", re.I | re.A)
# English groups thousands with commas in threes after a first group of 1-3 digits (not 0).
_ENGLISH_GROUPS = re.compile(r"^[1-9]\d{0,2}(,\d{3})+(\.\d*)?$", re.A)


def normalise_text(text: str) -> str:
    """Lower case, no accents, punctuation and runs of spaces turned into one space."""
    decomposed = unicodedata.normalize("NFD", str(text))
    without_accents = "".join(char for char in decomposed if not "\u0300" <= char <= "\u036f")
    return re.sub(r"[\W_]+", " ", without_accents.lower()).strip()


def parse_number(raw: object, unit: str | None = None, language: str | None = "en") -> float:
    """Read a typed number the way the quiz's language writes it.

    The rule (the same as ``parseNumber`` in ``raicourse-quiz-rules.js``):

    * spaces, no-break spaces (U+00A0) and narrow no-break spaces (U+202F) are dropped, so
      they may group thousands in both languages (``1 190`` is 1190); the unit may follow the
      number (``25 %``); a sign (``+``, ``-``, ``−``) and an exponent (``1e-3``) are allowed;
    * English (``"en"``, and any language other than French): the dot is the decimal mark
      and commas may group thousands in threes (``1,190`` is 1190, ``1,190.5`` is 1190.5);
    * French (``"fr"``): the comma is the decimal mark (``0,25`` is a quarter);
    * ambiguous input: a single mark that the language does not use as its decimal mark,
      and that does not group thousands the language's way, is read as the decimal mark:
      in English ``1,5`` is 1.5 and ``0,25`` a quarter; in French ``1.190`` is 1.19 and
      ``0.25`` a quarter (French never groups thousands with dots);
    * anything else is not a number: two decimal marks, badly grouped commas (``1,19,0``),
      or both marks in French (``1.190,5``).

    Parameters
    ----------
    raw : object
        The learner's text (a number from an answer file is taken as it is).
    unit : str, optional
        The question's unit, which the learner may type after the number.
    language : str, optional
        The language of the page the learner answered on: ``"en"`` or ``"fr"``.

    Returns
    -------
    float
        The number, or NaN when the text is not one.
    """
    if isinstance(raw, bool):
        return math.nan
    if isinstance(raw, (int, float)):
        return float(raw)
    text = re.sub(r"[\s\u00a0\u2009\u202f]+", "", str(raw))
    compact_unit = re.sub(r"\s+", "", unit or "")
    if compact_unit and text.lower().endswith(compact_unit.lower()):
        text = text[: len(text) - len(compact_unit)]
    match = _NUMBER_SHAPE.match(text)
    if match is None:
        return math.nan
    sign = "-" if match.group(1) == "\u2212" else match.group(1)
    digits = match.group(2)
    if language == "fr":
        if "." in digits:
            if "," in digits or digits.count(".") > 1:
                return math.nan
            digits = digits.replace(".", ",")
        digits = digits.replace(",", ".", 1)
    elif "," in digits:
        if _ENGLISH_GROUPS.match(digits):
            digits = digits.replace(",", "")
        elif "." not in digits and digits.count(",") == 1:
            digits = digits.replace(",", ".")
        else:
            return math.nan
    if not _PLAIN_NUMBER.match(digits):
        return math.nan
    return float(sign + digits + (match.group(3) or ""))


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
    missing, extra : int
        For a multiple-choice answer: how many right choices it left out, and how many
        wrong ones it ticked (the front-end says these counts instead of which choice).
    """

    outcome: str
    shown: str
    feedback: tuple[str, ...] = ()
    missing: int = 0
    extra: int = 0


def score_answer(stem: str, bank: Bank, question: Any, response: Any, labels: dict[str, str],
                 language: str | None = "en") -> Verdict:
    """Score one recorded response (as the assessment edition stores it), with the rules of
    the front-end's ``evaluate`` (``raicourse-quiz-rules.js``).

    Parameters
    ----------
    stem : str
        The bank's stem (it seeds the displayed order of the choices).
    bank : Bank
        The bank the answer was given to.
    question : a question of ``bank``
    response : object
        From the export file: a choice key (``"k3f9a..."``, see :func:`~raicourse.quiz.widget.choice_key`), a list of keys, ``"true"``/``"false"``,
        or the typed text. Anything else is reported as ``invalid``, never raised.
    labels : dict
        ``{"true": ..., "false": ...}`` in the feedback's language.
    language : str, optional
        The language of the page the learner answered on: it decides how a typed number is
        read (see :func:`parse_number`).
    """
    if response is None or (isinstance(response, str) and not response.strip()) or response == []:
        return Verdict("unanswered", "")
    kind = question.type
    if kind in ("single", "multiple"):
        # By key, in the bank's order: the order shown differs per class and per learner.
        displayed = [(choice_key(stem, question, choice), choice) for choice in question.choices]
        choices = dict(displayed)
        keys = [response] if kind == "single" else response
        if not isinstance(keys, list) or not keys or not all(isinstance(key, str) and key in choices for key in keys):
            return Verdict("invalid", _plain(response))
        ticked = set(keys)
        picked = [choice for key, choice in displayed if key in ticked]  # in the bank's order
        shown = " | ".join(choice.text for choice in picked)
        if kind == "single":
            feedback = (picked[0].feedback,) if picked[0].feedback else ()
            return Verdict("correct" if picked[0].correct else "incorrect", shown, feedback)
        missing = sum(1 for key, choice in displayed if choice.correct and key not in ticked)
        extra = sum(1 for key, choice in displayed if not choice.correct and key in ticked)
        correct = missing == 0 and extra == 0
        # Counts only when wrong: saying which choice is wrong would give the answer away.
        feedback = tuple(choice.feedback for choice in picked if choice.feedback) if correct else ()
        return Verdict("correct" if correct else "incorrect", shown, feedback, missing, extra)
    if kind == "truefalse":
        if response not in ("true", "false"):
            return Verdict("invalid", _plain(response))
        said = response == "true"
        note = question.feedback_true if said else question.feedback_false
        return Verdict("correct" if said == question.answer else "incorrect", labels[response], (note,) if note else ())
    if not isinstance(response, (str, int, float)) or isinstance(response, bool):
        return Verdict("invalid", _plain(response))
    if kind == "numeric":
        value = parse_number(response, question.unit, language)
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
