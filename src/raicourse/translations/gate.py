"""The drift gate: a page published in French is complete and current, or the build fails.

:func:`problems` lists, for every page of ``locales/fr/published.yaml`` and the quiz bank and
exercise notebook of the same stem:

* an English string with no current French (new, changed: fuzzy, or empty), naming the file
  and the line, the question or the cell;
* a French string that lost the English's markup (a role, a cross-reference target, inline
  code, a link, math, bold);
* French typography: a non-breaking space before ``; : ! ?`` and inside « »;
* a committed French notebook that differs from the one its catalogue generates.

It also covers the captions and titles of ``site.po`` and the package's messages
(:mod:`raicourse.translations.package`).
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from raicourse.translations import Entry, book_catalogue_dir, published_pages, read_catalogue, translated

__all__ = ["block_start_problems", "catalogue_problems", "code_cell_problems", "markup_problems", "problems", "typography_problems"]

_ROLE = re.compile(r"\{([\w:.-]+)\}`([^`]*)`")
_ENGLISH_WORDS = re.compile(r"\{en\}`([^`]*)`")
_CODE = re.compile(r"(?<![`}])`([^`]+)`")
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_URL = re.compile(r"https?://[^\s)>\]]+")
_MATH = re.compile(r"\$[^$]+\$")
_TARGET = re.compile(r"<([^<>]+)>\s*$")
#: Roles whose target must stay the same; a {term}'s target is the French glossary term.
_FIXED_TARGETS = ("ref", "doc", "numref", "eq", "download", "cite", "cite:p", "cite:t", "cite:ps", "cite:ts")


def _role_target(name: str, content: str) -> str:
    match = _TARGET.search(content)
    return match.group(1) if match else content


def markup_problems(english: str, french: str) -> list[str]:
    """What ``french`` lost or changed of ``english``'s markup (empty when they agree). A French
    string may mark words left in English with ``{en}`…``` (they get ``lang="en"``)."""
    french = _ENGLISH_WORDS.sub(r"\1", french)
    found = []
    roles_en = [(name, _role_target(name, body)) for name, body in _ROLE.findall(english)]
    roles_fr = [(name, _role_target(name, body)) for name, body in _ROLE.findall(french)]
    if sorted(name for name, _ in roles_en) != sorted(name for name, _ in roles_fr):
        found.append("roles differ: " + ", ".join(f"{{{n}}}" for n, _ in roles_en) + " in English, "
                     + (", ".join(f"{{{n}}}" for n, _ in roles_fr) or "none") + " in French")
    else:
        fixed_en = sorted(t for n, t in roles_en if n in _FIXED_TARGETS)
        fixed_fr = sorted(t for n, t in roles_fr if n in _FIXED_TARGETS)
        if fixed_en != fixed_fr:
            found.append(f"cross-reference targets differ: {fixed_en} in English, {fixed_fr} in French")
    without_roles_en, without_roles_fr = _ROLE.sub("", english), _ROLE.sub("", french)
    if _code_spans(without_roles_en) != _code_spans(without_roles_fr):
        found.append("inline code differs (code stays in English: `...` must be the same)")
    if sorted(_LINK.findall(english)) != sorted(_LINK.findall(french)):
        found.append("link addresses differ")
    if sorted(_MATH.findall(english)) != sorted(_MATH.findall(french)) and not _math_localised(english, french):
        found.append("math differs")
    if english.count("**") != french.count("**") or french.count("**") % 2:
        found.append("bold markers (**) differ")
    return found


def _code_spans(text: str) -> list[str]:
    """The distinct inline code of ``text``. A notebook's "messages in French?" line names
    ``set_language("fr")`` in English and ``set_language("en")`` in French (the way back), and the
    English says it twice (once in English, once in French): both are the same code."""
    return sorted({re.sub(r'set_language\("\w+"\)', 'set_language(…)', code) for code in _CODE.findall(text)})


def _math_localised(english: str, french: str) -> bool:
    """Math may differ only by French number style: decimal commas written as {,}, and thousands
    grouped with a thin space (``1\\,191``) where the English groups them with a comma (``1{,}191``)."""
    def english_numbers(math: str) -> str:
        return re.sub(r"(?<=\d)\{,\}(?=\d{3}(?!\d))", "", math)

    def french_numbers(math: str) -> str:
        return re.sub(r"(?<=\d)\\,(?=\d{3}(?!\d))", "", math).replace("{,}", ".")

    return sorted(french_numbers(m) for m in _MATH.findall(french)) == sorted(english_numbers(m) for m in _MATH.findall(english))


_NBSP = "\u00a0\u202f"
_FENCED_CODE = re.compile(r"```.*?```", re.S)


def _prose(text: str) -> str:
    text = _FENCED_CODE.sub("", text)  # a ```python block in a notebook's Markdown is code, as update leaves it
    text = _ROLE.sub(lambda m: m.group(2).split("<")[0], text)
    text = _CODE.sub("", text)
    text = _URL.sub("", text)
    text = _LINK.sub("]", text)
    text = _MATH.sub("", text)
    return text


def typography_problems(french: str) -> list[str]:
    """French typography: a non-breaking space (U+00A0 or U+202F) before ; : ! ? » and after «."""
    text = _prose(french)
    found = []
    for match in re.finditer(r"(.)([;:!?»])", text):
        before, mark = match.group(1), match.group(2)
        if before in _NBSP:
            continue
        if mark == ":" and (before.isdigit() or before == ":"):
            continue  # 14:30, ratios, ::: fences
        if mark in "?!" and before in "?!":
            continue
        found.append(f"no non-breaking space before «{mark}» in «…{text[max(0, match.start() - 25):match.end() + 5]}…»")
    for match in re.finditer(r"«(.)", text):
        if match.group(1) not in _NBSP:
            found.append(f"no non-breaking space after « in «…{text[match.start():match.end() + 25]}…»")
    code = [m.span() for m in re.finditer(r"`[^`]+`", french)]
    for match in re.finditer(r"(?<=[^\W\d_])'(?=[*_{\[`])", french):
        if not any(a <= match.start() < b for a, b in code):
            found.append(f"a straight apostrophe before markup shows as ” in the page: write ’ in «…{french[max(0, match.start() - 15):match.end() + 15]}…»")
    return found


#: A line start that Markdown reads as a list item, a heading or a quote.
_BLOCK_START = re.compile(r"^(\d+[.)]|[-*+]|#{1,6}|>)\s")


def block_start_problems(french: str) -> list[str]:
    """A page string (a paragraph, a title, a table cell) is parsed again on its own when Sphinx
    applies its French: one that starts like a list item or a heading would become a list, and
    Sphinx then silently keeps the English (seen with "1. idea" in a table cell)."""
    if _BLOCK_START.match(french):
        return [f"«{_short(french, 30)}» starts like a Markdown list item or heading and Sphinx would keep "
                "the English: escape it (e.g. `1\\.`)"]
    return []


def catalogue_problems(entries: list[Entry], po_path: Path, root: Path, page: bool = False) -> list[str]:
    """Check a catalogue against the English strings it must translate (``page``: a book page's,
    whose strings Sphinx parses one by one)."""
    shown = po_path.relative_to(root) if po_path.is_relative_to(root) else po_path
    if not po_path.exists():
        return [f"{shown}: missing (run `make translations`)"]
    catalog = read_catalogue(po_path)
    found = []
    for entry in entries:
        if not entry.msgid.strip():
            continue
        message = catalog.get(entry.msgid, context=entry.context)
        if message is None or not translated(message):
            state = "changed (fuzzy)" if message is not None and message.fuzzy and message.string else "new or changed"
            found.append(f"{entry.where}: no current French ({state}) in {shown} for «{_short(entry.msgid)}»")
            continue
        for problem in markup_problems(entry.msgid, message.string):
            found.append(f"{entry.where}: {shown}: {problem} in «{_short(message.string)}»")
        for problem in typography_problems(message.string):
            found.append(f"{entry.where}: {shown}: {problem}")
        if page:
            found += [f"{entry.where}: {shown}: {problem}" for problem in block_start_problems(message.string)]
    return found


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def problems(root: Path, pages: dict[str, list[Entry]] | None = None, only: list[str] | None = None,
             trainers: bool = False) -> list[str]:
    """Everything that keeps the French edition from being complete and in sync (empty: all good).

    ``pages`` are the book's strings from :func:`raicourse.translations.book.extract` (computed
    when not given: it runs Sphinx's gettext builder). A page of ``pages:`` in ``published.yaml``
    needs its learners' strings in French; a page of ``trainers:`` its trainers' strings too.
    ``only`` checks those pages as if they were published (``trainers``: for trainers too).
    """
    from raicourse.translations import book, notebooks, package, published_trainer_pages, quizzes

    trainer_part = book.trainer_part(root)[1]
    if only:
        published = [docname for docname in only if docname not in trainer_part]
        for_trainers = [docname for docname in only if trainers or docname in trainer_part]
    else:
        published, for_trainers = published_pages(root), published_trainer_pages(root)
    if not published and not for_trainers:
        return []
    if pages is None:
        pages = book.extract(root)
    from raicourse.translations.__main__ import is_course_repository

    found = []
    known = set(book.toc_docnames(root))
    locale = book_catalogue_dir(root)
    for docname in for_trainers:
        if docname not in trainer_part and docname not in published:
            found.append(f"locales/fr/published.yaml: {docname} is under trainers: but not under pages: "
                         "(a lesson's trainers' blocks are published with the lesson)")
            continue
        if docname not in trainer_part and docname not in known:
            continue  # named below
        entries = [entry for entry in pages.get(docname, []) if entry.trainers]
        problems_here = catalogue_problems(entries, locale / f"{docname}.po", root, page=True)
        found += problems_here
        if docname in trainer_part:
            found += _title_problems(root, docname)
        elif not problems_here:
            found += _activity_problems(root, docname)
    for docname in published:
        if docname not in known:
            found.append(f"locales/fr/published.yaml: {docname} is not a page of _toc.yml")
            continue
        entries = [entry for entry in pages.get(docname, []) if not entry.trainers]
        found += catalogue_problems(entries, locale / f"{docname}.po", root, page=True)
        found += _title_problems(root, docname)
        found += code_cell_problems(root, docname)
        stem = docname.rsplit("/", 1)[-1]
        bank = _bank_path(stem) if is_course_repository(root) else None
        if bank is not None:
            found += catalogue_problems(quiz_entries(stem, bank), quizzes.catalogue_path(stem), root)
        notebook = root / "exercises" / f"{stem}.ipynb"
        if notebook.exists():
            found += catalogue_problems(notebooks.notebook_entries(notebook, f"exercises/{stem}.ipynb"),
                                        notebooks.catalogue_path(root, stem), root)
            target = notebooks.french_path(root, stem)
            try:
                text = notebooks.french_notebook(root, notebook)
            except (LookupError, ValueError):
                pass  # the missing strings are reported above
            else:
                if not target.exists() or target.read_text(encoding="utf-8") != text:
                    found.append(f"{target.relative_to(root)}: out of date with its English notebook or catalogue "
                                 "(run `make translations`)")
    if is_course_repository(root):
        shown_rubrics = []
        for docname in published:
            path = root / f"{docname}.md"
            if path.exists():
                shown_rubrics += _RUBRIC_DIRECTIVE.findall(path.read_text(encoding="utf-8"))
        if "book/instructor/rubrics" in for_trainers:
            from raicourse.rubrics import rubric_stems

            shown_rubrics += rubric_stems()
        found += _rubric_problems(root, shown_rubrics)
    if only:
        return found
    # The "For trainers" caption and titles: needed once the French instructor edition has a page.
    site = [entry for entry in book.site_entries(root) if for_trainers or not entry.trainers]
    found += catalogue_problems(site, locale / book.SITE_CATALOGUE, root)
    from raicourse.translations.__main__ import is_course_repository

    if is_course_repository(root):  # not a test's small book
        found += package.problems()
    return found


_CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```\s*$", re.M | re.S)
#: A string of this many words or more in a page's code is prose (a sentence, a docstring, a
#: printed message), not data such as a column name or a category.
PHRASE_WORDS = 4


def _word_count(literal: str) -> int:
    """Words of a string literal, split at spaces: an identifier such as ``youth_teach_the_robot`` is one."""
    return sum(1 for part in literal.strip("\"'rbfuRBFU").split() if re.search(r"[A-Za-z]{2}", part))


def code_cell_problems(root: Path, docname: str) -> list[str]:
    """A page's code cells are not translated (code stays English and runs as it is), so on a page
    published in French they must carry no English prose: no comment, and no sentence in a string
    (a docstring, a printed message). Say it in the prose around the cell instead."""
    path = root / f"{docname}.md"
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    found = []
    for cell in _CODE_CELL.finditer(text):
        first_line = text.count("\n", 0, cell.start(1)) + 1
        code = "\n".join("" if line.startswith(":") else line for line in cell.group(1).split("\n"))
        try:
            tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
        except (tokenize.TokenError, SyntaxError):
            continue  # not Python (a magic, a shell line): nothing to say
        for token in tokens:
            where = f"{docname}.md, line {first_line + token.start[0] - 1}"
            if token.type == tokenize.COMMENT:
                found.append(f"{where}: the comment {_short(token.string)} stays English on the French page: "
                             "say it in the prose around the cell")
            elif token.type == tokenize.STRING and _word_count(token.string) >= PHRASE_WORDS:
                found.append(f"{where}: the text {_short(token.string)} stays English on the French page: "
                             "use a short label, and say it in the prose around the cell")
    return found


def _activity_problems(root: Path, docname: str) -> list[str]:
    """The role cards and the run sheet read a lesson's group activity from its French too: the
    French must keep the note's shape (``**Activité de groupe (15 min) : nom.**``, one role per
    item as ``*Le rôle* ce qu'il fait``, ``Étapes : …``)."""
    from raicourse.runsheet import group_activity, instructor_note, translated_activity

    path = root / f"{docname}.md"
    activity = group_activity(instructor_note(path)) if path.exists() else None
    if activity is None or translated_activity(root, docname, activity) is not None:
        return []
    return [f"{docname}.md: the French of its group activity cannot be read for the role cards: keep "
            "«**Activité de groupe (N min) : nom.**» then the set-up, one role per item as «*Le rôle* ce qu'il fait», "
            "and «Étapes : …»"]


