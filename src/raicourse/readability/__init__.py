"""Plain-language report and gate for the course's learner-visible prose (issue #14).

For each page of the book (``_toc.yml`` order) it reports:

* sentence length: the mean, and every sentence over :data:`REPORT_WORDS` words;
* glossary terms used unlinked at their first use on the page (a term is linked with the
  ``{term}`` role; the terms are those of ``book/glossary.md``);
* idioms and jargon from the course's own list (``jargon.yaml`` beside this module).

The gate (``tests/test_readability.py``) fails on any sentence over :data:`GATE_WORDS` words
and on any glossary term unlinked at its first use, except the offences listed in the
baseline file ``tests/readability_baseline.yaml``, which may only shrink.

What is read, and what is exempt, is decided by :mod:`raicourse.readability.prose`: quotes
(Markdown blockquotes, used for legal texts and other sources' own words), headings, table
cells, code, trainers' blocks and citations are not checked.

Run it with ``make readability`` (``python -m raicourse.readability``). The language is a
parameter: French pages use pysbd's French sentence rules and the French jargon list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from raicourse.readability.prose import Passage, passages, words

__all__ = [
    "CHILD_WORDS",
    "GATE_WORDS",
    "REPORT_WORDS",
    "PageReport",
    "Sentence",
    "glossary_terms",
    "jargon",
    "page_report",
    "report_pages",
    "sentences",
    "toc_pages",
]

#: The report lists every sentence longer than this (words).
REPORT_WORDS = 30
#: The gate fails on a sentence longer than this (words).
GATE_WORDS = 35
#: ... and on a sentence said or shown to children (a ``{say}`` block) longer than this (issue #19).
CHILD_WORDS = 15
_GLOSSARY_BLOCK = re.compile(r"^(?P<fence>`{3,}|:{3,})\{glossary\}[^\n]*\n(?P<body>.*?)^(?P=fence)\s*$", re.M | re.S)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a page: its text, its first line in the source, its length in words."""

    text: str
    line: int
    words: int
    #: Said or shown to children: held to :data:`CHILD_WORDS`.
    children: bool = False


@dataclass
class PageReport:
    """What the report found on one page."""

    page: str
    sentences: list[Sentence] = field(default_factory=list)
    unlinked_terms: list[tuple[str, int]] = field(default_factory=list)
    jargon: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def mean_sentence_words(self) -> float:
        return sum(s.words for s in self.sentences) / len(self.sentences) if self.sentences else 0.0

    def long_sentences(self, limit: int = REPORT_WORDS) -> list[Sentence]:
        """The sentences of more than ``limit`` words."""
        return [s for s in self.sentences if s.words > limit]

    def offences(self) -> dict[str, list[str]]:
        """What the gate refuses, as the baseline file writes it: long sentences by their
        opening words, unlinked terms by name."""
        found: dict[str, list[str]] = {}
        long = [sentence_key(s.text) for s in self.sentences
                if s.words > (CHILD_WORDS if s.children else GATE_WORDS)]
        if long:
            found["long_sentences"] = long
        if self.unlinked_terms:
            found["unlinked_terms"] = [term for term, _ in self.unlinked_terms]
        return found


def sentence_key(text: str) -> str:
    """How the baseline names a sentence: its first twelve words."""
    opening = text.split()[:12]
    return " ".join(opening) + (" …" if len(text.split()) > 12 else "")


@lru_cache(maxsize=4)
def _segmenter(language: str):
    import pysbd

    return pysbd.Segmenter(language=language, clean=False)


def sentences(passage: Passage, language: str = "en") -> list[Sentence]:
    """The sentences of one passage (pysbd's rules for ``language``), with their lines.

    The course writes one sentence per line, so a sentence's line is the first line, from the
    previous sentence's line on, that holds the sentence's first word.
    """
    found = []
    line = 0
    for piece in _segmenter(language).segment(passage.text):
        text = piece.strip()
        count = words(text)
        if not count:
            continue
        first_word = re.search(r"[^\W_]+", text).group(0)
        line = next((index for index in range(line, len(passage.source)) if first_word in passage.source[index]), line)
        found.append(Sentence(text=text, line=passage.line + line, words=count, children=passage.children))
    return found


