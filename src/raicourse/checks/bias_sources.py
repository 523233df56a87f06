"""Checks of the exercise notebook ``exercises/bias_sources.ipynb``.

The notebook looks for the biases injected on purpose in two course data sets
(default seed): :func:`raicourse.data.load_hiring` (historical bias in ``past_hired``,
the postcode as a proxy for the group, test scores not missing at random) and
:func:`raicourse.data.load_patients` (past cost used as a proxy for health need). Each
question names the notebook variable that holds its answer, its reference solution
(code) and how to compute the expected value from the course data. Hints, option texts
and the model answer live in ``raicourse/locales/checks/bias_sources.yaml``.

Usage in the notebook::

    from raicourse.checks.bias_sources import q1, q2, q3, q4, q5, q6, q7, q8, ____
    q1.check(past_rate_qualified)
"""

from __future__ import annotations


import numpy as np
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


#: Patients with at least this many chronic conditions count as "most in need" (question 6).
MOST_NEED = 4

#: What the notebook runs before the questions; tests use it to run solutions alone.
SETUP_CODE = (
    "from raicourse.data import load_hiring, load_patients\n"
    "hiring = load_hiring()\n"
    "patients = load_patients()"
)

exercise = Exercise(__name__, setup=SETUP_CODE)


def _hiring() -> pd.DataFrame:
    return exercise.setup()["hiring"]


def _patients() -> pd.DataFrame:
    return exercise.setup()["patients"]


def _past_rate_of_qualified() -> pd.Series:
    qualified = _hiring()[_hiring()["qualified"] == 1]
    return qualified.groupby("group")["past_hired"].mean()


def _share_of_b_by_postcode() -> pd.Series:
    hiring = _hiring()
    return (hiring["group"] == "B").groupby(hiring["postcode"]).mean()


def _missing_rate(table: pd.DataFrame, column: str) -> pd.Series:
    return table["test_score"].isna().groupby(table[column]).mean()


def _missing_rate_cases() -> list[Case]:
    # A small table a learner can check by hand (group x: 1 of 2 missing, group y: 0 of 2),
    # one where a whole team is missing (rate 1, where .count() gives 0) and whose column
    # "group" splits the rows otherwise (so a function that always groups by "group" fails
    # there, and is recognised as that mistake), a column other than "group", and the course data.
    small = pd.DataFrame(
        {
            "group": ["x", "x", "y", "y"],
            "postcode": ["10", "20", "20", "20"],
            "test_score": [50.0, np.nan, 70.0, 80.0],
        }
    )
    all_missing = pd.DataFrame(
        {"team": ["p", "p", "q"], "group": ["x", "y", "y"], "test_score": [np.nan, np.nan, 61.5]}
    )
    return [
        Case((small, "group"), _missing_rate(small, "group")),
        Case((small, "postcode"), _missing_rate(small, "postcode")),
        Case((all_missing, "team"), _missing_rate(all_missing, "team")),
        Case((_hiring(), "group"), _missing_rate(_hiring(), "group")),
        Case((_hiring(), "postcode"), _missing_rate(_hiring(), "postcode")),
    ]


def _share_of_b_enrolled() -> float:
    patients = _patients()
    return float((patients.loc[patients["enrolled"] == 1, "group"] == "B").mean())


def _share_of_b_most_need() -> float:
    patients = _patients()
    return float((patients.loc[patients["chronic_conditions"] >= MOST_NEED, "group"] == "B").mean())


# -- typical beginner mistakes, each with its own message (locales/checks/bias_sources.yaml)
def _one_value_per(labels: set[str]):
    """A predicate: the answer is a Series whose labels are exactly ``labels``."""
    return lambda answer: isinstance(answer, pd.Series) and {str(label) for label in answer.index} == labels


def _q1_mistakes() -> list[tuple]:
    hiring = _hiring()
    qualified = hiring[hiring["qualified"] == 1]
    hired = hiring[hiring["past_hired"] == 1]
    return [
        (hiring.groupby("group")["past_hired"].mean(), "q1.all_applicants"),
        (qualified.groupby("group")["selected"].mean(), "q1.model_column"),
        (hired.groupby("group")["qualified"].mean(), "q1.other_way"),
        (qualified.groupby("group")["past_hired"].sum() / len(qualified), "q1.share_of_all"),
        (hiring[hiring["qualified"] == 0].groupby("group")["past_hired"].mean(), "q1.not_qualified"),
        (qualified.loc[qualified["past_hired"] == 1, "group"].value_counts(normalize=True), "q1.composition"),
    ]