def _title_problems(root: Path, docname: str) -> list[str]:
    """A published page's French title is the same in its own catalogue (the page, the sidebar)
    and in site.po (tables of lessons, links from other pages, « pas encore traduite » pages)."""
    from raicourse.translations import book

    english = book.page_title(root, docname)
    page = read_catalogue(book_catalogue_dir(root) / f"{docname}.po").get(english)
    site = book.french_strings(root).get((english, f"page title {docname}"))
    if page is not None and translated(page) and site and page.string != site:
        return [f"{docname}.md: its French title is «{page.string}» in its catalogue but «{site}» in "
                f"{book.SITE_CATALOGUE}: make them the same"]
    return []


def _bank_path(stem: str) -> Path | None:
    from raicourse.quiz.loader import banks_folder

    path = banks_folder() / f"{stem}.yaml"
    return path if path.exists() else None


def rubric_entries(stem: str) -> list[Entry]:
    """The strings of the package's rubric ``stem``."""
    import yaml

    from raicourse.rubrics import rubrics_folder
    from raicourse.translations.rubrics import rubric_entries as entries

    path = rubrics_folder() / f"{stem}.yaml"
    return entries(stem, yaml.safe_load(path.read_text(encoding="utf-8")), f"src/raicourse/rubrics/{path.name}")


