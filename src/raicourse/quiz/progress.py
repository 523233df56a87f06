"""The "My progress" page: every quiz of the course, with the learner's status.

The list of quizzes is made in Python at build time from the banks of the package; the
status is read in the browser from ``localStorage`` by ``raicourse-progress.js``.
Nothing leaves the browser: export and import go through a file the learner handles.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from raicourse._widget import display_static, in_static_build, static_html
from raicourse.i18n import get_language, t
from raicourse.lessons import find_book_root, lessons, page_titles
from raicourse.quiz.loader import bank_stems, load_bank
from raicourse.quiz.widget import ASSESSMENT_STORE, COURSE, MODE_RECORD, QUIZ_CSS, bank_fingerprint, quiz_mode, ui_strings

__all__ = ["PROGRESS_MODULE", "progress_state", "show_progress"]

PROGRESS_MODULE = "raicourse-progress.js"


def _course_order_and_titles(language: str = "en") -> tuple[list[str], dict[str, str]]:
    # In the book build (and in a checkout) the quizzes are listed in course order, a
    # lesson's quiz under the lesson's title; elsewhere (Colab, a hub) in name order under
    # the banks' own titles.
    root = find_book_root(Path.cwd())
    if root is None:
        return [], {}
    return list(page_titles(root)), {lesson.stem: lesson.title for lesson in lessons(root, language)}


def progress_state(language: str | None = None, mode: str | None = None) -> dict[str, Any]:
    """Return the state of the progress view: the course's quizzes and the UI strings.

    In record mode (the assessment edition, see :func:`raicourse.quiz.quiz_mode`) the view
    lists submissions instead of scores and exports the learner's answers for the trainer;
    each quiz then carries its bank fingerprint, which the export repeats for the grader.
    """
    mode = mode or quiz_mode()
    words = get_language() if language in (None, "auto") else language
    order, titles = _course_order_and_titles(words)
    stems = bank_stems()
    ordered = [stem for stem in order if stem in stems] + [stem for stem in stems if stem not in order]
    quizzes = []
    for stem in ordered:
        _, bank = load_bank(stem)
        # Ids and versions are the bank's, whatever the language (progress is kept across
        # languages); a quiz of a page that is not a lesson shows its bank's title, in French
        # where its catalogue has it.
        title = titles.get(stem) or (load_bank(stem, words, strict=False)[1].title if words != "en" else bank.title)
        quizzes.append(
            {
                "stem": stem,
                "title": title or stem,
                "version": bank.version,
                "questions": [question.id for question in bank.questions],
                **({"fingerprint": bank_fingerprint(stem, bank)} if mode == MODE_RECORD else {}),
            }
        )
    return {
        "course": COURSE,
        "mode": mode,
        "store": ASSESSMENT_STORE if mode == MODE_RECORD else COURSE,
        "quizzes": quizzes,
        "strings": ui_strings("quiz"),
        "language": language or get_language(),
    }


def show_progress() -> None:
    """Show the learner's progress on every quiz (read from this browser only)."""
    language = "auto" if in_static_build() else get_language()
    state = progress_state(language)
    items = "".join(f"<li>{html.escape(quiz['title'])}</li>" for quiz in state["quizzes"])
    fallback = f"<p><em>{html.escape(t('quiz.fallback_notice', get_language()))}</em></p><ul>{items}</ul>"
    display_static(static_html(PROGRESS_MODULE, state, fallback, QUIZ_CSS))