def _q2_mistakes() -> list[tuple]:
    hiring = _hiring()
    in_b = hiring["group"] == "B"
    return [
        (hiring.loc[in_b, "postcode"].value_counts(normalize=True), "q2.where_b_lives"),
        ((hiring["group"] == "A").groupby(hiring["postcode"]).mean(), "q2.group_a"),
        (in_b.groupby(hiring["postcode"]).sum() / len(hiring), "q2.share_of_all"),
        (_one_value_per({"A", "B"}), "q2.by_group"),
    ]


def _q3_mistakes() -> list[tuple]:
    return [
        (lambda table, column: table["test_score"].notna().groupby(table[column]).mean(), "q3.present_share"),
        (lambda table, column: table["test_score"].isna().groupby(table["group"]).mean(), "q3.fixed_column"),
        (lambda table, column: table["test_score"].isna().groupby(table[column]).sum() / len(table), "q3.share_of_all"),
        (lambda table, column: table["test_score"].isna().groupby(table[column]).sum() / table["test_score"].isna().sum(),
         "q3.share_of_missing"),
    ]


def _q5_mistakes() -> list[tuple]:
    patients = _patients()
    return [
        (float((patients["group"] == "B").mean()), "q5.all_patients"),
        (float(patients.loc[patients["group"] == "B", "enrolled"].mean()), "q5.other_way"),
        (1 - _share_of_b_enrolled(), "q5.group_a"),
        (float((patients.loc[patients["enrolled"] == 0, "group"] == "B").mean()), "q5.not_enrolled"),
    ]


def _q6_mistakes() -> list[tuple]:
    patients = _patients()
    return [
        (float((patients.loc[patients["chronic_conditions"] > MOST_NEED, "group"] == "B").mean()), "q6.strict"),
        (_share_of_b_enrolled(), "q6.enrolled"),
        (float((patients.loc[patients["group"] == "B", "chronic_conditions"] >= MOST_NEED).mean()), "q6.other_way"),
        (1 - _share_of_b_most_need(), "q6.group_a"),
    ]


q1 = SeriesQuestion(
    exercise, "q1",
    answer="past_rate_qualified",
    solution='''
        qualified = hiring[hiring["qualified"] == 1]
        past_rate_qualified = qualified.groupby("group")["past_hired"].mean()
    ''',
    expected=_past_rate_of_qualified,
    mistakes=_q1_mistakes,
    is_rate=True,
)

q2 = SeriesQuestion(
    exercise, "q2",
    answer="share_b_by_postcode",
    solution='share_b_by_postcode = (hiring["group"] == "B").groupby(hiring["postcode"]).mean()',
    expected=_share_of_b_by_postcode,
    mistakes=_q2_mistakes,
    is_rate=True,
)

q3 = FunctionQuestion(
    exercise, "q3",
    answer="missing_rate",
    solution='''
        def missing_rate(table, column):
            """Share of rows whose test_score is missing, for each value of column."""
            return table["test_score"].isna().groupby(table[column]).mean()
    ''',
    cases=_missing_rate_cases,
    mistakes=_q3_mistakes,
    is_rate=True,
)

q4 = ChoiceQuestion(
    exercise, "q4",
    answer="missing_reading",
    solution='missing_reading = "b"',
    options=("a", "b", "c"),
    correct="b",
)

q5 = NumberQuestion(
    exercise, "q5",
    answer="share_b_enrolled",
    solution='''
        enrolled = patients[patients["enrolled"] == 1]
        share_b_enrolled = (enrolled["group"] == "B").mean()
    ''',
    expected=_share_of_b_enrolled,
    mistakes=_q5_mistakes,
    is_rate=True,
)

q6 = NumberQuestion(
    exercise, "q6",
    answer="share_b_most_need",
    solution='''
        most_need = patients[patients["chronic_conditions"] >= 4]
        share_b_most_need = (most_need["group"] == "B").mean()
    ''',
    expected=_share_of_b_most_need,
    mistakes=_q6_mistakes,
    is_rate=True,
)

q7 = ChoiceQuestion(
    exercise, "q7",
    answer="patients_bias",
    solution='patients_bias = "b"',
    options=("a", "b", "c", "d"),
    correct="b",
)

q8 = ReflectionQuestion(
    exercise, "q8",
    answer="reflection",
    solution='reflection = """Before training a model on past_hired, I would ask how past recruiters decided, '
             'check the postcode and the missing test scores by group, and talk with the people concerned."""',
    min_words=8,
)

exercise.publish(globals(), extra=['MOST_NEED'])
