"""The "My progress" page: every quiz of the course, with the learner's status.

The list of quizzes is made in Python at build time from the banks of the package; the
status is read in the browser from ``localStorage`` by ``raicourse-progress.js``.
Nothing leaves the browser: export and import go through a file the learner handles.
"""

from __future__ import annotations

import html
from typing import Any

from raicourse._widget import display_static, in_static_build, static_html
from raicourse.i18n import get_language, t
from raicourse.quiz.loader import bank_stems, load_bank
from raicourse.quiz.widget import COURSE, QUIZ_CSS, ui_strings

__all__ = ["PROGRESS_MODULE", "progress_state", "show_progress"]

PROGRESS_MODULE = "raicourse-progress.js"


def progress_state(language: str | None = None) -> dict[str, Any]:
    """Return the state of the progress view: the course's quizzes and the UI strings."""
    quizzes = []
    for stem in bank_stems():
        _, bank = load_bank(stem)
        quizzes.append(
            {
                "stem": stem,
                "title": bank.title or stem,
                "version": bank.version,
                "questions": [question.id for question in bank.questions],
            }
        )
    return {"course": COURSE, "quizzes": quizzes, "strings": ui_strings("quiz"), "language": language or get_language()}


def show_progress() -> None:
    """Show the learner's progress on every quiz (read from this browser only)."""
    language = "auto" if in_static_build() else get_language()
    state = progress_state(language)
    items = "".join(f"<li>{html.escape(quiz['title'])}</li>" for quiz in state["quizzes"])
    fallback = f"<p><em>{html.escape(t('quiz.fallback_notice', get_language()))}</em></p><ul>{items}</ul>"
    display_static(static_html(PROGRESS_MODULE, state, fallback, QUIZ_CSS))
