"""Question types: ``q.check(answer)``, ``q.hint()``, ``q.solution()``.

A question knows

* its reference solution as **code** (Python that assigns the answer variables), which
  ``solution()`` shows and the solved-notebook test pastes into the answer cell;
* its expected **value**, computed lazily from the real course data;
* the **names** of the variables that hold the learner's answer, so the grader can
  evaluate a submitted notebook without trusting what it printed.

``check()`` never raises into the learner's notebook: whatever the answer, it shows a
result and returns a :class:`CheckResult`.
"""

from __future__ import annotations

import html
import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from raicourse.checks._compare import (
    compare_dataframe,
    compare_number,
    compare_series,
    compare_text,
    compare_value,
    check_tolerances,
    describe_type,
    format_value,
    keys_message,
)
from raicourse.checks._progress import record_outcome
from raicourse.checks._result import PLACEHOLDER, CheckResult, Outcome, contains_placeholder, in_ipython, show
from raicourse._text import fold
from raicourse.i18n import catalogue, t

if TYPE_CHECKING:  # pragma: no cover
    from raicourse.checks._exercise import Exercise

__all__ = [
    "Case",
    "ChoiceQuestion",
    "DataFrameQuestion",
    "FunctionQuestion",
    "KeyedQuestion",
    "MODEL_CARD_SECTIONS",
    "ModelCardQuestion",
    "NumberQuestion",
    "PredicateQuestion",
    "Question",
    "ReflectionQuestion",
    "SeriesQuestion",
    "TextQuestion",
    "ValueQuestion",
    "close",
    "close_series",
    "looks_like_junk",
]

#: How many hints the catalogue may hold for one question (hint1 ... hint9).
_MAX_HINTS = 9


