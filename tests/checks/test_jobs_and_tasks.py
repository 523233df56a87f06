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
    # The lesson quotes these: no occupation is mostly automatable, yet most workers are "exposed".
    assert max(automation.values()) < 0.5
    assert 0.58 < exposed / sum(employment.values()) < 0.6


def test_the_shares_of_each_occupation_add_up_to_one():
    assert np.allclose(load_tasks().groupby("occupation")["hours_share"].sum(), 1)


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    tasks = solved["tasks"]
    by_occupation = tasks.groupby("occupation")
    employment = by_occupation["employment_thousands"].first()
    share = solved["share_highly_automatable"]
    return {
        "q1": [
            (by_occupation["automation_exposure"].mean(), "For group accountant: Your answer is too low"),
            (by_occupation["automation_exposure"].sum(), "counts, not rates"),
            (solved["augmentation_by_occupation"], "For group"),
            (tasks.groupby("task_type")["automation_exposure"].mean(), "group"),
        ],
        "q2": [
            (by_occupation["augmentation_exposure"].mean(), "For group"),
            (solved["automation_by_occupation"], "For group"),
            (solved["augmentation_by_occupation"].drop("nurse"), "nurse is missing"),
        ],
        "q3": [
            (lambda a, g: "automation" if a > g else "augmentation", "returned 'augmentation', but 'low exposure' was expected"),
            (lambda a, g: "low exposure" if a <= 0.4 and g <= 0.4 else ("automation" if a > g else "augmentation"),
             "returned 'low exposure'"),
            (lambda a, g: "low exposure" if a < 0.4 and g < 0.4 else ("automation" if a >= g else "augmentation"),
             "input 0.5, 0.5, your function returned 'automation', but 'augmentation' was expected"),
            (lambda a, g: "Automation", "returned"),
            ("automation", "function"),
        ],
        "q4": [
            (tasks[tasks["automation_exposure"] >= 0.5].groupby("occupation")["task"].count(), "counts, not rates"),
            (tasks[tasks["automation_exposure"] > 0.6].groupby("occupation")["hours_share"].sum(), "missing"),
            (share * 100, "counts, not rates"),
            (by_occupation["automation_exposure"].max(), "For group"),
        ],
        "q5": [
            ((share > 0.25).mean(), "too high"),
            (tasks[tasks["occupation"].isin(share[share > 0.25].index)]["employment_thousands"].sum()
             / tasks["employment_thousands"].sum(), "too high"),
            (employment[share > 0.25].sum(), "looks like a count, not a rate"),
            (employment[share >= 0.5].sum() / employment.sum(), "too low"),
        ],
        "q6": [("a", "not the best choice"), ("c", "not the best choice"), ("d", "Choose one of")],
        "q7": [("", "at least"), ("AI will help me.", "at least"), (42, "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))
