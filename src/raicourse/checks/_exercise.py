"""One :class:`Exercise` per checker module: its questions, its setup, and how a notebook's
answers are evaluated.

A checker module declares its exercise once, then only its questions::

    exercise = Exercise(__name__, setup="from raicourse.data import load_hiring\\nhiring = load_hiring()")

    q1 = SeriesQuestion(exercise, "q1", answer="selection_rates", solution=..., expected=...)
    q2 = NumberQuestion(exercise, "q2", ...)

    exercise.publish(globals())

Each question registers itself with the exercise when it is created, so the list of
questions, the module's ``__all__`` and the exercise's name come from one place and cannot
disagree. ``publish`` also checks that every question is bound to the module name the
notebook imports (``q1`` is the question named ``"q1"``).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import threading
from collections.abc import Iterable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

from raicourse.checks._result import PLACEHOLDER, CheckResult, Outcome

if TYPE_CHECKING:  # pragma: no cover - only for type checkers
    from raicourse.checks._questions import Question

__all__ = [
    "Exercise",
    "answer_from",
    "checked_answers",
    "evaluate_answers",
    "exercise_names",
    "load_exercise",
    "questions_of",
]


class Exercise:
    """The checks of one exercise notebook.

    Parameters
    ----------
    module_name : str
        The checker module's ``__name__`` (``raicourse.checks.<stem>``); the exercise's name
        is its last part, the stem shared by the lesson, the notebook and the messages.
    setup : str
        The Python code the notebook runs before the questions (imports, loading the data).
        The tests run it before the reference solutions; :meth:`setup` runs it once for the
        checker's own expected values.
    given : str, optional
        Code the notebook gives the learner after the setup (for example a model to study),
        run after ``setup`` by the tests and by :meth:`setup`.
    """

    def __init__(self, module_name: str, *, setup: str = "", given: str | None = None) -> None:
        self.module_name = module_name
        self.name = module_name.rsplit(".", 1)[-1]
        self.setup_code = inspect.cleandoc(setup) + "\n" if setup.strip() else ""
        self.given_code = inspect.cleandoc(given) + "\n" if given and given.strip() else None
        self.questions: list[Question] = []
        self._namespace: dict[str, Any] | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<Exercise {self.name}: {', '.join(q.name for q in self.questions)}>"

    # -- questions ------------------------------------------------------------------------
    def register(self, question: Question) -> None:
        """Add a question (called by the question itself when it is created)."""
        if any(existing.name == question.name for existing in self.questions):
            raise ValueError(f"{self.name}: two questions are named {question.name!r}")
        self.questions.append(question)

    def __getitem__(self, name: str) -> Question:
        for question in self.questions:
            if question.name == name:
                return question
        raise KeyError(f"{self.name} has no question {name!r}")

    def __iter__(self):
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)

    def publish(self, namespace: dict[str, Any], *, extra: Iterable[str] = ()) -> None:
        """Set the checker module's ``QUESTIONS``, ``EXERCISE``, ``SETUP_CODE``, ``GIVEN_CODE``,
        ``____`` and ``__all__`` from the registered questions.

        Raises
        ------
        ValueError
            When a question is not bound to the module name that the notebook imports
            (``q1 = NumberQuestion(exercise, "q2", ...)``), or a module name ``qN`` holds
            no registered question.
        """
        from raicourse.checks._questions import Question

        for question in self.questions:
            if namespace.get(question.name) is not question:
                raise ValueError(f"{self.name}: the question {question.name!r} must be bound to "
                                 f"the module name {question.name!r}")
        for key, value in namespace.items():
            if isinstance(value, Question) and value not in self.questions:
                raise ValueError(f"{self.name}: {key} is a question of another exercise ({value.exercise})")
        namespace["EXERCISE"] = self.name
        namespace["QUESTIONS"] = list(self.questions)
        namespace["SETUP_CODE"] = self.setup_code
        if self.given_code is not None:
            namespace["GIVEN_CODE"] = self.given_code
        namespace["____"] = PLACEHOLDER
        names = ["EXERCISE", "QUESTIONS", "SETUP_CODE", "____", "exercise", *extra]
        if self.given_code is not None:
            names.append("GIVEN_CODE")
        namespace["__all__"] = sorted(set(names)) + [question.name for question in self.questions]

    # -- data -----------------------------------------------------------------------------
    def setup(self) -> dict[str, Any]:
        """The notebook's variables after its setup (and given) code, computed once.

        The checker's expected values are computed from these, the same objects the learner
        starts from. Callers must not change them.
        """
        with self._lock:
            if self._namespace is None:
                namespace: dict[str, Any] = {}
                exec(self.setup_code, namespace)  # noqa: S102 - the course's own setup code
                if self.given_code is not None:
                    exec(self.given_code, namespace)  # noqa: S102
                self._namespace = namespace
            return self._namespace

    # -- evaluating a notebook ------------------------------------------------------------
    def evaluate(self, namespace: Mapping[str, Any],
                 checked: Mapping[tuple[str, str], Any] | None = None) -> list[CheckResult]:
        """Judge every question against a notebook's variables (see :func:`evaluate_answers`)."""
        return [_fairest(question, namespace, checked) for question in self.questions]


