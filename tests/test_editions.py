"""Editions: the learner edition does not contain the trainers' blocks; the instructor edition does.

Both are built by ``make test`` (``_build/html`` and ``_build/instructor/_build/html``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import BOOK_HTML, REPO

INSTRUCTOR_HTML = REPO / "_build" / "instructor" / "_build" / "html"
INSTRUCTOR_BLOCK = re.compile(r"^:::+\{admonition\}[^\n]*\n:class:[^\n]*\binstructor\b", re.M)


def lessons_with_instructor_blocks() -> list[Path]:
    return sorted(p for p in (REPO / "book").rglob("*.md") if INSTRUCTOR_BLOCK.search(p.read_text(encoding="utf-8")))


def html_of(root: Path, lesson: Path) -> str:
    page = root / lesson.relative_to(REPO).with_suffix(".html")
    if not page.exists():
        pytest.fail(f"{page} is missing: run `make test`, which builds both editions")
    return page.read_text(encoding="utf-8")


def test_some_lesson_has_an_instructor_block():
    assert lessons_with_instructor_blocks(), "the course should have instructor notes"


@pytest.mark.parametrize("lesson", lessons_with_instructor_blocks(), ids=lambda p: p.stem)
def test_learner_edition_does_not_contain_instructor_blocks(lesson):
    page = html_of(BOOK_HTML, lesson)
    assert 'class="admonition instructor' not in page
    assert "Instructor note" not in page


@pytest.mark.parametrize("lesson", lessons_with_instructor_blocks(), ids=lambda p: p.stem)
def test_instructor_edition_contains_them(lesson):
    page = html_of(INSTRUCTOR_HTML, lesson)
    assert "instructor" in page and "Instructor note" in page


def test_learner_search_index_does_not_contain_instructor_notes():
    index = (BOOK_HTML / "searchindex.js").read_text(encoding="utf-8")
    assert "Instructor note" not in index