class Question:
    """Base class of every question of an exercise notebook.

    Parameters
    ----------
    exercise : str
        The exercise stem, e.g. ``"fairness_metrics"``; hints and other texts of the
        question are looked up in ``locales/checks.yaml`` as ``<exercise>.<name>.hint1``...
    name : str
        The question's name in the notebook, e.g. ``"q1"``.
    answer : str or sequence of str
        Name(s) of the notebook variable(s) holding the learner's answer. With several
        names, the answer is the tuple of their values.
    solution : str
        Reference solution: Python code that assigns the answer variable(s).
    """

    def __init__(self, exercise: Exercise | str, name: str, *, answer: str | Sequence[str], solution: str) -> None:
        from raicourse.checks._exercise import Exercise

        #: The exercise's stem (the catalogue keys and the progress file use it).
        self.exercise = exercise.name if isinstance(exercise, Exercise) else exercise
        self.name = name
        self.answer_names: tuple[str, ...] = (answer,) if isinstance(answer, str) else tuple(answer)
        self.solution_code = inspect.cleandoc(solution)
        self._hints_shown = 0
        if isinstance(exercise, Exercise):
            exercise.register(self)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.exercise}.{self.name}>"

    # -- what subclasses provide --------------------------------------------------------
    def _judge(self, answer: Any) -> tuple[Outcome, str]:
        """Return the outcome and message for an answer that is not the placeholder."""
        raise NotImplementedError

    def _correct_message(self) -> str:
        return t("checks.correct")

    # -- public API ---------------------------------------------------------------------
    def evaluate(self, answer: Any) -> CheckResult:
        """Judge an answer without displaying anything or recording progress.

        Used by :meth:`check`, the tests and the grader. Never raises.
        """
        try:
            if contains_placeholder(answer):
                return CheckResult(self.name, Outcome.NOT_ATTEMPTED, t("checks.not_attempted"))
            outcome, message = self._judge(answer)
            return CheckResult(self.name, outcome, message)
        except Exception as error:  # noqa: BLE001 - a checker must never crash a notebook
            return CheckResult(self.name, Outcome.ERROR, t("checks.checker_error", error=_describe_error(error)))

    def check(self, answer: Any = PLACEHOLDER, *more: Any) -> CheckResult:
        """Check the learner's answer, show the result, and return it.

        Parameters
        ----------
        answer
            The learner's answer (``____`` while unanswered).
        *more
            Never needed: ``q1.check(0,13)`` (a decimal comma) gives two values, which are
            judged together, so the learner reads "write 0.13 with a dot", not a Python error.

        Returns
        -------
        CheckResult
            ``outcome`` is correct, incorrect, not_attempted or error; ``message``
            explains it. The result is shown in the notebook as a box with a word.
        """
        if more:
            answer = (answer, *more)
        result = self.evaluate(answer)
        try:
            from raicourse.checks._exercise import _CHECKED

            _CHECKED[(self.exercise, self.name)] = answer
            failed_cell = _previous_cell_error(self.answer_names)
            if failed_cell is not None and result.outcome is not Outcome.CORRECT:
                result = CheckResult(self.name, Outcome.INCORRECT, t("checks.cell_raised", error=failed_cell))
        except Exception:  # noqa: BLE001 - looking at the notebook's history must not raise
            pass
        try:
            if in_ipython() or _progress_requested():
                record_outcome(self.exercise, self.name, result.outcome.value)
            if in_ipython():
                from IPython.display import display

                display(result)
            else:
                print(result)
        except Exception:  # noqa: BLE001 - showing must not raise either
            pass
        return result

    def hints(self) -> list[str]:
        """All hints of this question, in order, in the current language."""
        keys = catalogue()
        texts = []
        for number in range(1, _MAX_HINTS + 1):
            key = f"checks.{self.exercise}.{self.name}.hint{number}"
            if key not in keys:
                break
            texts.append(t(key))
        return texts

    def hint(self) -> None:
        """Show the next hint ("Hint 1 of 3", then "Hint 2 of 3"...). Never raises."""
        try:
            texts = self.hints()
            if not texts:
                show({"text/plain": t("checks.no_hint"), "text/html": f"<p>{html.escape(t('checks.no_hint'))}</p>"})
                return
            self._hints_shown = min(self._hints_shown + 1, len(texts))
            header = t("checks.hint_header", number=self._hints_shown, total=len(texts))
            text = texts[self._hints_shown - 1]
            show(
                {
                    "text/plain": f"{header}: {text}",
                    "text/html": (
                        '<div class="raicourse-hint" style="border-left:6px solid #0969da;background:#eef5ff;'
                        'color:#1f2328;padding:0.5em 0.9em;margin:0.4em 0;border-radius:4px">'
                        f"<strong>💡 {html.escape(header)}</strong><br>{html.escape(text)}</div>"
                    ),
                }
            )
        except Exception:  # noqa: BLE001
            pass

    def solution_text(self, language: str | None = None) -> str:
        """The reference solution as shown to a reader of ``language`` (default: the notebook's):
        the same code, its comments in that language.

        The code is written once, with English comments. The ``n``-th comment of question
        ``qN`` is translated by the message ``checks.<exercise>.qN.comment<n>`` of the
        exercise's catalogue, whose English is the comment itself (a test holds them equal).
        A comment without a message stays as it is.
        """
        from raicourse.i18n import catalogue

        keys = catalogue()
        comments = solution_comments(self.solution_code)
        if not comments:
            return self.solution_code
        lines = self.solution_code.splitlines()
        for number, (row, column, _) in reversed(list(enumerate(comments, start=1))):
            key = f"checks.{self.exercise}.{self.name}.comment{number}"
            if key in keys:
                line = lines[row - 1]
                lines[row - 1] = line[:column] + "# " + t(key, language=language)
        return "\n".join(lines)

    def solution(self) -> None:
        """Show the reference solution as highlighted Python code. Never raises."""
        try:
            if not self.solution_code:
                show({"text/plain": t("checks.no_solution"), "text/html": html.escape(t("checks.no_solution"))})
                return
            header = t("checks.solution_header", name=self.name)
            code = self.solution_text()
            show(
                {
                    "text/plain": f"{header}:\n{code}",
                    "text/markdown": f"**{header}**\n\n```python\n{code}\n```",
                    "text/html": f"<p><strong>{html.escape(header)}</strong></p>{_highlight(code)}",
                }
            )
        except Exception:  # noqa: BLE001
            pass


def _previous_cell_error(answer_names: Sequence[str]) -> str | None:
    """In a notebook: the error of the cell run just before this check, when it raised and
    it is the answer cell (it names one of the answer variables) or the answer was never given.
    None outside IPython or when that cell ran fine."""
    if not in_ipython():
        return None
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    last = getattr(shell, "last_execution_result", None)
    error = getattr(last, "error_in_exec", None) or getattr(last, "error_before_exec", None)
    if last is None or error is None:
        return None
    source = getattr(getattr(last, "info", None), "raw_cell", "") or ""
    mentions_answer = any(name in source for name in answer_names)
    if not mentions_answer:
        return None
    return _describe_error(error)