#: Ranks of outcomes, best first: the grader keeps the best of the candidate answers.
_RANK = {Outcome.CORRECT: 4, Outcome.RECORDED: 3, Outcome.INCORRECT: 2, Outcome.ERROR: 1, Outcome.NOT_ATTEMPTED: 0}


def _fairest(question: Question, namespace: Mapping[str, Any],
             checked: Mapping[tuple[str, str], Any] | None) -> CheckResult:
    """The best verdict among the answer variable(s) and the last value given to ``check()``.

    A learner may write ``q1.check(my_rate)`` with a name of their own: the notebook then says
    "Correct", so the grader must too.
    """
    results = [question.evaluate(answer_from(question, namespace))]
    key = (question.exercise, question.name)
    if checked is not None and key in checked:
        results.append(question.evaluate(checked[key]))
    return max(results, key=lambda result: _RANK[result.outcome])


def exercise_names() -> list[str]:
    """The stems of every exercise that has a checker module (``raicourse.checks.<stem>``)."""
    import raicourse.checks as package

    return sorted(info.name for info in pkgutil.iter_modules(package.__path__) if not info.name.startswith("_"))


def load_exercise(stem: str) -> ModuleType:
    """Import the checker module of an exercise."""
    return importlib.import_module(f"raicourse.checks.{stem}")


def _exercise_of(module: ModuleType | Exercise) -> Exercise:
    if isinstance(module, Exercise):
        return module
    found = getattr(module, "exercise", None)
    if not isinstance(found, Exercise):
        raise TypeError(f"{getattr(module, '__name__', module)!r} declares no Exercise")
    return found


def questions_of(module: ModuleType | Exercise) -> list[Question]:
    """The questions of an exercise (a checker module or its :class:`Exercise`), in notebook order."""
    return list(_exercise_of(module).questions)


def answer_from(question: Question, namespace: Mapping[str, Any]) -> Any:
    """The learner's answer to ``question`` read from a notebook's variables
    (the placeholder when a variable is missing, so that it counts as not attempted)."""
    values = tuple(namespace.get(name, PLACEHOLDER) for name in question.answer_names)
    return values[0] if len(values) == 1 else values


#: The last answer given to each question's ``check()`` in this process, by (exercise, question).
_CHECKED: dict[tuple[str, str], Any] = {}


def checked_answers() -> dict[tuple[str, str], Any]:
    """The last value the learner passed to each ``q.check(...)`` in this process."""
    return dict(_CHECKED)


def evaluate_answers(module: ModuleType | Exercise, namespace: Mapping[str, Any],
                     checked: Mapping[tuple[str, str], Any] | None = None) -> list[CheckResult]:
    """Evaluate every question of an exercise against a notebook's variables.

    Parameters
    ----------
    module : module or Exercise
        The checker module (or its exercise).
    namespace : mapping
        The notebook's variables after it ran.
    checked : mapping, optional
        The values the learner passed to ``check()`` (:func:`checked_answers` in the notebook's
        kernel). A question's verdict is the best of its answer variable and that value, so that
        the grader agrees with what the notebook showed.
    """
    return _exercise_of(module).evaluate(namespace, checked)
