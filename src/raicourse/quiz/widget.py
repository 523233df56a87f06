"""The quiz widget: Python prepares the data, the front-end module checks the answers.

The same ES module (``raicourse/static/raicourse-quiz.js``) runs live as an anywidget and
in the static book through ``raicourse-loader.js``; see :mod:`raicourse._widget`.
"""

from __future__ import annotations

import html
import os
import random
from typing import Any, NamedTuple

import traitlets

from raicourse._widget import CourseWidget, display_static, in_static_build, static_file, static_html
from raicourse.i18n import LANGUAGES, catalogue, get_language, t
from raicourse.quiz.loader import load_bank
from raicourse.quiz.schema import Bank

__all__ = ["COURSE", "QUIZ_CSS", "QUIZ_MODULE", "Quiz", "Score", "quiz_state", "show_quiz", "static_quiz_html", "ui_strings"]

#: Course key of the learner's stored progress (localStorage keys start with it).
COURSE = "raicourse"
QUIZ_MODULE = "raicourse-quiz.js"
QUIZ_CSS = "raicourse-quiz.css"


def ui_strings(domain: str = "quiz") -> dict[str, dict[str, str]]:
    """Return the UI strings of a catalogue domain for every language: ``{lang: {key: text}}``."""
    prefix = f"{domain}."
    strings: dict[str, dict[str, str]] = {language: {} for language in LANGUAGES}
    for key, texts in catalogue().items():
        if key.startswith(prefix):
            for language in LANGUAGES:
                strings[language][key[len(prefix) :]] = texts.get(language) or texts["en"]
    return strings


def _question_data(stem: str, bank: Bank, question: Any) -> dict[str, Any]:
    data = question.model_dump(exclude_none=True)
    if "choices" in data:
        # Each choice keeps an id from its position in the bank, so stored answers
        # survive a change of shuffling; the seed (stem + id) keeps the order stable.
        choices = [{"key": f"c{index}", **choice} for index, choice in enumerate(data["choices"])]
        if bank.shuffle:
            random.Random(f"{stem}:{question.id}").shuffle(choices)
        data["choices"] = choices
    return data


def quiz_state(stem: str, bank: Bank, language: str | None = None) -> dict[str, Any]:
    """Return the JSON state that the front-end module reads.

    Parameters
    ----------
    stem : str
        The bank's stem, its key in the learner's stored progress.
    bank : Bank
        The validated bank.
    language : str, optional
        ``"en"``, ``"fr"``, or ``"auto"`` (the static book: the page's ``<html lang>``
        decides). Defaults to :func:`raicourse.get_language`.
    """
    return {
        "course": COURSE,
        "stem": stem,
        "bank": {
            "version": bank.version,
            "title": bank.title or "",
            "show_answer_after": bank.show_answer_after,
            "questions": [_question_data(stem, bank, question) for question in bank.questions],
        },
        "strings": ui_strings("quiz"),
        "language": language or get_language(),
    }


def _escaped(text: str) -> str:
    return html.escape(text, quote=True)


def fallback_html(bank: Bank, language: str) -> str:
    """Readable, non-interactive form of a quiz; every piece of bank text is escaped."""
    parts = [f"<p><em>{_escaped(t('quiz.fallback_notice', language))}</em></p>"]
    if bank.title:
        parts.append(f"<p><strong>{_escaped(bank.title)}</strong></p>")
    parts.append("<ol>")
    for question in bank.questions:
        parts.append(f"<li><p>{_escaped(question.prompt)}</p>")
        choices = getattr(question, "choices", None)
        if choices:
            parts.append("<ul>" + "".join(f"<li>{_escaped(choice.text)}</li>" for choice in choices) + "</ul>")
        elif question.type == "truefalse":
            parts.append(f"<p>{_escaped(t('quiz.fallback_true_false', language))}</p>")
        parts.append("</li>")
    parts.append("</ol>")
    return "".join(parts)


class Score(NamedTuple):
    """A learner's score on one quiz (reflections are not scored)."""

    correct: int
    total: int


class Quiz(CourseWidget):
    """A quiz widget built from a bank; the front-end checks answers and syncs ``results``.

    Parameters
    ----------
    stem : str or path-like
        A bank's stem (``"intro"``) or the path of a bank file.
    language : str, optional
        ``"en"`` or ``"fr"``; defaults to :func:`raicourse.get_language`.

    Examples
    --------
    >>> quiz = Quiz("intro")   # doctest: +SKIP
    >>> quiz                   # doctest: +SKIP  (displays it; answer in the page)
    >>> quiz.results, quiz.score  # doctest: +SKIP
    """

    _esm = static_file(QUIZ_MODULE)
    _css = static_file(QUIZ_CSS)
    _module_name = QUIZ_MODULE
    _css_name = QUIZ_CSS

    course = traitlets.Unicode(COURSE).tag(sync=True)
    stem = traitlets.Unicode().tag(sync=True)
    bank = traitlets.Dict().tag(sync=True)
    strings = traitlets.Dict().tag(sync=True)
    language = traitlets.Unicode("en").tag(sync=True)
    #: Per question id: ``{"attempts": int, "correct": bool, "answered": bool, "revealed": bool}``,
    #: set by the front-end. Reflection texts are never sent: they stay in the browser.
    results = traitlets.Dict().tag(sync=True)

    def __init__(self, stem: str | os.PathLike[str], language: str | None = None, **kwargs: Any) -> None:
        key, bank = load_bank(stem)
        self._bank_model = bank
        super().__init__(**quiz_state(key, bank, language), **kwargs)

    @property
    def score(self) -> Score:
        """Correct answers so far, out of the questions that are scored."""
        scored = [q["id"] for q in self.bank["questions"] if q["type"] != "reflection"]
        correct = sum(1 for qid in scored if self.results.get(qid, {}).get("correct"))
        return Score(correct=correct, total=len(scored))

    def static_state(self) -> dict[str, Any]:
        return {
            "course": self.course,
            "stem": self.stem,
            "bank": self.bank,
            "strings": self.strings,
            "language": self.language,
        }

    def fallback_html(self) -> str:
        return fallback_html(self._bank_model, self.language)


def static_quiz_html(stem: str | os.PathLike[str]) -> str:
    """Return the ``text/html`` form of a quiz for the static book.

    Its strings follow the page's ``<html lang>`` (the book's ``language`` setting).
    """
    key, bank = load_bank(stem)
    return static_html(QUIZ_MODULE, quiz_state(key, bank, "auto"), fallback_html(bank, get_language()), QUIZ_CSS)


def show_quiz(stem: str | os.PathLike[str], language: str | None = None) -> None:
    """Show the quiz of a lesson: the one line a lesson needs.

    In the static book build it shows the light ``text/html`` form (no widget, no
    kernel needed to answer); in a live notebook it shows the :class:`Quiz` widget.
    To read the learner's results in Python, create the widget yourself:
    ``quiz = Quiz("intro")``, display ``quiz``, then read ``quiz.results``.

    Parameters
    ----------
    stem : str or path-like
        A bank's stem (``"fairness_metrics"``) or the path of a bank file.
    language : str, optional
        Live only: ``"en"`` or ``"fr"`` (default: :func:`raicourse.get_language`).
    """
    from IPython.display import display

    if in_static_build():
        display_static(static_quiz_html(stem))
        return
    display(Quiz(stem, language=language))
