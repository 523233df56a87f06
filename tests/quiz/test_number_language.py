"""A typed number is read in the language of the page the learner answered on, by the page and
by ``raicourse grade-quizzes`` alike (the rule itself is tabled in cases.yaml)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from raicourse import i18n
from raicourse.grading.quizzes import csv_format, grade_quiz_exports
from raicourse.quiz import load_bank
from raicourse.quiz.widget import bank_fingerprint

STEM = "checking_claims"


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "en")


def grade(tmp_path: Path, typed: str, language: str | None, grading_language: str | None = None) -> str:
    """Grade one answer file holding `typed` for checking_claims' total of jobs; return its verdict."""
    _, bank = load_bank(STEM)
    entry = {"version": bank.version, "fingerprint": bank_fingerprint(STEM, bank), "submitted": True,
             "answers": {"denominator": typed}}
    data = {"format": "raicourse-answers", "format_version": 1, "course": "raicourse", "learner": "Ada",
            "exported_at": "2026-12-04T10:00:00Z", "quizzes": {STEM: entry}}
    if language is not None:
        data["language"] = language
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "ada.json").write_text(json.dumps(data), encoding="utf-8")
    grade_quiz_exports(exports, tmp_path / "out", language=grading_language)
    # The gradebook is written for the grading language's spreadsheets (";" in French).
    delimiter = csv_format(grading_language)["delimiter"]
    with (tmp_path / "out" / "gradebook.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = csv.DictReader(stream, delimiter=delimiter)
        return next(row["correct"] for row in rows if row["question"] == "denominator")


def test_the_bank_and_its_explanation_agree():
    _, bank = load_bank(STEM)
    question = next(q for q in bank.questions if q.id == "denominator")
    # 262 / 0.22 = 1190.9...: to the nearest 10 million, 1190; the explanation says both.
    assert round(262 / 0.22, -1) == question.answer == 1190
    assert "1{,}191" in question.explanation and "1,190" in question.explanation


@pytest.mark.parametrize(("typed", "language", "expected"), [
    ("1,190", "en", "yes"),
    ("1,191 million jobs", "en", "yes"),
    ("1 190", "en", "yes"),
    ("1,190", "fr", "no"),  # 1.19 in French
    ("1 190", "fr", "yes"),
    ("1\u202f190", "fr", "yes"),
    ("1.19", "en", "no"),
])
def test_the_grader_reads_numbers_in_the_answer_file_language(tmp_path, typed, language, expected):
    assert grade(tmp_path, typed, language) == expected


@pytest.mark.parametrize(("grading_language", "expected"), [("en", "yes"), ("fr", "no")])
def test_a_file_without_a_language_is_read_in_the_grading_language(tmp_path, grading_language, expected):
    assert grade(tmp_path, "1,190", None, grading_language) == expected


def test_a_file_language_the_course_does_not_have_falls_back_to_the_grading_language(tmp_path):
    assert grade(tmp_path, "1,190", "de", "fr") == "no"
