"""Auto-checked exercises: ``q1.check(answer)``, ``q1.hint()``, ``q1.solution()``.

An exercise notebook imports its questions and the placeholder from its checker module::

    from raicourse.checks.fairness_metrics import q1, q2, ____

Each learner-facing message comes from ``raicourse/locales/checks.yaml`` (English and
French). In a live kernel each check outcome is also saved in the learner's local
progress file (see :func:`progress_file`); nothing is sent anywhere.
"""

from raicourse.checks._compare import (
    compare_dataframe,
    compare_dict,
    compare_number,
    compare_sequence,
    compare_series,
    compare_text,
    compare_value,
)
from raicourse.checks._exercise import answer_from, evaluate_answers, exercise_names, load_exercise, questions_of
from raicourse.checks._progress import progress_file, read_progress, record_outcome
from raicourse.checks._questions import (
    Case,
    ChoiceQuestion,
    DataFrameQuestion,
    FunctionQuestion,
    NumberQuestion,
    PredicateQuestion,
    Question,
    ReflectionQuestion,
    SeriesQuestion,
    TextQuestion,
    ValueQuestion,
)
from raicourse.checks._result import PLACEHOLDER, CheckResult, Outcome, contains_placeholder

#: The placeholder a learner replaces with an answer (``____``, four underscores).
____ = PLACEHOLDER

__all__ = [
    "PLACEHOLDER",
    "Case",
    "CheckResult",
    "ChoiceQuestion",
    "DataFrameQuestion",
    "FunctionQuestion",
    "NumberQuestion",
    "Outcome",
    "PredicateQuestion",
    "Question",
    "ReflectionQuestion",
    "SeriesQuestion",
    "TextQuestion",
    "ValueQuestion",
    "____",
    "answer_from",
    "compare_dataframe",
    "compare_dict",
    "compare_number",
    "compare_sequence",
    "compare_series",
    "compare_text",
    "compare_value",
    "contains_placeholder",
    "evaluate_answers",
    "exercise_names",
    "load_exercise",
    "progress_file",
    "questions_of",
    "read_progress",
    "record_outcome",
]
