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
    by_level = solved["women_share_by_level"]
    answered = staff[staff["disability"] != "not declared"]
    return {
        "q1": [
            (int(is_woman.sum()), "count"),
            (is_woman.mean() * 100, "percentage"),
            (is_woman.sum() / (staff["gender"] == "man").sum(), "too high"),
            (is_woman.groupby(staff["level"]).mean().mean(), "too low"),
        ],
        "q2": [
            (is_woman.groupby(staff["level"]).sum(), "counts, not rates"),
            (by_level.drop("director"), "director is missing"),
            (is_woman.groupby(staff["team"]).mean(), "is missing"),
            (by_level * 100, "counts, not rates"),
            (is_woman.groupby(staff["level"]).sum() / (staff["gender"] == "man").groupby(staff["level"]).sum(),
             "For group"),
        ],
        "q3": [
            ("director", "lowest"),
            ("mid", "Almost"),
            ("lead", "not the one with the largest drop"),
            ("Seniors", "not one of the levels"),
            (by_level, "as text"),
        ],
        "q4": [
            (staff.groupby("gender")["left_in_2025"].sum(), "counts, not rates"),
            (staff[staff["gender"] != "non-binary"].groupby("gender")["left_in_2025"].mean(), "non-binary is missing"),
            (staff.groupby("level")["left_in_2025"].mean(), "is missing"),
            (staff.groupby("gender")["left_in_2025"].mean().rename({"woman": "women"}), "woman is missing"),
        ],
        "q5": [("a", "not the best choice"), ("c", "not the best choice"), ("d", "Choose one of")],
        "q6": [
            ((staff["disability"] == "yes").mean(), "too low"),
            (int((answered["disability"] == "yes").sum()), "count"),
            ((staff["disability"] == "not declared").mean(), "too high"),
            ((answered["disability"] == "yes").mean() * 100, "percentage"),
        ],
        "q7": [("a", "not the best choice"), ("b", "not the best choice"), (3, "Choose one of")],
        "q8": [("", "at least"), ("Publish the numbers.", "at least"), (42, "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))


def test_the_largest_drop_accepts_spaces_and_capitals():
    assert exercise.q3.evaluate("  Senior ").correct


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=ANYTHING)
def test_arbitrary_answers_never_make_a_check_raise(answer):
    for question in exercise.QUESTIONS:
        result = question.evaluate(answer)
        assert result.outcome is not Outcome.ERROR, (question.name, result.message)
        assert isinstance(result.message, str) and result.message
