"""Finding the questions of an exercise module and evaluating a notebook's answers."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Any

from raicourse.checks._questions import Question
from raicourse.checks._result import PLACEHOLDER, CheckResult

__all__ = ["evaluate_answers", "exercise_names", "load_exercise", "questions_of"]


def exercise_names() -> list[str]:
    """The stems of every exercise that has a checker module (``raicourse.checks.<stem>``)."""
    import raicourse.checks as package

    return sorted(info.name for info in pkgutil.iter_modules(package.__path__) if not info.name.startswith("_"))


def load_exercise(stem: str) -> ModuleType:
    """Import the checker module of an exercise."""
    return importlib.import_module(f"raicourse.checks.{stem}")


def questions_of(module: ModuleType) -> list[Question]:
    """The questions a checker module defines, in the order of its ``QUESTIONS`` list
    (or, without one, of their names ``q1, q2, ...``)."""
    declared = getattr(module, "QUESTIONS", None)
    if declared is not None:
        return list(declared)
    found = [value for value in vars(module).values() if isinstance(value, Question)]
    return sorted(found, key=lambda question: (len(question.name), question.name))


def answer_from(question: Question, namespace: dict[str, Any]) -> Any:
    """The learner's answer to ``question`` read from a notebook's variables
    (the placeholder when a variable is missing, so that it counts as not attempted)."""
    values = tuple(namespace.get(name, PLACEHOLDER) for name in question.answer_names)
    return values[0] if len(values) == 1 else values


def evaluate_answers(module: ModuleType, namespace: dict[str, Any]) -> list[CheckResult]:
    """Evaluate every question of an exercise against a notebook's variables."""
    return [question.evaluate(answer_from(question, namespace)) for question in questions_of(module)]
