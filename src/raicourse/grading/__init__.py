"""Grade submitted exercise notebooks: ``python -m raicourse grade SUBMISSIONS_DIR``.

Submissions are laid out as ``SUBMISSIONS_DIR/<learner>/<exercise>.ipynb``. Each
notebook runs in its own worker process, in a throw-away copy of the learner's folder,
with a timeout per cell and a memory cap on its kernel; several notebooks run at once
(``jobs``). The grader then evaluates the learner's answers with the course's own
checkers (a fresh copy, imported after the learner's code ran) and never trusts what
the notebook printed.

On Linux with bubblewrap, each worker runs in a sandbox (see
:mod:`raicourse.grading._sandbox`): no network, none of the trainer's files, a read-only
system, limited disk space and processes. Elsewhere the grader refuses to run learners'
code unless the caller passes ``sandbox=False`` (``--no-sandbox``).

It writes ``gradebook.csv`` (learner, exercise, question, outcome, message, mode) and
one ``feedback/<learner>.md`` per learner.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import nbformat

from raicourse.checks import exercise_names, load_exercise, questions_of
from raicourse.grading import _sandbox
from raicourse.grading._sandbox import DEFAULT_DISK_MB, DEFAULT_MAX_PROCESSES
from raicourse.grading._worker import SUMMARY_PREFIX
from raicourse.grading._spreadsheet import csv_format, write_csv
from raicourse.i18n import get_language, t

__all__ = ["DEFAULT_DISK_MB", "DEFAULT_MAX_PROCESSES", "DEFAULT_MEMORY_MB", "DEFAULT_TIMEOUT", "GradeRow",
           "NOTEBOOK_ROW", "SandboxUnavailable", "default_jobs", "grade_submissions", "sandbox_problem"]

#: Seconds each cell may run before it is stopped.
DEFAULT_TIMEOUT = 60
#: Address-space cap of each kernel, in megabytes (pandas + scikit-learn need ~1 GB).
DEFAULT_MEMORY_MB = 3072
#: The "question" column of rows about the whole notebook (a raising cell, a timeout...).
NOTEBOOK_ROW = "(notebook)"
#: Extra seconds for kernel start-up and the evaluation cell, on top of the cells' time.
_STARTUP_SECONDS = 90
_WORKER_FILE = str(Path(__file__).with_name("_worker.py"))
#: The "mode" column of the gradebook.
SANDBOX_MODE, NO_SANDBOX_MODE = "sandbox", "no_sandbox"
#: Most bytes of the worker's standard output the grader reads (the summary is a few kB).
_MAX_SUMMARY_BYTES = 4 * 1024 * 1024


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot run here, and the caller did not choose to grade without it."""


def sandbox_problem() -> str | None:
    """None if the sandbox works on this machine, else the reason why not."""
    return _sandbox.sandbox_problem()


