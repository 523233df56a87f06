"""The accountability_regulation checker: the expected values are the legal dates and the data,
tier spellings are accepted, typical mistakes get a helpful message, also in French.

What every checker must do is tested for all of them in test_every_checker.py."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from raicourse import i18n
from raicourse.checks import Outcome, ____
from raicourse.checks import accountability_regulation as exercise
from raicourse.data import load_loans

from checkers import assert_wrong_answers_fail, solved_namespace


@pytest.fixture(scope="module")
def solved() -> dict:
    """The notebook's variables after its setup and every reference solution."""
    return solved_namespace(exercise)


def test_expected_values_are_the_legal_dates_and_the_data():
    # Article 113 of Regulation (EU) 2024/1689: in force 1 August 2024, Annex III rules from 2 August 2026;
    # Council press release of 29 June 2026: Annex III rules from 2 December 2027.
    assert exercise.q3.expected == 731
    assert exercise.q4.expected == 487
    loans = load_loans()
    assert exercise.q6.expected == (loans["approved"] == 0).sum() == len(loans) - loans["approved"].sum()
    rates = loans.groupby("sex")["approved"].mean()
    assert rates["F"] < rates["M"], "the datasheet's pay gap should show as a lower approval rate for women"


def test_the_tiers_use_only_the_four_labels_and_every_tier_appears():
    assert set(exercise.SYSTEMS.values()) == set(exercise.TIERS)


@pytest.mark.parametrize("spelling", ["High-risk", "HIGH RISK", " high ", "high_risk", "haut risque"])
def test_tier_spellings_are_accepted(solved, spelling):
    tiers = dict(solved["tiers"], cv_ranking=spelling, credit_scoring=spelling, exam_proctoring=spelling)
    assert exercise.q1.evaluate(tiers).correct
    assert exercise.q7.evaluate(dict(solved["checklist"], ai_act_tier=spelling)).correct


