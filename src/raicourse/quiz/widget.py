"""The quiz widget: Python prepares the data, the front-end module checks the answers.

The same ES module (``raicourse/static/raicourse-quiz.js``) runs live as an anywidget and
in the static book through ``raicourse-loader.js``; see :mod:`raicourse._widget`.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import random
import re
import unicodedata
from typing import Any, NamedTuple

import traitlets

from raicourse._widget import (
    CourseWidget,
    display_static,
    in_static_build,
    static_file,
    static_html,
    widget_module_source,
)
from raicourse.editions import is_assessment
from raicourse.i18n import LANGUAGES, catalogue, get_language, t
from raicourse.quiz.loader import load_bank
from raicourse.quiz.schema import Bank

__all__ = [
    "ASSESSMENT_STORE",
    "CLASS_SEED_VARIABLE",
    "COURSE",
    "MODE_CHECK",
    "MODE_RECORD",
    "QUIZ_CSS",
    "QUIZ_MODULE",
    "Quiz",
    "Score",
    "bank_fingerprint",
    "choice_key",
    "class_seed",
    "displayed_choices",
    "inline_tokens",
    "learner_order",
    "learner_seed",
    "public_question_data",
    "quiz_mode",
    "quiz_state",
    "show_quiz",
    "static_quiz_html",
    "ui_strings",
]

#: Course key of the learner's stored progress (localStorage keys start with it).
COURSE = "raicourse"
#: Key prefix of the answers recorded in the assessment edition: kept apart from the
#: self-check progress, so that the two never mix (and My progress lists only its own).
ASSESSMENT_STORE = "raicourse-assessment"
#: The quiz checks answers and explains them (learner and instructor editions).
MODE_CHECK = "check"
#: The quiz records answers for the trainer and reveals nothing (assessment edition).
MODE_RECORD = "record"
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


#: Environment variable of the assessment edition's class seed: a word the trainer picks when
#: building the edition for a class (``RAICOURSE_CLASS_SEED=spring-lyon make build-assessment``).
#: It changes the order of every question's choices; the grader does not need it.
CLASS_SEED_VARIABLE = "RAICOURSE_CLASS_SEED"


def class_seed() -> str:
    """Return the class seed of the assessment edition (empty when none is set)."""
    return os.environ.get(CLASS_SEED_VARIABLE, "").strip()


def _bank_orders(stem: str, bank: Bank, seed: str) -> dict[str, list[int]]:
    """Return, per question id, the bank positions of its choices in a shuffled order.

    Each question's choices are shuffled with the seed ``seed:stem:id`` (``stem:id`` when
    ``seed`` is empty). Then the right answers of the single-choice questions are spread over
    the positions: in a bank, each position takes its turn in a shuffled cycle (seeded by the
    bank), so no position holds more than its share of the bank's right answers, and
    "always the first option" scores at chance level.
    """
    prefix = f"{seed}:" if seed else ""
    spread = random.Random(f"{prefix}{stem}:positions")
    widest = max((len(q.choices) for q in bank.questions if q.type == "single"), default=0)
    cycle: list[int] = []
    orders: dict[str, list[int]] = {}
    for question in bank.questions:
        choices = list(getattr(question, "choices", None) or [])
        order = list(range(len(choices)))
        random.Random(f"{prefix}{stem}:{question.id}").shuffle(order)
        if question.type == "single" and len(choices) > 1:
            # The next position of the cycle that this question has (it may have fewer choices).
            fitting = [position for position in cycle if position < len(choices)]
            if not fitting:
                cycle = spread.sample(range(widest), widest)
                fitting = [position for position in cycle if position < len(choices)]
            target = fitting[0]
            cycle.remove(target)
            current = order.index(next(index for index, choice in enumerate(choices) if choice.correct))
            order[current], order[target] = order[target], order[current]
        orders[question.id] = order
    return orders


def _display_order(stem: str, bank: Bank, question: Any, mode: str = MODE_CHECK) -> list[int]:
    """Return the bank positions of a question's choices in the order the page shows them.

    Shuffled banks use :func:`_bank_orders` with no seed: the order is stable. In record mode
    (the assessment edition) every bank is shuffled, whatever its ``shuffle`` setting, with
    the class seed (:func:`class_seed`; without one, both editions show one order). The
    front-end reorders them again for each learner who typed their name (see
    :func:`learner_order`); answers are recorded by choice (:func:`choice_key`), not by position.
    """
    if mode == MODE_RECORD:
        return _bank_orders(stem, bank, class_seed())[question.id]
    if bank.shuffle:
        return _bank_orders(stem, bank, "")[question.id]
    return list(range(len(getattr(question, "choices", None) or [])))


def learner_seed(name: str) -> str:
    """A learner's name as the seed of their own order: NFC, spaces collapsed, lower case."""
    return " ".join(unicodedata.normalize("NFC", str(name)).split()).lower()


