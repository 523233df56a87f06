"""Each lesson's computed time (issue #14) is shown at the top of its page and in the learning path.

The built-book tests read the learner edition (``RAICOURSE_BOOK_HTML``, default ``_build/html``,
built by ``make test``); they fail when it is missing.
"""

from __future__ import annotations

import html
import re

import pytest

from conftest import REPO
from raicourse.lessons import EXPLORABLE_MINUTES, QUIZ_MINUTES, ROUND_TO, WORDS_PER_MINUTE, lessons
from raicourse.sphinxext import add_lesson_meta

COURSE = lessons(REPO)


def text_of(fragment: str) -> str:
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    return re.sub(r" ([.,;:])", r"\1", text)


@pytest.mark.parametrize("lesson", COURSE, ids=lambda lesson: lesson.stem)
def test_every_lesson_page_shows_its_computed_time_and_what_to_read_first(book_html, lesson):
    page = (book_html / f"{lesson.docname}.html").read_text(encoding="utf-8")
    meta = re.search(r'<div class="raicourse-lesson-meta[^"]*">(.*?)</div>', page, re.S)
    assert meta, f"{lesson.stem}: no time line under the title"
    shown = text_of(meta.group(1))
    if lesson.exercises:
        assert f"Time: about {lesson.minutes} minutes ({lesson.reading} to read and answer the quiz, {lesson.exercises} for the exercises)." in shown
    else:
        assert f"Time: about {lesson.minutes} minutes to read and answer the quiz." in shown
    titles = {other.stem: other.title for other in COURSE}
    if lesson.prerequisites:
        assert "Read first: " + ", ".join(titles[stem] for stem in lesson.prerequisites) in shown
        for stem in lesson.prerequisites:
            assert re.search(rf'href="[^"]*\b{stem}\.html"', meta.group(1)), f"{lesson.stem}: no link to {stem}"
    else:
        assert "Read first: nothing, you can start here." in shown
    # At the top: right under the title, before the Questions block.
    assert page.index("<h1") < meta.start() < page.index("Questions</p>")


def test_the_learning_path_shows_each_lessons_computed_minutes(book_html):
    page = (book_html / "book" / "learning_path.html").read_text(encoding="utf-8")
    for lesson in COURSE:
        row = re.search(rf'<tr[^>]*>(?:(?!</tr>).)*href="[^"]*{lesson.stem}\.html"(?:(?!</tr>).)*</tr>', page, re.S)
        assert row, f"no row for {lesson.stem}"
        cells = [text_of(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)]
        assert cells[-3:] == [str(lesson.reading), str(lesson.exercises), str(lesson.minutes)], (lesson.stem, cells)


def test_computed_minutes_follow_the_stated_rates():
    for lesson in COURSE:
        time = lesson.time
        raw = time.words / WORDS_PER_MINUTE["en"] + time.quiz_minutes + time.explorables * EXPLORABLE_MINUTES
        assert time.study % ROUND_TO == 0 and raw <= time.study < raw + ROUND_TO
        assert time.quiz_minutes >= 6 * QUIZ_MINUTES  # every lesson has a quiz of at least six questions
        assert lesson.minutes == time.study + lesson.exercises


def test_a_lesson_with_an_interactive_figure_counts_it(tmp_path):
    from raicourse.lessons import lesson_time

    core = "---\nexercises: 5\n---\n# Title\n\n" + "word " * 200 + "\n"
    figure = "```{code-cell} ipython3\nshow_threshold_explorer(\"score\", \"y\", \"group\", data=table)\n```\n"
    path = tmp_path / "lesson.md"
    path.write_text(core + figure, encoding="utf-8")
    time = lesson_time(path, 5)
    assert time.explorables == 1 and time.study == ROUND_TO * -(-(2 + EXPLORABLE_MINUTES) // ROUND_TO)


def test_collapsed_blocks_and_trainers_notes_do_not_count(tmp_path):
    from raicourse.lessons import lesson_time

    core = "---\nexercises: 5\n---\n# Title\n\n" + "word " * 200 + "\n"
    extra = (":::{going-further} More\n" + "word " * 500 + "\n:::\n\n:::{about-the-sources}\n" + "word " * 500 + "\n:::\n\n"
             ":::{admonition} Instructor note\n:class: instructor\n" + "word " * 500 + "\n:::\n\n```{code-cell} ipython3\nx = 1\n```\n")
    path = tmp_path / "lesson.md"
    path.write_text(core, encoding="utf-8")
    alone = lesson_time(path, 5)
    path.write_text(core + extra, encoding="utf-8")
    assert lesson_time(path, 5) == alone
    assert alone.words == 201 and alone.study == 5 and alone.total == 10


def test_the_build_puts_the_time_line_under_a_lessons_title_only():
    lesson = "---\nexercises: 10\n---\n(demo)=\n# Demo\n\nText.\n"
    assert add_lesson_meta(lesson) == "---\nexercises: 10\n---\n(demo)=\n# Demo\n\n```{lesson-meta}\n```\n\n\nText.\n"
    assert add_lesson_meta(add_lesson_meta(lesson)) == add_lesson_meta(lesson)
    page = "---\njupytext: {}\n---\n# Not a lesson\n"
    assert add_lesson_meta(page) == page
    assert add_lesson_meta("# No front matter\n") == "# No front matter\n"