def test_a_partly_filled_dictionary_is_not_attempted(solved):
    tiers = dict(solved["tiers"], spam_filter=____)
    assert exercise.q1.evaluate(tiers).outcome is Outcome.NOT_ATTEMPTED
    checklist = dict(solved["checklist"], approval_gap=____)
    assert exercise.q7.evaluate(checklist).outcome is Outcome.NOT_ATTEMPTED


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    loans, tiers, rates, checklist = solved["loans"], solved["tiers"], solved["approval_rates"], solved["checklist"]
    return {
        "q1": [
            (dict(tiers, credit_scoring="prohibited"), "Annex III, point 5"),
            (dict(tiers, emotion_at_work="high"), "banned by Article 5"),
            (dict(tiers, website_chatbot="minimal"), "Article 50"),
            (dict(tiers, spam_filter="high", cv_ranking="minimal"), "2 system(s)"),
            (dict(tiers, spam_filter="low risk?"), "not one of the four tiers"),
            ({k: v for k, v in tiers.items() if k != "face_scraping"}, "face_scraping' is missing"),
            (dict(tiers, robot="minimal"), "'robot' was not expected"),
            (list(tiers.values()), "dictionary"),
        ],
        "q2": [("a", "source code"), ("c", "minimum safeguards"), ("d", "automatically"), ("e", "Choose one of"),
               (2, "Choose one of")],
        "q3": [
            (730, "1 August 2026"),
            (185, "bans of Article 5"),
            (1096, "2 August 2027"),
            ((date(2027, 12, 2) - date(2024, 8, 1)).days, "2 December 2027"),
            (24, "months"),
            (date(2026, 8, 2) - date(2024, 8, 1), "timedelta"),
            (date(2026, 8, 2), "is a date"),
            (-731, "wrong sign"),
            ("731", "Remove the quotes"),
        ],
        "q4": [
            (488, "1 August 2026"),
            ((date(2027, 12, 2) - date(2024, 8, 1)).days, "entry into force"),
            (366, "AI in products"),
            (16, "16 months"),
            (timedelta(days=487), "timedelta"),
            (-487, "wrong sign"),
        ],
        "q5": [
            (loans.groupby("sex")["approved"].sum(), "counts, not rates"),
            (loans.groupby("area")["approved"].mean(), "group"),
            (rates * 100, "counts, not rates"),
            (rates.drop("F"), "group F is missing"),
            (float(loans["approved"].mean()), "one approval rate for everybody"),
            (1 - rates, "refusal rates"),
            (loans.groupby("sex")["approved"].sum() / len(loans), "divided each group's approvals by all"),
            (loans.loc[loans["approved"] == 1, "sex"].value_counts(normalize=True), "among the approved"),
        ],
        "q6": [
            (int(loans["approved"].sum()), "approved applications"),
            (float((loans["approved"] == 0).mean()), "share of refused"),
            (len(loans), "all applications"),
            (1000, "too low"),
            (int(((loans["approved"] == 0) & (loans["sex"] == "F")).sum()), "one sex only"),
            (int(((loans["approved"] == 0) & (loans["sex"] == "M")).sum()), "one sex only"),
            ("1176", "Remove the quotes"),
        ],
        "q7": [
            (dict(checklist, ai_act_tier="prohibited"), "Annex III, point 5(b)"),
            (dict(checklist, fria_required=False), "Article 27(1)"),
            (dict(checklist, dpia_required=False), "Article 35(3)(a)"),
            (dict(checklist, dpia_required="yes"), "True or False"),
            (dict(checklist, approval_gap=-checklist["approval_gap"]), "wrong sign"),
            (dict(checklist, approval_gap=checklist["approval_gap"] * 100), "percentage"),
            (dict(checklist, approval_gap=rates.max() / rates.min()), "divided one rate by the other"),
            (dict(checklist, approval_gap=round(rates.min() / rates.max(), 3)), "divided one rate by the other"),
            (dict(checklist, approval_gap=rates.min()), "approval rate of one group"),
            (dict(checklist, approval_gap=float(loans.groupby("sex")["approved"].sum().max()
                                                - loans.groupby("sex")["approved"].sum().min())), "numbers of approved"),
            (dict(checklist, approval_gap=rates.max() - loans["approved"].mean()), "overall approval rate"),
            (dict(checklist, approval_gap=0.3), "too high"),
            ({k: v for k, v in checklist.items() if k != "fria_required"}, "fria_required' is missing"),
            (list(checklist.values()), "dictionary"),
        ],
        "q8": [("", "at least"), ("The bank.", "at least"), (42, "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))


def test_messages_exist_in_french(solved, monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "fr")
    assert "annexe III" in exercise.q1.evaluate(dict(solved["tiers"], credit_scoring="banned")).message
    assert "timedelta" in exercise.q3.evaluate(timedelta(days=3)).message
    assert "article 27, paragraphe 1" in exercise.q7.evaluate(dict(solved["checklist"], fria_required=False)).message


def test_every_numeric_question_has_three_targeted_mistakes():
    """Targeted = the question's own ``mistakes``, each with its own message in both languages."""
    messages = i18n.catalogue()
    for question in (exercise.q3, exercise.q4, exercise.q5, exercise.q6):
        assert len(question.mistakes) >= 3, question.name
        for _, key, *_ in question.mistakes:
            entry = messages[f"checks.accountability_regulation.{key}"]
            assert entry["en"] and entry["fr"], key


def test_the_approval_gap_of_q7_has_three_targeted_mistakes(solved):
    """q7 is a checklist: its number, approval_gap, recognises its own typical mistakes."""
    keys = {key for _, key in exercise._gap_mistakes()}
    assert len(keys) >= 3
    for key in keys:
        entry = i18n.catalogue()[f"checks.accountability_regulation.{key}"]
        assert entry["en"] and entry["fr"], key


def test_the_targeted_messages_are_french_in_french(solved, monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "fr")
    rates = solved["approval_rates"]
    message = exercise.q5.evaluate(1 - rates).message
    assert message.startswith("Ce sont les taux de refus") and "refus\u00a0:" in message
    message = exercise.q7.evaluate(dict(solved["checklist"], approval_gap=rates.max() / rates.min())).message
    assert message.startswith("Pour approval_gap, vous avez divisé")
