"""The French edition: gettext catalogues for every learner-visible text, and the drift gate.

One source, two languages. The English sources stay the source; French reaches each kind of
text through a gettext ``.po`` catalogue, the format that Poedit and Weblate read:

=========================  ======================================================  ==========================
English source             French catalogue                                        made by
=========================  ======================================================  ==========================
book pages (MyST)          ``locales/fr/LC_MESSAGES/book/<page>.po``               Sphinx's gettext builder
table of contents, titles  ``locales/fr/LC_MESSAGES/site.po``                      :mod:`.book`
exercise notebooks         ``locales/fr/LC_MESSAGES/exercises/<stem>.po``          :mod:`.notebooks`
quiz banks                 ``src/raicourse/locales/fr/quiz/<stem>.po``             :mod:`.quizzes`
theme labels               ``locales/fr/LC_MESSAGES/{sphinx,booktheme}.po``        kept by hand (overrides)
package messages (YAML)    ``fr:`` beside each ``en:`` in ``src/raicourse/locales``  :mod:`.package`
=========================  ======================================================  ==========================

Quiz catalogues live in the package because a quiz also runs in a live notebook, where only
the installed package is available.

Which pages are published in French is one list, ``locales/fr/published.yaml``. A published
page carries its quiz bank and its exercise notebook (same stem) with it. Its ``trainers:`` list
names the pages whose trainers' material is published in French too (the trainers' blocks of a
lesson, the "For trainers" pages): the French instructor edition shows only those. The drift gate
(:func:`raicourse.translations.gate.problems`, run by ``tests/translations``) fails when any
English string of a published page, bank or notebook has no current French string (new,
changed or fuzzy), and names the file and the paragraph or question.

``make translations`` (``python -m raicourse.translations update``) refreshes every catalogue
after an English edit: changed strings become fuzzy (the old French is kept, with the old
English as ``#|`` comments), new ones are empty. It never marks anything as translated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

__all__ = [
    "LANGUAGE",
    "Entry",
    "IncompleteTranslation",
    "apply_catalogue",
    "book_catalogue_dir",
    "published_pages",
    "published_trainer_pages",
    "read_catalogue",
    "translated",
    "update_catalogue",
]

#: The one translation language of the course today.
LANGUAGE = "fr"
#: Folder of the book's catalogues, relative to the book's root (Sphinx's ``locale_dirs``).
LOCALE_DIR = "locales"


def book_catalogue_dir(root: Path) -> Path:
    """``locales/fr/LC_MESSAGES`` under the book's root."""
    return root / LOCALE_DIR / LANGUAGE / "LC_MESSAGES"


def package_catalogue_dir() -> Path:
    """``raicourse/locales/fr`` in the package (quiz catalogues)."""
    from importlib import resources

    return Path(str(resources.files("raicourse") / "locales" / LANGUAGE))


def _published(root: Path) -> dict:
    path = root / LOCALE_DIR / LANGUAGE / "published.yaml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def published_pages(root: Path) -> list[str]:
    """The pages published in French (docnames such as ``book/intro``), in the file's order."""
    return list(_published(root).get("pages") or [])


def published_trainer_pages(root: Path) -> list[str]:
    """The pages whose trainers' material is published in French: lessons whose trainers' blocks
    are translated, and the "For trainers" pages (``trainers:`` in ``published.yaml``)."""
    return list(_published(root).get("trainers") or [])


@dataclass(frozen=True)
class Entry:
    """One English string to translate: where it comes from and its text."""

    msgid: str
    context: str | None = None
    #: Where a person finds it: ``path:line`` or ``path, question q-id``.
    where: str = ""
    #: Comment for the translator (e.g. "quiz question prompt").
    comment: str = ""
    #: Shown to trainers only (a ``:class: instructor`` block, a "For trainers" page): the learner
    #: edition does not need it, the French instructor edition does.
    trainers: bool = False