def _progress_requested() -> bool:
    import os

    return "RAICOURSE_PROGRESS_FILE" in os.environ


def solution_comments(code: str) -> list[tuple[int, int, str]]:
    """The comments of ``code``, in order: (line, column, text without the ``#``), found by
    Python's tokenizer (a ``#`` inside a string is not a comment)."""
    import io
    import tokenize

    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError):
        return []
    return [(token.start[0], token.start[1], token.string[1:].strip())
            for token in tokens if token.type == tokenize.COMMENT]


def _highlight(code: str) -> str:
    try:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import PythonLexer

        return highlight(code, PythonLexer(), HtmlFormatter(noclasses=True))
    except ImportError:  # pragma: no cover - pygments comes with IPython
        return f"<pre><code>{html.escape(code)}</code></pre>"


def _describe_error(error: BaseException) -> str:
    text = str(error)
    name = type(error).__name__
    return f"{name}: {format_value(text, 120)[1:-1]}" if text else name


class _Expected:
    """A lazily computed expected value (course data is only generated when needed)."""

    def __init__(self, expected: Any) -> None:
        self._source = expected
        self._value: Any = None
        self._ready = False

    def get(self) -> Any:
        if not self._ready:
            self._value = self._source() if callable(self._source) else self._source
            self._ready = True
        return self._value


def _verdict(message: str | None, correct_message: str) -> tuple[Outcome, str]:
    return (Outcome.CORRECT, correct_message) if message is None else (Outcome.INCORRECT, message)


class ValueQuestion(Question):
    """A question whose answer is a value (number, text, list, dict, Series, DataFrame...).

    Parameters
    ----------
    expected : value or callable
        The expected value, or a function without arguments that computes it from the
        course data (called once, on the first check).
    mistakes : callable, optional
        Typical mistakes, each with its own message. A function without arguments (called
        once, on the first wrong answer: the course data is generated when first needed)
        returning a list of ``(wrong, key)`` or ``(wrong, key, fields)``:

        * ``wrong`` is either a predicate ``answer -> bool`` (an exception it raises
          means "not this mistake"), or a wrong **value**, recognised when the answer
          matches it with the question's own comparison and tolerances (as if it were
          the expected value);
        * ``key`` names the message in the exercise's catalogue: ``checks.<exercise>.<key>``,
          e.g. ``"q1.count_not_share"``;
        * ``fields``, optional, is a dict of the values filled into that message.

        Only a wrong answer is looked up. The first recognised mistake wins; when none
        is recognised, the usual message of the comparison is shown.
    **tolerances
        Passed to the comparison, e.g. ``rel_tol=1e-3``, ``is_rate=True``, ``ordered=False``.

    Examples
    --------
    >>> q1 = NumberQuestion("privacy", "q1", answer="unique_share", solution="...",
    ...                     expected=lambda: 0.83, is_rate=True,
    ...                     mistakes=lambda: [(2490, "q1.count_not_share"),
    ...                                       (lambda answer: answer == 0.17, "q1.not_unique")])
    """

    def __init__(self, exercise: Exercise | str, name: str, *, answer: str | Sequence[str], solution: str,
                 expected: Any, mistakes: Callable[[], Sequence[tuple]] | None = None, **tolerances: Any) -> None:
        super().__init__(exercise, name, answer=answer, solution=solution)
        check_tolerances(tolerances)
        self._expected = _Expected(expected)
        self._mistakes = _Expected(mistakes if mistakes is not None else list)
        self.tolerances = tolerances

    @property
    def expected(self) -> Any:
        """The expected value (computed on first use)."""
        return self._expected.get()

    @property
    def mistakes(self) -> list[tuple]:
        """The typical mistakes, ``[(wrong, key), ...]`` (computed on first use)."""
        return list(self._mistakes.get())

    def _compare_to(self, answer: Any, expected: Any) -> str | None:
        """None when ``answer`` matches ``expected``, else the message saying what differs.

        Subclasses choose the comparison here; it also recognises a wrong value of
        ``mistakes``, compared in the same way.
        """
        return compare_value(answer, expected, **self.tolerances)

    def _recognised_mistake(self, answer: Any) -> str | None:
        """The message of the first typical mistake the (wrong) answer matches, if any."""
        for wrong, key, *fields in self.mistakes:
            try:
                recognised = bool(wrong(answer)) if callable(wrong) else self._compare_to(answer, wrong) is None
            except Exception:  # noqa: BLE001 - an odd answer is simply not this mistake
                recognised = False
            if recognised:
                return t(f"checks.{self.exercise}.{key}", **(fields[0] if fields else {}))
        return None

    def _compare(self, answer: Any) -> str | None:
        message = self._compare_to(answer, self.expected)
        if message is None:
            return None
        return self._recognised_mistake(answer) or message

    def _judge(self, answer: Any) -> tuple[Outcome, str]:
        return _verdict(self._compare(answer), self._correct_message())


