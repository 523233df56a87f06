"""Checks of the exercise notebook ``exercises/jobs_and_tasks.ipynb``.

The notebook works on :func:`raicourse.data.load_tasks` (default seed): occupations
broken down into tasks, each with an illustrative automation and augmentation exposure
score and its share of the working week. Hints, option texts and the model answer live
in ``raicourse/locales/checks/jobs_and_tasks.yaml``.

Usage in the notebook::

    from raicourse.checks.jobs_and_tasks import q1, q2, q3, q4, q5, q6, q7, ____
    q1.check(automation_by_occupation)
"""

from __future__ import annotations


import pandas as pd

from raicourse.checks._exercise import Exercise
from raicourse.checks._questions import (
    Case,
    ChoiceQuestion,
    FunctionQuestion,
    NumberQuestion,
    ReflectionQuestion,
    SeriesQuestion,
)


#: What the notebook runs before the questions; tests use it to run solutions alone.
SETUP_CODE = "from raicourse.data import load_tasks\ntasks = load_tasks()"

exercise = Exercise(__name__, setup=SETUP_CODE)

#: A task counts as "highly automatable" from this automation score up (the course's choice).
HIGH_AUTOMATION = 0.5
#: An occupation counts as "highly exposed" when more than this share of its week is
#: spent on highly automatable tasks (in the spirit of the OECD's "more than 25 of 100 skills").
HIGH_SHARE_OF_WEEK = 0.25
#: Below this score (for both kinds of exposure) an occupation has "low exposure".
LOW_EXPOSURE = 0.4

# Scores in the data have two decimals; allow for a learner who rounds to three.
_TOLERANCE = {"abs_tol": 0.0015}


def _tasks() -> pd.DataFrame:
    return exercise.setup()["tasks"]


def _weighted_by_occupation(column: str) -> pd.Series:
    tasks = _tasks()
    return (tasks["hours_share"] * tasks[column]).groupby(tasks["occupation"]).sum()


def _share_highly_automatable() -> pd.Series:
    tasks = _tasks()
    highly = tasks["automation_exposure"] >= HIGH_AUTOMATION
    return (tasks["hours_share"] * highly).groupby(tasks["occupation"]).sum()


def _share_of_workers_highly_exposed() -> float:
    employment = _tasks().groupby("occupation")["employment_thousands"].first()
    exposed = _share_highly_automatable() > HIGH_SHARE_OF_WEEK
    return float(employment[exposed].sum() / employment.sum())


def _main_effect(automation: float, augmentation: float) -> str:
    if automation < LOW_EXPOSURE and augmentation < LOW_EXPOSURE:
        return "low exposure"
    return "automation" if automation > augmentation else "augmentation"


def _per_task(answer) -> bool:
    """One value per task row (the products before grouping), not one per occupation."""
    return isinstance(answer, pd.Series) and len(answer) == len(_tasks())


def _weighted_mistakes(column: str, other: str, question: str) -> list[tuple]:
    tasks = _tasks()
    by_occupation = tasks.groupby("occupation")
    products = tasks["hours_share"] * tasks[column]
    return [
        (by_occupation[column].mean(), f"{question}.plain_mean"),
        (products.groupby(tasks["occupation"]).mean(), f"{question}.mean_of_products"),
        (_weighted_by_occupation(other), f"{question}.wrong_column"),
        (by_occupation["hours_share"].sum(), "q1.hours_only"),
        (_per_task, "q1.per_task"),
    ]


def _share_mistakes() -> list[tuple]:
    tasks = _tasks()
    occupation = tasks["occupation"]
    highly = tasks["automation_exposure"] >= HIGH_AUTOMATION
    return [
        ((tasks["hours_share"] * (tasks["automation_exposure"] > HIGH_AUTOMATION)).groupby(occupation).sum(), "q4.strict"),
        (highly.groupby(occupation).mean(), "q4.share_of_tasks"),
        ((tasks["hours_share"] * (tasks["augmentation_exposure"] >= HIGH_AUTOMATION)).groupby(occupation).sum(), "q4.wrong_column"),
        (1 - _share_highly_automatable(), "q4.complement"),
        (_weighted_by_occupation("automation_exposure"), "q4.weighted_score"),
    ]


def _headline_mistakes() -> list[tuple]:
    tasks = _tasks()
    share = _share_highly_automatable()
    employment = tasks.groupby("occupation")["employment_thousands"].first()
    exposed = share > HIGH_SHARE_OF_WEEK
    on_task_rows = tasks["occupation"].isin(share[exposed].index)
    return [
        (float(exposed.mean()), "q5.occupations"),
        (float(tasks.loc[on_task_rows, "employment_thousands"].sum() / tasks["employment_thousands"].sum()), "q5.repeated_rows"),
        (float(employment[share >= HIGH_AUTOMATION].sum() / employment.sum()), "q5.wrong_threshold"),
        (float(employment[share > HIGH_AUTOMATION].sum() / employment.sum()), "q5.wrong_threshold"),
        (1 - _share_of_workers_highly_exposed(), "q5.not_exposed"),
    ]


