"""The learner-visible prose of a MyST Markdown page, as passages with their source lines.

The page is parsed with the book's own Markdown parser (myst-parser's markdown-it, with the
extensions of ``_config.yml``), so what counts as a paragraph, a list item or a code block is
what the build sees. Directives are opened and their content parsed in turn.

What a passage is *not* made of:

* code (code cells, fenced code, inline math blocks), front matter, comments, targets;
* blocks that only trainers see (``:class: instructor``);
* the bibliography and the generated tables (``{bibliography}``, ``{lesson-table}``...);
* citations (``{cite:p}`` renders as "(Author, year)", which a reader skips).

Each passage says whether it counts in the lesson's core minutes (``core``: not inside a
collapsed block such as ``{going-further}``, ``{about-the-sources}`` or any ``{dropdown}``),
and whether the plain-language gate checks it (``checked``: not a heading, not a table cell,
not a quote; a Markdown blockquote ``>`` is how a lesson quotes a source's own words, such
as a legal text, which the course must not rewrite).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["CHILDREN_DIRECTIVES", "COLLAPSED_DIRECTIVES", "Passage", "passages", "words"]

#: Directives whose content is collapsed on the page: optional depth, not core minutes.
COLLAPSED_DIRECTIVES = ("going-further", "about-the-sources", "dropdown")
#: Directives whose words are said or shown to children (the youth workshops): held to a shorter sentence limit.
CHILDREN_DIRECTIVES = ("say",)
#: Directives that hold no prose (code, data, generated tables, or the bibliography).
_NO_PROSE = {
    "code-cell", "code", "code-block", "sourcecode", "literalinclude", "math", "raw", "bibliography",
    "launch-links", "rubric", "lesson-table", "class-schedule", "handouts", "answer-keys",
    "competency-list", "all-rubrics", "toctree", "tableofcontents", "glue", "glue:figure", "image",
    "mermaid", "include", "lesson-meta",
}
#: Directives whose argument is a title a learner reads (the others' argument is a path, a language...).
_TITLED = {
    "admonition", "dropdown", "going-further", "about-the-sources", "exercise", "solution", "card",
    "tab-item", "topic", "sidebar", "margin",
}
#: Directives that are always titled with their own name when shown.
_OPTION_LINE = re.compile(r"^:[\w-]+:(?:\s.*)?$")
_DIRECTIVE = re.compile(r"^\{(?P<name>[\w:-]+)\}\s*(?P<argument>.*)$")
_ROLE_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>\s*$", re.S)
_WORD = re.compile(r"[^\W_]+(?:[’'.,\-][^\W_]+)*")


@dataclass(frozen=True)
class Passage:
    """One paragraph, list item, heading or table cell of learner-visible prose.

    Attributes
    ----------
    text : str
        The text as the learner reads it (Markdown marks removed, line breaks as spaces).
    line : int
        The first line of the passage in the page's source file (1-based).
    kind : str
        ``"heading"``, ``"text"``, ``"quote"`` (inside a blockquote) or ``"table"``.
    core : bool
        Counts in the lesson's core minutes (False inside a collapsed block).
    terms : tuple
        ``(start, end, target)`` of every glossary link (``{term}`` role) in ``text``.
    source : tuple
        The passage's lines as written in the file (to find the line of each sentence).
    """

    text: str
    line: int
    kind: str
    core: bool = True
    terms: tuple[tuple[int, int, str], ...] = field(default_factory=tuple)
    source: tuple[str, ...] = field(default_factory=tuple)
    #: True for words said or shown to children (a ``{say}`` block): the report's limit is shorter.
    children: bool = False

    @property
    def checked(self) -> bool:
        """True when the plain-language gate reads this passage (prose sentences only)."""
        return self.kind == "text"


def words(text: str) -> int:
    """How many words ``text`` holds (``4,000``, ``don't`` and ``e.g`` count as one)."""
    return len(_WORD.findall(text))


@lru_cache(maxsize=1)
def _parser():
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(enable_extensions={"colon_fence", "dollarmath", "amsmath", "deflist"})
    return create_md_parser(config, RendererHTML)


def _split_options(content: str) -> tuple[list[str], str, int]:
    """A directive's option lines (``:class: x`` or a ``---`` YAML block) and its body, with
    how many lines the options took."""
    lines = content.split("\n")
    options: list[str] = []
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            options = lines[1:end]
            return options, "\n".join(lines[end + 1:]), end + 1
    count = 0
    while count < len(lines) and _OPTION_LINE.match(lines[count]):
        options.append(lines[count])
        count += 1
    return options, "\n".join(lines[count:]), count


def _classes(options: list[str]) -> set[str]:
    found: set[str] = set()
    for option in options:
        key, _, value = option.strip().lstrip(":").partition(":")
        if key.strip() in {"class", "class-container", "class-body", "classes"}:
            found.update(value.replace(",", " ").split())
    return found


def _inline(token) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """The text of an inline token as read, and the spans of its glossary links."""
    text = ""
    terms: list[tuple[int, int, str]] = []

    def add(piece: str) -> None:
        nonlocal text
        piece = re.sub(r"\s+", " ", piece)
        if text.endswith(" ") and (piece.startswith(" ") or re.match(r"[.,;:!?)]", piece)):
            text = text[:-1]  # a skipped citation left a space before the punctuation
        if not text:
            piece = piece.lstrip()
        text += piece

    for child in token.children or []:
        kind = child.type
        if kind in {"text", "code_inline", "math_inline"}:
            add(child.content)
        elif kind in {"softbreak", "hardbreak"}:
            add(" ")
        elif kind == "myst_role":
            name = child.meta.get("name", "")
            if name.startswith("cite"):
                continue
            match = _ROLE_TARGET.match(child.content)
            shown = match.group("text") if match else child.content
            if name in {"doc", "ref"} and not match:
                shown = ""  # shown as the target page's title, not part of this page's prose
            if name == "term":
                add("")
                target = match.group("target") if match else child.content
                shown = " ".join(shown.split())
                terms.append((len(text), len(text) + len(shown), target.strip()))
            add(shown)
    return text.rstrip(), tuple(terms)


def passages(source: str, offset: int = 0, core: bool = True, quoted: bool = False, children: bool = False) -> list[Passage]:
    """The learner-visible prose of a MyST Markdown page, in reading order.

    Parameters
    ----------
    source : str
        The page's Markdown (front matter included).
    offset : int
        Lines before ``source`` in its file (used when a directive's content is parsed).
    core, quoted : bool
        Whether the passages count in the core minutes, and whether they sit in a quote.

    Returns
    -------
    list of Passage
    """
    found: list[Passage] = []
    kinds: list[str] = []
    lines = source.split("\n")
    for token in _parser().parse(source):
        if token.type in {"heading_open", "dt_open"}:
            kinds.append("heading")  # a title, or the term of a definition list
        elif token.type in {"th_open", "td_open"}:
            kinds.append("table")
        elif token.type == "blockquote_open":
            kinds.append("quote")
        elif token.type in {"heading_close", "dt_close", "th_close", "td_close", "blockquote_close"}:
            kinds.pop()
        elif token.type == "inline":
            text, terms = _inline(token)
            if not text:
                continue
            kind = "quote" if quoted or "quote" in kinds else next((k for k in reversed(kinds) if k != "quote"), "text")
            first, last = token.map if token.map else (0, 1)
            found.append(Passage(text=text, line=offset + first + 1, kind=kind, core=core, terms=terms,
                                 source=tuple(lines[first:last]), children=children))
        elif token.type in {"fence", "colon_fence"}:
            found += _directive(token, offset, core, quoted or "quote" in kinds, children)
    return found


def _glossary(body: str, start: int, core: bool) -> list[Passage]:
    # A term on an unindented line, its definition indented below it: each definition is a
    # passage of its own (parsed as Markdown, the terms' links kept).
    found: list[Passage] = []
    lines = body.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.strip() and not line[0].isspace():
            found.append(Passage(text=line.strip(), line=start + index + 1, kind="heading", core=core))
            index += 1
            continue
        if line.strip():
            first = index
            while index < len(lines) and (not lines[index].strip() or lines[index][0].isspace()):
                index += 1
            definition = "\n".join(text.strip() for text in lines[first:index])
            found += passages(definition, offset=start + first, core=core)
            continue
        index += 1
    return found


def _directive(token, offset: int, core: bool, quoted: bool, children: bool = False) -> list[Passage]:
    match = _DIRECTIVE.match(token.info.strip())
    if not match:
        return []  # plain fenced code
    name, argument = match.group("name"), match.group("argument").strip()
    if name in _NO_PROSE:
        return []
    options, body, option_lines = _split_options(token.content)
    if name == "glossary":
        return _glossary(body, offset + (token.map[0] if token.map else 0) + 1 + option_lines, core)
    if "instructor" in _classes(options) or (name == "only" and re.fullmatch(r"edition_instructor", argument)):
        return []  # trainers only: absent from the learner's page
    inner_core = core and name not in COLLAPSED_DIRECTIVES
    start = offset + (token.map[0] if token.map else 0) + 1  # the fence line
    found: list[Passage] = []
    if argument and name in _TITLED:
        found.append(Passage(text=" ".join(argument.split()), line=start, kind="heading", core=inner_core))
    found += passages(body, offset=start + option_lines, core=inner_core, quoted=quoted,
                      children=children or name in CHILDREN_DIRECTIVES)
    return found
