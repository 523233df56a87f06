"""The accountability_regulation checker: reference solutions pass on the course data,
the placeholder reads as not attempted, typical mistakes get a helpful message, and no
value at all can make a check raise."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames

from raicourse import i18n
from raicourse.checks import Outcome, ____, answer_from, evaluate_answers
from raicourse.checks import accountability_regulation as exercise
from raicourse.data import load_loans


@pytest.fixture(autouse=True)
def english_and_no_progress(monkeypatch):
    monkeypatch.setenv("RAICOURSE_PROGRESS_FILE", "")
    monkeypatch.setattr(i18n, "_chosen", "en")


@pytest.fixture(scope="module")
def solved() -> dict:
    """The notebook's variables after its setup and every reference solution."""
    namespace: dict = {}
    exec(exercise.SETUP_CODE, namespace)  # noqa: S102 - the course's own reference code
    for question in exercise.QUESTIONS:
        exec(question.solution_code, namespace)  # noqa: S102
    return namespace


def test_every_reference_solution_passes_on_the_course_data(solved):
    results = evaluate_answers(exercise, solved)
    assert [r.outcome for r in results] == [Outcome.CORRECT] * len(exercise.QUESTIONS), results


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


@pytest.mark.parametrize("question", exercise.QUESTIONS, ids=lambda q: q.name)
def test_placeholder_is_not_attempted(question):
    assert question.evaluate(____).outcome is Outcome.NOT_ATTEMPTED
    assert answer_from(question, {}) is ____


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
            ("731", "single number"),
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
            (float(loans["approved"].mean()), "Series"),
        ],
        "q6": [
            (int(loans["approved"].sum()), "approved applications"),
            (float((loans["approved"] == 0).mean()), "share of refused"),
            (len(loans), "all applications"),
            (1000, "too low"),
            ("1176", "single number"),
        ],
        "q7": [
            (dict(checklist, ai_act_tier="prohibited"), "Annex III, point 5(b)"),
            (dict(checklist, fria_required=False), "Article 27(1)"),
            (dict(checklist, dpia_required=False), "Article 35(3)(a)"),
            (dict(checklist, dpia_required="yes"), "True or False"),
            (dict(checklist, approval_gap=-checklist["approval_gap"]), "wrong sign"),
            (dict(checklist, approval_gap=checklist["approval_gap"] * 100), "percentage"),
            (dict(checklist, approval_gap=rates.max() / rates.min()), "approval_gap"),
            ({k: v for k, v in checklist.items() if k != "fria_required"}, "fria_required' is missing"),
            (list(checklist.values()), "dictionary"),
        ],
        "q8": [("", "at least"), ("The bank.", "at least"), (42, "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    wrong = _wrong_answers(solved)
    for question in exercise.QUESTIONS:
        cases = wrong[question.name]
        assert len(cases) >= 3, question.name
        for answer, words in cases:
            result = question.evaluate(answer)
            assert result.outcome is Outcome.INCORRECT, (question.name, answer, result)
            assert words in result.message, (question.name, result.message)


def test_messages_exist_in_french(solved, monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "fr")
    assert "annexe III" in exercise.q1.evaluate(dict(solved["tiers"], credit_scoring="banned")).message
    assert "timedelta" in exercise.q3.evaluate(timedelta(days=3)).message
    assert "article 27(1)" in exercise.q7.evaluate(dict(solved["checklist"], fria_required=False)).message


def _raises(*args, **kwargs):
    raise RuntimeError("learner bug")


class _Hostile:
    """A value whose every comparison, conversion and repr fails."""

    def __eq__(self, other):
        raise ValueError("no")

    __lt__ = __gt__ = __bool__ = __float__ = __len__ = __iter__ = __eq__

    def __repr__(self):
        raise ValueError("no repr")

    __hash__ = None


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.binary(max_size=10), st.complex_numbers(),
    st.sampled_from(list(exercise.TIERS) + ["a", "b", "c", "d", "High risk"]),
    st.dates(), st.timedeltas(),
)
_values = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.tuples(children, children),
        st.dictionaries(st.text(max_size=5), children, max_size=4),
    ),
    max_leaves=10,
)
# Dictionaries with the right keys and arbitrary values: they reach the per-item checks.
_tier_dicts = st.fixed_dictionaries({system: _scalars for system in exercise.SYSTEMS})
_checklists = st.fixed_dictionaries({key: _scalars for key in ("ai_act_tier", "fria_required", "dpia_required",
                                                               "approval_gap")})
_series = st.lists(st.one_of(st.floats(), st.integers(-10, 10)), max_size=4).map(
    lambda values: pd.Series(values, index=["F", "M", "X", "Y"][: len(values)], dtype=object)
)
_frames = data_frames([column("approved", dtype=float), column("x", dtype=int)])
_odd = st.sampled_from([
    _raises, lambda *a: ____, _Hostile(), np.array([[1, 2], [3, 4]]), pd.DataFrame(), pd.Series(dtype=float),
    object(), type, print, np.int64(731), np.float64(487.0), np.bool_(True), pd.Timedelta(days=731),
    pd.Timestamp("2026-08-02"), {system: _Hostile() for system in exercise.SYSTEMS},
    {"ai_act_tier": "high", "fria_required": np.bool_(True), "dpia_required": True, "approval_gap": _Hostile()},
    pd.Series({"F": "a", "M": "b"}), pd.Series([0.4, 0.3], index=["F", "F"]),
])
ANYTHING = st.one_of(_values, _tier_dicts, _checklists, _series, _frames, _odd)


@pytest.mark.parametrize("question", exercise.QUESTIONS, ids=lambda q: q.name)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(answer=ANYTHING)
def test_no_answer_makes_a_check_raise(question, answer, capsys):
    result = question.check(answer)
    assert result.outcome in set(Outcome)
    assert isinstance(result.message, str) and result.message
    assert result.outcome is not Outcome.ERROR, result.message
