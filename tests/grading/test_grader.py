"""The grader, on fixture submissions of each kind: solved, cheating, never-ending,
raising, memory-hungry, file-deleting, broken JSON, missing."""

from __future__ import annotations

import csv
import hashlib
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from raicourse import i18n
from raicourse.__main__ import main
from raicourse.checks import fairness_metrics
from raicourse.grading import NOTEBOOK_ROW, SandboxUnavailable, _sandbox, grade_submissions, sandbox_problem

FIXTURES = Path(__file__).parent / "fixtures"
# Grade in the sandbox where it can run, and always in CI (.ci/run installs bubblewrap); on a
# computer without it these tests still check the grading itself, without the sandbox.
SANDBOXED = sandbox_problem() is None or bool(os.environ.get("CI"))
MODE = "sandbox" if SANDBOXED else "no_sandbox"


def grade(*args, **kwargs):
    return grade_submissions(*args, sandbox=None if SANDBOXED else False, **kwargs)
EXERCISE = Path(__file__).parents[2] / "exercises" / "fairness_metrics.ipynb"


@pytest.fixture(autouse=True)
def english(monkeypatch):
    # The command line's --lang sets the language for the whole process: undo it.
    monkeypatch.setattr(i18n, "_chosen", "en")


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def solved_copy(target: Path, exercise: Path = EXERCISE) -> None:
    """The exercise notebook with every tagged answer cell replaced by its reference solution."""
    notebook = nbformat.read(exercise, as_version=4)
    for cell in notebook.cells:
        for tag in cell.metadata.get("tags", []):
            if tag.startswith("answer:"):
                cell.source = getattr(fairness_metrics, tag.split(":", 1)[1]).solution_code
    target.parent.mkdir(parents=True)
    nbformat.write(notebook, target)


# A submission whose file is cut off mid-way (unreadable JSON). Written by the tests rather
# than committed: the repository keeps only notebooks that open.
TRUNCATED_NOTEBOOK = '{"cells": [{"cell_type": "code", "source": "1 +'


def broken_copy(target: Path) -> None:
    """A learner's notebook that is not valid JSON any more."""
    target.parent.mkdir(parents=True)
    target.write_text(TRUNCATED_NOTEBOOK, encoding="utf-8")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    submissions = tmp_path_factory.mktemp("input") / "submissions"
    shutil.copytree(FIXTURES, submissions)
    solved_copy(submissions / "solved" / "fairness_metrics.ipynb")
    broken_copy(submissions / "broken" / "fairness_metrics.ipynb")
    before = tree_digest(submissions)
    out = tmp_path_factory.mktemp("output")
    rows = grade(submissions, out, timeout=15, memory_mb=3072, language="en", jobs=2)
    by_key = {(row.learner, row.question, row.outcome): row for row in rows}
    return {"rows": rows, "by_key": by_key, "out": out, "before": before, "submissions": submissions}


def outcomes(graded, learner: str) -> dict[str, str]:
    return {row.question: row.outcome for row in graded["rows"] if row.learner == learner and row.question != NOTEBOOK_ROW}


def notes(graded, learner: str) -> list:
    return [row for row in graded["rows"] if row.learner == learner and row.question == NOTEBOOK_ROW]


def test_the_trainers_input_folder_is_untouched(graded):
    assert tree_digest(graded["submissions"]) == graded["before"]


def test_a_solved_notebook_gets_every_question_correct(graded):
    # The reflection (q8) has no right answer: it is recorded, never "correct".
    assert outcomes(graded, "solved") == {**{q.name: "correct" for q in fairness_metrics.QUESTIONS}, "q8": "recorded"}
    assert notes(graded, "solved") == []


def test_redefining_check_gains_nothing(graded):
    assert outcomes(graded, "cheater")["q1"] == "incorrect"
    assert "counts, not rates" in graded["by_key"][("cheater", "q1", "incorrect")].message


def test_a_never_ending_cell_is_stopped_and_the_rest_is_graded(graded):
    assert [row.outcome for row in notes(graded, "forever")] == ["timeout"]
    assert "Cell 2" in notes(graded, "forever")[0].message
    assert outcomes(graded, "forever")["q1"] == "correct"


def test_raising_and_memory_hungry_cells_are_reported(graded):
    reported = notes(graded, "raiser")
    assert [row.outcome for row in reported] == ["cell_error", "cell_error"]
    assert "ZeroDivisionError" in reported[0].message and "MemoryError" in reported[1].message
    assert outcomes(graded, "raiser")["q1"] == "correct"
    assert outcomes(graded, "raiser")["q2"] == "incorrect"
    assert outcomes(graded, "raiser")["q3"] == "not_attempted"


