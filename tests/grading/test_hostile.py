"""Hostile submissions, graded in the sandbox (bubblewrap), two at a time.

Each learner hands in the solved fairness_metrics notebook with one extra cell at the end
that tries to cause harm: read a secret in the trainer's home, connect to a server on the
trainer's 127.0.0.1, write outside its folder, fork without end, fill the disk, sleep
forever, print 100 MB, replace the checkers. Each attempt must be reported in the gradebook,
change nothing outside the sandbox, and leave every learner's grades (their own and the
others') exactly as they are for the plain solved notebook.
"""

from __future__ import annotations

import csv
import hashlib
import os
import socket
import threading
import time
from pathlib import Path

import nbformat
import pytest

from raicourse import i18n
from raicourse.checks import fairness_metrics
from raicourse.grading import NOTEBOOK_ROW, grade_submissions, sandbox_problem

EXERCISE = Path(__file__).parents[2] / "exercises" / "fairness_metrics.ipynb"
CANARY_TEXT = "canary-7f3a9c: the trainer's secret"
# A sleeping program the fork-bomb learner starts in a session of its own: it must not outlive grading.
LEFTOVER_MARK = "4242.4242"

pytestmark = pytest.mark.skipif(
    sandbox_problem() is not None and not os.environ.get("CI"),
    reason=f"the grader's sandbox cannot run here: {sandbox_problem()}",
)


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", "en")


def solved_notebook(extra_cell: str | None) -> nbformat.NotebookNode:
    notebook = nbformat.read(EXERCISE, as_version=4)
    for cell in notebook.cells:
        for tag in cell.metadata.get("tags", []):
            if tag.startswith("answer:"):
                cell.source = getattr(fairness_metrics, tag.split(":", 1)[1]).solution_code
    if extra_cell is not None:
        notebook.cells.append(nbformat.v4.new_code_cell(extra_cell))
    return notebook


def digest(path: Path) -> dict[str, str]:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


class Listener:
    """A TCP server on the host's 127.0.0.1 that records every connection it accepts."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.accepted = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            try:
                connection, _ = self.server.accept()
            except OSError:
                continue
            self.accepted += 1
            connection.close()

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.server.close()


def hostile_cells(canary: Path, port: int, outside: Path, own_folder: Path) -> dict[str, str]:
    return {
        "canary": f"""
import os, pathlib
found = []
for path in [{str(canary)!r}, os.path.expanduser("~/canary.txt")]:
    try:
        found.append(pathlib.Path(path).read_text())
    except OSError:
        pass
print(found)
assert found, "no secret found"
""",
        "network": f"""
import socket
socket.create_connection(("127.0.0.1", {port}), timeout=3).sendall(b"hello")
""",
        "writer": f"""
import pathlib
for target in [{str(outside / "pwned.txt")!r}, {str(own_folder / "pwned.txt")!r}, "/usr/pwned.txt",
               "/submission/pwned.txt"]:
    try:
        pathlib.Path(target).write_text("pwned")
    except OSError as error:
        last = error
raise last
""",
        "forker": f"""
import os, subprocess, time
subprocess.Popen(["sleep", "{LEFTOVER_MARK}"], start_new_session=True)
children = 0
try:
    for _ in range(400):
        if os.fork() == 0:
            time.sleep(60)
            os._exit(0)
        children += 1
except OSError as error:
    raise RuntimeError(f"fork refused after {{children}} children") from error
""",
        "filler": """
chunk = b"x" * (1024 * 1024)
with open("big.bin", "wb") as stream:
    for _ in range(1024):
        stream.write(chunk)
""",
        "sleeper": "import time\ntime.sleep(10 ** 6)\n",
        "printer": "for _ in range(100):\n    print('x' * 1_000_000)\n",
        "patcher": """
