"""The book's pages in French: extracting their strings, and the French edition's configuration.

* :func:`extract` runs Sphinx's gettext builder on the English book's instructor edition (no
  notebook is executed: code and outputs are not translated) and returns each page's strings with
  their source line, the trainers' blocks and the "For trainers" pages included; the strings shown
  to trainers only are marked (``Entry.trainers``).
* :func:`site_entries` lists what Sphinx does not translate from a page: the table of
  contents' captions (sphinx-external-toc adds them after translations are applied), every
  page's title (the "not yet translated" pages and links to them use it) and the strings of
  ``_config.yml`` (title, author, footer, search box).
* :func:`write_french_config` writes the French edition's ``_config.yml`` and ``_toc.yml``
  (published pages only) into its own build folder; the French instructor edition uses the same
  configuration with ``_toc_instructor.yml`` (pages whose trainers' material is published too).
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from babel.messages.pofile import read_po

from raicourse.translations import (LANGUAGE, LOCALE_DIR, Entry, book_catalogue_dir, published_pages, published_trainer_pages,
                                    read_catalogue, translated)

__all__ = ["FRENCH_BUILD", "GETTEXT_BUILD", "extract", "french_strings", "site_entries", "write_french_config"]

#: Build folders (relative to the book's root), each with its own Sphinx environment and cache.
GETTEXT_BUILD = "_build/gettext-instructor"
#: Beside each page's ``.pot``: the strings shown to trainers only (written by :mod:`.sphinx`).
TRAINERS_SUFFIX = ".trainers.json"
FRENCH_BUILD = "_build/fr"
#: Catalogue of the strings that live outside the pages (captions, titles, config).
SITE_CATALOGUE = "site.po"

_CAPTION = "toc caption"
_TITLE = "page title"
_CONFIG = "config"


def _config(root: Path) -> dict:
    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))


def _toc(root: Path) -> dict:
    return yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))


def toc_docnames(root: Path, trainers: bool = False) -> list[str]:
    """Every page of the English table of contents, root first, as docnames; with ``trainers``,
    the "For trainers" pages that the instructor edition adds at the end."""
    toc = _toc(root)
    names = [toc["root"]]
    for part in toc.get("parts") or []:
        names.extend(chapter["file"] for chapter in part.get("chapters") or [])
    names = [name.removesuffix(".md") for name in names]
    if trainers:
        names += trainer_part(root)[1]
    return names


def trainer_part(root: Path) -> tuple[str | None, list[str]]:
    """The caption and pages of the instructor edition's "For trainers" part (none in a book without it)."""
    from raicourse.instructor import INSTRUCTOR_PART_FILE, instructor_pages

    if not (root / INSTRUCTOR_PART_FILE).exists():
        return None, []
    return instructor_pages(root)


def has_trainer_blocks(root: Path, docname: str) -> bool:
    """True when a page holds trainers' blocks (``:class: instructor``) or is a "For trainers" page."""
    from raicourse.lessons import _INSTRUCTOR_BLOCK

    if docname in trainer_part(root)[1]:
        return True
    path = root / f"{docname}.md"
    return path.exists() and _INSTRUCTOR_BLOCK.search(path.read_text(encoding="utf-8")) is not None


def trainer_edition_pages(root: Path) -> list[str]:
    """The pages of the French instructor edition: a published page without trainers' material,
    or one whose trainers' material is published in French too (``trainers:``). Any other page
    is a « pas encore traduite » page there: no French page shows English trainers' text."""
    trainers = set(published_trainer_pages(root))
    return [docname for docname in published_pages(root) + [p for p in trainer_part(root)[1] if p in trainers]
            if docname in trainers or not has_trainer_blocks(root, docname)]


