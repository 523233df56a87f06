"""Every exercise notebook runs top to bottom unanswered (every check: not attempted)
and with the reference solutions pasted into its tagged answer cells (every check:
correct). The solved copy is generated here, in a temporary folder, never committed.

The answers are judged by the grader's evaluation (a fresh import of the checkers in
the notebook's kernel), not by reading what the notebook printed.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from raicourse.checks import ReflectionQuestion, questions_of
from raicourse.grading._worker import SUMMARY_PREFIX

EXERCISES = sorted((Path(__file__).parents[1] / "exercises").glob("*.ipynb"))
ANSWER_TAG = "answer:"


@pytest.fixture(autouse=True)
def no_progress_file(monkeypatch):
    # Kernels inherit the environment: keep the learner progress file out of $HOME.
    monkeypatch.setenv("RAICOURSE_PROGRESS_FILE", "")


def answer_tags(notebook) -> list[str]:
    return [tag[len(ANSWER_TAG):] for cell in notebook.cells for tag in cell.metadata.get("tags", [])
            if tag.startswith(ANSWER_TAG)]


def test_there_is_at_least_one_exercise():
    assert EXERCISES


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_outputs_are_stripped_and_every_question_has_one_answer_cell(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert all(not cell.get("outputs") and cell.get("execution_count") is None
               for cell in notebook.cells if cell.cell_type == "code")
    module = importlib.import_module(f"raicourse.checks.{path.stem}")
    assert sorted(answer_tags(notebook)) == sorted(q.name for q in questions_of(module))


def solved(notebook, module):
    for cell in notebook.cells:
        for name in answer_tags(nbformat.v4.new_notebook(cells=[cell])):
            cell.source = getattr(module, name).solution_code
    return notebook


@pytest.mark.parametrize("variant", ["unanswered", "solved"])
@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_notebook_runs_and_checks_report(path, variant, tmp_path):
    module = importlib.import_module(f"raicourse.checks.{path.stem}")
    notebook = nbformat.read(path, as_version=4)
    if variant == "solved":
        notebook = solved(notebook, module)
    copy = tmp_path / path.name
    nbformat.write(notebook, copy)
    # The grader's worker, in its own process as when grading (kernel sockets and all).
    done = subprocess.run(
        [sys.executable, "-m", "raicourse.grading._worker", str(tmp_path), copy.name,
         "--exercise", path.stem, "--timeout", "120", "--memory-mb", "4096"],
        cwd=tmp_path, check=True, timeout=600, capture_output=True, text=True,
    )
    summary = json.loads(done.stdout.splitlines()[-1].removeprefix(SUMMARY_PREFIX))
    assert summary["status"] == "ok", summary
    assert summary["cell_errors"] == [] and summary["timeouts"] == []
    # A solved reflection is recorded (it has no right answer); every other question is correct.
    expected = [("recorded" if isinstance(question, ReflectionQuestion) else "correct") if variant == "solved"
                else "not_attempted" for question in questions_of(module)]
    assert [result["outcome"] for result in summary["results"]] == expected, summary["results"]
    assert len(summary["results"]) == len(questions_of(module))
