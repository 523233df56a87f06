"""Build one page of the course on its own, fast, to check it while writing.

    .venv/bin/python scripts/preview_lesson.py book/ethics/privacy.md [--serve]

Builds a throw-away book of the given lesson (and the glossary it links to), with the course's real
configuration (same extensions, same -W -n strictness, every .bib under book/), into
``_build/preview/<stem>/_build/html``. The real book is untouched.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def preview(lesson: Path) -> Path:
    lesson = lesson.resolve()
    relative = lesson.relative_to(REPO)
    root = REPO / "_build" / "preview" / lesson.stem
    if root.exists():
        for child in root.iterdir():
            if child.name != "_build":
                shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "_config.yml", root / "_config.yml")
    (root / "book").mkdir()
    (root / "book" / "static").symlink_to(REPO / "book" / "static")
    for bib in REPO.glob("book/**/*.bib"):
        target = root / bib.relative_to(REPO)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(bib, target)
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(lesson, target)
    # A lesson with an exercise links to its notebook ({launch-links}): bring the notebook.
    exercise = REPO / "exercises" / f"{lesson.stem}.ipynb"
    if exercise.is_file():
        (root / "exercises").mkdir()
        shutil.copy(exercise, root / "exercises" / exercise.name)
    # Lessons link their terms to the glossary: build it alongside.
    shutil.copy(REPO / "book" / "glossary.md", root / "book" / "glossary.md")
    toc = f"format: jb-book\nroot: {relative.with_suffix('').as_posix()}\nchapters:\n  - file: book/glossary\n"
    (root / "_toc.yml").write_text(toc, encoding="utf-8")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run([str(jupyter_book), "build", str(root), "-W", "-n", "--keep-going"])
    if result.returncode != 0:
        sys.exit(result.returncode)
    return root / "_build" / "html"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lesson", type=Path)
    parser.add_argument("--serve", action="store_true", help="serve it on http://127.0.0.1:8000")
    args = parser.parse_args()
    html_dir = preview(args.lesson)
    page = args.lesson.resolve().relative_to(REPO).with_suffix(".html").as_posix()
    print(f"Built: {html_dir / page}")
    if args.serve:
        print(f"Serving on http://127.0.0.1:8000/{page}")
        subprocess.run([sys.executable, "-m", "http.server", "8000", "--bind", "127.0.0.1", "--directory", str(html_dir)])


if __name__ == "__main__":
    main()