def test_a_notebook_deleting_files_only_harms_its_copy(graded):
    assert outcomes(graded, "deleter")["q1"] == "correct"
    assert (graded["submissions"] / "deleter" / "notes.txt").exists()


def test_broken_and_missing_notebooks_are_reported(graded):
    assert [row.outcome for row in notes(graded, "broken")] == ["unreadable"]
    assert set(outcomes(graded, "broken").values()) == {"error"}
    assert set(outcomes(graded, "absent").values()) == {"missing"}
    assert len(outcomes(graded, "absent")) == len(fairness_metrics.QUESTIONS)


def test_gradebook_and_feedback_files(graded):
    with (graded["out"] / "gradebook.csv").open(encoding="utf-8-sig") as stream:
        table = list(csv.DictReader(stream))
    assert list(table[0]) == ["learner", "exercise", "question", "outcome", "message", "mode"]
    assert {row["mode"] for row in table} == {MODE}
    assert len(table) == len(graded["rows"])
    learners = {row["learner"] for row in table}
    assert learners == {"absent", "broken", "cheater", "deleter", "forever", "raiser", "solved"}
    for learner in learners:
        feedback = (graded["out"] / "feedback" / f"{learner}.md").read_text(encoding="utf-8")
        assert feedback.startswith(f"# Feedback for {learner}")
    # Seven questions to get right; the reflection (q8) is recorded and listed, not counted.
    assert "7 of 7 questions correct" in (graded["out"] / "feedback" / "solved.md").read_text(encoding="utf-8")


def test_command_line_grades_without_kernels_for_missing_and_broken(tmp_path, capsys):
    submissions = tmp_path / "class"
    broken_copy(submissions / "broken" / "fairness_metrics.ipynb")
    shutil.copytree(FIXTURES / "absent", submissions / "absent")
    assert main(["grade", str(submissions), "--out", str(tmp_path / "graded"), "--lang", "fr",
                 *([] if SANDBOXED else ["--no-sandbox"])]) == 0
    captured = capsys.readouterr()
    assert "2/2" in captured.err  # the progress bar
    assert "gradebook.csv" in captured.out
    gradebook = (tmp_path / "graded" / "gradebook.csv").read_text(encoding="utf-8-sig")
    assert "Aucun notebook" in gradebook and "unreadable" in gradebook


def test_command_line_refuses_an_empty_folder(tmp_path, capsys):
    assert main(["grade", str(tmp_path)]) == 2
    assert "No submissions found" in capsys.readouterr().err


def test_parallel_and_serial_runs_write_the_same_gradebook(graded, tmp_path):
    # Every learner of the module's run but "forever" (its timeout would only add time).
    submissions = tmp_path / "class"
    shutil.copytree(graded["submissions"], submissions, ignore=shutil.ignore_patterns("forever"))
    serial = grade(submissions, tmp_path / "serial", timeout=15, language="en", jobs=1)
    assert serial == [row for row in graded["rows"] if row.learner != "forever"]
    assert (tmp_path / "serial" / "gradebook.csv").read_bytes() == b"".join(
        line for line in (graded["out"] / "gradebook.csv").read_bytes().splitlines(keepends=True)
        if not line.startswith(b"forever,"))


def _template(text: str) -> re.Pattern:
    return re.compile("".join(".*" if part.startswith("{") else re.escape(part)
                              for part in re.split(r"(\{[a-z_]+\})", text)), re.DOTALL)


