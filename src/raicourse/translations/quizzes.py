"""Quiz banks in French: one ``.po`` catalogue per bank, applied when the bank is loaded.

Each learner-visible field of a bank is one message whose context names the question and
the field (``accuracy-by-hand|prompt``, ``compare-with-baseline|choice 2|feedback``...). The
French bank is the English one with those fields replaced: same ids, same version, same
answers and the same order of choices, so a learner who switches language keeps their progress.

A text question's accepted answers are one message, one answer per line; the French page
accepts the French answers and the English ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from raicourse.translations import Entry, IncompleteTranslation, apply_catalogue, package_catalogue_dir

__all__ = ["IncompleteTranslation", "bank_entries", "catalogue_path", "translate_bank_data"]

_FIELDS = ("prompt", "explanation", "feedback_true", "feedback_false", "model_answer", "unit")




def catalogue_path(stem: str) -> Path:
    """``raicourse/locales/fr/quiz/<stem>.po``."""
    return package_catalogue_dir() / "quiz" / f"{stem}.po"


def _walk(data: dict[str, Any]):
    """Yield (context, English text, setter) for every translatable field of a bank's data."""
    if data.get("title"):
        yield "title", data["title"], lambda value: data.__setitem__("title", value)
    for question in data.get("questions") or []:
        qid = question.get("id", "?")
        for field in _FIELDS:
            if question.get(field):
                yield f"{qid}|{field}", str(question[field]), (lambda value, q=question, f=field: q.__setitem__(f, value))
        for index, choice in enumerate(question.get("choices") or []):
            for field in ("text", "feedback"):
                if choice.get(field):
                    yield (f"{qid}|choice {index}|{field}", str(choice[field]),
                           (lambda value, c=choice, f=field: c.__setitem__(f, value)))
        if question.get("answers"):
            english = [str(answer) for answer in question["answers"]]

            def set_answers(value: str, q=question, english=english) -> None:
                french = [line.strip() for line in value.splitlines() if line.strip()]
                q["answers"] = french + [answer for answer in english if answer not in french]

            yield f"{qid}|answers", "\n".join(english), set_answers


def bank_entries(stem: str, data: dict[str, Any], shown: str) -> list[Entry]:
    """The strings of a bank (its parsed YAML) to translate, each naming the bank and the question."""
    entries = []
    for context, text, _ in _walk(data):
        question = context.split("|", 1)[0]
        entries.append(Entry(text, context, f"{shown}, question {question}" if "|" in context else shown,
                             comment="one accepted answer per line" if context.endswith("|answers") else ""))
    return entries


def has_catalogue(stem: str) -> bool:
    return catalogue_path(stem).exists()


def translate_bank_data(stem: str, data: dict[str, Any], shown: str, strict: bool) -> dict[str, Any]:
    """Replace the English strings of a bank's data (in place) with their French; return the data.

    Parameters
    ----------
    strict : bool
        True (the French book): a string without current French raises
        :class:`IncompleteTranslation`, naming the bank, the question and the field. False (a
        live notebook in French): that string stays in English.
    """
    apply_catalogue(catalogue_path(stem), _walk(data), shown, strict)
    return data
