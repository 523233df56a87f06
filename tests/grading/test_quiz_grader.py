"""``raicourse grade-quizzes``: answer files of the assessment edition scored against the banks."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from raicourse import i18n
from raicourse.__main__ import main
from raicourse.grading.quizzes import QUIZ_ROW, grade_quiz_exports
from raicourse.quiz import load_bank
from raicourse.quiz.scoring import normalise_text, parse_number
from raicourse.quiz.widget import bank_fingerprint, displayed_choices


@pytest.fixture(autouse=True)
def english(monkeypatch):
    # The command line's --lang sets the language for the whole process: undo it.
    monkeypatch.setattr(i18n, "_chosen", "en")


def key_of(stem: str, question_id: str, text: str) -> str:
    """The record-mode key of the choice with this text (as the page would record it)."""
    _, bank = load_bank(stem)
    question = next(q for q in bank.questions if q.id == question_id)
    return next(key for key, choice in displayed_choices(stem, bank, question) if choice.text == text)


def intro_entry(answers: dict, submitted: bool = True) -> dict:
    _, bank = load_bank("intro")
    return {"version": bank.version, "fingerprint": bank_fingerprint("intro", bank), "submitted": submitted,
            "submitted_at": "2026-11-28T10:00:00Z" if submitted else None, "answers": answers}


def export(learner: str, quizzes: dict) -> dict:
    return {"format": "raicourse-answers", "format_version": 1, "course": "raicourse", "learner": learner,
            "exported_at": "2026-11-28T10:05:00Z", "about": "answers", "quizzes": quizzes}


#: Four of the five scored questions right: the multiple-select one misses a choice.
ALICE_ANSWERS = {
    "what-is-bias": key_of("intro", "what-is-bias", "Algorithmic bias"),
    "personal-data": [key_of("intro", "personal-data", "A person's email address")],
    "ai-act-exists": "true",
    "selection-rate": "0,2504",
    "model-card": "  Model-CARD! ",
    "your-expectations": "A translation app could assume genders.",
}


def write(folder: Path, name: str, content) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def read_rows(out: Path, name: str = "gradebook.csv", delimiter: str = ",") -> list[dict]:
    with (out / name).open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream, delimiter=delimiter))


def test_a_sample_export_is_scored_like_the_quiz_would(tmp_path):
    exports = tmp_path / "exports"
    write(exports, "alice.json", export("Alice", {"intro": intro_entry(ALICE_ANSWERS)}))
    grades = grade_quiz_exports(exports, tmp_path / "out")
    rows = {row["question"]: row for row in read_rows(tmp_path / "out")}
    assert list(read_rows(tmp_path / "out")[0]) == ["learner", "quiz", "lesson", "question", "answer", "correct", "score", "note"]
    assert {q: r["correct"] for q, r in rows.items()} == {
        "what-is-bias": "yes", "personal-data": "no", "ai-act-exists": "yes", "selection-rate": "yes",
        "model-card": "yes", "your-expectations": "to_mark",
    }
    assert sum(int(r["score"]) for r in rows.values() if r["score"]) == 4
    assert rows["what-is-bias"]["answer"] == "Algorithmic bias" and rows["ai-act-exists"]["answer"] == "True"
    assert rows["your-expectations"]["score"] == "" and grades.problems == []
    feedback = (tmp_path / "out" / "feedback" / "Alice.md").read_text(encoding="utf-8")
    assert "What do you already know?: 4 of 5 correct" in feedback
    assert "The right answer:** A person's email address | A phone's location history" in feedback
    assert "systematic difference" in feedback  # the bank's explanation, for after the assessment
    assert "translation app may turn a neutral word" in feedback  # the reflection's model answer


def test_unanswered_and_wrong_answers_score_zero_and_unsubmitted_is_noted(tmp_path):
    answers = {"what-is-bias": key_of("intro", "what-is-bias", "Overfitting"), "selection-rate": "30"}
    write(tmp_path / "exports", "bob.json", export("Bob", {"intro": intro_entry(answers, submitted=False)}))
    grade_quiz_exports(tmp_path / "exports", tmp_path / "out")
    rows = {row["question"]: row for row in read_rows(tmp_path / "out")}
    assert rows[QUIZ_ROW]["correct"] == "not_submitted"
    assert rows["what-is-bias"]["correct"] == "no" and rows["what-is-bias"]["score"] == "0"
    assert rows["model-card"]["correct"] == "unanswered" and rows["model-card"]["score"] == "0"
    assert rows["your-expectations"]["correct"] == "unanswered"


def test_version_mismatch_is_reported_per_quiz_not_fatal(tmp_path):
    stale = intro_entry(ALICE_ANSWERS) | {"fingerprint": "0000000000000000"}
    _, bank = load_bank("privacy")
    privacy = {"version": bank.version, "fingerprint": bank_fingerprint("privacy", bank), "submitted": True,
               "answers": {}}
    write(tmp_path / "exports", "carol.json", export("Carol", {"intro": stale, "privacy": privacy}))
    grades = grade_quiz_exports(tmp_path / "exports", tmp_path / "out")
    rows = read_rows(tmp_path / "out")
    intro = [row for row in rows if row["quiz"] == "intro"]
    assert [(row["question"], row["correct"]) for row in intro] == [(QUIZ_ROW, "version_mismatch")]
    assert [p.quiz for p in grades.problems] == ["intro"] and "another version" in grades.problems[0].problem
    assert any(row["quiz"] == "privacy" and row["question"] != QUIZ_ROW for row in rows), "the other quiz is scored"
    older = intro_entry(ALICE_ANSWERS) | {"version": 0}
    write(tmp_path / "exports2", "carol.json", export("Carol", {"intro": older}))
    assert grade_quiz_exports(tmp_path / "exports2", tmp_path / "out2").problems[0].quiz == "intro"


def test_malformed_foreign_and_wrongly_typed_files_are_reported_and_skipped(tmp_path):
    exports = tmp_path / "exports"
    write(exports, "alice.json", export("Alice", {"intro": intro_entry(ALICE_ANSWERS)}))
    write(exports, "broken.json", '{"format": "raicourse-answers", ')
    write(exports, "list.json", [1, 2, 3])
    write(exports, "progress.json", {"format": "raicourse-progress", "format_version": 1, "course": "raicourse",
                                     "entries": {}})
    write(exports, "future.json", export("Dan", {}) | {"format_version": 99})
    write(exports, "nameless.json", export("   ", {"intro": intro_entry(ALICE_ANSWERS)}))
    write(exports, "quizzes-list.json", export("Eve", {}) | {"quizzes": ["intro"]})
    write(exports, "notes.txt", "not an export")
    (exports / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    weird = {"intro": intro_entry({"what-is-bias": ["k0", "k1"], "personal-data": "k9", "ai-act-exists": 1,
                                   "selection-rate": {"x": 1}, "model-card": None, "no-such-question": "x"}),
             "no_such_quiz": intro_entry({}), "privacy": "not a mapping"}
    write(exports, "weird.json", export("Frank", weird))
    grades = grade_quiz_exports(exports, tmp_path / "out")
    skipped = {p.file for p in grades.problems if not p.quiz}
    assert skipped == {"broken.json", "list.json", "progress.json", "future.json", "nameless.json",
                       "quizzes-list.json", "notes.txt", "binary.json"}
    messages = {p.file: p.problem for p in grades.problems if not p.quiz}
    assert "self-check progress file" in messages["progress.json"]
    assert "version 99" in messages["future.json"] and "no learner name" in messages["nameless.json"]
    assert set(grades.learners) == {"Alice", "Frank"}
    frank = {(row["quiz"], row["question"]): row for row in read_rows(tmp_path / "out") if row["learner"] == "Frank"}
    for question in ("what-is-bias", "personal-data", "ai-act-exists", "selection-rate"):
        assert frank[("intro", question)]["correct"] == "invalid" and frank[("intro", question)]["score"] == "0"
    assert frank[("intro", "model-card")]["correct"] == "unanswered"
    assert frank[("no_such_quiz", QUIZ_ROW)]["correct"] == "unknown_quiz"
    assert frank[("privacy", QUIZ_ROW)]["correct"] == "invalid"
    assert {p.quiz for p in grades.problems if p.file == "weird.json"} == {"intro", "no_such_quiz", "privacy"}
    problems = read_rows(tmp_path / "out", "problems.csv")
    assert {row["file"] for row in problems} >= skipped


def test_same_name_twice_and_spreadsheet_formulas(tmp_path):
    exports = tmp_path / "exports"
    sneaky = ALICE_ANSWERS | {"model-card": "=HYPERLINK(\"http://x\")"}
    write(exports, "a.json", export("=cmd|' /C calc'!A0", {"intro": intro_entry(sneaky)}))
    write(exports, "b.json", export("=cmd|' /C calc'!A0", {"intro": intro_entry(ALICE_ANSWERS)}))
    grades = grade_quiz_exports(exports, tmp_path / "out")
    assert len(grades.learners) == 2 and "also in a.json" in grades.problems[0].problem
    for row in read_rows(tmp_path / "out"):
        assert not row["learner"].startswith("=") and not row["answer"].startswith("=")
    assert len(list((tmp_path / "out" / "feedback").glob("*.md"))) == 2


def test_command_line_in_french(tmp_path, capsys):
    write(tmp_path / "exports", "alice.json", export("Alice", {"intro": intro_entry(ALICE_ANSWERS)}))
    write(tmp_path / "exports", "junk.json", "[]")
    assert main(["grade-quizzes", str(tmp_path / "exports"), "--lang", "fr"]) == 0
    captured = capsys.readouterr()
    assert "1 fichiers de réponses notés" in captured.out
    assert "junk.json\u00a0: ignoré" in captured.err
    feedback = (tmp_path / "exports-graded" / "feedback" / "Alice.md").read_text(encoding="utf-8")
    assert "Retour sur les quiz pour Alice" in feedback and "4 sur 5 justes" in feedback
    assert main(["grade-quizzes", str(tmp_path / "nowhere")]) == 2


@pytest.mark.parametrize(("typed", "unit", "expected"), [
    ("0.25", None, 0.25), ("0,25", None, 0.25), (" 25 %", "%", 25.0), ("1e-3", None, 0.001), ("-.5", None, -0.5),
    ("1,000.5", None, 1000.5),  # English (the default) groups thousands with commas; more in tests/quiz/cases.yaml
])
def test_numbers_are_read_like_the_front_end(typed, unit, expected):
    assert parse_number(typed, unit) == pytest.approx(expected)


@pytest.mark.parametrize("typed", ["a quarter", "1,00,0.5", "", "0.2.5", True])
def test_what_is_not_a_number(typed):
    assert parse_number(typed) != parse_number(typed)  # NaN


def test_text_is_normalised_like_the_front_end():
    assert normalise_text("  Model-CARD! ") == "model card"
    assert normalise_text("Équité_des  données") == "equite des donnees"


def privacy_entry(bank, answers: dict) -> dict:
    return {"version": bank.version, "fingerprint": bank_fingerprint("privacy", bank), "submitted": True,
            "title": "Privacy (from the export)", "answers": answers}


def test_french_gradebook_opens_in_french_excel_with_totals_and_accented_names(tmp_path):
    """French Excel reads UTF-8 only with a byte-order mark, and splits columns on ";"."""
    _, privacy = load_bank("privacy")
    eloise = export("Éloïse N'Diaye", {"intro": intro_entry(ALICE_ANSWERS), "privacy": privacy_entry(privacy, {
        "names-removed": "true", "k-of-a-table": "3"})})
    write(tmp_path / "exports", "eloise.json", eloise)
    write(tmp_path / "exports", "bob.json", export("Bob", {"intro": intro_entry({}, submitted=False)}))
    grade_quiz_exports(tmp_path / "exports", tmp_path / "out", language="fr")
    raw = (tmp_path / "out" / "gradebook.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "Éloïse N'Diaye".encode() in raw
    header = raw[3:].decode("utf-8").splitlines()[0]
    assert header == "learner;quiz;lesson;question;answer;correct;score;note"
    rows = read_rows(tmp_path / "out", delimiter=";")
    # A French gradebook names the lesson by its French title (the book's catalogue).
    assert {row["lesson"] for row in rows if row["quiz"] == "privacy"} == {
        "Vie privée\u00a0: données personnelles, réidentification et confidentialité différentielle"}
    totals = {row["learner"]: row for row in read_rows(tmp_path / "out", "totals.csv", delimiter=";")}
    assert list(totals["Bob"]) == ["learner", "quizzes", "correct", "out_of", "percent", "to_mark", "not_submitted"]
    # Éloïse: 4 of 5 in intro, 2 right in privacy (the other privacy questions unanswered count as 0).
    scored_privacy = sum(q.type != "reflection" for q in privacy.questions)
    assert totals["Éloïse N'Diaye"]["correct"] == "6"
    assert totals["Éloïse N'Diaye"]["out_of"] == str(5 + scored_privacy)
    assert totals["Éloïse N'Diaye"]["percent"] == f"{100 * 6 / (5 + scored_privacy):.1f}".replace(".", ",")
    assert totals["Éloïse N'Diaye"]["quizzes"] == "2" and totals["Éloïse N'Diaye"]["to_mark"] == "1"
    assert totals["Bob"]["correct"] == "0" and totals["Bob"]["not_submitted"] == "1"
    feedback = tmp_path / "out" / "feedback" / "Éloïse-N-Diaye.md"
    assert sorted(p.name for p in feedback.parent.iterdir()) == ["Bob.md", "Éloïse-N-Diaye.md"]
    text = feedback.read_text(encoding="utf-8")
    # The quiz is named by its lesson (the book's title when the grader runs in the course's folder).
    _, french_privacy = load_bank("privacy", "fr")
    assert ("## Vie privée\u00a0: données personnelles, réidentification et confidentialité différentielle"
            f" — {french_privacy.title}") in text


def test_english_gradebook_keeps_commas_and_the_byte_order_mark(tmp_path):
    write(tmp_path / "exports", "alice.json", export("Alice", {"intro": intro_entry(ALICE_ANSWERS)}))
    grade_quiz_exports(tmp_path / "exports", tmp_path / "out", language="en")
    raw = (tmp_path / "out" / "gradebook.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbflearner,quiz,lesson,question,")
    assert read_rows(tmp_path / "out", "totals.csv")[0]["percent"] == "80.0"


def test_feedback_writes_math_as_plain_text_and_names_the_lesson_from_the_file(tmp_path, monkeypatch):
    # Outside the course's folder the book is not found: the title written by My progress names the quiz.
    monkeypatch.chdir(tmp_path)
    _, bank = load_bank("what_is_ai")
    entry = {"version": bank.version, "fingerprint": bank_fingerprint("what_is_ai", bank),
             "submitted": True, "title": "What is AI?", "answers": {}}
    write(tmp_path / "exports", "ada.json", export("Ada", {"what_is_ai": entry}))
    grade_quiz_exports(tmp_path / "exports", tmp_path / "out")
    text = (tmp_path / "out" / "feedback" / "Ada.md").read_text(encoding="utf-8")
    assert "## What is AI? — Check your understanding: 0 of" in text
    assert "$" not in text, [line for line in text.splitlines() if "$" in line]
    assert "150 / 200 = 0.75" in text


@pytest.mark.parametrize(("learner", "expected"), [
    ("Éloïse N'Diaye", "Éloïse-N-Diaye"), ("  Zoë   Kraß ", "Zoë-Kraß"), ("李 小龙", "李-小龙"),
    ("a/b\\c:d*e?f\"g<h>i|j", "a-b-c-d-e-f-g-h-i-j"), ("E\u0301mile", "Émile"), ("...", "learner"),
])
def test_file_names_keep_accents_and_drop_what_file_systems_refuse(learner, expected):
    from raicourse.grading.quizzes import file_name_for

    assert file_name_for(learner, set()) == expected
    taken = {expected.casefold()}
    assert file_name_for(learner.upper(), taken) == f"{expected.upper()}-2" or expected == "learner"


# ---------------------------------------------------------------- answer files from French pages

def _bank_entry(stem: str, language: str, answers: dict) -> dict:
    _, bank = load_bank(stem, language)
    return {"version": bank.version, "fingerprint": bank_fingerprint(stem, bank), "submitted": True, "answers": answers}


def _choice(stem: str, language: str, question_id: str, position: int) -> str:
    """The record-mode key of the choice at ``position`` in the bank, as a page in ``language`` records it."""
    _, bank = load_bank(stem, language)
    question = next(q for q in bank.questions if q.id == question_id)
    wanted = question.choices[position].text
    return next(key for key, choice in displayed_choices(stem, bank, question) if choice.text == wanted)


def _what_is_ai_answers(language: str) -> dict:
    """The same answers as a learner would give on the English or the French page: accuracy
    typed as the page's language writes it, the right choice for the baseline, "vrai" (wrong),
    features and label with one choice missing, and the one-word answer in the page's words."""
    return {
        "accuracy-by-hand": "0,75" if language == "fr" else "0.75",
        "compare-with-baseline": _choice("what_is_ai", language, "compare-with-baseline", 0),
        "rule-not-ai": "true",
        "features-and-label": [_choice("what_is_ai", language, "features-and-label", 0)],
        "name-overfitting": "surapprentissage" if language == "fr" else "overfitting",
        "would-you-use-it": "Compared with what?",
    }


