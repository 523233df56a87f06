"""Grading a whole cohort (``raicourse grade``): wall time, parallel jobs and the sandbox's cost.

A synthetic cohort: every learner hands in all exercise notebooks, a quarter each solved
(every answer cell holds its question's ``solution_code``), blank (as shipped), wrong (every
``____`` replaced by ``0``) and broken (half with a cell that raises first, half a file cut off
mid-way that is not valid JSON).

It prints:

* where the time of one notebook goes (worker start, kernel start, the notebook's cells, the
  evaluation), measured once without the sandbox;
* a small cohort (2 learners) graded with ``--jobs 1`` and the default jobs in the sandbox, and
  with the default jobs without it: the speed-up of parallel jobs and the sandbox's overhead;
* the full cohort (24 learners x 12 exercises) with the default jobs, in the sandbox, against
  the target of 8 minutes on a 2-core machine.

Run alone: ``python benchmarks/cohort.py [--learners 24] [--small 2]``; ``make bench`` runs it.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
EXERCISES = sorted((REPO / "exercises").glob("*.ipynb"))
KINDS = ("solved", "blank", "wrong", "broken")
TARGET_SECONDS = 8 * 60
TARGET_OVERHEAD = 0.10


def _answer_names(cell) -> list[str]:
    return [tag.split(":", 1)[1] for tag in cell.metadata.get("tags", []) if tag.startswith("answer:")]


def submission(exercise: Path, kind: str, variant: int) -> str:
    """The text of one learner's notebook of the given kind."""
    if kind == "broken" and variant % 2:
        return '{"cells": [{"cell_type": "code", "source": "1 +'  # cut off mid-way
    notebook = nbformat.read(exercise, as_version=4)
    module = importlib.import_module(f"raicourse.checks.{exercise.stem}")
    for cell in notebook.cells:
        for name in _answer_names(cell):
            if kind in ("solved", "broken"):
                cell.source = getattr(module, name).solution_code
            elif kind == "wrong":
                cell.source = cell.source.replace("____", "0")
    if kind == "broken":
        first_answer = next(i for i, cell in enumerate(notebook.cells) if _answer_names(cell))
        notebook.cells.insert(first_answer, nbformat.v4.new_code_cell('raise RuntimeError("broken on purpose")'))
    return nbformat.writes(notebook)