class NumberQuestion(ValueQuestion):
    """A single number, compared with a tolerance (``rel_tol``, ``abs_tol``; ``is_rate=True``
    recognises a count or a percentage given instead of a rate)."""

    def _compare_to(self, answer: Any, expected: Any) -> str | None:
        return compare_number(answer, float(expected), **self.tolerances)


class TextQuestion(ValueQuestion):
    """Text, ignoring extra spaces and upper/lower case; ``expected`` may list accepted answers."""

    def _compare_to(self, answer: Any, expected: Any) -> str | None:
        return compare_text(answer, expected, **self.tolerances)


class SeriesQuestion(ValueQuestion):
    """A pandas Series of one value per group; the message names the wrong or missing group."""

    def _compare_to(self, answer: Any, expected: Any) -> str | None:
        return compare_series(answer, expected, **self.tolerances)


class DataFrameQuestion(ValueQuestion):
    """A pandas DataFrame; the message names a missing column, a wrong kind or a wrong group."""

    def _compare_to(self, answer: Any, expected: Any) -> str | None:
        return compare_dataframe(answer, expected, **self.tolerances)


@dataclass(frozen=True)
class Case:
    """One test case of a learner's function: the arguments and the expected result."""

    args: tuple
    expected: Any

    def describe(self) -> str:
        """The arguments as they would be written in a call."""
        return ", ".join(format_value(argument) for argument in self.args)


class FunctionQuestion(Question):
    """A function written by the learner, run on test cases; reports the first failing case.

    Parameters
    ----------
    cases : list of Case, or a callable returning one
        Arguments and expected results. A callable is evaluated lazily.
    mistakes : callable, optional
        Typical wrong functions, each with its own message: a function without arguments
        returning ``[(wrong_function, key), ...]``. A learner's function that fails a case and
        gives the same results as ``wrong_function`` on every case gets the message
        ``checks.<exercise>.<key>`` instead of the generic one.
    **tolerances
        Passed to the comparison of each result.
    """

    def __init__(self, exercise: Exercise | str, name: str, *, answer: str, solution: str,
                 cases: Sequence[Case] | Callable[[], Sequence[Case]],
                 mistakes: Callable[[], Sequence[tuple]] | None = None, **tolerances: Any) -> None:
        super().__init__(exercise, name, answer=answer, solution=solution)
        check_tolerances(tolerances)
        self._cases = _Expected(cases)
        self._mistakes = _Expected(mistakes if mistakes is not None else list)
        self.tolerances = tolerances

    @property
    def cases(self) -> list[Case]:
        """The test cases (computed on first use)."""
        return list(self._cases.get())

    @property
    def mistakes(self) -> list[tuple]:
        """The typical wrong functions, ``[(function, key), ...]`` (computed on first use)."""
        return list(self._mistakes.get())

    @staticmethod
    def _call(function: Callable, case: Case) -> Any:
        # Give each call its own copy, so a function that changes its input in
        # place cannot spoil the next case.
        arguments = tuple(argument.copy() if isinstance(argument, pd.Series | pd.DataFrame | np.ndarray | list | dict)
                          else argument for argument in case.args)
        return function(*arguments)

    def _behaves_like(self, answer: Callable, wrong: Callable) -> bool:
        for case in self.cases:
            try:
                returned = self._call(answer, case)
                other = self._call(wrong, case)
                if compare_value(returned, other, **self.tolerances) is not None:
                    return False
            except (Exception, SystemExit):  # noqa: BLE001 - a raising function is simply not this mistake
                return False
        return True

    def _recognised_mistake(self, answer: Callable) -> str | None:
        for wrong, key, *fields in self.mistakes:
            if self._behaves_like(answer, wrong):
                return t(f"checks.{self.exercise}.{key}", **(fields[0] if fields else {}))
        return None

    def _judge(self, answer: Any) -> tuple[Outcome, str]:
        if not callable(answer) or isinstance(answer, type):
            return Outcome.INCORRECT, t("checks.type.expected_function", got_type=describe_type(answer))
        for case in self.cases:
            try:
                returned = self._call(answer, case)
            except (Exception, SystemExit) as error:  # noqa: BLE001 - the learner's code may raise anything
                return Outcome.INCORRECT, t(
                    "checks.function.raised",
                    case=case.describe(),
                    error_type=type(error).__name__,
                    error=format_value(str(error), 160)[1:-1],
                )
            if contains_placeholder(returned):
                return Outcome.NOT_ATTEMPTED, t("checks.not_attempted")
            if compare_value(returned, case.expected, **self.tolerances) is not None:
                recognised = self._recognised_mistake(answer)
                if recognised:
                    return Outcome.INCORRECT, recognised
                return Outcome.INCORRECT, t(
                    "checks.function.wrong_result",
                    case=case.describe(),
                    got=format_value(returned),
                    expected=format_value(case.expected),
                )
        return Outcome.CORRECT, self._correct_message()