def _scores(out: Path, delimiter: str) -> dict[str, str]:
    return {row["question"]: row["correct"] for row in read_rows(out, delimiter=delimiter) if row["quiz"] == "what_is_ai"}


def test_an_answer_file_from_a_french_page_is_scored_like_the_english_one(tmp_path):
    """Choice keys and the fingerprint come from the texts shown, so a French page's file differs
    from an English page's: both are recognised and score the same."""
    for language in ("en", "fr"):
        entry = _bank_entry("what_is_ai", language, _what_is_ai_answers(language))
        write(tmp_path / language, "nadia.json", export("Nadia", {"what_is_ai": entry}) | {"language": language})
    english, french = load_bank("what_is_ai")[1], load_bank("what_is_ai", "fr")[1]
    assert bank_fingerprint("what_is_ai", english) != bank_fingerprint("what_is_ai", french)
    for grading in ("en", "fr"):
        scores = {}
        for language in ("en", "fr"):
            grades = grade_quiz_exports(tmp_path / language, tmp_path / f"out-{language}-{grading}", language=grading)
            assert grades.problems == [], (language, grading, grades.problems)
            scores[language] = _scores(tmp_path / f"out-{language}-{grading}", ";" if grading == "fr" else ",")
        assert scores["en"] == scores["fr"]
        assert scores["fr"]["accuracy-by-hand"] == scores["fr"]["compare-with-baseline"] == "yes"
        assert scores["fr"]["name-overfitting"] == "yes"
        assert scores["fr"]["rule-not-ai"] == scores["fr"]["features-and-label"] == "no"


