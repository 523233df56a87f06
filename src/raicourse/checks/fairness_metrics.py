"""Checks of the exercise notebook ``exercises/fairness_metrics.ipynb``.

The notebook works on :func:`raicourse.data.load_hiring` (default seed). Each question
names the notebook variable that holds its answer, its reference solution (code) and
how to compute the expected value from the course data. Hints, option texts and the
model answer live in ``raicourse/locales/checks.yaml`` under ``fairness_metrics.*``.

Usage in the notebook::

    from raicourse.checks.fairness_metrics import q1, q2, q3, q4, q5, q6, q7, q8, ____
    q1.check(selection_rates)
"""

from __future__ import annotations


import pandas as pd

from raicourse.checks._exercise import Exercise
from raicourse.checks._questions import (
    Case,
    ChoiceQuestion,
    DataFrameQuestion,
    FunctionQuestion,
    NumberQuestion,
    ReflectionQuestion,
    SeriesQuestion,
)


#: What the notebook runs before the questions; tests use it to run solutions alone.
SETUP_CODE = "from raicourse.data import load_hiring\nhiring = load_hiring()"

exercise = Exercise(__name__, setup=SETUP_CODE)


def _hiring() -> pd.DataFrame:
    return exercise.setup()["hiring"]


def _selection_rates() -> pd.Series:
    hiring = _hiring()
    counts = hiring.groupby("group")["selected"].agg(["sum", "count"])
    return counts["sum"] / counts["count"]


def _true_positive_rates() -> pd.Series:
    qualified = _hiring()[_hiring()["qualified"] == 1]
    return qualified.groupby("group")["selected"].mean()


def _metrics_by_group() -> pd.DataFrame:
    return pd.DataFrame({"selection_rate": _selection_rates(), "true_positive_rate": _true_positive_rates()})


# -- typical beginner mistakes, each with its own message (locales/checks/fairness_metrics.yaml)
def _rate_by_group(table: pd.DataFrame, column: str) -> pd.Series:
    return table.groupby("group")[column].mean()


def _precision() -> pd.Series:
    hiring = _hiring()
    return _rate_by_group(hiring[hiring["selected"] == 1], "qualified")


def _q1_mistakes() -> list[tuple]:
    hiring = _hiring()
    return [
        (_rate_by_group(hiring, "qualified"), "q1.wrong_column"),
        (hiring.groupby("group")["selected"].sum() / len(hiring), "q1.share_of_all"),
        (hiring.loc[hiring["selected"] == 1, "group"].value_counts(normalize=True), "q1.composition"),
        (1 - _selection_rates(), "q1.not_selected"),
    ]


def _q2_mistakes() -> list[tuple]:
    rates, tpr = _selection_rates(), _true_positive_rates()
    qualified = _rate_by_group(_hiring(), "qualified")
    return [
        (float(rates.min() / rates.max()), "q2.ratio_not_difference"),
        (float(tpr.max() - tpr.min()), "q2.tpr_not_selection"),
        (float(qualified.max() - qualified.min()), "q2.wrong_column"),
        (lambda answer: isinstance(answer, pd.Series), "q2.series"),
    ]


def _q3_mistakes() -> list[tuple]:
    rates, tpr = _selection_rates(), _true_positive_rates()
    return [
        (float(rates.max() - rates.min()), "q3.difference_not_ratio"),
        (float(1 - rates.min() / rates.max()), "q3.one_minus"),
        (float(tpr.min() / tpr.max()), "q3.tpr_not_selection"),
        (lambda answer: isinstance(answer, pd.Series), "q2.series"),
    ]


def _q4_mistakes() -> list[tuple]:
    return [
        (lambda rates: rates.min() / rates.max() > 0.8, "q4.strict"),
        (lambda rates: rates.iloc[-1] / rates.iloc[0] >= 0.8, "q4.first_last"),
        (lambda rates: rates.max() / rates.min() >= 0.8, "q4.upside_down"),
        (lambda rates: rates.min() / rates.max(), "q4.returns_ratio"),
        (lambda rates: rates.max() - rates.min() <= 0.2, "q4.difference"),
    ]


def _q5_mistakes() -> list[tuple]:
    hiring = _hiring()
    selected_and_qualified = (hiring["selected"] * hiring["qualified"]).groupby(hiring["group"]).sum()
    return [
        (_precision(), "q5.precision"),
        (selected_and_qualified / hiring.groupby("group").size(), "q5.all_applicants"),
        (selected_and_qualified / len(hiring), "q5.all_applicants"),
        (hiring.groupby("group")["selected"].sum() / len(hiring), "q5.all_applicants"),
        (_selection_rates(), "q5.selection_rate"),
        (_rate_by_group(hiring[hiring["qualified"] == 0], "selected"), "q5.false_positive_rate"),
    ]


