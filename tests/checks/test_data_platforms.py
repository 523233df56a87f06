"""The data_platforms checker: the expected values agree with a second computation, the numbers
the lesson quotes hold, and typical mistakes get a helpful message.

What every checker must do is tested for all of them in test_every_checker.py; the hypothesis
tests here add the answers this exercise invites (text functions, lists of column names)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from raicourse.checks import Outcome
from raicourse.checks import data_platforms as exercise
from raicourse.data import load_silos

from checkers import assert_wrong_answers_fail, solved_namespace


@pytest.fixture(scope="module")
def solved() -> dict:
    """The notebook's variables after its setup and every reference solution."""
    return solved_namespace(exercise)


def _key(raw: str) -> str:
    """A second way to normalise an ID: keep the letter C and the digits."""
    return "C" + "".join(character for character in raw if character.isdigit())


def test_expected_values_agree_with_a_second_computation():
    """Recompute with plain Python, independently of the checker's pandas code."""
    silos = load_silos()
    crm_keys = [_key(raw) for raw in silos["crm"]["customer_id"]]
    seen, duplicates = set(), 0
    for key in crm_keys:
        duplicates += key in seen
        seen.add(key)
    assert exercise.q2.evaluate(duplicates).correct
    unmatched = sum(_key(raw) not in seen for raw in silos["billing"]["account"])
    assert exercise.q4.evaluate(unmatched).correct
    stale = sum(int(text[6:]) < 2024 for text in silos["crm"]["last_updated"])
    assert exercise.q5.evaluate(stale).correct
    rows = len(silos["crm"])
    completeness = {column: sum(not pd.isna(value) for value in silos["crm"][column]) / rows
                    for column in silos["crm"].columns}
    assert exercise.q3.evaluate(pd.Series(completeness)).correct


