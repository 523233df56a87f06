"""Quizzes: YAML banks validated by a schema, checked in the browser by one front-end module.

Lessons call :func:`show_quiz` (one line). :class:`Quiz` is the live widget whose
``results`` and ``score`` reach Python; :func:`load_bank` reads and validates a bank.
"""

from raicourse.quiz.loader import bank_stems, load_bank, load_bank_file, validate_all_banks
from raicourse.quiz.progress import show_progress
from raicourse.quiz.schema import Bank, QuizBankError
from raicourse.quiz.widget import Quiz, Score, quiz_state, show_quiz

__all__ = [
    "Bank",
    "Quiz",
    "QuizBankError",
    "Score",
    "bank_stems",
    "load_bank",
    "load_bank_file",
    "quiz_state",
    "show_progress",
    "show_quiz",
    "validate_all_banks",
]