def template(entries: list[Entry], project: str) -> Catalog:
    """A catalogue template (``.pot``) holding ``entries`` once each (first location kept)."""
    catalog = Catalog(project=project, locale=None, fuzzy=False, header_comment=f"# {project}: English source strings.")
    for entry in entries:
        if not entry.msgid.strip():
            continue  # msgmerge and babel reject an empty msgid
        if (entry.msgid, entry.context) in catalog:
            continue
        comments = [entry.comment] if entry.comment else []
        catalog.add(entry.msgid, context=entry.context, auto_comments=comments)
    return catalog


def read_catalogue(path: Path) -> Catalog:
    """Read a ``.po`` file (an empty French catalogue when it does not exist)."""
    if not path.exists():
        return Catalog(locale=LANGUAGE)
    with path.open("rb") as handle:
        return read_po(handle, locale=LANGUAGE)


def update_catalogue(path: Path, pot: Catalog) -> tuple[int, int, int]:
    """Bring ``path`` in line with the template ``pot``, as ``msgmerge --previous`` does.

    Changed strings become fuzzy (the old French stays, the old English is kept as
    ``#| msgid``); new strings are empty; strings gone from the English are dropped (git keeps
    them). Returns (translated, fuzzy, untranslated) after the update. The file is written
    only when its content changes, so an update with no English change leaves git clean.
    """
    catalog = read_catalogue(path)
    for message in pot:
        message.flags.discard("python-format")  # "90% of" is prose, not a format string
    catalog.update(pot, no_fuzzy_matching=False, update_header_comment=False, keep_user_comments=True)
    catalog.obsolete.clear()
    catalog.header_comment = (
        "# French translation of the course \"Responsible AI — innovation, skills, ethics\".\n"
        "# Updated by `make translations`; see CONTRIBUTING.md, \"Translating\"."
    )
    catalog.project = "Responsible AI course"
    catalog.version = ""
    catalog.language_team = "French"
    catalog.last_translator = ""
    catalog.fuzzy = False
    from raicourse.translations.gate import fix_typography

    for message in catalog:
        message.flags.discard("python-format")
        if message.id and isinstance(message.string, str) and message.string:
            message.string = fix_typography(message.string)
    text = _po_text(catalog)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return statistics(catalog)


_VOLATILE_HEADERS = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date|Generated-By): .*\\n"\n', re.M)


def _po_text(catalog: Catalog) -> str:
    import io

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, no_location=True, omit_header=False, include_previous=True, sort_output=False)
    # Dates and tool versions would change the file on every run: diffs stay about the text.
    return _VOLATILE_HEADERS.sub("", buffer.getvalue().decode("utf-8"))


def translated(message) -> bool:
    """True when a catalogue message has a French string that is current (not fuzzy, not empty)."""
    if message.fuzzy:
        return False
    if isinstance(message.string, (list, tuple)):
        return all(message.string)
    return bool(message.string)


class IncompleteTranslation(LookupError):
    """A string shown on a published French page has no current French."""


@lru_cache(maxsize=None)
def _current_french(path: Path, mtime: float) -> dict[tuple[str, str | None], str]:
    catalog = read_catalogue(path)
    return {(m.id, m.context): m.string for m in catalog if m.id and translated(m)}


def apply_catalogue(path: Path, fields, shown: str, strict: bool) -> None:
    """Give each field of a parsed file (``fields``: (context, English, setter) triples, as a quiz
    bank or a rubric lists them) its current French from the catalogue ``path``.

    ``strict`` (the French book's build): a field without current French raises
    :class:`IncompleteTranslation`, naming the file and the fields; otherwise it stays English.
    """
    french = _current_french(path, path.stat().st_mtime if path.exists() else 0.0)
    missing = []
    for context, english, set_value in list(fields):
        value = french.get((english, context))
        if value:
            set_value(value)
        else:
            missing.append(context)
    if missing and strict:
        raise IncompleteTranslation(
            f"{shown}: no current French in {path.name} for " + ", ".join(missing[:5])
            + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            + " (run `make translations`, then translate them; see CONTRIBUTING.md)"
        )


def statistics(catalog: Catalog) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) messages of a catalogue, header excluded.

    Unlike ``sphinx-intl stat``, a fuzzy string does not count as translated.
    """
    done = fuzzy = empty = 0
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy and message.string:
            fuzzy += 1
        elif translated(message):
            done += 1
        else:
            empty += 1
    return done, fuzzy, empty
