"""Exercise notebooks in French, generated from the English notebook and its catalogue.

* Markdown cells are split into blocks (paragraphs, lists, headings: text between blank
  lines, fenced code kept whole); each block is one message.
* In code cells only the comments are translated (the code, identifiers and column names stay
  in English); each comment is one message.
* The French notebook is the English one with those texts replaced, plus one line in its
  first setup cell that imports the checks: ``set_language("fr")``, so the checks answer in
  French.

French notebooks are committed (Colab and Binder open files from the repository) in
``exercises/fr/``; :func:`french_notebook` regenerates one, and a test proves that
regenerating them changes nothing.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from raicourse.translations import Entry, book_catalogue_dir, read_catalogue, translated
from raicourse.translations.quizzes import IncompleteTranslation

__all__ = ["FRENCH_FOLDER", "catalogue_path", "french_notebook", "notebook_entries", "write_french_notebook"]

#: Folder of the French notebooks, inside ``exercises/``.
FRENCH_FOLDER = "fr"
#: The line added to the setup cell of a French notebook.
SET_LANGUAGE = 'from raicourse import set_language\n\nset_language("fr")  # les vérifications répondent en français\n'

_FENCE = re.compile(r"^\s*(```|~~~)")
# A comment: "# text" on its own line, or after code ("x = 1  # text"). Not inside a string:
# good enough for the course's notebooks, whose strings hold no "#".
_COMMENT = re.compile(r"^(?P<code>[^#\"']*?|.*?[\"'].*?[\"'][^#\"']*?)(?P<mark>#\s?)(?P<text>\S.*)$")


def catalogue_path(root: Path, stem: str) -> Path:
    """``locales/fr/LC_MESSAGES/exercises/<stem>.po``."""
    return book_catalogue_dir(root) / "exercises" / f"{stem}.po"


def _blocks(text: str) -> list[str]:
    """Split Markdown at blank lines, keeping fenced code blocks whole."""
    blocks, current, fenced = [], [], False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        if not line.strip() and not fenced:
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _comments(code: str):
    """Yield (line index, code before the comment, the '#' mark, the comment's text)."""
    for index, line in enumerate(code.split("\n")):
        match = _COMMENT.match(line)
        if match and not match.group("text").startswith("!"):
            yield index, match.group("code"), match.group("mark"), match.group("text")


def notebook_entries(path: Path, shown: str) -> list[Entry]:
    """The strings of an exercise notebook to translate, each naming the notebook and the cell."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    entries = []
    for number, cell in enumerate(notebook["cells"], start=1):
        where = f"{shown}, cell {number}"
        if cell["cell_type"] == "markdown":
            entries.extend(Entry(block, None, where) for block in _blocks(_source(cell)) if block.strip())
        elif cell["cell_type"] == "code":
            entries.extend(Entry(text, "code comment", where, comment="a comment in a code cell")
                           for _, _, _, text in _comments(_source(cell)))
    return entries


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def french_notebook(root: Path, path: Path) -> str:
    """The French notebook's text, generated from the English notebook at ``path``.

    Raises
    ------
    IncompleteTranslation
        When a string of the notebook has no current French; the message names the
        notebook, the cell and the start of the English.
    """
    stem = path.stem
    shown = f"exercises/{path.name}"
    catalog = read_catalogue(catalogue_path(root, stem))
    french = {(m.id, m.context): m.string for m in catalog if m.id and translated(m)}
    missing: list[str] = []

    def tr(english: str, context: str | None, where: str) -> str:
        value = french.get((english, context))
        if not value:
            missing.append(f"{where}: «{english[:50]}»")
            return english
        return value

    notebook = json.loads(path.read_text(encoding="utf-8"))
    result = copy.deepcopy(notebook)
    language_set = False
    for number, cell in enumerate(result["cells"], start=1):
        where = f"{shown}, cell {number}"
        text = _source(cell)
        if cell["cell_type"] == "markdown":
            # Each block is replaced where it stands: the blank lines between blocks stay as they are.
            out, rest = [], text
            for block in _blocks(text):
                start = rest.index(block)
                out.append(rest[:start])
                out.append(tr(block, None, where) if block.strip() else block)
                rest = rest[start + len(block):]
            out.append(rest)
            cell["source"] = _lines("".join(out))
        elif cell["cell_type"] == "code":
            lines = text.split("\n")
            for index, code, mark, comment in _comments(text):
                lines[index] = f"{code}{mark}{tr(comment, 'code comment', where)}"
            new = "\n".join(lines)
            tags = cell.get("metadata", {}).get("tags", [])
            if not language_set and "setup" in tags and "raicourse.checks" in new:
                new = SET_LANGUAGE + new
                language_set = True
            cell["source"] = _lines(new)
    if missing:
        raise IncompleteTranslation(
            f"{shown}: {len(missing)} strings have no current French in "
            f"{catalogue_path(root, stem).relative_to(root)}: " + "; ".join(missing[:3])
            + (" …" if len(missing) > 3 else "")
        )
    if not language_set:
        raise ValueError(f"{shown}: no setup cell imports raicourse.checks, so the French notebook cannot set the language")
    return json.dumps(result, indent=1, ensure_ascii=False) + "\n"


def french_path(root: Path, stem: str) -> Path:
    return root / "exercises" / FRENCH_FOLDER / f"{stem}.ipynb"


def write_french_notebook(root: Path, stem: str) -> bool:
    """(Re)write ``exercises/fr/<stem>.ipynb``; True when its content changed."""
    text = french_notebook(root, root / "exercises" / f"{stem}.ipynb")
    target = french_path(root, stem)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    target.write_text(text, encoding="utf-8")
    return True
