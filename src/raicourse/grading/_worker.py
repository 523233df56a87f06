"""Run one submitted notebook and evaluate its answers (``python -m raicourse.grading._worker``).

The grader starts one worker process per notebook, inside the sandbox when there is
one (see :mod:`raicourse.grading._sandbox`). The worker copies the learner's folder to
a throw-away temporary folder, executes the notebook there in a memory-capped kernel
with a timeout per cell, keeps going after a cell that raises, then runs one extra cell
that re-imports a fresh copy of the course checkers and evaluates the learner's answer
variables with them. Only the outcomes come back, as JSON after a random marker, so a
learner who redefined ``check`` or patched the checker module earlier gains nothing.
The worker prints its JSON summary as the last line of its standard output, after
:data:`SUMMARY_PREFIX`; the kernel cannot write there (its standard output is closed).
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource
import secrets
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any

# nbformat imports jsonschema, which builds a grammar for the "iri" string format at import
# time when rfc3987-syntax is installed (about 0.8 s, once per notebook graded). Validating a
# notebook never uses that format: leave that module out of this process.
if "rfc3987_syntax" not in sys.modules:
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]

import nbformat  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402
from jupyter_client.manager import AsyncKernelManager  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import DeadKernelError  # noqa: E402

_KERNEL_NAME = "raicourse-grading"
#: Starts the line of standard output that holds the worker's summary.
SUMMARY_PREFIX = "RAICOURSE-GRADING-SUMMARY:"
_PR_SET_DUMPABLE = 4

_GRADING_CELL = '''
def _raicourse_grade(namespace):
    import importlib
    import json
    import sys

    # The values the learner gave to q.check(...), whatever the variable's name: the grader
    # judges them too, and keeps the better verdict, so it agrees with what the notebook showed.
    checked = {}
    try:
        recorded = getattr(sys.modules.get("raicourse.checks._exercise"), "_CHECKED", None)
        if type(recorded) is dict:
            checked = {key: value for key, value in recorded.items()
                       if type(key) is tuple and len(key) == 2 and all(type(part) is str for part in key)}
    except Exception:
        checked = {}
    for name in [name for name in list(sys.modules) if name == "raicourse" or name.startswith("raicourse.")]:
        del sys.modules[name]
    checks = importlib.import_module("raicourse.checks")
    exercise = importlib.import_module("raicourse.checks.{exercise}")
    results = [result.to_dict() for result in checks.evaluate_answers(exercise, namespace, checked=checked)]
    print("{marker}" + json.dumps(results))


_raicourse_grade(dict(globals()))
'''


# Run just before _GRADING_CELL, inside the sandbox only, once the worker has killed the
# processes the notebook left behind: the kernel collects its dead children, which count
# against the sandbox's process cap until then (the evaluation may need a thread).
_REAP_CELL = '''
def _raicourse_reap():
    import os

    while True:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                break
        except ChildProcessError:
            break


_raicourse_reap()
'''


class _GradingClient(NotebookClient):
    """A notebook client that remembers which cells ran out of time, and keeps at most
    ``output_limit`` bytes of output in all (the grader never reads outputs: this only
    bounds the worker's memory against a notebook that prints without end)."""

    def __init__(self, *args: Any, output_limit: int, grading_index: int, stop_strays: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timed_out: list[int] = []
        self.output_limit = output_limit
        self.output_bytes = 0
        self.too_much_output: list[int] = []
        self.grading_index = grading_index
        self.stop_strays = stop_strays

    async def async_execute_cell(self, cell: Any, cell_index: int, *args: Any, **kwargs: Any) -> Any:
        if cell_index == self.grading_index and self.stop_strays:  # the reaping cell, then grading
            _stop_strays(keep=self.km.provisioner.process.pid if self.km.provisioner else None)
        return await super().async_execute_cell(cell, cell_index, *args, **kwargs)

    async def _async_handle_timeout(self, timeout: int, cell: Any = None) -> Any:
        if cell is not None:
            self.timed_out.append(id(cell))
        return await super()._async_handle_timeout(timeout, cell)

    def output(self, outs: list, msg: dict, display_id: str | None, cell_index: int) -> Any:
        content = msg.get("content", {})
        self.output_bytes += len(str(content.get("text", ""))) + len(json.dumps(content.get("data", {})))
        if self.output_bytes > self.output_limit and cell_index < self.grading_index:
            if cell_index not in self.too_much_output:
                self.too_much_output.append(cell_index)
            return None
        return super().output(outs, msg, display_id, cell_index)


def _stop_strays(keep: int | None) -> None:
    """Kill every process of the sandbox but the worker, the ones above it and the kernel,
    before the answers are evaluated: whatever the notebook left running (a fork bomb, a
    program in the background) could otherwise hold every process the sandbox may have.
    Only called inside the sandbox, whose PID namespace holds nothing else."""
    spared = {1, os.getpid(), keep}
    parent = os.getppid()
    while parent > 1:  # the worker's own ancestors inside the sandbox (bwrap, setpriv)
        spared.add(parent)
        try:
            parent = int(Path(f"/proc/{parent}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
    for _ in range(3):  # a fork bomb's children may fork while they are being killed
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and int(entry.name) not in spared:
                try:
                    os.kill(int(entry.name), signal.SIGKILL)
                except OSError:
                    pass


def _kernel_manager(spec_dir: Path, memory_mb: int) -> AsyncKernelManager:
    kernel_dir = spec_dir / "kernels" / _KERNEL_NAME
    kernel_dir.mkdir(parents=True)
    spec = {
        # The launcher runs as a file, not with "-m": "-m" would import the whole package first.
        "argv": [sys.executable, str(Path(__file__).with_name("_kernel.py")), "--memory-mb", str(memory_mb),
                 "-f", "{connection_file}"],
        "display_name": "raicourse grading",
        "language": "python",
    }
    (kernel_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    spec_manager = KernelSpecManager(kernel_dirs=[str(spec_dir / "kernels")])
    return AsyncKernelManager(kernel_name=_KERNEL_NAME, kernel_spec_manager=spec_manager)


def run_notebook(notebook_path: Path, exercise: str, timeout: int, memory_mb: int,
                 output_limit: int = 10 * 1024 * 1024, stop_strays: bool = False) -> dict[str, Any]:
    """Execute a notebook and evaluate its answers; return a JSON-friendly summary."""
    notebook = nbformat.read(notebook_path, as_version=4)
    learner_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    marker = f"RAICOURSE-GRADE-{secrets.token_hex(16)}:"
    grading_cell = nbformat.v4.new_code_cell(_GRADING_CELL.replace("{exercise}", exercise).replace("{marker}", marker))
    if stop_strays:
        notebook.cells.append(nbformat.v4.new_code_cell(_REAP_CELL))
    notebook.cells.append(grading_cell)
    summary: dict[str, Any] = {"status": "ok", "error": "", "cell_errors": [], "timeouts": [], "too_much_output": [],
                               "results": None}

    with tempfile.TemporaryDirectory(prefix="raicourse-kernelspec-") as spec_dir:
        client = _GradingClient(
            notebook,
            shutdown_kernel="immediate",
            km=_kernel_manager(Path(spec_dir), memory_mb),
            timeout=timeout,
            interrupt_on_timeout=True,
            allow_errors=True,
            record_timing=False,
            store_widget_state=False,
            resources={"metadata": {"path": str(notebook_path.parent)}},
            output_limit=output_limit,
            grading_index=len(notebook.cells) - (2 if stop_strays else 1),
            stop_strays=stop_strays,
        )
        try:
            client.execute()
        except DeadKernelError as error:
            summary.update(status="crashed", error=f"DeadKernelError: {str(error)[:200]}")
        except Exception as error:  # noqa: BLE001 - any failure of the run is reported, not raised
            summary.update(status="crashed", error=f"{type(error).__name__}: {str(error)[:200]}")

    indexes = {id(cell): index for index, cell in enumerate(notebook.cells)}
    for number, cell in enumerate(learner_cells, start=1):
        if indexes[id(cell)] in client.too_much_output:
            summary["too_much_output"].append(number)
        if id(cell) in client.timed_out:
            summary["timeouts"].append(number)
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                summary["cell_errors"].append(
                    {"cell": number, "ename": output.get("ename", ""), "evalue": str(output.get("evalue", ""))[:300]}
                )
    for output in grading_cell.get("outputs", []):
        text = output.get("text", "") if output.get("output_type") == "stream" else ""
        for line in text.splitlines():
            if line.startswith(marker):
                try:
                    summary["results"] = json.loads(line[len(marker):])
                except ValueError:
                    summary["results"] = None
    if summary["results"] is None and summary["status"] == "ok":
        summary.update(status="crashed", error="", reason="not_evaluated")
    return summary


def _protect_worker(max_processes: int) -> None:
    """Cap the processes of this worker's user (in the sandbox: of this notebook alone), and
    stop the kernel's processes from reading this one's memory or open files (/proc/PID/fd)."""
    if max_processes:
        resource.setrlimit(resource.RLIMIT_NPROC, (max_processes, max_processes))
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_DUMPABLE, 0)
    except (OSError, AttributeError):  # not Linux
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("learner_dir", type=Path, help="the learner's folder (only read)")
    parser.add_argument("notebook", help="the notebook's file name in that folder")
    parser.add_argument("--exercise", required=True)
    parser.add_argument("--timeout", type=int, required=True)
    parser.add_argument("--memory-mb", type=int, required=True)
    parser.add_argument("--max-processes", type=int, default=0, help="RLIMIT_NPROC (0: no cap)")
    parser.add_argument("--output-limit-mb", type=int, default=10)
    parser.add_argument("--sandboxed", action="store_true",
                        help="inside the sandbox: stop the notebook's stray processes before evaluating")
    args = parser.parse_args(argv)
    _protect_worker(args.max_processes)
    with tempfile.TemporaryDirectory(prefix="raicourse-grade-") as scratch:
        # Nest the copy a few levels deep, so that a notebook deleting ".." or "../.."
        # only deletes parts of the throw-away copy.
        copy = Path(scratch) / "work" / "submission" / "learner"
        try:
            shutil.copytree(args.learner_dir, copy, symlinks=True)
            summary = run_notebook(copy / args.notebook, args.exercise, args.timeout, args.memory_mb,
                                   args.output_limit_mb * 1024 * 1024, stop_strays=args.sandboxed)
        except OSError as error:  # e.g. a folder larger than the sandbox's disk
            summary = {"status": "crashed", "error": f"{type(error).__name__}: {str(error)[:200]}", "results": None}
    print(SUMMARY_PREFIX + json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
