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
    close,
)
from raicourse.data._workforce import LEVELS


#: What the notebook runs before the questions; tests use it to run solutions alone.
SETUP_CODE = "from raicourse.data import load_workforce\nstaff = load_workforce()"

exercise = Exercise(__name__, setup=SETUP_CODE)

# Shares are computed on hundreds of people; allow a learner who rounds to three decimals
# (an error of at most 0.0005). A looser tolerance would accept a wrong denominator: leaving
# out the 3 non-binary people moves the women's share by 0.0015.
_TOLERANCE = {"abs_tol": 0.0006}


def _staff() -> pd.DataFrame:
    return exercise.setup()["staff"]


def _women_share() -> float:
    return float((_staff()["gender"] == "woman").mean())


def _women_share_by_level() -> pd.Series:
    staff = _staff()
    return (staff["gender"] == "woman").groupby(staff["level"]).mean().reindex(list(LEVELS))


def _count_by_level(gender: str) -> pd.Series:
    """How many people of ``gender`` work at each level."""
    staff = _staff()
    return (staff["gender"] == gender).groupby(staff["level"]).sum()


def _women_share_mistakes() -> list[tuple]:
    staff = _staff()
    women, men = int((staff["gender"] == "woman").sum()), int((staff["gender"] == "man").sum())
    return [
        (women / men, "q1.ratio_to_men"),
        (women / (women + men), "q1.without_non_binary"),
        (float(_women_share_by_level().mean()), "q1.mean_of_levels"),
        (men / len(staff), "q1.other_share"),
        (1 - _women_share(), "q1.other_share"),
    ]


def _by_level_mistakes() -> list[tuple]:
    staff = _staff()
    women, men = _count_by_level("woman"), _count_by_level("man")
    teams = {str(team) for team in staff["team"].unique()}
    return [
        (women / men, "q2.ratio_to_men"),
        (women / (women + men), "q2.without_non_binary"),
        (women / women.sum(), "q2.share_of_women"),
        (men / staff.groupby("level").size(), "q2.other_share"),
        (1 - _women_share_by_level(), "q2.other_share"),
        (lambda answer: {str(label) for label in answer.index} == teams, "q2.by_team"),
    ]


def _attrition_mistakes() -> list[tuple]:
    staff = _staff()
    left = staff.groupby("gender")["left_in_2025"].sum()
    levels = {str(level) for level in staff["level"].unique()}
    overall = float(staff["left_in_2025"].mean())
    return [
        (left / left.sum(), "q4.share_of_leavers"),
        (1 - _attrition_by_gender(), "q4.stayed"),
        (left / len(staff), "q4.divided_by_all_staff"),
        (lambda answer: {str(label) for label in answer.index} == levels, "q4.by_level"),
        (lambda answer: close(answer, overall), "q4.one_number"),
    ]


def _disability_mistakes() -> list[tuple]:
    answers = _staff()["disability"]
    yes, no = int((answers == "yes").sum()), int((answers == "no").sum())
    return [
        (yes / len(answers), "q6.all_staff"),
        ((answers == "not declared").mean(), "q6.not_declared_share"),
        (no / (yes + no), "q6.no_share"),
        (yes / no, "q6.yes_over_no"),
        ((yes + no) / len(answers), "q6.response_rate"),
    ]


def _alphabetical_drop_level() -> str:
    """The level a learner finds with .diff() when the levels are left in alphabetical order."""
    return str(_women_share_by_level().sort_index().diff().idxmin())


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
    if level == _alphabetical_drop_level():
        return f"{exercise.name}.q3.alphabetical_order"
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
    mistakes=_women_share_mistakes,
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
    mistakes=_by_level_mistakes,
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
    mistakes=_attrition_mistakes,
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
    mistakes=_disability_mistakes,
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