def _main_effect_mistakes() -> list[tuple]:
    def no_low(automation, augmentation):
        return "automation" if automation > augmentation else "augmentation"

    def low_inclusive(automation, augmentation):
        if automation <= LOW_EXPOSURE and augmentation <= LOW_EXPOSURE:
            return "low exposure"
        return no_low(automation, augmentation)

    def tie_to_automation(automation, augmentation):
        if automation < LOW_EXPOSURE and augmentation < LOW_EXPOSURE:
            return "low exposure"
        return "automation" if automation >= augmentation else "augmentation"

    def or_not_and(automation, augmentation):
        if automation < LOW_EXPOSURE or augmentation < LOW_EXPOSURE:
            return "low exposure"
        return no_low(automation, augmentation)

    def swapped(automation, augmentation):
        if automation < LOW_EXPOSURE and augmentation < LOW_EXPOSURE:
            return "low exposure"
        return "augmentation" if automation > augmentation else "automation"

    return [
        (no_low, "q3.no_low"),
        (low_inclusive, "q3.low_inclusive"),
        (tie_to_automation, "q3.tie"),
        (or_not_and, "q3.or_not_and"),
        (swapped, "q3.swapped"),
    ]


def _main_effect_cases() -> list[Case]:
    # Edge cases a hand-written rule often gets wrong: exactly 0.4 counts as exposed,
    # a tie goes to augmentation, and "low" needs BOTH scores under 0.4.
    pairs = [
        (0.30, 0.35), (0.45, 0.30), (0.30, 0.60), (0.40, 0.20), (0.20, 0.40),
        (0.50, 0.50), (0.39, 0.39), (0.10, 0.90), (0.85, 0.80),
    ]
    weighted = pd.DataFrame({
        "automation": _weighted_by_occupation("automation_exposure"),
        "augmentation": _weighted_by_occupation("augmentation_exposure"),
    })
    pairs += [(round(float(row.automation), 3), round(float(row.augmentation), 3)) for row in weighted.itertuples()]
    return [Case(pair, _main_effect(*pair)) for pair in pairs]


q1 = SeriesQuestion(
    exercise, "q1",
    answer="automation_by_occupation",
    solution='''
        tasks["automation_weighted"] = tasks["hours_share"] * tasks["automation_exposure"]
        automation_by_occupation = tasks.groupby("occupation")["automation_weighted"].sum()
    ''',
    expected=lambda: _weighted_by_occupation("automation_exposure"),
    mistakes=lambda: _weighted_mistakes("automation_exposure", "augmentation_exposure", "q1"),
    is_rate=True,
    **_TOLERANCE,
)

q2 = SeriesQuestion(
    exercise, "q2",
    answer="augmentation_by_occupation",
    solution='''
        tasks["augmentation_weighted"] = tasks["hours_share"] * tasks["augmentation_exposure"]
        augmentation_by_occupation = tasks.groupby("occupation")["augmentation_weighted"].sum()
    ''',
    expected=lambda: _weighted_by_occupation("augmentation_exposure"),
    mistakes=lambda: _weighted_mistakes("augmentation_exposure", "automation_exposure", "q2"),
    is_rate=True,
    **_TOLERANCE,
)

q3 = FunctionQuestion(
    exercise, "q3",
    answer="main_effect",
    solution='''
        def main_effect(automation, augmentation):
            """Label an occupation from its two weighted exposure scores."""
            if automation < 0.4 and augmentation < 0.4:
                return "low exposure"
            if automation > augmentation:
                return "automation"
            return "augmentation"
    ''',
    cases=_main_effect_cases,
    mistakes=_main_effect_mistakes,
)

q4 = SeriesQuestion(
    exercise, "q4",
    answer="share_highly_automatable",
    solution='''
        tasks["highly_automatable"] = tasks["automation_exposure"] >= 0.5
        highly = tasks[tasks["highly_automatable"]]
        share_highly_automatable = (
            highly.groupby("occupation")["hours_share"].sum()
            .reindex(tasks["occupation"].unique(), fill_value=0)
        )
    ''',
    expected=_share_highly_automatable,
    mistakes=_share_mistakes,
    is_rate=True,
    **_TOLERANCE,
)

q5 = NumberQuestion(
    exercise, "q5",
    answer="share_of_workers_exposed",
    solution='''
        employment = tasks.groupby("occupation")["employment_thousands"].first()
        highly_exposed = share_highly_automatable > 0.25
        share_of_workers_exposed = employment[highly_exposed].sum() / employment.sum()
    ''',
    expected=_share_of_workers_highly_exposed,
    mistakes=_headline_mistakes,
    is_rate=True,
    abs_tol=0.001,
)

q6 = ChoiceQuestion(
    exercise, "q6",
    answer="best_reading",
    solution='best_reading = "b"',
    options=("a", "b", "c"),
    correct="b",
)

q7 = ReflectionQuestion(
    exercise, "q7",
    answer="reflection",
    solution='reflection = """In my last job as a bank adviser, AI could draft the standard letters '
             'and fill in forms, but I would keep the conversations with clients and the judgement '
             'on difficult files. New tasks would be checking what the AI wrote."""',
    min_words=12,
)

exercise.publish(globals())
