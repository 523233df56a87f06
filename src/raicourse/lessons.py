"""The course's lessons as data: order from ``_toc.yml``; exercise minutes and prerequisites
from each lesson's front matter; reading time computed from the lesson's text.

A lesson is a page whose front matter has ``exercises:`` (minutes of hands-on work, 0 when
there is none). Its core time is computed, never typed (issue #14):

* learner-visible prose (:mod:`raicourse.readability.prose`: no code, no trainers' blocks,
  no collapsed "going further" or "about the sources" blocks, no front matter, no citations)
  read at :data:`WORDS_PER_MINUTE`;
* plus :data:`QUIZ_MINUTES` per quiz question (:data:`REFLECTION_MINUTES` for a question
  that asks the learner to write);
* plus :data:`EXPLORABLE_MINUTES` per interactive figure (``show_..._explorer(...)``);
* rounded up to the next :data:`ROUND_TO` minutes; plus the declared exercise minutes.

**Where the reading rate comes from.** Adults reading non-fiction silently in their first
language read about 238 words a minute (Brysbaert 2019, a meta-analysis of 190 studies,
*Journal of Memory and Language* 109, 104047, doi:10.1016/j.jml.2019.104047); the same review
notes lower rates for readers of English as a second language. Even highly bilingual readers
read a second language 30% or more slower (Segalowitz, Poulsen and Komoda 1991, cited by
N. J. Anderson, "Improving reading speed", *English Teaching Forum* 37(2), 1999), which gives at
most about 165 words a minute; and "at the end of a reading course, even advanced ESL students
may read only 100 words per minute or less" (Jensen 1986, cited there). The course's learners
read English at B1–B2, and its text is technical and new to them, so we take **100 words a
minute**: the rate Jensen reports, and the one issue #14 proposes. It is a planning figure
chosen from these sources, not a measurement of our learners. **French pages** use the same
rate: the course's French readers include many for whom French is a second language, and the
French text is longer (its words are counted from the page's catalogue: see
:func:`raicourse.translations.book.word_ratio`). The quiz and figure rates are
our own estimates: a quiz question is about 40 words (25 seconds at that rate), then a choice
and its feedback; a written answer takes a few minutes; a figure is explored in a few tries.

The learning path, the schedule and the lesson pages read the same numbers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

import yaml

__all__ = [
    "EXPLORABLE_MINUTES",
    "QUIZ_MINUTES",
    "REFLECTION_MINUTES",
    "ROUND_TO",
    "WORDS_PER_MINUTE",
    "Lesson",
    "LessonTime",
    "find_book_root",
    "lesson_time",
    "lessons",
    "page_titles",
]

#: Reading rate of the course's readers, in words a minute, by language (see the module's docstring).
WORDS_PER_MINUTE = {"en": 100, "fr": 100}
#: Minutes per quiz question (read it, choose, read the feedback).
QUIZ_MINUTES = 1
#: Minutes per quiz question that asks the learner to write (``type: reflection``).
REFLECTION_MINUTES = 3
#: Minutes per interactive figure (``show_..._explorer(...)``).
EXPLORABLE_MINUTES = 5
#: The reading, quiz and figure minutes are rounded up to a multiple of this.
ROUND_TO = 5

_SHOW_QUIZ = re.compile(r"""show_quiz\(\s*["']([a-z0-9_]+)["']""")
_EXPLORABLE = re.compile(r"\bshow_\w+_explorer\(")
_INSTRUCTOR_BLOCK = re.compile(r"^(?P<fence>:{3,}|`{3,})\{[\w-]+\}[^\n]*\n(?::[\w-]+:[^\n]*\n)*?:class:[^\n]*\binstructor\b.*?^(?P=fence)\s*$", re.M | re.S)

_FRONT_MATTER = re.compile(r"^---\n(.*?)\n---\n", re.DOTALL)
_TITLE = re.compile(r"^# (.+)$", re.M)


@dataclass(frozen=True)
class LessonTime:
    """How a lesson's core minutes are made up (see the module's docstring for the rates)."""

    words: int
    quiz_questions: int
    reflection_questions: int
    explorables: int
    exercises: int
    language: str = "en"

    @property
    def reading_minutes(self) -> float:
        """Minutes to read the core prose, unrounded."""
        return self.words / WORDS_PER_MINUTE[self.language]

    @property
    def quiz_minutes(self) -> int:
        return self.quiz_questions * QUIZ_MINUTES + self.reflection_questions * REFLECTION_MINUTES

    @property
    def study(self) -> int:
        """Reading, quiz and figures, rounded up to :data:`ROUND_TO` minutes."""
        raw = self.reading_minutes + self.quiz_minutes + self.explorables * EXPLORABLE_MINUTES
        return ROUND_TO * math.ceil(raw / ROUND_TO)

    @property
    def total(self) -> int:
        return self.study + self.exercises


def lesson_time(path: Path, exercises: int, language: str = "en") -> LessonTime:
    """Compute a lesson's core time from its text, its quiz bank and its exercise minutes.

    Parameters
    ----------
    path : Path
        The lesson's ``.md`` file.
    exercises : int
        Its declared exercise minutes.
    language : str
        The language it is written in (chooses the reading rate).
    """
    from raicourse.readability.prose import passages, words

    text = path.read_text(encoding="utf-8")
    core_words = sum(words(passage.text) for passage in passages(text) if passage.core)
    if language != "en":
        from raicourse.translations.book import word_ratio

        root = find_book_root(path.parent)
        if root is not None:
            docname = path.relative_to(root).with_suffix("").as_posix()
            core_words = round(core_words * word_ratio(root, docname))
    learner_text = _INSTRUCTOR_BLOCK.sub("", text)
    closed = reflections = 0
    banks = resources.files("raicourse") / "quiz" / "banks"
    for stem in _SHOW_QUIZ.findall(learner_text):
        bank = yaml.safe_load((banks / f"{stem}.yaml").read_text(encoding="utf-8"))
        for question in bank.get("questions", []):
            if question.get("type") == "reflection":
                reflections += 1
            else:
                closed += 1
    return LessonTime(words=core_words, quiz_questions=closed, reflection_questions=reflections,
                      explorables=len(_EXPLORABLE.findall(learner_text)), exercises=exercises, language=language)


@dataclass(frozen=True)
class Lesson:
    """One lesson: where it is, its part of the course, its title, its exercise minutes, the
    lessons to read first (their stems), and its computed time."""

    docname: str
    part: str
    title: str
    exercises: int
    path: Path
    prerequisites: tuple[str, ...] = ()
    #: The language of the edition that shows the lesson (its title and reading time).
    language: str = "en"

    @cached_property
    def time(self) -> LessonTime:
        """The lesson's core time, computed from its text (read the first time it is asked)."""
        return lesson_time(self.path, self.exercises, self.language)

    @property
    def reading(self) -> int:
        """Minutes of reading, quiz and figures (computed, rounded up to 5)."""
        return self.time.study

    @property
    def minutes(self) -> int:
        """The lesson's core minutes: reading, quiz, figures and exercises."""
        return self.time.total

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


def lessons(root: Path, language: str = "en") -> list[Lesson]:
    """Every lesson of the book at ``root`` (a page with ``exercises:`` minutes), in course order.

    With ``language="fr"``, titles and part captions come from the French catalogue
    (``site.po``) and reading times from the French text.

    Raises
    ------
    ValueError
        When a lesson's ``prerequisites:`` is not a list of the stems of lessons that come
        before it, or when its front matter still declares ``teaching:`` minutes (the
        reading time is computed); the message names the lesson's file.
    """
    result = []
    french_titles, french_strings = ({}, {})
    if language != "en":
        from raicourse.translations.book import french_strings as _strings, french_titles as _titles

        french_titles, french_strings = _titles(root), _strings(root)
    for part, docname in _toc_documents(root):
        if language != "en":
            part = french_strings.get((part, "toc caption"), part)
        path = root / f"{docname.removesuffix('.md')}.md"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        match = _FRONT_MATTER.match(text)
        meta = (yaml.safe_load(match.group(1)) or {}) if match else {}
        if "teaching" in meta:
            raise ValueError(f"{path}: remove `teaching:` from the front matter: the reading time is computed from the text")
        if "exercises" not in meta:
            continue
        title = _TITLE.search(text)
        result.append(Lesson(
            docname=docname.removesuffix(".md"),
            part=part,
            title=french_titles.get(docname.removesuffix(".md")) or (title.group(1).strip() if title else path.stem),
            exercises=int(meta["exercises"]),
            path=path,
            prerequisites=_prerequisites(path, meta.get("prerequisites", []), [lesson.stem for lesson in result]),
            language=language,
        ))
    return result


def _prerequisites(path: Path, value: object, earlier: list[str]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(stem, str) for stem in value):
        raise ValueError(f"{path}: `prerequisites:` must be a list of lesson stems, e.g. [what_is_ai]")
    for stem in value:
        if stem not in earlier:
            raise ValueError(f"{path}: prerequisite {stem!r} is not a lesson that comes before this one in _toc.yml")
    return tuple(value)