class ChoiceQuestion(Question):
    """A choice among options labelled "a", "b", "c"... (answer with the letter).

    The options' texts live in the catalogue as ``<exercise>.<name>.option_a`` ...;
    ``correct`` is the right letter or a set of accepted letters.
    """

    def __init__(self, exercise: Exercise | str, name: str, *, answer: str, solution: str,
                 options: Sequence[str], correct: str | Sequence[str]) -> None:
        super().__init__(exercise, name, answer=answer, solution=solution)
        self.options = tuple(option.lower() for option in options)
        self.correct = {correct.lower()} if isinstance(correct, str) else {letter.lower() for letter in correct}

    def option_texts(self) -> list[str]:
        """The options' texts in the current language (``<exercise>.<name>.option_<letter>``)."""
        return [t(f"checks.{self.exercise}.{self.name}.option_{letter}") for letter in self.options]

    def show_options(self) -> None:
        """Show the options, one per line, in the learner's language. Never raises."""
        try:
            texts = self.option_texts()
            items = "".join(f"<li>{html.escape(text)}</li>" for text in texts)
            show({"text/plain": "\n".join(texts), "text/html": f'<ul style="list-style:none">{items}</ul>'})
        except Exception:  # noqa: BLE001
            pass

    def _judge(self, answer: Any) -> tuple[Outcome, str]:
        if not isinstance(answer, str) or answer.strip().strip("()").lower() not in self.options:
            return Outcome.INCORRECT, t("checks.choice.invalid", options=", ".join(f'"{o}"' for o in self.options))
        if answer.strip().strip("()").lower() in self.correct:
            return Outcome.CORRECT, self._correct_message()
        return Outcome.INCORRECT, t("checks.choice.wrong")

    def _correct_message(self) -> str:
        key = f"checks.{self.exercise}.{self.name}.explanation"
        return t(key) if key in catalogue() else t("checks.correct")


#: Words that say "I don't know" or "test" rather than a thought (English and French).
_FILLER = frozenset(fold(word) for word in (
    "test", "testing", "idk", "dunno", "lorem", "ipsum", "dolor", "blah", "bla", "asdf", "qwerty", "azerty",
    "xxx", "aaa", "todo", "answer", "reponse", "réponse", "rien", "nothing", "none", "ok", "yes", "no", "oui", "non",
))
_VOWELS = set("aeiouy")


