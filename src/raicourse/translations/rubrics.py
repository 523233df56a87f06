"""Rubrics and the competency list in French: one ``.po`` catalogue per file, applied when the
file is loaded (as :mod:`raicourse.translations.quizzes` does for quiz banks).

A rubric's title and each criterion's ``criterion``, ``evidence`` and levels are translated
(context ``<criterion id>|<field>``). In the competency list, the frameworks' names and status
notes and every competency's ``gloss`` (the course's own plain rendering) are translated; the
``label`` of a competency is the wording its framework publishes and stays as published (the
French certification's wording is French already), except ESCO's, whose French preferred label
is given in the catalogue (ESCO publishes every label in French).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterator

from raicourse.translations import Entry, IncompleteTranslation, apply_catalogue, package_catalogue_dir

__all__ = ["IncompleteRubricTranslation", "catalogue_path", "competency_entries", "rubric_entries", "translate_competencies",
           "translate_rubric"]

_LEVELS = ("not_yet", "meets", "exceeds")


class IncompleteRubricTranslation(LookupError):
    """A string of a rubric shown on a published French page has no current French."""


def catalogue_path(stem: str) -> Path:
    """``raicourse/locales/fr/rubrics/<stem>.po`` (``competencies`` for the competency list)."""
    return package_catalogue_dir() / "rubrics" / f"{stem}.po"


Setter = Callable[[str], None]


def _walk_rubric(data: dict[str, Any]) -> Iterator[tuple[str, str, Setter]]:
    if data.get("title"):
        yield "title", str(data["title"]), lambda value: data.__setitem__("title", value)
    for criterion in data.get("criteria") or []:
        cid = criterion.get("id", "?")
        for field in ("criterion", "evidence"):
            if criterion.get(field):
                yield f"{cid}|{field}", str(criterion[field]), (lambda value, c=criterion, f=field: c.__setitem__(f, value))
        levels = criterion.get("levels") or {}
        for level in _LEVELS:
            if levels.get(level):
                yield f"{cid}|{level}", str(levels[level]), (lambda value, l=levels, f=level: l.__setitem__(f, value))


def _walk_competencies(data: dict[str, Any]) -> Iterator[tuple[str, str, Setter]]:
    for framework in data.get("frameworks") or []:
        for field in ("name", "status"):
            if framework.get(field):
                yield (f"{framework.get('id', '?')}|{field}", " ".join(str(framework[field]).split()),
                       (lambda value, f=framework, k=field: f.__setitem__(k, value)))
    for competency in data.get("competencies") or []:
        fields = ("gloss", "label") if competency.get("framework") == "esco" else ("gloss",)
        for field in fields:
            if competency.get(field):
                yield (f"{competency.get('id', '?')}|{field}", " ".join(str(competency[field]).split()),
                       (lambda value, c=competency, k=field: c.__setitem__(k, value)))


def rubric_entries(stem: str, data: dict[str, Any], shown: str) -> list[Entry]:
    """The strings of a rubric (its parsed YAML) to translate, each naming the file and the criterion."""
    return [Entry(text, context, f"{shown}, {context.split('|')[0]}") for context, text, _ in _walk_rubric(data)]


def competency_entries(data: dict[str, Any], shown: str) -> list[Entry]:
    """The strings of the competency list to translate."""
    return [Entry(text, context, f"{shown}, {context.split('|')[0]}",
                  comment="ESCO's French preferred label" if context.endswith("|label") else "")
            for context, text, _ in _walk_competencies(data)]


def _translate(stem: str, fields: Iterator[tuple[str, str, Setter]], shown: str, strict: bool | None) -> None:
    if strict is None:
        strict = bool(os.environ.get("RAICOURSE_STRICT_TRANSLATIONS"))
    try:
        apply_catalogue(catalogue_path(stem), fields, shown, strict)
    except IncompleteTranslation as error:
        raise IncompleteRubricTranslation(str(error)) from None


def translate_rubric(stem: str, data: dict[str, Any], shown: str, strict: bool | None = None) -> dict[str, Any]:
    """Replace a rubric's English strings (in place) with their French; return the data. Strict
    (the French book's build): a missing French string is an error naming the file and the fields."""
    if isinstance(data, dict):
        _translate(stem, _walk_rubric(data), shown, strict)
    return data


def translate_competencies(data: dict[str, Any], shown: str, strict: bool | None = None) -> dict[str, Any]:
    """The competency list with its French (in place); see :func:`translate_rubric`."""
    if isinstance(data, dict):
        _translate("competencies", _walk_competencies(data), shown, strict)
    return data