def test_french_feedback_is_entirely_french_whatever_page_was_answered(tmp_path):
    english, french = load_bank("what_is_ai")[1], load_bank("what_is_ai", "fr")[1]
    english_texts = {text.strip() for question in english.questions for text in
                     [question.prompt, question.explanation, getattr(question, "model_answer", None),
                      getattr(question, "feedback_true", None), getattr(question, "feedback_false", None),
                      *[c.text for c in getattr(question, "choices", [])],
                      *[c.feedback for c in getattr(question, "choices", [])]] if text}
    french_choice = next(q for q in french.questions if q.id == "compare-with-baseline").choices[0]
    for language in ("en", "fr"):
        entry = _bank_entry("what_is_ai", language, _what_is_ai_answers(language))
        write(tmp_path / language, "nadia.json", export("Nadia", {"what_is_ai": entry}) | {"language": language})
        grade_quiz_exports(tmp_path / language, tmp_path / f"out-{language}", language="fr")
        text = (tmp_path / f"out-{language}" / "feedback" / "Nadia.md").read_text(encoding="utf-8")
        leftovers = [english_text[:60] for english_text in english_texts
                     if any(line.strip() in text for line in english_text.splitlines() if len(line.strip()) > 25)]
        assert leftovers == [], language
        assert french_choice.text in text and french_choice.feedback.split()[0] in text
        assert "Qu’est-ce que l’IA" in text or "Qu'est-ce que l'IA" in text
