"""Lessons as data: order from _toc.yml, exercise minutes from the front matter, reading time computed
from the text; the learning path and every lesson page show the computed minutes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from raicourse.lessons import lessons

REPO = Path(__file__).resolve().parents[2]


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_lessons_follow_the_toc_and_read_their_minutes(tmp_path):
    write(tmp_path / "_toc.yml", "format: jb-book\nroot: book/intro\nparts:\n  - caption: One\n    chapters:\n"
          "      - file: book/b/second\n      - file: book/a/first\n  - caption: Two\n    chapters:\n      - file: book/plain\n")
    # 1,200 words of prose: 12 minutes at 100 words a minute, rounded up to 15.
    prose = "\n".join(["Twelve words in this sentence make a line of plain learner prose."] * 100)
    write(tmp_path / "book/b/second.md", f"---\nexercises: 15\n---\n\n# Second lesson\n\n{prose}\n")
    write(tmp_path / "book/a/first.md", "---\nexercises: 0\n---\n(first)=\n# First lesson\n")
    write(tmp_path / "book/plain.md", "# Not a lesson\n")
    found = lessons(tmp_path)
    assert [(l.stem, l.part, l.title, l.reading, l.exercises, l.minutes) for l in found] == [
        ("second", "One", "Second lesson", 15, 15, 30),
        ("first", "One", "First lesson", 5, 0, 5),
    ]
    assert found[0].time.words == 2 + 1200


def test_a_lesson_that_still_declares_teaching_minutes_is_refused(tmp_path):
    write(tmp_path / "_toc.yml", "format: jb-book\nroot: book/intro\nchapters:\n  - file: book/old\n")
    write(tmp_path / "book/old.md", "---\nteaching: 20\nexercises: 10\n---\n# Old\n")
    with pytest.raises(ValueError, match=r"old.md: remove `teaching:`.*computed"):
        lessons(tmp_path)


def test_the_course_has_lessons():
    assert lessons(REPO)


def test_every_lesson_says_what_to_read_first_and_it_comes_before():
    course = lessons(REPO)
    order = [lesson.stem for lesson in course]
    for lesson in course:
        assert "prerequisites:" in lesson.path.read_text(encoding="utf-8"), f"{lesson.path.name}: add `prerequisites: [...]`"
        for stem in lesson.prerequisites:
            assert order.index(stem) < order.index(lesson.stem)


@pytest.mark.parametrize("value, words", [
    ("[later]", "'later' is not a lesson that comes before"),
    ("[nowhere]", "'nowhere' is not a lesson"),
    ("first", "must be a list of lesson stems"),
])
def test_a_wrong_prerequisite_names_the_lesson_and_the_entry(tmp_path, value, words):
    write(tmp_path / "_toc.yml", "format: jb-book\nroot: book/intro\nchapters:\n"
          "  - file: book/first\n  - file: book/second\n  - file: book/later\n")
    write(tmp_path / "book/first.md", "---\nexercises: 10\n---\n# First\n")
    write(tmp_path / "book/second.md", f"---\nexercises: 10\nprerequisites: {value}\n---\n# Second\n")
    write(tmp_path / "book/later.md", "---\nexercises: 10\nprerequisites: [first, second]\n---\n# Later\n")
    with pytest.raises(ValueError, match=re.escape(words)) as error:
        lessons(tmp_path)
    assert "second.md" in str(error.value)


def test_learning_path_totals_equal_the_sum_of_the_lessons():
    page = REPO / "_build" / "html" / "book" / "learning_path.html"
    if not page.exists():
        pytest.skip("the book is not built (make test builds it)")
    html = page.read_text(encoding="utf-8")
    course = lessons(REPO)
    total_row = re.search(r"All lessons.*?</tr>", html, re.S).group(0)
    numbers = [int(n) for n in re.findall(r"<strong>(\d+)</strong>", total_row)]
    assert numbers == [len(course), sum(l.reading for l in course), sum(l.exercises for l in course), sum(l.minutes for l in course)]
    for lesson in course:
        assert lesson.title in html
    # The capstone row links each lesson it builds on.
    capstone = re.search(r"<tr[^>]*>(?:(?!</tr>).)*responsible_ai_audit.html(?:(?!</tr>).)*</tr>", html, re.S).group(0)
    for stem in next(l for l in course if l.stem == "responsible_ai_audit").prerequisites:
        assert f"{stem}.html" in capstone


def test_page_titles_in_course_order(tmp_path):
    from raicourse.lessons import find_book_root, page_titles

    write(tmp_path / "_toc.yml", "format: jb-book\nroot: book/intro\nparts:\n  - caption: One\n    chapters:\n"
          "      - file: book/b/second\n      - file: book/a/first\n")
    write(tmp_path / "book/intro.md", "# Welcome\n")
    write(tmp_path / "book/b/second.md", "---\nexercises: 10\n---\n# Second lesson\n")
    write(tmp_path / "book/a/first.md", "# First lesson\n")
    assert list(page_titles(tmp_path).items()) == [("intro", "Welcome"), ("second", "Second lesson"), ("first", "First lesson")]
    assert find_book_root(tmp_path / "book" / "a") == tmp_path
    assert find_book_root(Path("/")) is None


def test_progress_page_lists_every_lesson_quiz_under_its_title():
    page = REPO / "_build" / "html" / "book" / "progress.html"
    if not page.exists():
        pytest.skip("the book is not built (make test builds it)")
    html = page.read_text(encoding="utf-8")
    for lesson in lessons(REPO):
        assert f'"stem":"{lesson.stem}"' in html
        assert lesson.title.replace("&", "\\u0026") in html
