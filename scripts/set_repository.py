#!/usr/bin/env python3
"""Propagate the course's repository (set once, in ``_config.yml``) to every file derived from it.

Usage::

    .venv/bin/python scripts/set_repository.py          # rewrite what is out of date
    .venv/bin/python scripts/set_repository.py --check  # only say what is out of date (exit 1)

It rewrites:

* the setup cell (the first code cell, tagged ``setup``) of every ``exercises/*.ipynb``: on
  Colab it installs the course package from the repository at the release tag
  (``git+<url>.git@v<version>``), in JupyterLite from the wheel shipped with the lite site,
  and elsewhere it does nothing; outputs stay stripped and cell ids unchanged;
* ``CITATION.cff``: ``repository-code``, ``url`` (the GitHub Pages address) and ``version``;
* ``pyproject.toml``'s ``[project.urls]``, if the table exists;
* the block between ``<!-- repository-links:start -->`` and ``<!-- repository-links:end -->``
  in ``README.md``, if the markers exist.

The links in the book are computed at build time from ``_config.yml`` and need no rewrite.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from raicourse import __version__  # noqa: E402 - after the path to the checkout's package
from raicourse.launch import (  # noqa: E402
    LaunchSettings,
    binder_home_url,
    load_launch_settings,
    package_source,
    release_tag,
)

#: The setup cell of every exercise notebook. It is code, not learner prose, so it is a
#: template here; the one value that changes is filled in from _config.yml.
SETUP_CELL = '''\
# Installs the course package where it is missing (Google Colab, JupyterLite in the browser).
# Everywhere else (Binder, a JupyterHub, your own computer) this cell does nothing.
import importlib.util
import sys

COURSE_PACKAGE_SOURCE = "{source}"  # set by scripts/set_repository.py from _config.yml

if importlib.util.find_spec("raicourse") is None:
    if "pyodide" in sys.modules:  # JupyterLite: the course's wheel comes with the in-browser site
        import piplite

        await piplite.install("raicourse")
    elif "google.colab" in sys.modules:
        import subprocess

        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", COURSE_PACKAGE_SOURCE], check=True)'''

README_START = "<!-- repository-links:start -->"
README_END = "<!-- repository-links:end -->"


def pages_url(settings: LaunchSettings) -> str:
    """Return the GitHub Pages address where the workflow publishes the book."""
    return f"https://{settings.owner.lower()}.github.io/{settings.repo}/"


def setup_cell_source(settings: LaunchSettings) -> str:
    """Return the setup cell's source for these settings."""
    return SETUP_CELL.format(source=package_source(settings))


def setup_cell_index(notebook: nbformat.NotebookNode) -> int:
    """Return the index of a notebook's setup cell: the first code cell, which must be tagged ``setup``."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            if "setup" not in cell.get("metadata", {}).get("tags", []):
                raise ValueError("the first code cell is not tagged 'setup'")
            return index
    raise ValueError("the notebook has no code cell")


def updated_notebook(path: Path, settings: LaunchSettings) -> str | None:
    """Return the notebook's new text if its setup cell is out of date, else None."""
    original = path.read_text(encoding="utf-8")
    notebook = nbformat.reads(original, as_version=4)
    try:
        index = setup_cell_index(notebook)
    except ValueError as error:
        raise SystemExit(f"{path.relative_to(REPO)}: {error}") from None
    cell = notebook.cells[index]
    wanted = setup_cell_source(settings)
    if cell.source == wanted and not cell.get("outputs") and cell.get("execution_count") is None:
        return None
    cell.source = wanted
    cell.outputs = []
    cell.execution_count = None
    # nbformat.writes keeps every cell's id; the same indentation as jupyter's own files.
    return nbformat.writes(notebook) + "\n"


def updated_citation(text: str, settings: LaunchSettings) -> str:
    """Return CITATION.cff with the repository, the site's address and the version set."""
    fields = {"repository-code": settings.clone_url, "url": pages_url(settings), "version": __version__}
    for key, value in fields.items():
        line = f'{key}: "{value}"' if key != "version" else f"{key}: {value}"
        pattern = re.compile(rf"^{re.escape(key)}:.*$", re.M)
        if pattern.search(text):
            text = pattern.sub(line, text, count=1)
        else:
            # New keys go after the authors' block, before "version:" (CFF ignores order).
            text = re.sub(r"^(version:)", f"{line}\n\\1", text, count=1, flags=re.M)
    return text


def updated_pyproject(text: str, settings: LaunchSettings) -> str:
    """Return pyproject.toml with ``[project.urls]`` pointing at the repository (when the table exists)."""
    match = re.search(r"^\[project\.urls\]\n(?P<body>(?:[^\[\n].*\n|\n)*)", text, re.M)
    if not match:
        return text
    values = {
        "Homepage": pages_url(settings),
        "Repository": settings.clone_url,
        "Issues": f"{settings.clone_url}/issues",
    }
    body = "".join(f'{key} = "{value}"\n' for key, value in values.items()) + "\n"
    return text[: match.start("body")] + body + text[match.end("body"):].lstrip("\n")


def readme_block(settings: LaunchSettings) -> str:
    """Return the README's block of repository links (between the markers)."""
    return "\n".join(
        [
            README_START,
            f"- Source: <{settings.clone_url}> (release `{release_tag(__version__)}` matches this version of the book)",
            f"- The published book: <{pages_url(settings)}>",
            f"- Run the exercises on Binder: <{binder_home_url(settings)}>",
            README_END,
        ]
    )


def updated_readme(text: str, settings: LaunchSettings) -> str:
    """Return README.md with its repository-links block regenerated (when the markers exist)."""
    pattern = re.compile(re.escape(README_START) + r".*?" + re.escape(README_END), re.S)
    return pattern.sub(lambda _: readme_block(settings), text)


def planned_changes(root: Path = REPO) -> dict[Path, str]:
    """Return ``{file: new text}`` for every derived file that does not match ``_config.yml``."""
    settings = load_launch_settings(root)
    changes: dict[Path, str] = {}
    for path in sorted((root / "exercises").glob("*.ipynb")):
        new = updated_notebook(path, settings)
        if new is not None:
            changes[path] = new
    for name, update in (("CITATION.cff", updated_citation), ("pyproject.toml", updated_pyproject),
                         ("README.md", updated_readme)):
        path = root / name
        if path.exists():
            text = path.read_text(encoding="utf-8")
            new = update(text, settings)
            if new != text:
                changes[path] = new
    return changes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is out of date")
    arguments = parser.parse_args(argv)
    changes = planned_changes(REPO)
    for path, text in changes.items():
        relative = path.relative_to(REPO)
        if arguments.check:
            print(f"out of date: {relative}")
        else:
            path.write_text(text, encoding="utf-8")
            print(f"updated: {relative}")
    if arguments.check and changes:
        print("Run: .venv/bin/python scripts/set_repository.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
