"""The diversity_inclusion checker: the expected values agree with a second computation and
typical mistakes get a helpful message.

What every checker must do is tested for all of them in test_every_checker.py."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from raicourse.checks import Outcome
from raicourse.checks import diversity_inclusion as exercise
from raicourse.data import load_workforce

from checkers import ANYTHING, assert_wrong_answers_fail, solved_namespace


@pytest.fixture(scope="module")
def solved() -> dict:
    """The notebook's variables after its setup and every reference solution."""
    return solved_namespace(exercise)


def test_expected_values_agree_with_a_second_computation():
    """Recompute with plain counting, independently of the checker's pandas code."""
    staff = load_workforce()
    people, women, left, members = {}, {}, {}, {}
    for row in staff.itertuples():
        people[row.level] = people.get(row.level, 0) + 1
        women[row.level] = women.get(row.level, 0) + (row.gender == "woman")
        members[row.gender] = members.get(row.gender, 0) + 1
        left[row.gender] = left.get(row.gender, 0) + row.left_in_2025
    assert exercise.q1.evaluate(sum(women.values()) / len(staff)).correct
    shares = {level: women[level] / people[level] for level in people}
    assert exercise.q2.evaluate(pd.Series(shares)).correct
    assert exercise.q4.evaluate(pd.Series({g: left[g] / members[g] for g in members})).correct
    yes = int((staff["disability"] == "yes").sum())
    no = int((staff["disability"] == "no").sum())
    assert exercise.q6.evaluate(yes / (yes + no)).correct
    # The lesson and the notebook quote these numbers.
    order = ["junior", "mid", "senior", "lead", "director"]
    drops = {order[i]: shares[order[i]] - shares[order[i - 1]] for i in range(1, len(order))}
    assert min(drops, key=drops.get) == "senior"
    assert exercise.q3.evaluate("senior").correct
    assert members["non-binary"] == 3 and left["non-binary"] == 2
    assert round(sum(women.values()) / len(staff), 3) == 0.322
    assert round(yes / (yes + no), 3) == 0.056 and round(yes / len(staff), 3) == 0.038


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    staff = solved["staff"]
    is_woman = staff["gender"] == "woman"
    is_man = staff["gender"] == "man"
    by_level = solved["women_share_by_level"]
    answered = staff[staff["disability"] != "not declared"]
    yes, no = (answered["disability"] == "yes").sum(), (answered["disability"] == "no").sum()
    women_by_level = is_woman.groupby(staff["level"]).sum()
    men_by_level = is_man.groupby(staff["level"]).sum()
    leavers = staff.groupby("gender")["left_in_2025"].sum()
    return {
        "q1": [
            (int(is_woman.sum()), "count"),
            (is_woman.mean() * 100, "percentage"),
            (is_woman.sum() / is_man.sum(), "ratio of women to men"),
            (is_woman.sum() / (is_woman.sum() + is_man.sum()), "non-binary people are staff too"),
            (round(is_woman.sum() / (is_woman.sum() + is_man.sum()), 3), "non-binary people are staff too"),
            (is_woman.groupby(staff["level"]).mean().mean(), "average of the shares"),
            (is_man.mean(), "share of men"),
            (1 - is_woman.mean(), "share of men"),
        ],
        "q2": [
            (women_by_level, "counts, not rates"),
            (by_level.drop("director"), "director is missing"),
            (by_level * 100, "counts, not rates"),
            (women_by_level / men_by_level, "That is a ratio, not a share"),
            (women_by_level / (women_by_level + men_by_level), "Non-binary people count in their level too"),
            (women_by_level / women_by_level.sum(), "spread over the levels"),
            (1 - by_level, "shares of men"),
            (is_woman.groupby(staff["team"]).mean(), "Your groups are the teams"),
        ],
        "q3": [
            ("director", "lowest"),
            ("mid", "Almost"),
            ("lead", "alphabetical order"),
            ("junior", "not the one with the largest drop"),
            ("Seniors", "not one of the levels"),
            (by_level, "as text"),
        ],
        "q4": [
            (leavers, "counts, not rates"),
            (staff[staff["gender"] != "non-binary"].groupby("gender")["left_in_2025"].mean(), "non-binary is missing"),
            (staff.groupby("gender")["left_in_2025"].mean().rename({"woman": "women"}), "woman is missing"),
            (leavers / leavers.sum(), "split between the genders"),
            (1 - staff.groupby("gender")["left_in_2025"].mean(), "people who stayed"),
            (leavers / len(staff), "by all the staff"),
            (staff.groupby("level")["left_in_2025"].mean(), "Your groups are the career levels"),
            (staff["left_in_2025"].mean(), "whole staff"),
        ],
        "q5": [("a", "not the best choice"), ("c", "not the best choice"), ("d", "Choose one of")],
        "q6": [
            (int(yes), "count"),
            ((answered["disability"] == "yes").mean() * 100, "percentage"),
            ((staff["disability"] == "yes").mean(), 'count as "no"'),
            ((staff["disability"] == "not declared").mean(), "did not answer"),
            (no / (yes + no), 'share of "no"'),
            (yes / no, 'divided the "yes" by the "no"'),
            ((yes + no) / len(staff), "who answered the question"),
        ],
        "q7": [("a", "not the best choice"), ("b", "not the best choice"), (3, "Choose one of")],
        "q8": [("", "at least"), ("Publish the numbers.", "at least"), (42, "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))


def test_every_numeric_question_has_three_targeted_mistakes(solved):
    """Targeted = the question's own ``mistakes`` (q3: its own rule), each with its own message in both languages."""
    from raicourse.i18n import catalogue

    for question in (exercise.q1, exercise.q2, exercise.q4, exercise.q6):
        keys = {key for _, key, *_ in question.mistakes}
        assert len(keys) >= 3, question.name
        for key in keys:
            assert f"checks.diversity_inclusion.{key}" in catalogue(), key
    # q3 names a level: its rule tells apart the lowest level, the level just before the drop,
    # alphabetical order and any other level.
    wrong_levels = ("director", "mid", "lead", "junior")
    assert len({exercise.q3.predicate(level) for level in wrong_levels}) == len(wrong_levels)


def test_three_decimals_are_right_and_a_wrong_denominator_is_not():
    """Rounding to three decimals is accepted; leaving out the non-binary people is not."""
    staff = load_workforce()
    women, men = (staff["gender"] == "woman").sum(), (staff["gender"] == "man").sum()
    assert exercise.q1.evaluate(round(women / len(staff), 3)).correct
    assert not exercise.q1.evaluate(women / (women + men)).correct


def test_the_targeted_messages_are_french_in_french():
    from raicourse.i18n import set_language

    staff = load_workforce()
    set_language("fr")
    try:
        message = exercise.q6.evaluate((staff["disability"] == "yes").mean()).message
    finally:
        set_language("en")
    assert message.startswith("Vous avez divisé par tout le personnel\u00a0:") and "207" in message


def test_the_largest_drop_accepts_spaces_and_capitals():
    assert exercise.q3.evaluate("  Senior ").correct


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=ANYTHING)
def test_arbitrary_answers_never_make_a_check_raise(answer):
    for question in exercise.QUESTIONS:
        result = question.evaluate(answer)
        assert result.outcome is not Outcome.ERROR, (question.name, result.message)
        assert isinstance(result.message, str) and result.message