def competency_entries() -> list[Entry]:
    """The strings of the package's competency list."""
    import yaml

    from raicourse.rubrics import COMPETENCIES_FILE, rubrics_folder
    from raicourse.translations.rubrics import competency_entries as entries

    path = rubrics_folder() / COMPETENCIES_FILE
    return entries(yaml.safe_load(path.read_text(encoding="utf-8")), f"src/raicourse/rubrics/{COMPETENCIES_FILE}")


_RUBRIC_DIRECTIVE = re.compile(r"^[`:]{3,}\{rubric\}\s+([a-z0-9][a-z0-9_]*)\s*$", re.M)


def _rubric_problems(root: Path, stems: list[str]) -> list[str]:
    """The rubrics a French page shows (and the competency list they name) are complete in French."""
    from raicourse.translations import rubrics

    if not stems:
        return []
    found = []
    for stem in dict.fromkeys(stems):
        found += catalogue_problems(rubric_entries(stem), rubrics.catalogue_path(stem), root)
    return found + catalogue_problems(competency_entries(), rubrics.catalogue_path("competencies"), root)


def quiz_entries(stem: str, path: Path) -> list[Entry]:
    import yaml

    from raicourse.translations.quizzes import bank_entries

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return bank_entries(stem, data, f"src/raicourse/quiz/banks/{path.name}")


