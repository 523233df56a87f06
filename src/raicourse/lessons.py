"""The course's lessons as data: order from ``_toc.yml``, minutes and prerequisites from each
lesson's front matter.

The learning path, the schedule and the tests read the same numbers, so minutes are
typed once, in the lesson.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = ["Lesson", "find_book_root", "lessons", "page_titles"]

_FRONT_MATTER = re.compile(r"^---\n(.*?)\n---\n", re.DOTALL)
_TITLE = re.compile(r"^# (.+)$", re.M)


@dataclass(frozen=True)
class Lesson:
    """One lesson: where it is, its part of the course, its title, its minutes and the
    lessons to read first (their stems)."""

    docname: str
    part: str
    title: str
    teaching: int
    exercises: int
    path: Path
    prerequisites: tuple[str, ...] = ()

    @property
    def minutes(self) -> int:
        return self.teaching + self.exercises

    @property
    def stem(self) -> str:
        return self.path.stem


def _toc_documents(root: Path) -> list[tuple[str, str]]:
    """(part caption, docname) for every page of _toc.yml, in order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    found: list[tuple[str, str]] = []

    def walk(entries, part: str) -> None:
        for entry in entries or []:
            if "file" in entry:
                found.append((part, entry["file"]))
            walk(entry.get("sections"), part)

    for part in toc.get("parts", []) or []:
        walk(part.get("chapters"), part.get("caption", ""))
    walk(toc.get("chapters"), "")
    return found


def find_book_root(start: Path) -> Path | None:
    """The folder holding ``_toc.yml`` at or above ``start`` (None outside a course checkout)."""
    for folder in (start, *start.parents):
        if (folder / "_toc.yml").exists():
            return folder
    return None


def page_titles(root: Path) -> dict[str, str]:
    """Every page of the book at ``root`` by stem, with its title, in course order (root page first)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    titles = {}
    for docname in [toc["root"], *(docname for _, docname in _toc_documents(root))]:
        path = root / f"{docname.removesuffix('.md')}.md"
        if path.exists():
            title = _TITLE.search(path.read_text(encoding="utf-8"))
            titles[path.stem] = title.group(1).strip() if title else path.stem
    return titles


def lessons(root: Path) -> list[Lesson]:
    """Every lesson of the book at ``root`` (a page with ``teaching:`` minutes), in course order.

    Raises
    ------
    ValueError
        When a lesson's ``prerequisites:`` is not a list of the stems of lessons that come
        before it (the message names the lesson's file and the wrong entry).
    """
    result = []
    for part, docname in _toc_documents(root):
        path = root / f"{docname.removesuffix('.md')}.md"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        match = _FRONT_MATTER.match(text)
        meta = (yaml.safe_load(match.group(1)) or {}) if match else {}
        if "teaching" not in meta:
            continue
        title = _TITLE.search(text)
        result.append(Lesson(
            docname=docname.removesuffix(".md"),
            part=part,
            title=title.group(1).strip() if title else path.stem,
            teaching=int(meta["teaching"]),
            exercises=int(meta.get("exercises", 0)),
            path=path,
            prerequisites=_prerequisites(path, meta.get("prerequisites", []), [lesson.stem for lesson in result]),
        ))
    return result


def _prerequisites(path: Path, value: object, earlier: list[str]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(stem, str) for stem in value):
        raise ValueError(f"{path}: `prerequisites:` must be a list of lesson stems, e.g. [what_is_ai]")
    for stem in value:
        if stem not in earlier:
            raise ValueError(f"{path}: prerequisite {stem!r} is not a lesson that comes before this one in _toc.yml")
    return tuple(value)