def default_jobs() -> int:
    """How many notebooks run at once by default: the number of CPU cores."""
    return os.cpu_count() or 1


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

    def finished(self, label: str) -> None:
        """Count one item as done and draw the bar with its label."""
        self.done += 1
        filled = int(self.width * self.done / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        end = "\r" if self.stream.isatty() else "\n"
        self.stream.write(f"[{bar}] {self.done}/{self.total} {label}".ljust(79) + end)
        self.stream.flush()

    def close(self) -> None:
        """Draw the full bar and end the line."""
        self.stream.write(f"[{'#' * self.width}] {self.done}/{self.total}".ljust(79) + "\n")
        self.stream.flush()


def _learners(submissions: Path) -> list[Path]:
    return sorted(p for p in submissions.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def _rows_for_all_questions(learner: str, exercise: str, outcome: str, message: str) -> list[GradeRow]:
    return [GradeRow(learner, exercise, q.name, outcome, message) for q in questions_of(load_exercise(exercise))]


@dataclass(frozen=True)
class _Settings:
    timeout: int
    memory_mb: int
    language: str
    sandbox: bool
    disk_mb: int
    max_processes: int


def _run_worker(notebook: Path, learner_dir: Path, exercise: str, settings: _Settings, slot: int) -> dict:
    """Run one notebook in a worker process (in the sandbox if chosen); return its summary."""
    cells = len(nbformat.read(notebook, as_version=4).cells)
    environment = {"RAICOURSE_PROGRESS_FILE": "", "PYTHONDONTWRITEBYTECODE": "1", "RAICOURSE_LANG": settings.language}
    arguments = ["--exercise", exercise, "--timeout", str(settings.timeout), "--memory-mb", str(settings.memory_mb)]
    # The worker runs as a file, not with "-m": "-m" would import the whole package (pandas...) first.
    worker = [sys.executable, _WORKER_FILE]
    if settings.sandbox:
        command = _sandbox.sandboxed(
            [*worker, _sandbox.SUBMISSION_MOUNT, notebook.name, *arguments, "--max-processes", str(settings.max_processes),
             "--sandboxed"],
            learner_dir, slot=slot, disk_mb=settings.disk_mb, environment=environment)
        process = subprocess.Popen(command, env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
                                   start_new_session=True, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    else:
        process = subprocess.Popen([*worker, str(learner_dir), notebook.name, *arguments],
                                   env=dict(os.environ, **environment), start_new_session=True,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        output, _ = process.communicate(timeout=settings.timeout * (cells + 1) + _STARTUP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return {"status": "crashed", "error": t("checks.grading.too_long", language=settings.language), "results": None}
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # whatever the notebook left running (outside the sandbox)
        except (ProcessLookupError, PermissionError):
            pass
    for line in reversed(output[-_MAX_SUMMARY_BYTES:].decode("utf-8", errors="replace").splitlines()):
        if line.startswith(SUMMARY_PREFIX):
            try:
                return json.loads(line[len(SUMMARY_PREFIX):])
            except ValueError:
                break
    return {"status": "crashed", "results": None,
            "error": t("checks.grading.worker_ended", code=process.returncode, language=settings.language)}


def _grade_notebook(learner: str, exercise: str, notebook: Path, learner_dir: Path, settings: _Settings,
                    slot: int) -> list[GradeRow]:
    language = settings.language
    try:
        nbformat.validate(nbformat.read(notebook, as_version=4))
    except Exception as error:  # noqa: BLE001 - any unreadable file is reported
        message = t("checks.grading.unreadable", error=f"{type(error).__name__}: {str(error)[:120]}", language=language)
        return [GradeRow(learner, exercise, NOTEBOOK_ROW, "unreadable", message),
                *_rows_for_all_questions(learner, exercise, "error", t("checks.grading.not_graded", language=language))]
    summary = _run_worker(notebook, learner_dir, exercise, settings, slot)
    rows = []
    for error in summary.get("cell_errors", []):
        rows.append(GradeRow(learner, exercise, NOTEBOOK_ROW, "cell_error",
                             t("checks.grading.cell_error", cell=error["cell"], error_type=error["ename"],
                               error=error["evalue"], language=language)))
    for cell in summary.get("timeouts", []):
        rows.append(GradeRow(learner, exercise, NOTEBOOK_ROW, "timeout",
                             t("checks.grading.timeout", cell=cell, seconds=settings.timeout, language=language)))
    for cell in summary.get("too_much_output", []):
        rows.append(GradeRow(learner, exercise, NOTEBOOK_ROW, "too_much_output",
                             t("checks.grading.too_much_output", cell=cell, language=language)))
    if summary.get("status") != "ok" or summary.get("results") is None:
        rows.append(GradeRow(learner, exercise, NOTEBOOK_ROW, "crashed",
                             t("checks.grading.crashed", language=language,
                               error=summary.get("error") or t("checks.grading.not_evaluated", language=language))))
        return rows + _rows_for_all_questions(learner, exercise, "error", t("checks.grading.not_graded", language=language))
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
    jobs: int | None = None,
    sandbox: bool | None = None,
    disk_mb: int = DEFAULT_DISK_MB,
    max_processes: int = DEFAULT_MAX_PROCESSES,
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
    jobs : int, optional
        How many notebooks run at once (default: the number of CPU cores). The gradebook
        is the same, in the same order, whatever this number.
    sandbox : bool, optional
        True: run each notebook in the sandbox (raise :class:`SandboxUnavailable` if it
        cannot run here). False: run without it, with the trainer's rights. None (default):
        the sandbox, or :class:`SandboxUnavailable` where it cannot run.
    disk_mb : int
        Size of each sandbox's writable space, in megabytes.
    max_processes : int
        Most processes and threads each sandboxed notebook may run at once.

    Returns
    -------
    list of GradeRow
        The gradebook's rows.
    """
    submissions = Path(submissions).resolve()
    out = Path(out).resolve()
    if out == submissions or submissions in out.parents:
        raise ValueError("the output folder must not be inside the submissions folder")
    language = language or get_language()
    if sandbox is not False:
        problem = sandbox_problem()
        if problem is not None:
            raise SandboxUnavailable(t("checks.grading.no_sandbox", reason=problem, language=language))
    settings = _Settings(timeout=timeout, memory_mb=memory_mb, language=language, sandbox=sandbox is not False,
                         disk_mb=disk_mb, max_processes=max_processes)
    known = set(exercise_names())
    learners = _learners(submissions)
    if exercises is not None:
        expected = sorted(exercises)
    else:
        handed_in_by_anyone = {path.stem for learner_dir in learners for path in learner_dir.glob("*.ipynb")}
        expected = sorted(handed_in_by_anyone & known)
    work = []
    for learner_dir in learners:
        handed_in = {path.stem: path for path in learner_dir.glob("*.ipynb")}
        for exercise in sorted(set(expected) | set(handed_in)):
            work.append((learner_dir, exercise, handed_in.get(exercise)))

    def grade_one(index: int, slot: int) -> list[GradeRow]:
        learner_dir, exercise, notebook = work[index]
        learner = learner_dir.name
        if exercise not in known:
            return [GradeRow(learner, exercise, NOTEBOOK_ROW, "unknown_exercise",
                             t("checks.grading.unknown_exercise", exercise=exercise, language=language))]
        if notebook is None:
            return _rows_for_all_questions(learner, exercise, "missing", t("checks.grading.missing", language=language))
        return _grade_notebook(learner, exercise, notebook, learner_dir, settings, slot)

    jobs = max(1, jobs or default_jobs())
    bar = ProgressBar(len(work), progress)
    results: dict[int, list[GradeRow]] = {}
    free_slots = list(range(jobs))  # a slot per running notebook (its own user id in the sandbox, as root)

    def run(index: int) -> list[GradeRow]:
        slot = free_slots.pop()
        try:
            return grade_one(index, slot)
        finally:
            free_slots.append(slot)

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(run, index): index for index in range(len(work))}
        for future in as_completed(futures):
            index = futures[future]
            results[index] = future.result()
            learner_dir, exercise, _ = work[index]
            bar.finished(t("checks.grading.progress", learner=learner_dir.name, exercise=exercise, language=language))
    bar.close()
    rows = [row for index in range(len(work)) for row in results[index]]
    mode = SANDBOX_MODE if settings.sandbox else NO_SANDBOX_MODE
    _write_gradebook(out, rows, mode, language)
    _write_totals(out, rows, [learner_dir.name for learner_dir in learners], language)
    _write_feedback(out, rows, [learner_dir.name for learner_dir in learners], language)
    return rows


def _write_gradebook(out: Path, rows: list[GradeRow], mode: str, language: str | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "gradebook.csv", ["learner", "exercise", "question", "outcome", "message", "mode"],
              ([row.learner, row.exercise, row.question, row.outcome, row.message, mode] for row in rows), language)


def _write_totals(out: Path, rows: list[GradeRow], learners: list[str], language: str | None) -> None:
    """``totals.csv``: one row per learner: notebooks handed in, questions correct out of the questions
    that have a right answer (reflections have none), the percentage, and the reflections to read."""
    from raicourse.checks import ReflectionQuestion

    reflections = {(stem, question.name) for stem in {row.exercise for row in rows} if stem in exercise_names()
                   for question in questions_of(load_exercise(stem)) if isinstance(question, ReflectionQuestion)}
    decimal = csv_format(language)["decimal"]
    lines = []
    for learner in learners:
        questions = [row for row in rows if row.learner == learner and row.question != NOTEBOOK_ROW]
        scored = [row for row in questions if (row.exercise, row.question) not in reflections]
        correct = sum(row.outcome == "correct" for row in scored)
        notebooks = len({row.exercise for row in questions if row.outcome != "missing"})
        percent = f"{100 * correct / len(scored):.1f}".replace(".", decimal) if scored else ""
        lines.append([learner, notebooks, correct, len(scored), percent, sum(row.outcome == "recorded" for row in questions)])
    write_csv(out / "totals.csv", ["learner", "notebooks", "correct", "out_of", "percent", "to_read"], lines, language)


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
            # A reflection has no right answer: it is recorded, and not counted as a question to get right.
            scored = sum(row.outcome != "recorded" for row in questions)
            lines += [f"## {t('checks.grading.feedback_exercise', exercise=exercise, correct=correct, total=scored, language=language)}", ""]
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