_PROTECTED = re.compile("|".join(p.pattern for p in (_ROLE, _URL, re.compile(r"`[^`]+`"), _LINK, _MATH)))


def fix_typography(french: str) -> str:
    """Put French non-breaking spaces where they belong, outside code, math, links and roles.

    A narrow no-break space (U+202F) before ``; ! ?`` and inside « », a no-break space
    (U+00A0) before ``:``; ordinary spaces there are replaced. An apostrophe right before markup
    becomes the typographic one (’), which the build's smart quotes would otherwise turn into ”. ``make translations`` applies it
    to every French string, so translators may type ordinary spaces.
    """
    def fix(prose: str) -> str:
        prose = re.sub(r"[ \u00a0\u202f]*([;!?])", lambda m: "\u202f" + m.group(1), prose)
        prose = re.sub(r"[ \u00a0\u202f]+:(?=[\s*_)]|$)", "\u00a0:", prose)
        prose = re.sub(r"(?<=[^\s\d:\u00a0]):(?=[\s*_)]|$)", "\u00a0:", prose)
        prose = re.sub(r"«[ \u00a0\u202f]*", "«\u202f", prose)
        prose = re.sub(r"[ \u00a0\u202f]*»", "\u202f»", prose)
        prose = re.sub(r"([?!])\u202f([?!])", r"\1\2", prose)  # "?!" stays together
        return prose

    # An apostrophe right before markup (l'**étiquette**, d'{term}`…`, l'`approved`): the HTML
    # build's smart quotes would take it for a closing quote (”). The typographic one stays.
    code = [m.span() for m in re.finditer(r"`[^`]+`", french)]
    french = re.sub(r"(?<=[^\W\d_])'(?=[*_{\[`])",
                    lambda m: m.group(0) if any(a <= m.start() < b for a, b in code) else "\u2019", french)
    out, last = [], 0
    for match in _PROTECTED.finditer(french):
        out.append(fix(french[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(fix(french[last:]))
    return "".join(out)
