"""The jobs_and_tasks checker: the expected values agree with a second computation and typical
mistakes get a helpful message.

What every checker must do is tested for all of them in test_every_checker.py."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from raicourse.checks import jobs_and_tasks as exercise
from raicourse.data import load_tasks

from checkers import assert_wrong_answers_fail, solved_namespace


@pytest.fixture(scope="module")
def solved() -> dict:
    """The notebook's variables after its setup and every reference solution."""
    return solved_namespace(exercise)


def test_expected_values_agree_with_a_second_computation():
    """Recompute with plain loops, independently of the checker's pandas code."""
    tasks = load_tasks()
    automation, highly, employment = {}, {}, {}
    for row in tasks.itertuples():
        automation[row.occupation] = automation.get(row.occupation, 0) + row.hours_share * row.automation_exposure
        if row.automation_exposure >= 0.5:
            highly[row.occupation] = highly.get(row.occupation, 0) + row.hours_share
        employment[row.occupation] = row.employment_thousands
    assert exercise.q1.evaluate(pd.Series(automation)).correct
    assert exercise.q4.evaluate(pd.Series({o: highly.get(o, 0.0) for o in employment})).correct
    exposed = sum(e for o, e in employment.items() if highly.get(o, 0) > 0.25)
    assert exercise.q5.evaluate(exposed / sum(employment.values())).correct
    # The lesson quotes these: no weighted automation score reaches 0.5, yet about 59% of the workers are "highly exposed".
    assert max(automation.values()) < 0.5
    assert 0.58 < exposed / sum(employment.values()) < 0.6


def test_the_shares_of_each_occupation_add_up_to_one():
    assert np.allclose(load_tasks().groupby("occupation")["hours_share"].sum(), 1)


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    tasks = solved["tasks"]
    by_occupation = tasks.groupby("occupation")
    employment = by_occupation["employment_thousands"].first()
    share = solved["share_highly_automatable"]
    highly = tasks["automation_exposure"] >= 0.5
    return {
        "q1": [
            (by_occupation["automation_exposure"].mean(), "plain mean of the scores"),
            ((tasks["hours_share"] * tasks["automation_exposure"]).groupby(tasks["occupation"]).mean(), "instead of .mean()"),
            (solved["augmentation_by_occupation"], "These are the augmentation scores of question 2"),
            (by_occupation["hours_share"].sum(), "you added up hours_share alone"),
            (tasks["hours_share"] * tasks["automation_exposure"], "one value for each task (34 values)"),
            (by_occupation["automation_exposure"].sum(), "counts, not rates"),
            (tasks.groupby("task_type")["automation_exposure"].mean(), "group"),
        ],
        "q2": [
            (by_occupation["augmentation_exposure"].mean(), "plain mean of augmentation_exposure"),
            ((tasks["hours_share"] * tasks["augmentation_exposure"]).groupby(tasks["occupation"]).mean(), "instead of .mean()"),
            (solved["automation_by_occupation"], "These are the automation scores of question 1"),
            (solved["augmentation_by_occupation"].drop("nurse"), "nurse is missing"),
        ],
        "q3": [
            (lambda a, g: "automation" if a > g else "augmentation", 'never says "low exposure"'),
            (lambda a, g: "low exposure" if a <= 0.4 and g <= 0.4 else ("automation" if a > g else "augmentation"),
             "use < 0.4, not <= 0.4"),
            (lambda a, g: "low exposure" if a < 0.4 and g < 0.4 else ("automation" if a >= g else "augmentation"),
             "A tie counts as augmentation"),
            (lambda a, g: "low exposure" if a < 0.4 or g < 0.4 else ("automation" if a > g else "augmentation"),
             "use and, not or"),
            (lambda a, g: "low exposure" if a < 0.4 and g < 0.4 else ("augmentation" if a > g else "automation"),
             "the wrong way round"),
            (lambda a, g: "Automatic", "returned"),
            ("automation", "function"),
        ],
        "q4": [
            ((tasks["hours_share"] * (tasks["automation_exposure"] > 0.5)).groupby(tasks["occupation"]).sum(),
             "use >= 0.5, not > 0.5"),
            (highly.groupby(tasks["occupation"]).mean(), "a share of the week"),
            ((tasks["hours_share"] * (tasks["augmentation_exposure"] >= 0.5)).groupby(tasks["occupation"]).sum(),
             "You used augmentation_exposure"),
            (1 - share, "spent on the other tasks"),
            (solved["automation_by_occupation"], "weighted automation scores of question 1"),
            (tasks[highly].groupby("occupation")["task"].count(), "counts, not rates"),
            (share * 100, "counts, not rates"),
        ],
        "q5": [
            ((share > 0.25).mean(), "share of occupations (6 of 8)"),
            (tasks[tasks["occupation"].isin(share[share > 0.25].index)]["employment_thousands"].sum()
             / tasks["employment_thousands"].sum(), "on every task row"),
            (employment[share >= 0.5].sum() / employment.sum(), "use > 0.25"),
            (employment[share > 0.5].sum() / employment.sum(), "use > 0.25"),
            (1 - employment[share > 0.25].sum() / employment.sum(), "not in highly exposed occupations"),
            (employment[share > 0.25].sum(), "looks like a count, not a rate"),
        ],
        "q6": [("a", "not the best choice"), ("c", "not the best choice"), ("d", "Choose one of")],
        "q7": [("", "at least"), ("AI will help me.", "at least"), (42, "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))


def test_every_numeric_question_has_three_targeted_mistakes():
    """Targeted = the question's own ``mistakes``, each with its own message in both languages."""
    from raicourse.i18n import catalogue

    messages = catalogue()

    for question in (exercise.q1, exercise.q2, exercise.q3, exercise.q4, exercise.q5):
        keys = {key for _wrong, key, *_fields in question.mistakes}
        assert len(keys) >= 3, question.name
        for key in keys:
            message = messages[f"checks.jobs_and_tasks.{key}"]
            assert message["en"] and message["fr"], key


def test_the_targeted_messages_are_french_in_french(solved):
    from raicourse.i18n import set_language

    set_language("fr")
    try:
        message = exercise.q5.evaluate((solved["share_highly_automatable"] > 0.25).mean()).message
    finally:
        set_language("en")
    assert message.startswith("Vous avez donné la part des métiers (6 sur 8)") and "petit\u00a0:" in message
