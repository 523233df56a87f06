"""The placeholder ``____``, the outcome of a check and how a result is shown."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from raicourse.i18n import t

__all__ = ["PLACEHOLDER", "CheckResult", "Outcome", "contains_placeholder", "show"]


class _Placeholder:
    """The ``____`` a learner replaces with an answer.

    Arithmetic, comparisons, calls and indexing on it give the placeholder back, so
    that an unanswered cell such as ``ratio = ____ / ____`` still runs and the check
    that follows says "not attempted" instead of the notebook stopping on an error.
    """

    _instance: _Placeholder | None = None

    def __new__(cls) -> _Placeholder:
        # One placeholder per process, so a reloaded checker module still recognises
        # the ``____`` the learner imported earlier (compared by class name too, below).
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____"

    def _same(self, *args: Any, **kwargs: Any) -> _Placeholder:
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _same
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = _same
    __pow__ = __rpow__ = __neg__ = __pos__ = __abs__ = __call__ = __getitem__ = _same
    __and__ = __rand__ = __or__ = __ror__ = __invert__ = _same
    __lt__ = __le__ = __gt__ = __ge__ = _same

    def __eq__(self, other: object) -> bool:
        return is_placeholder(other)

    def __hash__(self) -> int:
        return hash("____")


PLACEHOLDER = _Placeholder()


def is_placeholder(value: object) -> bool:
    """True for the placeholder, even one created by an earlier import of this module."""
    return type(value).__name__ == "_Placeholder" and type(value).__module__ == __name__


def contains_placeholder(value: object, depth: int = 0) -> bool:
    """True when the placeholder is the value or sits inside a list, tuple, set or dict."""
    if is_placeholder(value):
        return True
    if depth > 3:
        return False
    if type(value) in (list, tuple, set, frozenset):
        return any(contains_placeholder(item, depth + 1) for item in value)
    if type(value) is dict:
        return any(
            contains_placeholder(key, depth + 1) or contains_placeholder(item, depth + 1)
            for key, item in value.items()
        )
    return False


class Outcome(str, Enum):
    """What a check concluded."""

    CORRECT = "correct"
    INCORRECT = "incorrect"
    NOT_ATTEMPTED = "not_attempted"
    ERROR = "error"
    #: An open (reflection) question: never "correct"; the answer is kept and the model answer shown.
    RECORDED = "recorded"


# Colour is never the only signal: every box also carries a symbol and a word.
_STYLE = {
    Outcome.CORRECT: ("✔", "#1a7f37", "#e8f5ec"),
    Outcome.INCORRECT: ("✘", "#b35900", "#fff4e5"),
    Outcome.NOT_ATTEMPTED: ("…", "#57606a", "#f3f4f6"),
    Outcome.ERROR: ("!", "#a40e26", "#fdecee"),
    Outcome.RECORDED: ("✎", "#0550ae", "#eef5ff"),
}


@dataclass
class CheckResult:
    """The result of checking one answer.

    Attributes
    ----------
    question : str
        The question's name, e.g. ``"q1"``.
    outcome : Outcome
        Correct, incorrect, not attempted, or error (the checker itself failed).
    message : str
        The explanation shown to the learner, in the current language.
    """

    question: str
    outcome: Outcome
    message: str
    _shown: bool = field(default=False, repr=False, compare=False)

    @property
    def correct(self) -> bool:
        """True when the answer is correct (a recorded reflection counts as done)."""
        return self.outcome in (Outcome.CORRECT, Outcome.RECORDED)

    def to_dict(self) -> dict[str, str]:
        """The result as plain JSON-friendly values."""
        return {"question": self.question, "outcome": self.outcome.value, "message": self.message}

    def _heading(self) -> str:
        label = t("checks.question_label", name=self.question)
        return f"{label} — {t(f'checks.outcome.{self.outcome.value}')}"

    def __str__(self) -> str:
        symbol = _STYLE[self.outcome][0]
        return f"{symbol} {self._heading()}: {self.message}"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        symbol, border, background = _STYLE[self.outcome]
        box = (
            f'<div class="raicourse-check raicourse-check-{self.outcome.value}" role="status" '
            f'style="border-left:6px solid {border};background:{background};color:#1f2328;'
            f'padding:0.5em 0.9em;margin:0.4em 0;border-radius:4px">'
            f'<strong><span aria-hidden="true">{symbol}</span> {html.escape(self._heading())}</strong>'
            f"<br>{html.escape(self.message)}</div>"
        )
        return {"text/plain": str(self), "text/html": box}

    def _ipython_display_(self) -> None:
        # check() displays the result and also returns it: when the returned result is
        # the cell's last expression, IPython would show it a second time.
        if self._shown:
            return
        self._shown = True
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)


def in_ipython() -> bool:
    """True inside an IPython shell or Jupyter kernel."""
    try:
        from IPython.core.interactiveshell import InteractiveShell
    except ImportError:  # pragma: no cover - IPython is a dependency of ipywidgets
        return False
    return InteractiveShell.initialized()


def show(bundle: dict[str, str]) -> None:
    """Display a MIME bundle in a notebook, or print its text outside of one."""
    if in_ipython():
        from IPython.display import display

        display(bundle, raw=True)
    else:
        print(bundle["text/plain"])