def test_the_numbers_the_lesson_quotes(solved):
    assert solved["duplicate_rows"] == 6
    assert solved["crm"].duplicated().sum() == 2
    assert solved["unmatched_invoices"] == 12
    assert solved["stale_records"] == 11
    assert round(solved["completeness"]["email"], 2) == 0.82
    assert round(solved["completeness"]["phone"], 2) == 0.83
    assert len(solved["crm"]) == 66 and len(solved["billing"]) == 216
    crm, billing, support = solved["crm"], solved["billing"], solved["support"]
    assert int(support["customer"].isin(crm["customer_id"]).sum()) == 0 and len(support) == 80
    assert crm["tariff"].nunique() == 9
    assert round(1 - billing["amount_eur"].notna().mean(), 2) == 0.05
    assert pd.to_datetime(crm["last_updated"], format="%d/%m/%Y").min().year == 2018
    # Inès Martin, the lesson's case: two records, four invoices (one without amount), one ticket.
    ines = crm[crm["customer_id"].str.contains("0104")]
    assert sorted(ines["customer_id"]) == ["C-0104", "c0104"] and ines["email"].isna().sum() == 1
    assert set(ines["last_updated"]) == {"06/10/2018"} and set(ines["full_name"]) == {"Inès Martin"}
    invoices = billing[billing["account"].str.contains("0104")]
    assert len(invoices) == 4 and set(invoices["account"]) == {"C0104"} and invoices["amount_eur"].isna().sum() == 1
    assert support["customer"].str.contains("0104").sum() == 1


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    crm, billing = solved["crm"], solved["billing"]
    crm_keys = crm["customer_id"].map(solved["normalise_id"])
    month_first = pd.to_datetime(crm["last_updated"], format="%m/%d/%Y", errors="coerce")
    return {
        "q1": [
            (lambda raw: raw.upper().replace("-", ""), "keeps the spaces around the ID"),
            (lambda raw: raw.strip().replace("-", ""), "keeps lower-case letters"),
            (lambda raw: raw.strip().lower().replace("-", ""), "writes the ID in lower case"),
            (lambda raw: raw.strip().upper(), "keeps the dash"),
            (lambda raw: raw.replace("-", "").upper(), "keeps the spaces around the ID"),
            (lambda raw: raw.replace(" ", "").upper().replace("-", "_"), "returned"),
            (lambda raw: int(raw), "ValueError"),
            ("C0012", "function"),
        ],
        "q2": [
            (int(crm.duplicated().sum()), "only the rows that are exact copies"),
            (int(crm["customer_id"].duplicated().sum()), "only the rows that are exact copies"),
            (int(crm_keys.duplicated(keep=False).sum()), "the first one too"),
            (crm_keys.nunique(), "the number of different customers"),
            (crm_keys.duplicated(), "one number"),
        ],
        "q3": [
            (crm.notna().sum(), "counts, not rates"),
            (crm.isna().mean(), "shares of missing values"),
            (crm.notna().mean(axis=1), "one share per customer"),
            (billing.notna().mean(), "the columns of billing"),
            (crm.notna().mean().drop("birth_date"), "birth_date is missing"),
            (crm.notna().mean() * 100, "counts, not rates"),
            (crm.notna().mean().mean(), "Series"),
        ],
        "q4": [
            (int((~billing["account"].isin(crm["customer_id"])).sum()), "compared as typed"),
            (3, "the unknown accounts"),
            (len(billing) - 12, "found their customer"),
            (int((~crm_keys.drop_duplicates().isin(set(billing["account"].map(solved["normalise_id"])))).sum()),
             "customers with no invoice"),
            (12 / len(billing), "too low"),
        ],
        "q5": [
            (int((month_first < "2024-01-01").sum()), "read month first"),
            (int((crm["last_updated"] < "01/01/2024").sum()), "compared as text"),
            (int((pd.to_datetime(crm["last_updated"], format="%d/%m/%Y") >= "2024-01-01").sum()), "checked since 1 January 2024"),
            (int(crm.assign(key=crm_keys).drop_duplicates("key")["last_updated"].str[6:].astype(int).lt(2024).sum()),
             "each customer once"),
            (11 / len(crm), "a share of the records"),
            (9, "too low"),
        ],
        "q6": [
            (["customer_id", "postcode", "email"], "identifies or contacts a person"),
            (["full_name", "postcode"], "identifies or contacts a person"),
            (["postcode"], "Without customer_id"),
            (["customer_id"], "which column of crm tells the area"),
            (["customer_id", "postcode", "tariff"], "does not use"),
            ("customer_id, postcode", "Give a list"),
            (crm[["customer_id", "postcode"]], "Give a list"),
        ],
        "q7": [("a", "not the best choice"), ("c", "not the best choice"), ("e", "Choose one of")],
        "q8": [("", "at least"), ("Clean the data.", "at least"), (42, "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))


def test_every_numeric_table_and_function_question_has_three_targeted_mistakes():
    """Targeted = the question's own ``mistakes`` (q6 has its own messages in its rule)."""
    for question in (exercise.q1, exercise.q2, exercise.q3, exercise.q4, exercise.q5):
        assert len(question.mistakes) >= 3, question.name


def test_the_targeted_messages_are_french_in_french(solved):
    from raicourse.i18n import set_language

    set_language("fr")
    try:
        message = exercise.q4.evaluate(3).message
    finally:
        set_language("en")
    assert message.startswith("Ce nombre compte les comptes inconnus") and "factures\u00a0:" in message


def test_the_column_list_may_come_in_any_order_or_container(solved):
    for answer in (["postcode", "customer_id"], ("customer_id", "postcode"), {"customer_id", "postcode"},
                   pd.Index(["customer_id", "postcode"]), [" customer_id", "postcode "]):
        assert exercise.q6.evaluate(answer).correct, answer


_TEXT_FUNCTIONS = st.sampled_from([
    str.strip, str.upper, str.lower, lambda raw: raw[::-1], lambda raw: None, lambda raw: len(raw),
    lambda raw: raw.split(), lambda raw: {raw: raw}, lambda raw: raw.encode(), lambda raw: 1 / 0,
    lambda raw: pd.Series([raw]), lambda raw: float("nan"), lambda *args: args,
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=st.one_of(
    _TEXT_FUNCTIONS,
    st.lists(st.one_of(st.text(max_size=12), st.sampled_from(list(load_silos()["crm"].columns))), max_size=9),
    st.sets(st.sampled_from(list(load_silos()["crm"].columns))),
    st.text(max_size=20), st.integers(), st.floats(), st.none(),
))
def test_no_answer_of_this_exercise_makes_a_check_raise(answer):
    for question in exercise.QUESTIONS:
        result = question.evaluate(answer)
        assert result.outcome is not Outcome.ERROR, (question.name, answer, result.message)
        assert isinstance(result.message, str) and result.message