def looks_like_junk(text: str) -> bool:
    """True for text that is not an attempt at an answer: the same word over and over,
    keyboard mashing (words without vowels), or filler words ("test", "blah", "idk")."""
    words = [fold(word.strip(".,;:!?()[]{}\"'«»-")) for word in text.split()]
    words = [word for word in words if word]
    if not words:
        return True
    letters = [word for word in words if any(char.isalpha() for char in word)]
    if len(letters) < len(words) / 2:
        return True
    distinct = set(letters)
    if len(distinct) <= max(1, len(letters) // 3):
        return True
    if sum(word in _FILLER for word in letters) >= len(letters) / 2:
        return True
    vowelless = [word for word in letters if len(word) > 2 and not (set(word) & _VOWELS)]
    return len(vowelless) > len(letters) / 3


class ReflectionQuestion(Question):
    """A reflection: no right answer, so never "correct". A thoughtful text of a few words
    is **recorded** and answered with the model answer from the catalogue
    (``<exercise>.<name>.model_answer``) to compare with; an empty, too short or junk-like
    text gets a nudge."""

    def __init__(self, exercise: Exercise | str, name: str, *, answer: str, solution: str = "",
                 min_words: int = 5) -> None:
        super().__init__(exercise, name, answer=answer, solution=solution)
        self.min_words = min_words

    def _judge(self, answer: Any) -> tuple[Outcome, str]:
        if not isinstance(answer, str):
            return Outcome.INCORRECT, t("checks.type.expected_text", got_type=describe_type(answer))
        if len(answer.split()) < self.min_words:
            return Outcome.INCORRECT, t("checks.reflection.too_short", min_words=self.min_words)
        if looks_like_junk(answer):
            return Outcome.INCORRECT, t("checks.reflection.junk")
        model_answer = t(f"checks.{self.exercise}.{self.name}.model_answer")
        return Outcome.RECORDED, t("checks.reflection.recorded", model_answer=model_answer)


class PredicateQuestion(Question):
    """A custom rule: ``predicate(answer)`` returns None when the answer is right, else the
    catalogue key (without ``checks.``) of the message to show, or False for a generic message."""

    def __init__(self, exercise: Exercise | str, name: str, *, answer: str | Sequence[str], solution: str,
                 predicate: Callable[[Any], str | bool | None]) -> None:
        super().__init__(exercise, name, answer=answer, solution=solution)
        self.predicate = predicate

    def _judge(self, answer: Any) -> tuple[Outcome, str]:
        verdict = self.predicate(answer)
        if verdict is None or verdict is True:
            return Outcome.CORRECT, self._correct_message()
        key = verdict if isinstance(verdict, str) else "predicate.failed"
        return Outcome.INCORRECT, t(f"checks.{key}")



def close(answer: Any, value: float, rel_tol: float = 1e-3) -> bool:
    """True when ``answer`` is a number within ``rel_tol`` of ``value`` (for recognising mistakes)."""
    return compare_number(answer, value, rel_tol=rel_tol) is None


def close_series(answer: Any, expected: pd.Series, rel_tol: float = 1e-3) -> bool:
    """True when ``answer`` is a Series with ``expected``'s groups and values (within ``rel_tol``)."""
    return isinstance(answer, pd.Series) and compare_series(answer, expected, rel_tol=rel_tol) is None


class KeyedQuestion(Question):
    """A dictionary with fixed keys, each judged on its own: the message names the first
    missing or unexpected key, then the first wrong entry.

    Parameters
    ----------
    keys : sequence
        The keys the answer must have (in the order they are reported).
    judge_entry : callable, optional
        ``judge_entry(key, value, answer)`` returns None when that entry is right, else the
        message to show (already translated). Without it, only the keys are checked.
    correct_key : str, optional
        Catalogue key (without ``checks.``) of the message when everything is right.
    allow_extra : bool
        Whether keys beyond ``keys`` are accepted (default: no).
    """

    def __init__(self, exercise: Exercise | str, name: str, *, answer: str, solution: str,
                 keys: Sequence[Any] | Callable[[], Sequence[Any]],
                 judge_entry: Callable[[Any, Any, Mapping], str | None] = lambda key, value, answer: None,
                 correct_key: str | None = None, allow_extra: bool = False) -> None:
        super().__init__(exercise, name, answer=answer, solution=solution)
        self._keys = _Expected(keys)
        self.judge_entry = judge_entry
        self.correct_key = correct_key
        self.allow_extra = allow_extra

    @property
    def keys(self) -> list[Any]:
        """The keys the answer must have."""
        return list(self._keys.get())

    def _after_entries(self, answer: Mapping) -> str | None:
        """A message about the whole dictionary, once every entry passed ``judge_entry``
        (none by default; subclasses count wrong entries here, for example)."""
        return None

    def _judge(self, answer: Any) -> tuple[Outcome, str]:
        if isinstance(answer, pd.Series):
            answer = answer.to_dict()
        if not isinstance(answer, Mapping):
            return Outcome.INCORRECT, t("checks.type.expected_dict", got_type=describe_type(answer))
        message = keys_message(answer, self.keys, allow_extra=self.allow_extra)
        if message:
            return Outcome.INCORRECT, message
        for key in self.keys:
            message = self.judge_entry(key, answer[key], answer)
            if message:
                return Outcome.INCORRECT, message
        message = self._after_entries(answer)
        if message:
            return Outcome.INCORRECT, message
        return Outcome.CORRECT, t(f"checks.{self.correct_key}") if self.correct_key else self._correct_message()


#: The sections of a model card, as Mitchell et al. (2019) list them.
MODEL_CARD_SECTIONS = (
    "model_details",
    "intended_use",
    "factors",
    "metrics",
    "evaluation_data",
    "training_data",
    "quantitative_analyses",
    "ethical_considerations",
    "caveats_and_recommendations",
)


class ModelCardQuestion(Question):
    """A model card as a dictionary: the nine sections of Mitchell et al. (2019) present and
    written (at least ``min_words`` words each), and the figures quoted in
    ``quantitative_analyses`` equal to the ones computed by ``figures``. Figures beyond the
    required ones are welcome (a card may report more), and are not checked.

    Messages are the exercise's ``<name>.missing_section``, ``empty_section``,
    ``figures_not_dict``, ``missing_figure``, ``swapped``, ``wrong_figure`` and ``correct``.

    Parameters
    ----------
    figures : callable
        Returns ``{figure name: value}``: the figures the card must quote, in order.
    swapped : tuple of two names, optional
        Two figures that learners often swap (the rates of two groups): a card that swaps
        them gets its own message.
    mistakes : callable, optional
        Typical wrong figures, each with its own message: a function without arguments
        returning ``[(figure name, wrong value, key), ...]``. A figure that is wrong and
        within ``rel_tol`` of a wrong value gets the message ``checks.<exercise>.<key>``
        instead of ``wrong_figure``.
    """

    SECTIONS = MODEL_CARD_SECTIONS

    def __init__(self, exercise: Exercise | str, name: str, *, answer: str, solution: str,
                 figures: Callable[[], Mapping[str, float]], swapped: tuple[str, str] | None = None,
                 min_words: int = 3, mistakes: Callable[[], Sequence[tuple]] | None = None) -> None:
        super().__init__(exercise, name, answer=answer, solution=solution)
        self._figures = _Expected(figures)
        self._mistakes = _Expected(mistakes if mistakes is not None else list)
        self.swapped = swapped
        self.min_words = min_words

    @property
    def mistakes(self) -> list[tuple]:
        """The typical wrong figures, ``[(figure, wrong value, key), ...]`` (computed on first use)."""
        return list(self._mistakes.get())

    def _message(self, what: str, **fields: Any) -> str:
        return t(f"checks.{self.exercise}.{self.name}.{what}", **fields)

    def _judge(self, answer: Any) -> tuple[Outcome, str]:
        if not isinstance(answer, Mapping):
            return Outcome.INCORRECT, t("checks.type.expected_dict", got_type=describe_type(answer))
        for section in self.SECTIONS:
            if section not in answer:
                return Outcome.INCORRECT, self._message("missing_section", name=section)
        for section in self.SECTIONS:
            text = answer[section]
            if section != "quantitative_analyses" and (not isinstance(text, str) or len(text.split()) < self.min_words):
                return Outcome.INCORRECT, self._message("empty_section", name=section, min_words=self.min_words)
        figures = answer["quantitative_analyses"]
        if not isinstance(figures, Mapping):
            return Outcome.INCORRECT, self._message("figures_not_dict", got_type=describe_type(figures))
        expected = dict(self._figures.get())
        for figure in expected:
            if figure not in figures:
                return Outcome.INCORRECT, self._message("missing_figure", name=figure)
        if self.swapped:
            first, second = self.swapped
            if close(figures[first], expected[second]) and close(figures[second], expected[first]) \
                    and not close(figures[first], expected[first]):
                return Outcome.INCORRECT, self._message("swapped")
        for figure, value in expected.items():
            message = compare_number(figures[figure], float(value), rel_tol=1e-3, is_rate=True)
            if message:
                for wrong_figure, wrong, key in self.mistakes:
                    if wrong_figure == figure and close(figures[figure], float(wrong)):
                        return Outcome.INCORRECT, t(f"checks.{self.exercise}.{key}")
                return Outcome.INCORRECT, self._message("wrong_figure", name=figure, detail=message)
        return Outcome.CORRECT, self._message("correct")
