"""The bias_sources checker: the biases the lesson describes show in the expected values,
other correct ways pass, and typical mistakes get a helpful message.

What every checker must do is tested for all of them in test_every_checker.py."""

from __future__ import annotations

import pandas as pd
import pytest

from raicourse.checks import bias_sources as exercise
from raicourse.data import load_hiring, load_patients

from checkers import assert_wrong_answers_fail, solved_namespace


@pytest.fixture(scope="module")
def solved() -> dict:
    """The notebook's variables after its setup and every reference solution."""
    return solved_namespace(exercise)


def test_the_injected_biases_are_visible_in_the_expected_values():
    """The lesson's story holds on the course data: if the data changes, the prose must too."""
    past = exercise.q1.expected
    assert past["A"] - past["B"] > 0.1
    share = exercise.q2.expected
    assert share["1010"] < 0.1 and share["1060"] > 0.6
    hiring = load_hiring()
    missing = hiring["test_score"].isna()
    assert missing[hiring["group"] == "B"].mean() > 1.5 * missing[hiring["group"] == "A"].mean()
    patients = load_patients()
    assert exercise.q5.expected < 0.1 < exercise.q6.expected
    assert abs(exercise.q6.expected - (patients["group"] == "B").mean()) < 0.05


def test_other_correct_ways_pass(solved):
    hiring, patients = solved["hiring"], solved["patients"]
    crosstab = pd.crosstab(hiring["qualified"], hiring["group"], values=hiring["past_hired"], aggfunc="mean")
    assert exercise.q1.evaluate(crosstab.loc[1]).correct
    assert exercise.q2.evaluate(pd.crosstab(hiring["postcode"], hiring["group"], normalize="index")["B"]).correct
    assert exercise.q2.evaluate(hiring.groupby("postcode")["group"].apply(lambda g: (g == "B").mean())).correct

    def with_counts(table, column):
        sizes = table.groupby(column).size()
        return 1 - table.groupby(column)["test_score"].count() / sizes

    assert exercise.q3.evaluate(with_counts).correct
    assert exercise.q5.evaluate(patients.loc[patients["enrolled"] == 1, "group"].value_counts(normalize=True)["B"]).correct
    assert exercise.q4.evaluate(" B ").correct


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    hiring, patients = solved["hiring"], solved["patients"]
    qualified = hiring[hiring["qualified"] == 1]
    return {
        "q1": [
            (hiring.groupby("group")["past_hired"].mean(), "For group"),                # forgot to keep the qualified
            (qualified.groupby("group")["selected"].mean(), "For group"),               # the model, not the past
            (qualified.groupby("group")["past_hired"].sum(), "counts, not rates"),
            (qualified.groupby("postcode")["past_hired"].mean(), "group"),
            (qualified.groupby("group")[["past_hired", "selected"]].mean(), "whole table"),
        ],
        "q2": [
            # Where group B lives (share of B in each postcode), the other way round.
            (hiring.loc[hiring["group"] == "B", "postcode"].value_counts(normalize=True), "For group"),
            (hiring[hiring["group"] == "B"].groupby("postcode").size(), "counts, not rates"),
            (pd.crosstab(hiring["postcode"], hiring["group"], normalize="index"), "whole table"),
            ((hiring["group"] == "B").groupby(hiring["group"]).mean(), "group 1010 is missing"),
        ],
        "q3": [
            (lambda table, column: table["test_score"].isna().groupby(table[column]).sum(), "returned"),
            (lambda table, column: table["test_score"].notna().groupby(table[column]).mean(), "returned"),
            (lambda table, column: table["test_score"].isna().groupby(table["group"]).mean(), "'postcode'"),
            (lambda table, column: table.groupby(column)["test_score"].mean(), "returned"),
            (lambda table: table["test_score"].isna().mean(), "TypeError"),
            (hiring["test_score"].isna().groupby(hiring["group"]).mean(), "function"),
        ],
        "q4": [("a", "not the best choice"), ("c", "not the best choice"), ("e", "Choose one of"), (2, "Choose one of")],
        "q5": [
            ((patients["group"] == "B").mean(), "too high"),                          # everybody, not the enrolled
            (int((patients.loc[patients["enrolled"] == 1, "group"] == "B").sum()), "count"),
            (100 * solved["share_b_enrolled"], "percentage"),
            (patients.loc[patients["enrolled"] == 1, "group"].value_counts(normalize=True), "one number"),
        ],
        "q6": [
            (solved["share_b_enrolled"], "too low"),
            ((patients.loc[patients["chronic_conditions"] > 4, "group"] == "B").mean(), "too"),  # > instead of >=
            (int((patients.loc[patients["chronic_conditions"] >= 4, "group"] == "B").sum()), "count"),
            ("0.18", "Remove the quotes"),
        ],
        "q7": [("a", "not the best choice"), ("c", "not the best choice"), ("d", "not the best choice")],
        "q8": [("", "at least"), ("The data is biased.", "at least"), (42, "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))
