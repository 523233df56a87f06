"""Grade submitted exercise notebooks: ``python -m raicourse grade SUBMISSIONS_DIR``.

Submissions are laid out as ``SUBMISSIONS_DIR/<learner>/<exercise>.ipynb``. Each
notebook runs in its own worker process, in a throw-away copy of the learner's folder,
with a timeout per cell and a memory cap on its kernel. The grader then evaluates the
learner's answers with the course's own checkers (a fresh copy, imported after the
learner's code ran) and never trusts what the notebook printed.

It writes ``gradebook.csv`` (learner, exercise, question, outcome, message) and one
``feedback/<learner>.md`` per learner. This is **not a security sandbox**: a learner's
code runs with the trainer's permissions. Grade untrusted work on a JupyterHub or in a
container.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import nbformat

from raicourse.checks import exercise_names, load_exercise, questions_of
from raicourse.i18n import t

__all__ = ["DEFAULT_MEMORY_MB", "DEFAULT_TIMEOUT", "GradeRow", "NOTEBOOK_ROW", "grade_submissions"]

#: Seconds each cell may run before it is stopped.
DEFAULT_TIMEOUT = 60
#: Address-space cap of each kernel, in megabytes (pandas + scikit-learn need ~1 GB).
DEFAULT_MEMORY_MB = 3072
#: The "question" column of rows about the whole notebook (a raising cell, a timeout...).
NOTEBOOK_ROW = "(notebook)"
#: Extra seconds for kernel start-up and the evaluation cell, on top of the cells' time.
_STARTUP_SECONDS = 90


@dataclass(frozen=True)
class GradeRow:
    """One line of the gradebook."""

    learner: str
    exercise: str
    question: str
    outcome: str
    message: str


class ProgressBar:
    """A one-line text progress bar on the console (no dependency)."""

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 30) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.stream = stream or sys.stderr
        self.width = width

    def update(self, label: str) -> None:
        """Draw the bar for the item about to be processed."""
        filled = int(self.width * self.done / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        end = "\r" if self.stream.isatty() else "\n"
        self.stream.write(f"[{bar}] {self.done}/{self.total} {label}".ljust(79) + end)
        self.stream.flush()

    def advance(self) -> None:
        """Count one item as done."""
        self.done += 1

    def close(self) -> None:
        """Draw the full bar and end the line."""
        self.stream.write(f"[{'#' * self.width}] {self.done}/{self.total}".ljust(79) + "\n")
        self.stream.flush()


def _learners(submissions: Path) -> list[Path]:
    return sorted(p for p in submissions.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def _rows_for_all_questions(learner: str, exercise: str, outcome: str, message: str) -> list[GradeRow]:
    return [GradeRow(learner, exercise, q.name, outcome, message) for q in questions_of(load_exercise(exercise))]


def _run_worker(notebook: Path, learner_dir: Path, exercise: str, timeout: int, memory_mb: int,
                language: str | None) -> dict:
    """Run one notebook in a worker process inside a throw-away copy of its folder."""
    with tempfile.TemporaryDirectory(prefix="raicourse-grade-") as scratch, \
            tempfile.TemporaryDirectory(prefix="raicourse-summary-") as summary_dir:
        # Nest the copy a few levels deep, so that a notebook deleting ".." or "../.."
        # only deletes parts of the throw-away copy.
        copy = Path(scratch) / "work" / "submission" / learner_dir.name
        shutil.copytree(learner_dir, copy, symlinks=True)
        summary_file = Path(summary_dir) / "summary.json"
        cells = len(nbformat.read(notebook, as_version=4).cells)
        env = dict(os.environ, RAICOURSE_PROGRESS_FILE="", PYTHONDONTWRITEBYTECODE="1")
        if language:
            env["RAICOURSE_LANG"] = language
        command = [sys.executable, "-m", "raicourse.grading._worker", str(copy / notebook.name), str(summary_file),
                   "--exercise", exercise, "--timeout", str(timeout), "--memory-mb", str(memory_mb)]
        process = subprocess.Popen(command, cwd=copy, env=env, start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            process.wait(timeout=timeout * (cells + 1) + _STARTUP_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return {"status": "crashed", "error": "the whole notebook ran too long", "results": None}
        try:
            return json.loads(summary_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"status": "crashed", "error": f"the grading process ended with code {process.returncode}",
                    "results": None}


def _grade_notebook(learner: str, exercise: str, notebook: Path, learner_dir: Path, timeout: int,
                    memory_mb: int, language: str | None) -> list[GradeRow]:
    try:
        nbformat.validate(nbformat.read(notebook, as_version=4))
    except Exception as error:  # noqa: BLE001 - any unreadable file is reported
        message = t("checks.grading.unreadable", error=f"{type(error).__name__}: {str(error)[:120]}")
        return [GradeRow(learner, exercise, NOTEBOOK_ROW, "unreadable", message),
                *_rows_for_all_questions(learner, exercise, "error", t("checks.grading.not_graded"))]
    summary = _run_worker(notebook, learner_dir, exercise, timeout, memory_mb, language)
    rows = []
    for error in summary.get("cell_errors", []):
        rows.append(GradeRow(learner, exercise, NOTEBOOK_ROW, "cell_error",
                             t("checks.grading.cell_error", cell=error["cell"], error_type=error["ename"],
                               error=error["evalue"])))
    for cell in summary.get("timeouts", []):
        rows.append(GradeRow(learner, exercise, NOTEBOOK_ROW, "timeout",
                             t("checks.grading.timeout", cell=cell, seconds=timeout)))
    if summary.get("status") != "ok" or summary.get("results") is None:
        rows.append(GradeRow(learner, exercise, NOTEBOOK_ROW, "crashed",
                             t("checks.grading.crashed", error=summary.get("error", ""))))
        return rows + _rows_for_all_questions(learner, exercise, "error", t("checks.grading.not_graded"))
    rows += [GradeRow(learner, exercise, str(result["question"]), str(result["outcome"]), str(result["message"]))
             for result in summary["results"]]
    return rows


def grade_submissions(
    submissions: Path,
    out: Path,
    *,
    exercises: Iterable[str] | None = None,
    timeout: int = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
    language: str | None = None,
    progress: TextIO | None = None,
) -> list[GradeRow]:
    """Grade every ``<learner>/<exercise>.ipynb`` under ``submissions``.

    Parameters
    ----------
    submissions : Path
        The trainer's folder of submissions; it is only read, never changed.
    out : Path
        Where to write ``gradebook.csv`` and ``feedback/<learner>.md`` (created if needed).
    exercises : iterable of str, optional
        The exercises every learner should hand in (default: every course exercise that at
        least one learner handed in, so that grading one exercise does not report all the
        others as missing). A missing one is reported as "missing".
    timeout : int
        Seconds each cell may run.
    memory_mb : int
        Memory cap of each notebook's kernel, in megabytes.
    language : str, optional
        "en" or "fr" for the messages (default: the current language).
    progress : text stream, optional
        Where to draw the progress bar (default: standard error).

    Returns
    -------
    list of GradeRow
        The gradebook's rows.
    """
    submissions = Path(submissions).resolve()
    out = Path(out).resolve()
    if out == submissions or submissions in out.parents:
        raise ValueError("the output folder must not be inside the submissions folder")
    known = set(exercise_names())
    learners = _learners(submissions)
    if exercises is not None:
        expected = sorted(exercises)
    else:
        handed_in_by_anyone = {path.stem for learner_dir in learners for path in learner_dir.glob("*.ipynb")}
        expected = sorted(handed_in_by_anyone & known)
    jobs = []
    for learner_dir in learners:
        handed_in = {path.stem: path for path in learner_dir.glob("*.ipynb")}
        for exercise in sorted(set(expected) | set(handed_in)):
            jobs.append((learner_dir, exercise, handed_in.get(exercise)))

    bar = ProgressBar(len(jobs), progress)
    rows: list[GradeRow] = []
    for learner_dir, exercise, notebook in jobs:
        learner = learner_dir.name
        bar.update(t("checks.grading.progress", learner=learner, exercise=exercise, language=language))
        if exercise not in known:
            rows.append(GradeRow(learner, exercise, NOTEBOOK_ROW, "unknown_exercise",
                                 t("checks.grading.unknown_exercise", exercise=exercise, language=language)))
        elif notebook is None:
            rows += _rows_for_all_questions(learner, exercise, "missing", t("checks.grading.missing", language=language))
        else:
            rows += _grade_notebook(learner, exercise, notebook, learner_dir, timeout, memory_mb, language)
        bar.advance()
    bar.close()
    _write_gradebook(out, rows)
    _write_feedback(out, rows, [learner_dir.name for learner_dir in learners], language)
    return rows


def _write_gradebook(out: Path, rows: list[GradeRow]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "gradebook.csv").open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["learner", "exercise", "question", "outcome", "message"])
        for row in rows:
            writer.writerow([row.learner, row.exercise, row.question, row.outcome, row.message])


def _outcome_label(outcome: str, language: str | None) -> str:
    key = f"checks.outcome.{outcome}"
    from raicourse.i18n import catalogue

    return t(key, language=language) if key in catalogue() else t(f"checks.grading.outcome.{outcome}", language=language)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _write_feedback(out: Path, rows: list[GradeRow], learners: list[str], language: str | None) -> None:
    folder = out / "feedback"
    folder.mkdir(parents=True, exist_ok=True)
    for learner in learners:
        mine = [row for row in rows if row.learner == learner]
        lines = [f"# {t('checks.grading.feedback_title', learner=learner, language=language)}", ""]
        for exercise in dict.fromkeys(row.exercise for row in mine):
            of_exercise = [row for row in mine if row.exercise == exercise]
            questions = [row for row in of_exercise if row.question != NOTEBOOK_ROW]
            correct = sum(row.outcome == "correct" for row in questions)
            lines += [f"## {t('checks.grading.feedback_exercise', exercise=exercise, correct=correct, total=len(questions), language=language)}", ""]
            notes = [row for row in of_exercise if row.question == NOTEBOOK_ROW]
            if notes:
                lines += [f"**{t('checks.grading.feedback_notebook', language=language)}**", ""]
                lines += [f"- {_outcome_label(row.outcome, language)}: {row.message}" for row in notes] + [""]
            if questions:
                header = [t(f"checks.grading.column_{name}", language=language) for name in ("question", "result", "feedback")]
                lines += [f"| {' | '.join(header)} |", "|---|---|---|"]
                lines += [f"| {row.question} | {_cell(_outcome_label(row.outcome, language))} | {_cell(row.message)} |"
                          for row in questions] + [""]
        (folder / f"{learner}.md").write_text("\n".join(lines), encoding="utf-8")