def test_the_language_argument_alone_sets_every_row_and_feedback(tmp_path):
    # The global language stays English (the autouse fixture): only language="fr" asks for French.
    submissions = tmp_path / "class"
    shutil.copytree(FIXTURES / "raiser", submissions / "raiser")
    shutil.copy(FIXTURES / "raiser" / "fairness_metrics.ipynb", submissions / "raiser" / "not_an_exercise.ipynb")
    broken_copy(submissions / "broken" / "fairness_metrics.ipynb")
    shutil.copytree(FIXTURES / "absent", submissions / "absent")
    rows = grade(submissions, tmp_path / "graded", timeout=15, language="fr")
    assert i18n.get_language() == "en"
    texts = [entry for key, entry in i18n.catalogue().items() if key.startswith("checks.") and "en" in entry]
    french = [_template(entry["fr"]) for entry in texts]
    english = [_template(entry["en"]) for entry in texts if entry["en"] != entry["fr"]]
    assert {row.outcome for row in rows} >= {"cell_error", "unreadable", "unknown_exercise", "missing", "error",
                                             "correct", "incorrect", "not_attempted"}
    for row in rows:
        assert any(pattern.fullmatch(row.message) for pattern in french), row
        assert not any(pattern.fullmatch(row.message) for pattern in english), row
    for learner in ("raiser", "broken", "absent"):
        feedback = (tmp_path / "graded" / "feedback" / f"{learner}.md").read_text(encoding="utf-8")
        assert feedback.startswith(f"# Retours pour {learner}")
        for english_heading in ("Feedback for", "About the notebook", "questions correct", "| Result |"):
            assert english_heading not in feedback
    # Files a French spreadsheet opens as they are: a byte-order mark (UTF-8), ";" and a decimal comma.
    raw = (tmp_path / "graded" / "gradebook.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + b"learner;exercise;question;outcome;message;mode")
    with (tmp_path / "graded" / "totals.csv").open(encoding="utf-8-sig") as stream:
        totals = {row["learner"]: row for row in csv.DictReader(stream, delimiter=";")}
    assert set(totals) == {"absent", "broken", "raiser"}
    raiser = totals["raiser"]
    assert raiser["out_of"] == "7" and raiser["to_read"] == "0" and raiser["notebooks"] == "1"  # not_an_exercise: not graded
    assert raiser["percent"] == f"{100 * int(raiser['correct']) / 7:.1f}".replace(".", ",")
    assert totals["absent"]["notebooks"] == "0"
    assert "| Question | Résultat | Commentaire |" in (tmp_path / "graded" / "feedback" / "raiser.md").read_text(encoding="utf-8")


def test_without_bubblewrap_the_grader_refuses_unless_told(tmp_path, monkeypatch, capsys):
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert "bubblewrap (bwrap) is not installed" in _sandbox.sandbox_problem.__wrapped__()
    monkeypatch.setattr(_sandbox, "sandbox_problem", lambda: "bubblewrap (bwrap) is not installed")
    submissions = tmp_path / "class"
    broken_copy(submissions / "broken" / "fairness_metrics.ipynb")
    shutil.copytree(FIXTURES / "absent", submissions / "absent")
    assert main(["grade", str(submissions), "--out", str(tmp_path / "graded")]) == 2
    refusal = capsys.readouterr().err
    for needed in ("bubblewrap (bwrap) is not installed", "sudo apt-get install bubblewrap", "JupyterHub", "--no-sandbox"):
        assert needed in refusal
    assert not (tmp_path / "graded").exists()
    with pytest.raises(SandboxUnavailable):
        grade_submissions(submissions, tmp_path / "graded")
    assert main(["grade", str(submissions), "--out", str(tmp_path / "graded"), "--no-sandbox", "--jobs", "1"]) == 0
    assert "Mode: no sandbox" in capsys.readouterr().out
    with (tmp_path / "graded" / "gradebook.csv").open(encoding="utf-8-sig") as stream:
        assert {row["mode"] for row in csv.DictReader(stream)} == {"no_sandbox"}


def test_the_console_says_the_sandbox_is_used(tmp_path, capsys):
    if sandbox_problem() is not None:
        pytest.skip(f"the sandbox cannot run here: {sandbox_problem()}")
    submissions = tmp_path / "class"
    shutil.copytree(FIXTURES / "absent", submissions / "absent")
    assert main(["grade", str(submissions), "--out", str(tmp_path / "graded"), "--exercise", "fairness_metrics"]) == 0
    assert "Mode: sandbox (bubblewrap)" in capsys.readouterr().out


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_notebook_solved_in_french_is_graded_like_the_english_one(tmp_path, language):
    # A learner of the French edition submits exercises/fr/<stem>.ipynb (same file name, same
    # answer cells, French text): the same answers get the same outcomes, whatever --lang says.
    submissions = tmp_path / "class"
    solved_copy(submissions / "amelie" / "fairness_metrics.ipynb", EXERCISE.parent / "fr" / EXERCISE.name)
    rows = grade(submissions, tmp_path / "graded", timeout=30, language=language)
    outcomes = {row.question: row.outcome for row in rows if row.question != NOTEBOOK_ROW}
    assert outcomes == {**{q.name: "correct" for q in fairness_metrics.QUESTIONS}, "q8": "recorded"}
    assert [row for row in rows if row.question == NOTEBOOK_ROW] == []