import pathlib
import raicourse.checks, raicourse.checks.fairness_metrics as fm
raicourse.checks.evaluate_answers = lambda *args, **kwargs: []
pathlib.Path(fm.__file__).write_text("raise SystemExit")
""",
    }


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    home = root / "home"
    home.mkdir()
    canary = home / "canary.txt"
    canary.write_text(CANARY_TEXT, encoding="utf-8")
    outside = root / "outside"
    outside.mkdir()
    submissions = root / "submissions"
    listener = Listener()
    cells = hostile_cells(canary, listener.port, outside, submissions / "writer")
    for learner, cell in {"solved": None, **cells}.items():
        (submissions / learner).mkdir(parents=True)
        nbformat.write(solved_notebook(cell), submissions / learner / "fairness_metrics.ipynb")
    import raicourse.checks

    watched = [submissions, outside, home, Path(raicourse.checks.__file__).parent]
    before = {str(p): digest(p) for p in watched}
    old_home = os.environ.get("HOME")
    os.environ["HOME"] = str(home)  # the trainer's home, as the grader sees it
    try:
        started = time.monotonic()
        rows = grade_submissions(submissions, root / "graded", timeout=10, memory_mb=3072, language="en",
                                 jobs=2, disk_mb=64, max_processes=128)
        seconds = time.monotonic() - started
    finally:
        os.environ["HOME"] = old_home or ""
        listener.close()
    leftovers = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _cmdline(p).endswith(LEFTOVER_MARK)]
    return {"rows": rows, "out": root / "graded", "before": before, "after": {str(p): digest(p) for p in watched},
            "listener": listener, "outside": outside, "leftovers": leftovers, "seconds": seconds}


def _cmdline(process: Path) -> str:
    try:
        return (process / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def notes(graded, learner: str) -> list:
    return [row for row in graded["rows"] if row.learner == learner and row.question == NOTEBOOK_ROW]


def questions(graded, learner: str) -> list[tuple[str, str, str]]:
    return [(row.question, row.outcome, row.message) for row in graded["rows"]
            if row.learner == learner and row.question != NOTEBOOK_ROW]


def test_every_learner_is_graded_as_the_plain_solved_notebook(graded):
    reference = questions(graded, "solved")
    assert len(reference) == len(fairness_metrics.QUESTIONS)
    assert not {outcome for _, outcome, _ in reference} & {"incorrect", "not_attempted", "error"}
    assert notes(graded, "solved") == []
    for learner in ["canary", "network", "writer", "forker", "filler", "sleeper", "printer", "patcher"]:
        assert questions(graded, learner) == reference, learner


def test_nothing_outside_the_sandbox_changed(graded):
    assert graded["after"] == graded["before"]
    assert list(graded["outside"].iterdir()) == []


def test_the_trainers_home_is_invisible(graded):
    [note] = notes(graded, "canary")
    assert note.outcome == "cell_error" and "no secret found" in note.message
    for path in [graded["out"] / "gradebook.csv", *sorted((graded["out"] / "feedback").iterdir())]:
        assert CANARY_TEXT not in path.read_text(encoding="utf-8")


def test_no_connection_reaches_the_hosts_loopback(graded):
    [note] = notes(graded, "network")
    assert note.outcome == "cell_error" and "ConnectionRefusedError" in note.message
    assert graded["listener"].accepted == 0


def test_writing_outside_the_copy_fails(graded):
    [note] = notes(graded, "writer")
    assert note.outcome == "cell_error"
    assert any(name in note.message for name in ("OSError", "PermissionError", "FileNotFoundError"))


def test_forking_without_end_is_capped_and_leaves_nothing_running(graded):
    [note] = notes(graded, "forker")
    assert note.outcome == "cell_error" and "fork refused after" in note.message
    assert int(note.message.split("fork refused after ")[1].split()[0]) < 128
    assert graded["leftovers"] == []


def test_filling_the_disk_stops_at_the_sandboxs_size(graded):
    [note] = notes(graded, "filler")
    assert note.outcome == "cell_error" and "No space left on device" in note.message


def test_sleeping_forever_is_stopped(graded):
    assert [row.outcome for row in notes(graded, "sleeper")] == ["timeout"]


def test_printing_100_mb_is_cut(graded):
    assert [row.outcome for row in notes(graded, "printer")] == ["too_much_output"]


def test_replacing_the_checkers_fails_and_gains_nothing(graded):
    [note] = notes(graded, "patcher")
    assert note.outcome == "cell_error"
    assert any(name in note.message for name in ("OSError", "PermissionError"))


def test_the_gradebook_says_the_sandbox_was_used(graded):
    with (graded["out"] / "gradebook.csv").open(encoding="utf-8-sig") as stream:
        assert {row["mode"] for row in csv.DictReader(stream)} == {"sandbox"}
