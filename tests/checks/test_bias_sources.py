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
            (hiring.groupby("group")["past_hired"].mean(), "all applicants, qualified or not"),
            (qualified.groupby("group")["selected"].mean(), "decisions of a screening model"),
            (hiring[hiring["past_hired"] == 1].groupby("group")["qualified"].mean(), "the other way"),
            (qualified.groupby("group")["past_hired"].sum() / len(qualified), "qualified applicants of both groups"),
            (hiring[hiring["qualified"] == 0].groupby("group")["past_hired"].mean(), "NOT qualified"),
            (qualified.loc[qualified["past_hired"] == 1, "group"].value_counts(normalize=True), "split between the groups"),
            (qualified.groupby("group")["past_hired"].sum(), "counts, not rates"),
            (qualified.groupby("postcode")["past_hired"].mean(), "group"),
            (qualified.groupby("group")[["past_hired", "selected"]].mean(), "whole table"),
        ],
        "q2": [
            # Where group B lives (share of B in each postcode), the other way round.
            (hiring.loc[hiring["group"] == "B", "postcode"].value_counts(normalize=True), "spreads over the postcodes"),
            ((hiring["group"] == "A").groupby(hiring["postcode"]).mean(), "shares of group A"),
            ((hiring["group"] == "B").groupby(hiring["postcode"]).sum() / len(hiring), "each postcode only"),
            (hiring[hiring["group"] == "B"].groupby("postcode").size(), "counts, not rates"),
            (pd.crosstab(hiring["postcode"], hiring["group"], normalize="index"), "whole table"),
            ((hiring["group"] == "B").groupby(hiring["group"]).mean(), "one value per group"),
            (hiring.groupby("group")["postcode"].count() / len(hiring), "one value per group"),
        ],
        "q3": [
            (lambda table, column: table["test_score"].isna().groupby(table[column]).sum(), "returned"),
            (lambda table, column: table["test_score"].isna().groupby(table[column]).sum() / len(table), "all the rows of the table"),
            (lambda table, column: table["test_score"].notna().groupby(table[column]).mean(), "instead of .notna()"),
            (lambda table, column: table["test_score"].isna().groupby(table["group"]).mean(), "always groups by the column group"),
            (lambda table, column: table.groupby(column)["test_score"].mean(), "returned"),
            (lambda table, column: table.groupby(column)["test_score"].apply(lambda s: s.isna().sum()) / table["test_score"].isna().sum(),
             "how the missing scores split"),
            (lambda table: table["test_score"].isna().mean(), "TypeError"),
            (hiring["test_score"].isna().groupby(hiring["group"]).mean(), "function"),
        ],
        "q4": [("a", "not the best choice"), ("c", "not the best choice"), ("e", "Choose one of"), (2, "Choose one of")],
        "q5": [
            ((patients["group"] == "B").mean(), "among all the patients"),
            (patients.loc[patients["group"] == "B", "enrolled"].mean(), "the other way"),
            ((patients.loc[patients["enrolled"] == 1, "group"] == "A").mean(), "share of group A"),
            ((patients.loc[patients["enrolled"] == 0, "group"] == "B").mean(), "NOT enrolled"),
            (int((patients.loc[patients["enrolled"] == 1, "group"] == "B").sum()), "count"),
            (100 * solved["share_b_enrolled"], "percentage"),
            (patients.loc[patients["enrolled"] == 1, "group"].value_counts(normalize=True), "one number"),
        ],
        "q6": [
            (solved["share_b_enrolled"], "answer to question 5"),
            ((patients.loc[patients["chronic_conditions"] > 4, "group"] == "B").mean(), "use >= 4"),
            ((patients.loc[patients["group"] == "B", "chronic_conditions"] >= 4).mean(), "the other way"),
            ((patients.loc[patients["chronic_conditions"] >= 4, "group"] == "A").mean(), "share of group A"),
            (int((patients.loc[patients["chronic_conditions"] >= 4, "group"] == "B").sum()), "count"),
            ("0.18", "Remove the quotes"),
        ],
        "q7": [("a", "not the best choice"), ("c", "not the best choice"), ("d", "not the best choice")],
        "q8": [("", "at least"), ("The data is biased.", "at least"), (42, "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))


def test_every_numeric_question_has_three_targeted_mistakes():
    """Targeted = the question's own ``mistakes``, each with its own message in both languages."""
    from raicourse.i18n import t

    for question in (exercise.q1, exercise.q2, exercise.q3, exercise.q5, exercise.q6):
        assert len(question.mistakes) >= 3, question.name
        for _, key, *_ in question.mistakes:
            assert t(f"checks.bias_sources.{key}") != f"checks.bias_sources.{key}", key


def test_the_targeted_messages_are_french_in_french(solved):
    from raicourse.i18n import set_language

    patients = solved["patients"]
    set_language("fr")
    try:
        message = exercise.q6.evaluate((patients.loc[patients["chronic_conditions"] > 4, "group"] == "B").mean()).message
    finally:
        set_language("en")
    assert message.startswith("Vous avez gardé les patients qui ont plus de 4 maladies chroniques") and "inclut 4\u00a0:" in message


def test_the_numbers_the_lesson_quotes(solved):
    """book/ethics/bias_sources.md quotes these values of the course data; keep them true."""
    hiring, patients = solved["hiring"], solved["patients"]
    assert len(hiring) == 5000
    past = hiring.groupby("group")["past_hired"].mean().round(2)
    assert (past["A"], past["B"]) == (0.41, 0.25)
    complete = hiring.dropna(subset=["test_score"])
    assert round((hiring["group"] == "B").mean(), 3) == 0.291
    assert round((complete["group"] == "B").mean(), 3) == 0.274
    # In every band of risk score, group B has more chronic illnesses than group A.
    bands = pd.cut(patients["risk_score"], bins=[0, 50, 90, 100], labels=["low", "middle", "top_10"])
    illness = patients.groupby([bands, "group"], observed=True)["chronic_conditions"].mean().unstack()
    assert (illness["B"] > illness["A"]).all() and len(illness) == 3
    # The band top_10 is the programme's enrolled patients.
    assert set(patients.loc[bands == "top_10", "enrolled"]) == {1}
    # Most of group B lives in two postcodes.
    where_b = hiring.loc[hiring["group"] == "B", "postcode"].value_counts(normalize=True)
    assert where_b.nlargest(2).sum() > 0.5