def _q6_mistakes() -> list[tuple]:
    table = _metrics_by_group()
    return [
        (lambda answer: type(answer).__name__ == "MetricFrame", "q6.metricframe"),
        (lambda answer: isinstance(answer, pd.Series)
         and {str(label) for label in answer.index} == {"selection_rate", "true_positive_rate"}, "q6.overall"),
        (lambda answer: isinstance(answer, pd.DataFrame) and {str(c) for c in answer.columns} == {"A", "B"}, "q6.transposed"),
        (table.assign(selection_rate=table["true_positive_rate"], true_positive_rate=table["selection_rate"]), "q6.swapped"),
        (table.assign(true_positive_rate=_precision()), "q6.precision"),
    ]


def _four_fifths_cases() -> list[Case]:
    # Edge cases a hand-written rule often gets wrong: exactly 4/5 (passes), three
    # groups (min / max, not first / second), and the course data.
    return [
        Case((pd.Series({"A": 0.5, "B": 0.45}),), True),
        Case((pd.Series({"A": 0.5, "B": 0.3}),), False),
        Case((pd.Series({"A": 0.625, "B": 0.5}),), True),
        Case((pd.Series({"A": 0.3, "B": 0.6, "C": 0.5}),), False),
        Case((pd.Series({"A": 0.2, "B": 0.2}),), True),
        Case((_selection_rates(),), bool(_selection_rates().min() / _selection_rates().max() >= 0.8)),
    ]


q1 = SeriesQuestion(
    exercise, "q1",
    answer="selection_rates",
    solution='selection_rates = hiring.groupby("group")["selected"].mean()',
    expected=_selection_rates,
    mistakes=_q1_mistakes,
    is_rate=True,
)

q2 = NumberQuestion(
    exercise, "q2",
    answer="dp_difference",
    solution="dp_difference = selection_rates.max() - selection_rates.min()",
    expected=lambda: float(_selection_rates().max() - _selection_rates().min()),
    mistakes=_q2_mistakes,
    is_rate=True,
)

q3 = NumberQuestion(
    exercise, "q3",
    answer="dp_ratio",
    solution="dp_ratio = selection_rates.min() / selection_rates.max()",
    expected=lambda: float(_selection_rates().min() / _selection_rates().max()),
    mistakes=_q3_mistakes,
    is_rate=True,
)

q4 = FunctionQuestion(
    exercise, "q4",
    answer="passes_four_fifths",
    solution='''
        def passes_four_fifths(rates):
            """True when the lowest selection rate is at least 4/5 of the highest."""
            return rates.min() / rates.max() >= 0.8
    ''',
    cases=_four_fifths_cases,
    mistakes=_q4_mistakes,
)

q5 = SeriesQuestion(
    exercise, "q5",
    answer="tpr_by_group",
    solution='''
        qualified = hiring[hiring["qualified"] == 1]
        tpr_by_group = qualified.groupby("group")["selected"].mean()
    ''',
    expected=_true_positive_rates,
    mistakes=_q5_mistakes,
    is_rate=True,
)

q6 = DataFrameQuestion(
    exercise, "q6",
    answer="metrics_by_group",
    solution='''
        from fairlearn.metrics import MetricFrame, selection_rate, true_positive_rate

        frame = MetricFrame(
            metrics={"selection_rate": selection_rate, "true_positive_rate": true_positive_rate},
            y_true=hiring["qualified"],
            y_pred=hiring["selected"],
            sensitive_features=hiring["group"],
        )
        metrics_by_group = frame.by_group
    ''',
    expected=_metrics_by_group,
    mistakes=_q6_mistakes,
    is_rate=True,
)

q7 = ChoiceQuestion(
    exercise, "q7",
    answer="best_reading",
    solution='best_reading = "c"',
    options=("a", "b", "c"),
    correct="c",
)

q8 = ReflectionQuestion(
    exercise, "q8",
    answer="reflection",
    solution='reflection = """The gap comes from the past decisions the model learnt from. ' 
             'I would check the postcode feature, ask who was hired in the past and why, '
             'and talk with the recruiters before using the model."""',
    min_words=8,
)

exercise.publish(globals())