def build_cohort(folder: Path, learners: int) -> dict[str, int]:
    """Write ``learners`` x every exercise under ``folder``; return how many of each kind."""
    counts = dict.fromkeys(KINDS, 0)
    for learner in range(learners):
        for index, exercise in enumerate(EXERCISES):
            kind = KINDS[(learner + index) % len(KINDS)]
            counts[kind] += 1
            path = folder / f"learner{learner + 1:02d}" / exercise.name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(submission(exercise, kind, (learner + index) // len(KINDS)), encoding="utf-8")
    return counts


def grade(folder: Path, out: Path, *, jobs: int | None, sandbox: bool) -> tuple[float, list]:
    from raicourse.grading import grade_submissions

    start = time.perf_counter()
    rows = grade_submissions(folder, out, language="en", jobs=jobs, sandbox=sandbox, progress=io.StringIO())
    return time.perf_counter() - start, rows


def where_the_time_goes(notebook: Path) -> list[tuple[str, float]]:
    """Wall time of each phase of one notebook, as the grader's worker runs it (no sandbox)."""
    from raicourse.grading import _WORKER_FILE, _worker

    start = time.perf_counter()
    subprocess.run([sys.executable, _WORKER_FILE, "--help"], check=True, capture_output=True)
    phases = [("worker: Python start and imports (nbclient, nbformat)", time.perf_counter() - start)]
    marks: dict[str, float] = {}
    original_start = _worker._GradingClient.async_start_new_kernel_client
    original_cell = _worker._GradingClient.async_execute_cell

    async def timed_start(self, *args, **kwargs):
        begin = time.perf_counter()
        result = await original_start(self, *args, **kwargs)
        marks["kernel"] = time.perf_counter() - begin
        return result

    async def timed_cell(self, cell, index, *args, **kwargs):
        begin = time.perf_counter()
        result = await original_cell(self, cell, index, *args, **kwargs)
        key = "evaluation" if index >= self.grading_index else "cells"
        marks[key] = marks.get(key, 0.0) + time.perf_counter() - begin
        return result

    _worker._GradingClient.async_start_new_kernel_client = timed_start
    _worker._GradingClient.async_execute_cell = timed_cell
    try:
        begin = time.perf_counter()
        summary = _worker.run_notebook(notebook, notebook.stem, 60, 3072)
        total = time.perf_counter() - begin
    finally:
        _worker._GradingClient.async_start_new_kernel_client = original_start
        _worker._GradingClient.async_execute_cell = original_cell
    assert summary["status"] == "ok", summary
    phases += [("kernel start (ipykernel, until ready)", marks["kernel"]),
               ("the notebook's cells (imports, data, the learner's code)", marks["cells"]),
               ("evaluation (fresh checkers, every answer)", marks["evaluation"]),
               ("the rest (reading, shutting the kernel down)", total - marks["kernel"] - marks["cells"] - marks["evaluation"])]
    return phases


def sandbox_start_cost(rounds: int = 15) -> tuple[float, float]:
    """Median wall time of a Python that does nothing, started plainly and in the sandbox: the
    sandbox's fixed cost per notebook, less sensitive to a busy machine than whole runs."""
    import statistics

    from raicourse.grading import _sandbox

    plain, boxed = [], []
    command = [sys.executable, "-c", "pass"]
    for _ in range(rounds):
        for times, full in ((plain, command), (boxed, _sandbox.sandboxed(command, REPO / "exercises", slot=0,
                                                                        disk_mb=64, environment={}))):
            start = time.perf_counter()
            subprocess.run(full, check=True)
            times.append(time.perf_counter() - start)
    return statistics.median(plain), statistics.median(boxed)


def main(argv: list[str] | None = None) -> None:
    from raicourse.grading import default_jobs, sandbox_problem

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=24)
    parser.add_argument("--small", type=int, default=2, help="learners of the small cohort (jobs and sandbox comparison)")
    args = parser.parse_args(argv)
    problem = sandbox_problem()
    jobs = default_jobs()
    print(f"{os.cpu_count()} CPU cores; default jobs: {jobs}; sandbox: {problem or 'bubblewrap'}; "
          f"load average before: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="raicourse-cohort-") as scratch:
        root = Path(scratch)
        solved = root / "one" / "fairness_metrics.ipynb"
        solved.parent.mkdir()
        solved.write_text(submission(REPO / "exercises" / "fairness_metrics.ipynb", "solved", 0), encoding="utf-8")
        print("\nWhere the time of one notebook goes (fairness_metrics, solved, no sandbox):")
        for label, seconds in where_the_time_goes(solved):
            print(f"  {seconds:5.2f} s  {label}")

        small = root / "small"
        counts = build_cohort(small, args.small)
        notebooks = sum(counts.values())
        print(f"\nSmall cohort: {args.small} learners x {len(EXERCISES)} exercises = {notebooks} notebooks {counts}")
        timings = {}
        configurations = [("jobs=1, sandbox", 1, True), (f"jobs={jobs}, sandbox", jobs, True),
                          (f"jobs={jobs}, no sandbox", jobs, False)]
        if problem is not None:
            configurations = [c for c in configurations if not c[2]]
        reference = None
        for label, count, sandbox in configurations:
            seconds, rows = grade(small, root / f"out-{count}-{sandbox}", jobs=count, sandbox=sandbox)
            timings[label] = seconds
            reference = reference or rows
            same = "same gradebook" if rows == reference else "DIFFERENT gradebook"
            print(f"  {seconds:6.1f} s  ({seconds / notebooks:4.2f} s per notebook)  {label}  [{same}]")
        if problem is None:
            speedup = timings["jobs=1, sandbox"] / timings[f"jobs={jobs}, sandbox"]
            overhead = timings[f"jobs={jobs}, sandbox"] / timings[f"jobs={jobs}, no sandbox"] - 1
            print(f"  speed-up of {jobs} jobs: {speedup:.2f}x; sandbox overhead: {overhead:+.1%} "
                  f"(target <= {TARGET_OVERHEAD:.0%})")
            plain, boxed = sandbox_start_cost()
            print(f"  sandbox start: {plain * 1000:.0f} ms plain Python vs {boxed * 1000:.0f} ms in the sandbox "
                  f"(median of 15): {(boxed - plain) * 1000:+.0f} ms per notebook")

        full = root / "full"
        counts = build_cohort(full, args.learners)
        notebooks = sum(counts.values())
        print(f"\nFull cohort: {args.learners} learners x {len(EXERCISES)} exercises = {notebooks} notebooks {counts}")
        seconds, rows = grade(full, root / "out-full", jobs=jobs, sandbox=problem is None)
        verdict = "meets" if seconds <= TARGET_SECONDS else "misses"
        print(f"  {seconds:6.1f} s = {seconds / 60:.1f} min ({seconds / notebooks:4.2f} s per notebook), "
              f"jobs={jobs}, {'sandbox' if problem is None else 'no sandbox'}: {verdict} the target of "
              f"{TARGET_SECONDS // 60} min; {len(rows)} gradebook rows; load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    main()