def _fnv1a(text: str) -> int:
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def _mulberry32(seed: int) -> Any:
    state = seed & 0xFFFFFFFF

    def imul(x: int, y: int) -> int:
        return (x * y) & 0xFFFFFFFF

    def draw() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = imul(state ^ (state >> 15), 1 | state)
        t = ((t + imul(t ^ (t >> 7), 61 | t)) & 0xFFFFFFFF) ^ t
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return draw


def learner_order(seed: str, stem: str, question_id: str, n: int) -> list[int]:
    """Return the order (indices into the page's order) in which one learner sees ``n`` choices.

    The assessment page reorders each question's choices for the learner whose name is typed
    on "My progress", with the seed ``learner:stem:question id``; this is the same function as
    ``learnerOrder`` in ``raicourse-quiz.js`` (FNV-1a, mulberry32, Fisher-Yates), for the class
    simulation and the tests. ``seed`` is :func:`learner_seed` of the name.
    """
    order = list(range(n))
    draw = _mulberry32(_fnv1a(f"{seed}:{stem}:{question_id}"))
    for i in range(n - 1, 0, -1):
        j = int(draw() * (i + 1))
        order[i], order[j] = order[j], order[i]
    return order


def choice_key(stem: str, question: Any, choice: Any) -> str:
    """Return the key under which record mode stores a choice: ``k`` and 10 hex digits.

    It is a hash of the quiz, the question and the choice's text: it names the choice
    whatever the order shown (shuffled per class and per learner), and it tells nothing about
    whether the choice is right (the bank position would, in a bank that lists it first).
    """
    digest = hashlib.sha256(f"{stem}\x1f{question.id}\x1f{choice.text}".encode()).hexdigest()
    return f"k{digest[:10]}"


def _question_data(stem: str, bank: Bank, question: Any) -> dict[str, Any]:
    data = question.model_dump(exclude_none=True)
    if "choices" in data:
        # Each choice keeps an id from its position in the bank (c0, c1...), so stored answers
        # survive a change of shuffling.
        data["choices"] = [{"key": f"c{index}", **data["choices"][index]} for index in _display_order(stem, bank, question)]
    return data


def displayed_choices(stem: str, bank: Bank, question: Any, mode: str = MODE_RECORD) -> list[tuple[str, Any]]:
    """Return a question's choices in the order the page shows them, with their record-mode keys.

    In record mode a choice's key is :func:`choice_key`, a hash of its text: the same for
    every learner whatever the order their page shows. The self-check keys (``c0``...) are
    positions in the bank file, which could tell which choice is right. The grader calls this
    function too, so that a recorded key maps back to the same choice.

    Returns
    -------
    list of (str, Choice)
    """
    choices = list(getattr(question, "choices", None) or [])
    return [(choice_key(stem, question, choices[index]), choices[index]) for index in _display_order(stem, bank, question, mode)]


def public_question_data(stem: str, bank: Bank, question: Any) -> dict[str, Any]:
    """Return what the assessment edition may show of a question: nothing that reveals its answer.

    Only the id, the type, the prompt, the choices' texts (in displayed order, keyed by
    :func:`choice_key`) and a numeric question's unit. Every other field of the schema tells or hints
    at the answer: ``correct``, ``feedback``, ``explanation``, ``answer``, ``tolerance``,
    ``answers``, ``feedback_true``/``feedback_false`` and ``model_answer``.
    """
    data: dict[str, Any] = {"id": question.id, "type": question.type, "prompt": question.prompt}
    if getattr(question, "choices", None):
        data["choices"] = [{"key": key, "text": choice.text} for key, choice in displayed_choices(stem, bank, question)]
    if getattr(question, "unit", None):
        data["unit"] = question.unit
    return data


