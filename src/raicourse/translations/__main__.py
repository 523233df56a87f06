"""``python -m raicourse.translations COMMAND``: the French edition's catalogues.

Commands
--------
update   refresh every catalogue from the English sources (``make translations``): changed
         strings become fuzzy, new ones empty; regenerate the French notebooks of published pages.
check    the drift gate: list what keeps the French edition from being complete and in sync
         (exit 1 when something does).
stats    translated / fuzzy / untranslated strings per catalogue.
confirm  record that the French of package messages matches their English (KEY... or --all).
config   write the French edition's _config.yml and _toc.yml into _build/fr (``make book-fr``).
"""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path

from raicourse.translations import book_catalogue_dir, published_pages, read_catalogue, statistics, template, update_catalogue


def _catalogues(root: Path):
    """Every catalogue with its English entries: (po path, entries)."""
    from raicourse.quiz.loader import bank_stems, banks_folder
    from raicourse.translations import book, gate, notebooks, quizzes

    pages = book.extract(root)
    locale = book_catalogue_dir(root)
    for docname, entries in pages.items():
        yield locale / f"{docname}.po", entries
    yield locale / book.SITE_CATALOGUE, book.site_entries(root)
    if not is_course_repository(root):
        return  # a test's small book: the package's quiz catalogues are not its own
    for stem in bank_stems():
        yield quizzes.catalogue_path(stem), gate.quiz_entries(stem, banks_folder() / f"{stem}.yaml")
    for path in sorted((root / "exercises").glob("*.ipynb")):
        yield notebooks.catalogue_path(root, path.stem), notebooks.notebook_entries(path, f"exercises/{path.name}")
    from raicourse.rubrics import rubric_stems
    from raicourse.translations import rubrics

    for stem in rubric_stems():
        yield rubrics.catalogue_path(stem), gate.rubric_entries(stem)
    yield rubrics.catalogue_path("competencies"), gate.competency_entries()


def is_course_repository(root: Path) -> bool:
    """True for the course's own checkout (where the installed package's sources live)."""
    from raicourse.translations import package_catalogue_dir

    return package_catalogue_dir().is_relative_to(root.resolve())


def _shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


@contextmanager
def _locked(root: Path):
    """One extraction at a time (two Sphinx builds in _build/gettext would clash)."""
    import fcntl

    lock = root / "_build" / "translations.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def update(root: Path, only: list[str] | None = None) -> int:
    from raicourse.translations import notebooks
    from raicourse.translations.quizzes import IncompleteTranslation

    with _locked(root):
        return _update(root, only)


def _update(root: Path, only: list[str] | None) -> int:
    from raicourse.translations import notebooks
    from raicourse.translations.quizzes import IncompleteTranslation

    totals = [0, 0, 0]
    for po, entries in _catalogues(root):
        if only and not any(part in str(po) for part in only):
            continue
        counts = update_catalogue(po, template(entries, po.stem))
        totals = [a + b for a, b in zip(totals, counts)]
    for docname in published_pages(root):
        stem = docname.rsplit("/", 1)[-1]
        if (root / "exercises" / f"{stem}.ipynb").exists():
            try:
                if notebooks.write_french_notebook(root, stem):
                    print(f"wrote exercises/{notebooks.FRENCH_FOLDER}/{stem}.ipynb")
            except IncompleteTranslation as error:
                print(f"not regenerated: {error}")
    print(f"catalogues updated: {totals[0]} translated, {totals[1]} fuzzy, {totals[2]} untranslated "
          "(`python -m raicourse.translations check` lists what the French edition still needs)")
    return 0


def stats(root: Path) -> int:
    from raicourse.translations import package_catalogue_dir

    rows = []
    for folder in (book_catalogue_dir(root), package_catalogue_dir()):
        for po in sorted(folder.rglob("*.po")):
            rows.append((_shown(po, root), *statistics(read_catalogue(po))))
    width = max(len(row[0]) for row in rows) if rows else 10
    print(f"{'catalogue':<{width}}  translated  fuzzy  untranslated")
    for name, done, fuzzy, empty in rows:
        print(f"{name:<{width}}  {done:>10}  {fuzzy:>5}  {empty:>12}")
    done, fuzzy, empty = (sum(row[i] for row in rows) for i in (1, 2, 3))
    print(f"{'total':<{width}}  {done:>10}  {fuzzy:>5}  {empty:>12}")
    return 0


def check(root: Path, only: list[str] | None = None, trainers: bool = False) -> int:
    from raicourse.translations.gate import problems

    found = problems(root, only=only, trainers=trainers)
    for problem in found:
        print(problem)
    pages = len(only or published_pages(root))
    print(f"{len(found)} problems on the {pages} pages published in French" if found
          else f"The French edition is complete and in sync ({pages} pages).")
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m raicourse.translations", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("update", "check", "stats", "confirm", "config"))
    parser.add_argument("keys", nargs="*", help="confirm: the package messages to confirm")
    parser.add_argument("--all", action="store_true", help="confirm: every package message that has French")
    parser.add_argument("--only", action="append", help="update: only catalogues whose path contains this text (repeatable)")
    parser.add_argument("--page", action="append", help="check: this page (docname, e.g. book/innovation/what_is_ai) "
                        "as if it were published, with its quiz and notebook (repeatable)")
    parser.add_argument("--trainers", action="store_true", help="check --page: the page's trainers' blocks too "
                        "(the \"For trainers\" pages always)")
    parser.add_argument("--root", type=Path, default=Path("."), help="the book's root (default: here)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "update":
        return update(root, args.only)
    if args.command == "stats":
        return stats(root)
    if args.command == "check":
        return check(root, args.page, args.trainers)
    if args.command == "config":
        from raicourse.translations.book import write_french_config

        for path in write_french_config(root):
            print(path.relative_to(root))
        return 0
    from raicourse.translations.package import confirm

    if not args.keys and not args.all:
        parser.error("confirm needs KEY... or --all")
    print(f"{confirm(None if args.all else args.keys)} messages confirmed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
