"""Size of the Binder environment, installed in a fresh venv (called by ``make bench``).

Before issue 18, ``binder/requirements.txt`` was a copy of the CI lock
(``requirements/constraints.txt``: the course, the book toolchain and the test toolchain).
Since, it holds only the course's runtime dependencies and JupyterLab (``make lock``). Each is
installed as repo2docker does (``pip install -r``, then the course package with ``--no-deps``,
as ``binder/postBuild``) into a new venv, whose size on disk is reported.

Run alone: ``.venv/bin/python benchmarks/binder_size.py`` (a few minutes; pip's cache helps).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LOCKS = {
    "before (full CI lock)": REPO / "requirements" / "constraints.txt",
    "after (binder/requirements.txt)": REPO / "binder" / "requirements.txt",
}


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def installed_size(requirements: Path) -> tuple[int, int]:
    """Bytes on disk of a fresh venv with ``requirements`` and the course package; packages."""
    with tempfile.TemporaryDirectory(prefix="raicourse-binder-") as folder:
        venv = Path(folder) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / "bin" / "python"
        empty = folder_size(venv)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "-r", str(requirements)], check=True, capture_output=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(REPO)],
                       check=True, capture_output=True)
        count = len(subprocess.run([str(python), "-m", "pip", "list", "--format=freeze"], check=True,
                                   capture_output=True, text=True).stdout.split())
        return folder_size(venv) - empty, count


def report() -> str:
    lines = []
    for label, path in LOCKS.items():
        size, count = installed_size(path)
        lines.append(f"{label:32s} {size / 1e6:8.0f} MB  {count:4d} packages")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