def bank_fingerprint(stem: str, bank: Bank) -> str:
    """Return a short hash of a bank's version and of the questions as the learner sees them.

    An exported answer file carries it, and the grader compares it with the bank's: answers
    given to other questions are not scored against this bank. It is computed from public
    data only (plus the version number, which authors bump when they change an answer), so
    it cannot be used to guess an answer.
    """
    questions = []
    for question in bank.questions:
        data = public_question_data(stem, bank, question)
        if "choices" in data:  # the order shown depends on the class seed: not part of the fingerprint
            data["choices"] = sorted(data["choices"], key=lambda choice: choice["key"])
        questions.append(data)
    public = {"version": bank.version, "questions": questions}
    text = json.dumps(public, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def quiz_mode() -> str:
    """Return ``"record"`` in the assessment edition, ``"check"`` otherwise."""
    return MODE_RECORD if is_assessment() else MODE_CHECK


def quiz_state(stem: str, bank: Bank, language: str | None = None, mode: str | None = None) -> dict[str, Any]:
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
    mode : str, optional
        ``"check"`` (answers, feedback and explanations included: the browser checks) or
        ``"record"`` (only what :func:`public_question_data` keeps: the browser records the
        answers for the trainer). Defaults to :func:`quiz_mode`, from the edition.
    """
    mode = mode or quiz_mode()
    if mode not in (MODE_CHECK, MODE_RECORD):
        raise ValueError(f"mode must be {MODE_CHECK!r} or {MODE_RECORD!r}, not {mode!r}")
    if mode == MODE_RECORD:
        bank_data = {
            "version": bank.version,
            "fingerprint": bank_fingerprint(stem, bank),
            "title": bank.title or "",
            "questions": [public_question_data(stem, bank, question) for question in bank.questions],
        }
    else:
        bank_data = {
            "version": bank.version,
            "title": bank.title or "",
            "show_answer_after": bank.show_answer_after,
            "questions": [_question_data(stem, bank, question) for question in bank.questions],
        }
    return {
        "course": COURSE,
        "mode": mode,
        "store": ASSESSMENT_STORE if mode == MODE_RECORD else COURSE,
        "stem": stem,
        "bank": bank_data,
        "strings": ui_strings("quiz"),
        "language": language or get_language(),
    }


def _escaped(text: str) -> str:
    return html.escape(text, quote=True)


# The same inline Markdown subset as the front-end's inlineTokens (raicourse-quiz-rules.js):
# \-escapes, `code`, $math$, **strong**, *em* and [text](url). Everything else is text.
_INLINE = re.compile(
    r"\\([\\`*_$[\]])|`([^`]+)`|\$([^$\n]+?)\$|\*\*(.+?)\*\*|\*([^*\s](?:[^*]*[^*\s])?)\*|\[([^\]]+)\]\(([^()\s]+)\)"
)


def _safe_href(url: str) -> str | None:
    """The link target if it is http(s) or relative; None for any other scheme (as the front-end)."""
    href = url.strip()
    if re.search(r"[\x00-\x1f\\]", href):
        return None
    if re.match(r"https?://", href, re.I):
        return href
    if re.match(r"[a-z][a-z0-9+.-]*:", href, re.I) or href.startswith("//"):
        return None
    return href


def inline_tokens(text: str) -> list[Any]:
    """Read a bank text's inline Markdown, as the quiz does in the browser (``inlineTokens``).

    Returns
    -------
    list
        Tokens: a ``str`` is text (adjacent text is one string); ``{"code": str}`` and
        ``{"math": str}`` hold text; ``{"strong": [...]}``, ``{"em": [...]}`` and
        ``{"link": [...], "href": str}`` hold tokens. A link keeps only an http(s) or
        relative target; any other is left as text.
    """
    tokens: list[Any] = []

    def push_text(piece: str) -> None:
        if not piece:
            return
        if tokens and isinstance(tokens[-1], str):
            tokens[-1] += piece
        else:
            tokens.append(piece)

    rest = str(text)
    while rest:
        match = _INLINE.search(rest)
        if match is None:
            push_text(rest)
            break
        push_text(rest[: match.start()])
        escaped, code, tex, strong, em, link_text, link_url = match.groups()
        if escaped is not None:
            push_text(escaped)
        elif code is not None:
            tokens.append({"code": code})
        elif tex is not None:
            tokens.append({"math": tex})
        elif strong is not None:
            tokens.append({"strong": inline_tokens(strong)})
        elif em is not None:
            tokens.append({"em": inline_tokens(em)})
        else:
            href = _safe_href(link_url)
            if href is None:
                push_text(match.group(0))
            else:
                tokens.append({"link": inline_tokens(link_text), "href": href})
        rest = rest[match.end() :]
    return tokens


def _tokens_html(tokens: list[Any]) -> str:
    parts = []
    for token in tokens:
        if isinstance(token, str):
            parts.append(_escaped(token))
        elif "code" in token:
            parts.append(f"<code>{_escaped(token['code'])}</code>")
        elif "math" in token:
            parts.append(_escaped(f"${token['math']}$"))  # left as text: no MathJax where the fallback shows
        elif "strong" in token:
            parts.append(f"<strong>{_tokens_html(token['strong'])}</strong>")
        elif "em" in token:
            parts.append(f"<em>{_tokens_html(token['em'])}</em>")
        else:
            rel = ' rel="noopener noreferrer"' if re.match(r"https?:", token["href"], re.I) else ""
            parts.append(f'<a href="{_escaped(token["href"])}"{rel}>{_tokens_html(token["link"])}</a>')
    return "".join(parts)


def inline_html(text: str) -> str:
    """Render a bank text's inline Markdown as safe HTML, as the quiz does in the browser.

    Bank text is never trusted as HTML: every character outside the Markdown marks is
    escaped, and a link keeps only an http(s) or relative target (see :func:`inline_tokens`).
    """
    return _tokens_html(inline_tokens(text))


def fallback_html(bank: Bank, language: str, stem: str = "", mode: str = MODE_CHECK) -> str:
    """Readable, non-interactive form of a quiz; bank text goes through :func:`inline_html`.

    It shows the prompts and the choices (in displayed order) only: never an answer.
    """
    notice = "quiz.record_fallback_notice" if mode == MODE_RECORD else "quiz.fallback_notice"
    parts = [f"<p><em>{_escaped(t(notice, language))}</em></p>"]
    if bank.title:
        parts.append(f"<p><strong>{inline_html(bank.title)}</strong></p>")
    parts.append("<ol>")
    for question in bank.questions:
        parts.append(f"<li><p>{inline_html(question.prompt)}</p>")
        choices = displayed_choices(stem, bank, question, mode)
        if choices:
            parts.append("<ul>" + "".join(f"<li>{inline_html(choice.text)}</li>" for _, choice in choices) + "</ul>")
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

    _esm = widget_module_source(QUIZ_MODULE)
    _css = static_file(QUIZ_CSS)
    _module_name = QUIZ_MODULE
    _css_name = QUIZ_CSS

    course = traitlets.Unicode(COURSE).tag(sync=True)
    #: "check" or "record" (the assessment edition; see :func:`quiz_state`).
    mode = traitlets.Unicode(MODE_CHECK).tag(sync=True)
    #: Prefix of the browser's localStorage keys of this quiz.
    store = traitlets.Unicode(COURSE).tag(sync=True)
    stem = traitlets.Unicode().tag(sync=True)
    bank = traitlets.Dict().tag(sync=True)
    strings = traitlets.Dict().tag(sync=True)
    language = traitlets.Unicode("en").tag(sync=True)
    #: Per question id: ``{"attempts": int, "correct": bool, "answered": bool, "revealed": bool}``,
    #: set by the front-end (record mode: ``{"answered": bool, "submitted": bool}``).
    #: Reflection texts are never sent: they stay in the browser.
    results = traitlets.Dict().tag(sync=True)

    def __init__(self, stem: str | os.PathLike[str], language: str | None = None, **kwargs: Any) -> None:
        key, bank = load_bank(stem, language or get_language())
        self._bank_model = bank
        self._stem = key
        super().__init__(**quiz_state(key, bank, language), **kwargs)

    @property
    def score(self) -> Score:
        """Correct answers so far, out of the questions that are scored.

        In record mode (the assessment edition) the front-end knows no answer, so nothing
        is ever counted correct here: the trainer scores the exported answers with
        ``raicourse grade-quizzes``.
        """
        scored = [q["id"] for q in self.bank["questions"] if q["type"] != "reflection"]
        correct = sum(1 for qid in scored if self.results.get(qid, {}).get("correct"))
        return Score(correct=correct, total=len(scored))

    def static_state(self) -> dict[str, Any]:
        return {
            "course": self.course,
            "mode": self.mode,
            "store": self.store,
            "stem": self.stem,
            "bank": self.bank,
            "strings": self.strings,
            "language": self.language,
        }

    def fallback_html(self) -> str:
        return fallback_html(self._bank_model, self.language, self._stem, self.mode)


def static_quiz_html(stem: str | os.PathLike[str]) -> str:
    """Return the ``text/html`` form of a quiz for the static book.

    Its strings follow the page's ``<html lang>`` (the book's ``language`` setting).
    """
    key, bank = load_bank(stem, get_language())
    state = quiz_state(key, bank, "auto")
    return static_html(QUIZ_MODULE, state, fallback_html(bank, get_language(), key, state["mode"]), QUIZ_CSS)


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