def page_title(root: Path, docname: str) -> str:
    """The English title of a page: its first ``# `` heading."""
    for line in (root / f"{docname}.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return docname.rsplit("/", 1)[-1]


def _footer(config: dict) -> str:
    return " ".join((config.get("html") or {}).get("extra_footer", "").split())


def site_entries(root: Path) -> list[Entry]:
    """The strings of ``site.po``: captions, page titles, the book's title, footer and search text."""
    config = _config(root)
    entries = [Entry(config["title"], _CONFIG, "_config.yml: title")]
    if config.get("author"):
        entries.append(Entry(config["author"], _CONFIG, "_config.yml: author"))
    footer = _footer(config)
    if footer:
        entries.append(Entry(footer, _CONFIG, "_config.yml: html.extra_footer"))
    search = ((config.get("sphinx") or {}).get("config") or {}).get("html_theme_options", {}).get("search_bar_text")
    if search:
        entries.append(Entry(search, _CONFIG, "_config.yml: search_bar_text"))
    for part in _toc(root).get("parts") or []:
        if part.get("caption"):  # a part without caption would give an empty msgid
            entries.append(Entry(part["caption"], _CAPTION, "_toc.yml"))
    caption, trainer_pages = trainer_part(root)
    if caption:
        entries.append(Entry(caption, _CAPTION, "book/instructor/_toc_part.yml", trainers=True))
    for docname in toc_docnames(root, trainers=True):
        entries.append(Entry(page_title(root, docname), f"{_TITLE} {docname}", f"{docname}.md: title",
                             trainers=docname in trainer_pages))
    return entries


def french_strings(root: Path) -> dict[tuple[str, str | None], str]:
    """The current French strings of ``site.po`` by (English, context); fuzzy ones left out."""
    catalog = read_catalogue(book_catalogue_dir(root) / SITE_CATALOGUE)
    return {(m.id, m.context): m.string for m in catalog if m.id and translated(m)}


def french_titles(root: Path) -> dict[str, str]:
    """French title of every page of the table of contents (English when not yet translated)."""
    strings = french_strings(root)
    return {
        docname: strings.get((page_title(root, docname), f"{_TITLE} {docname}"), page_title(root, docname))
        for docname in toc_docnames(root, trainers=True)
    }


#: Context of a "going further" block's title in a page's catalogue (the directive's argument:
#: Sphinx's gettext builder does not see it, as the build writes the title from it).
GOING_FURTHER = "going-further title"
_GOING_FURTHER = re.compile(r"^[ \t]*(?::{3,}|`{3,})\{going-further\}[ \t]+(\S.*?)\s*$", re.M)


def directive_titles(root: Path, docname: str) -> list[Entry]:
    """The titles of a page's ``{going-further}`` blocks, with their lines."""
    text = (root / f"{docname}.md").read_text(encoding="utf-8")
    return [Entry(match.group(1), GOING_FURTHER, f"{docname}.md:{text.count(chr(10), 0, match.start()) + 1}")
            for match in _GOING_FURTHER.finditer(text)]


def french_directive_title(root: Path, docname: str, title: str) -> str | None:
    """The current French of a ``{going-further}`` title (None when there is none)."""
    catalog = read_catalogue(book_catalogue_dir(root) / f"{docname}.po")
    message = catalog.get(title, context=GOING_FURTHER)
    return message.string if message is not None and translated(message) else None


def _gettext_config(root: Path) -> dict:
    config = copy.deepcopy(_config(root))
    config["execute"]["execute_notebooks"] = "off"  # code and outputs are not translated
    sphinx = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx.update({
        "gettext_compact": False,
        "gettext_uuid": False,
        "gettext_location": True,  # read by the gate to name the line; not written into the .po files
        "gettext_additional_targets": [],
        # Unexecuted cells have no kernel language: nothing to highlight, nothing to warn about.
        "suppress_warnings": ["mystnb.lexer", "myst-nb.lexer"],
    })
    return config


def extract(root: Path) -> dict[str, list[Entry]]:
    """Each page's strings (docname → entries), from Sphinx's gettext builder.

    Extracts the instructor edition (every learner string, plus the trainers' blocks and the
    "For trainers" pages), into ``_build/gettext-instructor`` (its own environment: the doctrees
    of the HTML builds would clash). Incremental: a second run after a small edit takes a few
    seconds. A string shown to trainers only is marked ``trainers=True``.
    """
    import fcntl

    lock = root / "_build" / "gettext.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # one extraction at a time: they share the build folder
        return _extract(root)


def _extract(root: Path) -> dict[str, list[Entry]]:
    from raicourse.editions import EDITION_ENV

    out = root / GETTEXT_BUILD
    out.mkdir(parents=True, exist_ok=True)
    config_path = out / "_config.yml"
    text = yaml.safe_dump(_gettext_config(root), allow_unicode=True, sort_keys=False)
    if not config_path.exists() or config_path.read_text(encoding="utf-8") != text:
        config_path.write_text(text, encoding="utf-8")
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(root), "--config", str(config_path),
               "--builder", "custom", "--custom-builder", "gettext", "--path-output", str(out), "-W", "-n", "--keep-going"]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, env={**os.environ, "RAICOURSE_LANG": "en", EDITION_ENV: "instructor"})
    if result.returncode != 0:
        raise RuntimeError("extracting the book's strings failed:\n" + result.stdout[-3000:] + result.stderr[-3000:])
    pages: dict[str, list[Entry]] = {}
    pot_root = out / "_build" / "gettext"
    caption, trainer_pages = trainer_part(root)
    trainer_pages = set(trainer_pages)
    for docname in toc_docnames(root, trainers=True):
        pot = pot_root / f"{docname}.pot"
        sidecar = pot_root / f"{docname}{TRAINERS_SUFFIX}"
        for_trainers = set(json.loads(sidecar.read_text(encoding="utf-8"))) if sidecar.exists() else set()
        if caption:
            for_trainers.add(caption)  # the root page's toctree lists the "For trainers" part too
        entries: list[Entry] = []
        if pot.exists():
            with pot.open("rb") as handle:
                catalog = read_po(handle)
            for message in catalog:
                if not message.id:
                    continue
                line = next((number for _, number in message.locations if number), None)
                where = f"{docname}.md:{line}" if line else f"{docname}.md"
                entries.append(_entry(message.id, message.context, where,
                                      docname in trainer_pages or message.id in for_trainers))
        entries += [_entry(e.msgid, e.context, e.where, docname in trainer_pages or e.msgid in for_trainers)
                    for e in directive_titles(root, docname)]
        pages[docname] = entries
    return pages