def glossary_terms(glossary: Path) -> list[str]:
    """The terms defined in the ``{glossary}`` block of ``glossary`` (one per unindented line)."""
    match = _GLOSSARY_BLOCK.search(glossary.read_text(encoding="utf-8"))
    if not match:
        return []
    return [line.strip() for line in match.group("body").splitlines()
            if line.strip() and not line[0].isspace() and not line.startswith(":")]


def _term_pattern(term: str) -> re.Pattern:
    body = r"\s+".join(re.escape(part) for part in term.split())
    return re.compile(rf"(?<![\w-]){body}(?:s|es)?(?![\w-])", re.I)


@lru_cache(maxsize=1)
def _word_lists() -> dict:
    return yaml.safe_load((resources.files("raicourse.readability") / "jargon.yaml").read_text(encoding="utf-8"))


def jargon(language: str = "en") -> tuple[tuple[str, str], ...]:
    """The idioms and jargon the report looks for, in ``language``: ``(phrase, say instead)``."""
    return tuple((entry["phrase"], entry["instead"]) for entry in _word_lists()["jargon"].get(language, []))


def _not_the_term(language: str) -> dict[str, list[str]]:
    return {term.lower(): phrases for term, phrases in (_word_lists()["not_the_term"].get(language) or {}).items()}


def _first_use(term: str, text: str, language: str) -> re.Match | None:
    """The first occurrence of ``term`` in ``text`` that is not inside an everyday phrase."""
    everyday = [re.compile(rf"(?<![\w-]){re.escape(p)}(?![\w-])", re.I) for p in _not_the_term(language).get(term.lower(), [])]
    for match in _term_pattern(term).finditer(text):
        if not any(m.start() <= match.start() < m.end() for e in everyday for m in e.finditer(text)):
            return match
    return None


def page_report(source: str, page: str, terms: list[str], language: str = "en", check_terms: bool = True) -> PageReport:
    """Read one page's Markdown and report its sentences, unlinked terms and jargon.

    Parameters
    ----------
    source : str
        The page's MyST Markdown.
    page : str
        Its path, used in the report.
    terms : list of str
        The glossary's terms.
    language : str
        ``"en"`` or ``"fr"``: sentence rules and jargon list.
    check_terms : bool
        False for the glossary itself, which defines the terms instead of linking them.
    """
    report = PageReport(page=page)
    found = [p for p in passages(source) if p.checked]
    for passage in found:
        report.sentences += sentences(passage, language)
        for phrase, instead in jargon(language):
            if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", passage.text, re.I):
                report.jargon.append((phrase, instead, passage.line))
    if check_terms:
        for term in terms:
            for passage in found:
                match = _first_use(term, passage.text, language)
                if not match:
                    continue
                linked = any(start <= match.start() < end for start, end, _ in passage.terms)
                if not linked:
                    shown = match.group(0).lower()
                    offset = next((i for i, line in enumerate(passage.source) if shown in line.lower()), 0)
                    report.unlinked_terms.append((term, passage.line + offset))
                break
    return report


def toc_pages(root: Path) -> list[Path]:
    """The Markdown pages of the book at ``root`` (root page, then ``_toc.yml`` order)."""
    from raicourse.lessons import _toc_documents

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    docnames = [toc["root"], *(docname for _, docname in _toc_documents(root))]
    return [root / f"{d.removesuffix('.md')}.md" for d in docnames if (root / f"{d.removesuffix('.md')}.md").exists()]


def report_pages(root: Path, language: str = "en") -> list[PageReport]:
    """The report of every page of the book at ``root``, in course order."""
    glossary = root / "book" / "glossary.md"
    terms = glossary_terms(glossary) if glossary.exists() else []
    reports = []
    for path in toc_pages(root):
        page = path.relative_to(root).as_posix()
        reports.append(page_report(path.read_text(encoding="utf-8"), page, terms, language, check_terms=path != glossary))
    return reports
