"""Checks of the exercise notebook ``exercises/diversity_inclusion.ipynb``.

The notebook works on :func:`raicourse.data.load_workforce` (default seed): the tech
staff of a fictional company, one row per employee, with level, gender, a voluntary
disability question and whether the person left during 2025. Hints, option texts and
the model answer live in ``raicourse/locales/checks/diversity_inclusion.yaml``.

Usage in the notebook::

    from raicourse.checks.diversity_inclusion import q1, q2, q3, q4, q5, q6, q7, q8, ____
    q1.check(women_share)
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from raicourse.checks._exercise import Exercise
from raicourse.checks._questions import (
    ChoiceQuestion,
    NumberQuestion,
    PredicateQuestion,
    ReflectionQuestion,
    SeriesQuestion,
)
from raicourse.data._workforce import LEVELS


#: What the notebook runs before the questions; tests use it to run solutions alone.
SETUP_CODE = "from raicourse.data import load_workforce\nstaff = load_workforce()"

exercise = Exercise(__name__, setup=SETUP_CODE)

# Shares are computed on hundreds of people; allow a learner who rounds to three decimals.
_TOLERANCE = {"abs_tol": 0.0015}


def _staff() -> pd.DataFrame:
    return exercise.setup()["staff"]


def _women_share() -> float:
    return float((_staff()["gender"] == "woman").mean())


def _women_share_by_level() -> pd.Series:
    staff = _staff()
    return (staff["gender"] == "woman").groupby(staff["level"]).mean().reindex(list(LEVELS))


def _largest_drop_level() -> str:
    """The level where the women's share falls most compared with the level below it."""
    return str(_women_share_by_level().diff().idxmin())


def _attrition_by_gender() -> pd.Series:
    staff = _staff()
    return staff.groupby("gender")["left_in_2025"].mean()


def _disability_share_among_answers() -> float:
    answered = _staff()["disability"]
    answered = answered[answered != "not declared"]
    return float((answered == "yes").mean())


def _judge_largest_drop(answer: Any) -> str | None:
    """None when the answer names the level where the share drops most, else a message key."""
    if not isinstance(answer, str):
        return f"{exercise.name}.q3.not_text"
    level = answer.strip().lower()
    expected = _largest_drop_level()
    if level == expected:
        return None
    shares = _women_share_by_level()
    if level == shares.idxmin():
        return f"{exercise.name}.q3.lowest_not_drop"
    position = LEVELS.index(expected)
    if position > 0 and level == LEVELS[position - 1]:
        return f"{exercise.name}.q3.level_before"
    if level in LEVELS:
        return f"{exercise.name}.q3.other_level"
    return f"{exercise.name}.q3.unknown_level"


q1 = NumberQuestion(
    exercise, "q1",
    answer="women_share",
    solution='''
        women_share = (staff["gender"] == "woman").mean()
    ''',
    expected=_women_share,
    is_rate=True,
    **_TOLERANCE,
)

q2 = SeriesQuestion(
    exercise, "q2",
    answer="women_share_by_level",
    solution='''
        staff["is_woman"] = staff["gender"] == "woman"
        women_share_by_level = staff.groupby("level")["is_woman"].mean()
    ''',
    expected=_women_share_by_level,
    is_rate=True,
    **_TOLERANCE,
)

q3 = PredicateQuestion(
    exercise, "q3",
    answer="largest_drop_level",
    solution='''
        levels = ["junior", "mid", "senior", "lead", "director"]
        in_order = women_share_by_level.reindex(levels)
        # diff() gives each level's share minus the share of the level below it.
        largest_drop_level = in_order.diff().idxmin()
    ''',
    predicate=_judge_largest_drop,
)

q4 = SeriesQuestion(
    exercise, "q4",
    answer="attrition_by_gender",
    solution='''
        attrition_by_gender = staff.groupby("gender")["left_in_2025"].mean()
    ''',
    expected=_attrition_by_gender,
    is_rate=True,
    **_TOLERANCE,
)

q5 = ChoiceQuestion(
    exercise, "q5",
    answer="small_group",
    solution='small_group = "b"',
    options=("a", "b", "c"),
    correct="b",
)

q6 = NumberQuestion(
    exercise, "q6",
    answer="disability_share_answered",
    solution='''
        answered = staff[staff["disability"] != "not declared"]
        disability_share_answered = (answered["disability"] == "yes").mean()
    ''',
    expected=_disability_share_among_answers,
    is_rate=True,
    abs_tol=0.001,
)

q7 = ChoiceQuestion(
    exercise, "q7",
    answer="not_declared",
    solution='not_declared = "c"',
    options=("a", "b", "c"),
    correct="c",
)

q8 = ReflectionQuestion(
    exercise, "q8",
    answer="reflection",
    solution='reflection = """I would publish the share of women by level, the attrition by gender '
             'for groups of at least ten people, and the share of staff who did not answer the '
             'disability question. First action: exit interviews at mid level."""',
    min_words=15,
)

exercise.publish(globals())