def _entry(msgid: str, context: str | None, where: str, trainers: bool) -> Entry:
    return Entry(msgid, context, where, comment="for trainers (instructor edition)" if trainers else "", trainers=trainers)


def _french_toc(root: Path, published: list[str]) -> dict:
    toc = copy.deepcopy(_toc(root))
    strings = french_strings(root)
    if toc["root"] not in published:
        raise ValueError(f"the root page {toc['root']} must be published in French first (locales/fr/published.yaml)")
    parts = []
    for part in toc.get("parts") or []:
        chapters = [chapter for chapter in part.get("chapters") or [] if chapter["file"].removesuffix(".md") in published]
        if not chapters:
            continue
        caption = part.get("caption")
        if caption:
            french = strings.get((caption, _CAPTION))
            if not french:
                raise ValueError(f"locales/fr/LC_MESSAGES/{SITE_CATALOGUE}: the caption {caption!r} has no current French")
            part = {**part, "caption": french}
        parts.append({**part, "chapters": chapters})
    toc["parts"] = parts
    return toc


def french_config(root: Path) -> dict:
    """The French edition's configuration: ``_config.yml`` with the French language and strings."""
    config = copy.deepcopy(_config(root))
    strings = french_strings(root)

    def french(english: str) -> str:
        value = strings.get((english, _CONFIG))
        if not value:
            raise ValueError(f"locales/fr/LC_MESSAGES/{SITE_CATALOGUE}: {english[:60]!r} has no current French")
        return value

    config["title"] = french(config["title"])
    if config.get("author"):
        config["author"] = french(config["author"])
    config["language"] = LANGUAGE
    html = config.setdefault("html", {})
    if html.get("extra_footer"):
        html["extra_footer"] = french(_footer(config))
    sphinx = config.setdefault("sphinx", {}).setdefault("config", {})
    options = sphinx.setdefault("html_theme_options", {})
    if options.get("search_bar_text"):
        options["search_bar_text"] = french(options["search_bar_text"])
    sphinx.update({
        "language": LANGUAGE,
        "locale_dirs": [LOCALE_DIR],
        "gettext_compact": False,
        # Paragraphs that fell back to English are marked in the HTML (a test looks for them).
        "translation_progress_classes": True,
    })
    return config


def write_french_config(root: Path) -> tuple[Path, Path, Path]:
    """Write the French edition's ``_config.yml``, ``_toc.yml`` and (for the French instructor
    edition) ``_toc_instructor.yml`` into ``_build/fr``; return their paths."""
    out = root / FRENCH_BUILD
    out.mkdir(parents=True, exist_ok=True)
    paths = out / "_config.yml", out / "_toc.yml", out / "_toc_instructor.yml"
    tocs = _french_toc(root, published_pages(root)), _french_toc(root, trainer_edition_pages(root))
    for path, data in zip(paths, (french_config(root), *tocs)):
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return paths


def word_ratio(root: Path, docname: str) -> float:
    """French words per English word on a page, from its catalogue's current translations.

    The French edition's reading time is the English page's core words times this ratio, read at
    the French rate (:data:`raicourse.lessons.WORDS_PER_MINUTE`): computed from the French text,
    with the English page deciding what is core prose and what is optional.
    """
    from raicourse.readability.prose import words

    catalog = read_catalogue(book_catalogue_dir(root) / f"{docname}.po")
    english = french = 0
    for message in catalog:
        if message.id and translated(message):
            english += words(message.id)
            french += words(message.string)
    return french / english if english else 1.0


def page_translations(root: Path, docname: str) -> dict[str, str]:
    """A page's current French strings by their English (fuzzy and empty ones left out): for
    text the build assembles from a page's own paragraphs (handouts, role cards)."""
    catalog = read_catalogue(book_catalogue_dir(root) / f"{docname}.po")
    return {message.id: message.string for message in catalog if message.id and translated(message)}
