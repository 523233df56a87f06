"""The trainers' side of the book: rubrics (every edition), and, in the instructor edition,
the "For trainers" pages (guide with a computed schedule, answer keys, handouts, rubrics).

Called from :func:`raicourse.sphinxext.setup` by one line (``setup_instructor(app)``).

* ``{rubric} <stem>`` renders a rubric (every edition: the capstone lesson shows its rubric);
* ``{class-schedule}`` groups the lessons, in course order, into class sessions, from the
  lessons' computed minutes (:mod:`raicourse.lessons`; the guide and the learning path use it);
* ``{answer-keys}`` prints every quiz bank's answers and every exercise's reference solutions;
* ``{handouts}`` prints a one-page summary per lesson from its Questions, Objectives and Key points;
* ``{competency-list}`` and ``{all-rubrics}`` show the competencies and every rubric file;
* in the instructor edition only, the pages listed in ``book/instructor/_toc_part.yml`` are added
  to the table of contents as a last part. In the other editions they are not in the toc, so
  ``only_build_toc_files`` leaves them out: no HTML file, no link, no search entry.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.parsers.rst.directives.body import Rubric as DocutilsRubric
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

__all__ = [
    "INSTRUCTOR_PART_FILE",
    "Session",
    "instructor_pages",
    "lesson_summary",
    "plan_sessions",
    "report_problem_url",
    "rubric_table",
    "setup_instructor",
]

#: The trainers' part of the table of contents, relative to the book root.
INSTRUCTOR_PART_FILE = "book/instructor/_toc_part.yml"

#: Catalogue keys of a rubric table's column headings, in order.
_RUBRIC_HEADINGS = ("criterion", "not_yet", "meets", "exceeds", "competencies")

#: The language of the book being built (its ``language`` setting), for the catalogue.
_book_language = "en"


def _text(key: str, **fields: object) -> str:
    """A string of the trainers' pages from the catalogue (``locales/instructor.yaml``)."""
    from raicourse.i18n import t

    return t(f"instructor.{key}", language=_book_language, **fields)


def _set_book_language(app: Sphinx, config: Any) -> None:
    global _book_language
    from raicourse.i18n import LANGUAGES

    language = (config.language or "en")[:2]
    _book_language = language if language in LANGUAGES else "en"


def _paragraph(text: str, *children: nodes.Node) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    if text:
        paragraph += nodes.Text(text)
    for child in children:
        paragraph += child
    return paragraph


def _competency_short_name(competency: Any) -> str:
    if competency.framework == "esco":
        return _text("rubric.competency_esco", label=competency.label)
    return _text("rubric.competency_rncp", framework=competency.framework.upper(), code=competency.code,
                 gloss=competency.gloss or competency.label)


def rubric_table(stem: str) -> nodes.table:
    """Build the accessible table of one rubric (a caption, column headings, one row per criterion).

    Parameters
    ----------
    stem : str
        The rubric's stem (``raicourse/rubrics/<stem>.yaml``).

    Returns
    -------
    docutils.nodes.table
        Criterion | not yet | meets | exceeds | competencies; the criterion column is a row
        heading, so a screen reader announces it with each level.
    """
    from raicourse.rubrics import load_competencies, load_rubric

    rubric = load_rubric(stem, _book_language)
    competencies = load_competencies(language=_book_language)
    known = competencies.by_id()

    table = nodes.table(classes=["raicourse-rubric"])
    table += nodes.title(text=_text("rubric.caption", title=rubric.title))
    group = nodes.tgroup(cols=len(_RUBRIC_HEADINGS))
    table += group
    for index, width in enumerate((24, 19, 19, 19, 19)):
        group += nodes.colspec(colwidth=width, stub=1 if index == 0 else 0)
    head = nodes.thead()
    group += head
    heading_row = nodes.row()
    for heading in _RUBRIC_HEADINGS:
        heading_row += nodes.entry("", _paragraph(_text(f"rubric.head.{heading}")))
    head += heading_row
    body = nodes.tbody()
    group += body
    for criterion in rubric.criteria:
        row = nodes.row(ids=[f"rubric-{rubric.exercise}-{criterion.id}"])
        row += nodes.entry("", _paragraph("", nodes.strong(text=criterion.criterion)),
                           _paragraph(_text("rubric.evidence", evidence=criterion.evidence)))
        for level in (criterion.levels.not_yet, criterion.levels.meets, criterion.levels.exceeds):
            row += nodes.entry("", _paragraph(level))
        listing = nodes.bullet_list()
        for competency_id in criterion.competencies:
            listing += nodes.list_item("", _paragraph(_competency_short_name(known[competency_id])))
        row += nodes.entry("", listing)
        body += row
    return table


#: A rubric stem, as opposed to the free heading text of docutils' own ``rubric`` directive.
_STEM = re.compile(r"^[a-z0-9][a-z0-9_]*$")


class RubricDirective(SphinxDirective):
    """``{rubric} <stem>``: one rubric as a table. Works in every edition (the capstone lesson uses it).

    docutils already has a ``rubric`` directive (an informal heading, ``{rubric} Some text``).
    This one replaces it only for a lowercase stem; any other argument keeps the docutils
    behaviour, so that pages or extensions using the original still work.
    """

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec = {**DocutilsRubric.option_spec, "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        from raicourse.rubrics import RubricError, rubrics_folder

        stem = self.arguments[0].strip()
        if not _STEM.match(stem):
            return DocutilsRubric.run(self)
        self.env.note_dependency(str(rubrics_folder() / f"{stem}.yaml"))
        self.env.note_dependency(str(rubrics_folder() / "competencies.yaml"))
        try:
            table = rubric_table(stem)
        except RubricError as error:
            raise self.error(str(error)) from None
        container = nodes.container(classes=["raicourse-rubric-container", *self.options.get("class", [])])
        container += table
        return [container]


def _validate_rubrics(app: Sphinx) -> None:
    # Like the quiz banks: a malformed rubric fails the build at its start, naming the file,
    # the criterion and the field, instead of surfacing on one page.
    from raicourse.rubrics import RubricError, validate_all_rubrics

    try:
        validate_all_rubrics()
    except RubricError as error:
        raise ExtensionError(str(error)) from None




# -- the "For trainers" part of the table of contents ------------------------------------


def instructor_pages(root: Path) -> tuple[str, list[str]]:
    """The caption and the docnames of the trainers' part, in order.

    Parameters
    ----------
    root : Path
        The book root (the folder holding ``_toc.yml``).
    """
    part = yaml.safe_load((root / INSTRUCTOR_PART_FILE).read_text(encoding="utf-8"))
    return part["caption"], [entry["file"].removesuffix(".md") for entry in part["chapters"]]


def _add_instructor_part(app: Sphinx, config: Any) -> None:
    # Runs after sphinx-external-toc has parsed _toc.yml (priority 900) and excluded every
    # file it does not list. In the instructor edition the trainers' pages are added to its
    # site map as a last part and taken out of the exclusions; in the other editions nothing
    # changes, so those pages are never read, written, linked or indexed.
    from raicourse.editions import is_instructor

    if not is_instructor():
        return
    from sphinx_external_toc.api import Document, FileItem, TocTree

    if not (Path(app.srcdir) / INSTRUCTOR_PART_FILE).exists():
        return  # a book without trainers' pages
    site_map = config.external_site_map
    caption, docnames = instructor_pages(Path(app.srcdir))
    if (config.language or "en")[:2] != "en":
        caption, docnames = _translated_part(Path(app.srcdir), caption, docnames)
        if not docnames:
            return
    template = site_map.root.subtrees[-1] if site_map.root.subtrees else None
    site_map.root.subtrees.append(TocTree(
        items=[FileItem(docname) for docname in docnames],
        caption=caption,
        hidden=template.hidden if template else True,
        numbered=template.numbered if template else False,
        titlesonly=template.titlesonly if template else True,
        maxdepth=template.maxdepth if template else -1,
    ))
    for docname in docnames:
        site_map[docname] = Document(docname)
    wanted = {f"{docname}{suffix}" for docname in docnames for suffix in config.source_suffix}
    config["exclude_patterns"] = [pattern for pattern in config["exclude_patterns"] if pattern not in wanted]


def _translated_part(root: Path, caption: str, docnames: list[str]) -> tuple[str, list[str]]:
    """The French instructor edition's "For trainers" part: its French caption, and only the
    pages published in French for trainers (the others are « pas encore traduite » pages)."""
    from raicourse.translations import published_trainer_pages
    from raicourse.translations.book import SITE_CATALOGUE, french_strings

    published = set(published_trainer_pages(root))
    docnames = [docname for docname in docnames if docname in published]
    french = french_strings(root).get((caption, "toc caption"))
    if docnames and not french:
        raise ExtensionError(f"locales/fr/LC_MESSAGES/{SITE_CATALOGUE}: the caption {caption!r} has no current French")
    return french or caption, docnames


def _add_print_stylesheet(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    # Only the trainers' pages and pages that show a rubric get the print rules.
    body = context.get("body") or ""
    if (pagename.startswith("book/instructor/") or "raicourse-rubric" in body or "raicourse-schedule" in body
            or "raicourse-trainer-summary" in body):
        app.add_css_file("raicourse-print.css")


# -- the class schedule ------------------------------------------------------------------


@dataclass(frozen=True)
class Session:
    """One class session: its number and its lessons, in course order."""

    number: int
    lessons: tuple

    @property
    def reading(self) -> int:
        """Reading, quizzes and figures: the lessons' computed minutes."""
        return sum(lesson.reading for lesson in self.lessons)

    @property
    def exercises(self) -> int:
        return sum(lesson.exercises for lesson in self.lessons)

    @property
    def minutes(self) -> int:
        return self.reading + self.exercises


def plan_sessions(lessons: list, sessions: int) -> list[Session]:
    """Group lessons, in order and never split, into consecutive sessions as even as possible.

    The longest session is made as short as possible (a classic linear partition), so that
    no half-day overflows while another is half empty.

    Parameters
    ----------
    lessons : list of raicourse.lessons.Lesson
        The lessons in course order.
    sessions : int
        How many sessions; fewer are returned when there are fewer lessons.

    Returns
    -------
    list of Session
    """
    if sessions < 1:
        raise ValueError("a schedule needs at least one session")
    count = min(sessions, len(lessons))
    if count == 0:
        return []
    minutes = [lesson.minutes for lesson in lessons]
    prefix = [0]
    for value in minutes:
        prefix.append(prefix[-1] + value)
    infinity = float("inf")
    # best[k][i]: the smallest possible longest session when the first i lessons fill k sessions.
    best = [[infinity] * (len(lessons) + 1) for _ in range(count + 1)]
    cut = [[0] * (len(lessons) + 1) for _ in range(count + 1)]
    best[0][0] = 0
    for k in range(1, count + 1):
        for i in range(k, len(lessons) + 1):
            for j in range(k - 1, i):
                candidate = max(best[k - 1][j], prefix[i] - prefix[j])
                if candidate < best[k][i]:
                    best[k][i], cut[k][i] = candidate, j
    bounds = []
    end = len(lessons)
    for k in range(count, 0, -1):
        start = cut[k][end]
        bounds.append((start, end))
        end = start
    return [Session(number, tuple(lessons[start:end])) for number, (start, end) in enumerate(reversed(bounds), start=1)]


class ClassScheduleDirective(SphinxDirective):
    """``{class-schedule}``: the lessons grouped into class sessions, with their minutes.

    Options: ``:sessions:`` (default 5) and ``:session-minutes:`` (default 210, a half-day
    of three and a half hours). Minutes are computed from the lessons' text, quizzes and exercise
    minutes (:mod:`raicourse.lessons`), in the order of ``_toc.yml``, so a new lesson appears in the
    schedule at the next build.
    """

    has_content = False
    option_spec = {
        "sessions": directives.positive_int,
        "session-minutes": directives.positive_int,
    }

    def run(self) -> list[nodes.Node]:
        from raicourse.lessons import lessons

        root = Path(self.env.srcdir)
        found = lessons(root, _book_language)
        for lesson in found:
            self.env.note_dependency(str(lesson.path))
        self.env.note_dependency(str(root / "_toc.yml"))
        length = self.options.get("session-minutes", 210)
        plan = plan_sessions(found, self.options.get("sessions", 5))
        headings = [_text(f"schedule.head.{key}") for key in ("session", "lessons", "activity", "minutes", "left")]
        lines = ["| " + " | ".join(headings) + " |", "|---|---|---|--:|--:|"]
        for session in plan:
            listed = "<br>".join(
                f"{{doc}}`{lesson.title} </{lesson.docname}>` ({lesson.reading} + {lesson.exercises})"
                for lesson in session.lessons
            )
            activity = _text("schedule.activity", teaching=session.reading, exercises=session.exercises)
            spare = length - session.minutes
            left = f"{spare}" if spare >= 0 else "**" + _text("schedule.over", minutes=-spare) + "**"
            lines.append(f"| {session.number} | {listed} | {activity} | **{session.minutes}** | {left} |")
        total = sum(session.minutes for session in plan)
        split = _text("schedule.total_split", teaching=sum(s.reading for s in plan), exercises=sum(s.exercises for s in plan))
        minutes = _text("schedule.total_minutes", minutes=total, hours=total // 60, rest=total % 60)
        lines.append(
            f"| **{_text('schedule.total_sessions', count=len(plan))}** | **{_text('schedule.total_lessons', count=len(found))}** "
            f"| {split} | {minutes} | {length * len(plan) - total} |"
        )
        container = nodes.container(classes=["raicourse-schedule"])
        self.state.nested_parse(StringList(lines, source="class-schedule"), self.content_offset, container)
        container += nodes.paragraph(text=_text("schedule.note", length=length))
        from raicourse.translations.sphinx import untranslatable

        return [untranslatable(container)]


# -- answer keys ---------------------------------------------------------------------------

def _generated(run):
    """A directive whose output the build makes in each language from its own sources (quiz
    banks, lessons, rubric files): its text never goes into the page's catalogue."""
    from functools import wraps

    @wraps(run)
    def wrapper(self) -> list[nodes.Node]:
        from raicourse.translations.sphinx import untranslatable

        return [untranslatable(node) for node in run(self)]

    return wrapper


def _list_separator() -> str:
    """Between the items of a list in a sentence: "; " in English, " ; " (narrow no-break space) in French."""
    return "\u202f; " if _book_language == "fr" else "; "


def _quoted(text: str) -> str:
    """A quoted answer: “…” in English, « … » in French."""
    return f"«\u202f{text}\u202f»" if _book_language == "fr" else f"“{text}”"


def _one_line(text: str | None) -> str:
    """Bank text folded onto one line, so that it stays inside a Markdown list item."""
    return " ".join((text or "").split())


def _format_number(value: float) -> str:
    return f"{value:g}"


def _question_key(number: int, question: Any) -> list[str]:
    kind = _text(f"keys.type.{question.type}")
    lines = [f"{number}. " + _text("keys.question", prompt=_one_line(question.prompt), kind=kind, id=question.id), ""]
    indent = "   "
    if question.type in {"single", "multiple"}:
        for choice in question.choices:
            marked = _text("keys.correct_choice" if choice.correct else "keys.wrong_choice", text=_one_line(choice.text))
            if choice.feedback:
                marked = _text("keys.with_feedback", choice=marked, feedback=_one_line(choice.feedback))
            lines.append(f"{indent}- {marked}")
        lines.append("")
    elif question.type == "truefalse":
        lines.append(indent + _text("keys.answer_true" if question.answer else "keys.answer_false"))
        lines.append("")
        for key, feedback in (("keys.feedback_true", question.feedback_true), ("keys.feedback_false", question.feedback_false)):
            if feedback:
                lines.append(f"{indent}- " + _text(key, feedback=_one_line(feedback)))
        lines.append("")
    elif question.type == "numeric":
        unit = f" {question.unit}" if question.unit else ""
        lines.append(indent + _text("keys.numeric", answer=_format_number(question.answer), unit=unit,
                                    tolerance=_format_number(question.tolerance)))
        lines.append("")
    elif question.type == "text":
        variants = _list_separator().join(_quoted(_one_line(answer)) for answer in question.answers)
        lines.append(indent + _text("keys.text", answers=variants))
        lines.append("")
    elif question.type == "reflection":
        lines.append(indent + _text("keys.model_answer", text=_one_line(question.model_answer)))
        lines.append("")
    if question.explanation:
        lines.append(indent + _text("keys.explanation", text=_one_line(question.explanation)))
        lines.append("")
    return lines


def _exercise_key(stem: str) -> list[str]:
    from raicourse.checks._exercise import load_exercise, questions_of
    from raicourse.checks._questions import ReflectionQuestion
    from raicourse.i18n import catalogue, t

    lines = [_text("keys.exercise", stem=stem), ""]
    keys = catalogue()
    for question in questions_of(load_exercise(stem)):
        names = ", ".join(f"`{name}`" for name in question.answer_names)
        lines.append(_text("keys.solution_question", name=question.name, names=names))
        lines.append("")
        if question.solution_code:
            code = question.solution_text(_book_language)
            fence = "````" if "```" in code else "```"
            lines += [f"{fence}python", *code.splitlines(), fence, ""]
        model_key = f"checks.{stem}.{question.name}.model_answer"
        if isinstance(question, ReflectionQuestion) and model_key in keys:
            lines += [_text("keys.reflection_model", text=_one_line(t(model_key, language=_book_language))), ""]
    return lines


def _section(document: nodes.document, title: str, slug: str) -> nodes.section:
    section = nodes.section(ids=[nodes.make_id(slug)], names=[nodes.fully_normalize_name(slug)])
    section += nodes.title(text=title)
    # The slug is also a label of the book, so other pages can link to it with {ref}.
    env = getattr(document.settings, "env", None)
    if env is not None:
        std = env.domaindata["std"]
        std["labels"][slug] = (env.docname, nodes.make_id(slug), title)
        std["anonlabels"][slug] = (env.docname, nodes.make_id(slug))
    return section


def _pages_in_order(root: Path) -> list[tuple[str, str, str]]:
    """(stem, title, docname) of every page of _toc.yml, root page first."""
    from raicourse.lessons import _toc_documents, page_titles

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    docnames = [toc["root"], *(docname for _, docname in _toc_documents(root))]
    titles = page_titles(root)
    pages = []
    for docname in docnames:
        stem = PurePosixPath(docname).stem
        if stem in titles:
            pages.append((stem, titles[stem], docname.removesuffix(".md")))
    return pages


class AnswerKeysDirective(SphinxDirective):
    """``{answer-keys}``: every quiz's answers, explanations and feedback, and every exercise's
    reference solutions, page by page in course order (new banks and exercises appear by themselves)."""

    has_content = False

    @_generated
    def run(self) -> list[nodes.Node]:
        from raicourse.checks._exercise import exercise_names
        from raicourse.quiz.loader import bank_stems, banks_folder, load_bank

        root = Path(self.env.srcdir)
        self.env.note_dependency(str(root / "_toc.yml"))
        banks = set(bank_stems())
        exercises = set(exercise_names())
        french = _french_pages(root)
        titles = {}
        if french is not None:
            from raicourse.translations.book import french_titles

            titles = french_titles(root)
        result: list[nodes.Node] = []
        missing = []
        for stem, title, docname in _pages_in_order(root):
            if stem not in banks and stem not in exercises:
                continue
            title = titles.get(docname, title)
            if french is not None and docname not in french:
                missing.append(title)
                continue
            section = _section(self.state.document, title, f"key-{stem}")
            section["classes"].append("raicourse-answer-key")
            lines = [_text("keys.lesson", link=f"{{doc}}`{title} </{docname}>`"), ""]
            if stem in banks:
                self.env.note_dependency(str(banks_folder() / f"{stem}.yaml"))
                _, bank = load_bank(stem, language=_book_language)
                lines += [_text("keys.quiz", count=len(bank.questions)), ""]
                for number, question in enumerate(bank.questions, start=1):
                    lines += _question_key(number, question)
            if stem in exercises:
                lines += _exercise_key(stem)
            self.state.nested_parse(StringList(lines, source=f"answer-keys:{stem}"), self.content_offset, section)
            result.append(section)
        if missing:
            note = nodes.container(classes=["raicourse-not-yet-translated"])
            self.state.nested_parse(StringList(_not_yet_translated("keys.not_yet_translated", missing), source="answer-keys"),
                                    self.content_offset, note)
            result.append(note)
        return result


# -- handouts --------------------------------------------------------------------------------

_SUMMARY_BLOCK = re.compile(
    r"^(?P<fence>:{3,}|`{3,})\{admonition\} (?P<name>Questions|Objectives|Key points)[^\n]*\n(?P<body>.*?)^(?P=fence)\s*$",
    re.M | re.S,
)
_CITATION = re.compile(r"\s*\{cite(?::[a-z]+)?\}`[^`]*`")
_RELATIVE_LINK = re.compile(r"\]\((?![a-z]+:|/|#)([^)\s]+)\)")


def _translated_block(body: str, translations: dict[str, str]) -> str | None:
    """A summary block's Markdown in French: each list item or paragraph replaced by its French
    from the lesson's catalogue (None when one of them has none)."""
    items: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        marker = re.match(r"^(- |\d+\. )", line)
        if marker:
            items.append((marker.group(1), [line[marker.end():].strip()]))
        elif not line.strip():
            items.append(("", []))
        elif items and items[-1][1] and (line.startswith(" ") or items[-1][0] == ""):
            items[-1][1].append(line.strip())
        else:
            items.append(("", [line.strip()]))
    out = []
    for marker, lines in items:
        if not lines:
            out.append("")
            continue
        french = translations.get(" ".join(lines))
        if french is None:
            return None
        out.append(marker + " ".join(french.split()))
    return "\n".join(out)


def lesson_summary(path: Path, root: Path, translations: dict[str, str] | None = None) -> dict[str, str] | None:
    """The Questions, Objectives and Key points blocks of a lesson, as Markdown.

    Citations are dropped (the handout is a summary; the sources stay in the lesson) and
    relative links are made relative to the book root, so the text works on another page.

    Parameters
    ----------
    path : Path
        The lesson's ``.md`` file.
    root : Path
        The book root.

    Returns
    -------
    translations : dict, optional
        The lesson's French strings by their English (:func:`raicourse.translations.book.page_translations`):
        the blocks are given in French, or None when one of their items has no French.

    Returns
    -------
    dict
        ``{"Questions": ..., "Objectives": ..., "Key points": ...}`` (missing blocks absent).
    """
    text = path.read_text(encoding="utf-8")
    folder = path.parent.relative_to(root)
    blocks = {}
    for match in _SUMMARY_BLOCK.finditer(text):
        body = "\n".join(line for line in match.group("body").splitlines() if not re.match(r"^:[a-z-]+:", line))
        if translations is not None:
            body = _translated_block(body, translations)
            if body is None:
                return None
        body = _CITATION.sub("", body)
        body = _RELATIVE_LINK.sub(lambda m: f"](/{os.path.normpath(folder / m.group(1)).replace(os.sep, '/')})", body)
        blocks[match.group("name")] = body.strip()
    return blocks


def _half(sheet: Any) -> str:
    return _text("session.morning" if sheet.half == "morning" else "session.afternoon")


def _session_title(sheet: Any) -> str:
    return _text("session.title", number=sheet.number, day=sheet.day, half=_half(sheet), start=sheet.start, end=sheet.end)


def _print_this(slug: str, what: str) -> list[str]:
    # The link makes the session the page's target; raicourse-print.css then prints only it.
    return [_text("print.only", what=what, slug=slug), ""]


def _french_pages(root: Path) -> set[str] | None:
    """In a translated book, the pages published in its language (None in English)."""
    if _book_language == "en":
        return None
    from raicourse.translations import published_pages

    return set(published_pages(root))


def _not_yet_translated(key: str, lessons: list) -> list[str]:
    """A line naming the lessons whose part of a trainers' page is not yet in the book's language."""
    if not lessons:
        return []
    titles = [lesson if isinstance(lesson, str) else lesson.title for lesson in lessons]
    return [_text(key, lessons=", ".join(f"*{title}*" for title in titles)), ""]


#: Ruled lines of a handout's notes box (borders, so they print without "background graphics").
_NOTE_LINES = 8


def _notes_box() -> nodes.container:
    box = nodes.container(classes=["raicourse-handout-notes"])
    box += nodes.paragraph(text=_text("handout.notes"), classes=["raicourse-handout-notes-title"])
    for _ in range(_NOTE_LINES):
        box += nodes.container(classes=["raicourse-ruled-line"])
    return box


class _SessionsDirective(SphinxDirective):
    """A trainers' page built from the class sessions (``book/instructor/sessions.yaml``): the page
    is rebuilt when that file changes, and :meth:`sheets` gives the run sheet of every session."""

    has_content = False

    def sheets(self) -> list:
        from raicourse.runsheet import SESSIONS_FILE, run_sheet

        root = Path(self.env.srcdir)
        self.env.note_dependency(str(root / SESSIONS_FILE))
        if _book_language != "en":
            from raicourse.translations import LOCALE_DIR

            self.env.note_dependency(str(root / LOCALE_DIR / _book_language / "published.yaml"))
        return run_sheet(root, _book_language)


class HandoutsDirective(_SessionsDirective):
    """``{handouts}``: one printable page per lesson (title, minutes, questions, objectives, key points),
    grouped by class session (``book/instructor/sessions.yaml``), each session printable alone."""

    has_content = False

    @_generated
    def run(self) -> list[nodes.Node]:
        root = Path(self.env.srcdir)
        self.env.note_dependency(str(root / "_toc.yml"))
        french = _french_pages(root)
        result: list[nodes.Node] = []
        for sheet in self.sheets():
            group = _section(self.state.document, _session_title(sheet), f"session-{sheet.number}")
            group["classes"].append("raicourse-print-group")
            self.state.nested_parse(StringList(_print_this(f"session-{sheet.number}", _text("print.handouts", number=sheet.number)),
                                               source="handouts"), self.content_offset, group)
            missing = []
            for lesson in sheet.lessons:
                self.env.note_dependency(str(lesson.path))
                if french is None:
                    blocks = lesson_summary(lesson.path, root)
                else:
                    from raicourse.translations.book import page_translations

                    translations = page_translations(root, lesson.docname)
                    blocks = lesson_summary(lesson.path, root, translations) if lesson.docname in french else None
                    if blocks is None:
                        missing.append(lesson)
                        continue
                section = _section(self.state.document, lesson.title, f"handout-{lesson.stem}")
                section["classes"].append("raicourse-handout")
                lines = [
                    _text("handout.meta", part=lesson.part, minutes=lesson.minutes, teaching=lesson.reading,
                          exercises=lesson.exercises, link=f"{{doc}}`{lesson.title} </{lesson.docname}>`"),
                    "",
                ]
                for name, key in (("Questions", "questions"), ("Objectives", "objectives"), ("Key points", "key_points")):
                    if name in blocks:
                        lines += [f"**{_text('handout.' + key)}**", "", *blocks[name].splitlines(), ""]
                self.state.nested_parse(StringList(lines, source=f"handouts:{lesson.stem}"), self.content_offset, section)
                section += _notes_box()
                group += section
            if missing:
                self.state.nested_parse(StringList(_not_yet_translated("cards.not_yet_translated", missing), source="handouts"),
                                        self.content_offset, group)
            result.append(group)
        return result


# -- run sheet, role cards, attendance -----------------------------------------------------------


def _summary_exercise_key(root: Path, stem: str, blocks: list) -> str:
    """Where the lesson's exercise work is: its notebook or (reskilling, ai_ecosystems: no
    notebook) the exercise on its page, in class or as homework."""
    in_class = any(block.kind in {"notebook", "exercise"} for block in blocks)
    if (root / "exercises" / f"{stem}.ipynb").is_file():
        return "summary.notebook_in_class" if in_class else "summary.notebook_homework"
    return "summary.exercise_in_class" if in_class else "summary.exercise_homework"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


class RunSheetDirective(_SessionsDirective):
    """``{run-sheet}``: one table per class session, with clock times, from ``book/instructor/sessions.yaml``
    and the lessons' instructor notes (:mod:`raicourse.runsheet`); homework and what to print below it."""

    has_content = False

    @_generated
    def run(self) -> list[nodes.Node]:
        sheets = self.sheets()
        french = _french_pages(Path(self.env.srcdir))
        result: list[nodes.Node] = []
        for sheet in sheets:
            for lesson in sheet.lessons:
                self.env.note_dependency(str(lesson.path))
            section = _section(self.state.document, _session_title(sheet), f"run-sheet-{sheet.number}")
            section["classes"].append("raicourse-schedule")
            headings = [_text(f"runsheet.head.{key}") for key in ("time", "minutes", "what", "where")]
            lines = ["| " + " | ".join(headings) + " |", "|---|--:|---|---|"]
            for block in sheet.blocks:
                where = ""
                if block.lesson is not None:
                    lesson = block.lesson
                    if block.kind == "activity" and any(found is lesson for found, _ in sheet.activities):
                        where = f"{{ref}}`{_text('runsheet.where.role_cards')} <role-cards-{lesson.stem}>`"
                    elif block.kind == "teach":
                        where = f"{{doc}}`{_text('runsheet.where.lesson')} </{lesson.docname}>` {_text('runsheet.where.note_at_top')}"
                    elif block.kind == "quiz" and (french is None or lesson.docname in french):
                        where = f"{{ref}}`{_text('runsheet.where.answer_key')} <key-{lesson.stem}>`"
                    elif block.kind == "notebook":
                        where = f"`exercises/{lesson.stem}.ipynb`"
                    elif block.kind == "exercise":
                        where = f"{{doc}}`{_text('runsheet.where.lesson')} </{lesson.docname}>`"
                what = f"**{_cell(block.what)}**" if block.kind in {"break", "buffer"} else _cell(block.what)
                lines.append(f"| {block.start}–{block.end} | {block.minutes} | {what} | {where} |")
            spare = sheet.slot - sheet.planned
            lines += ["", _text("runsheet.planned", planned=sheet.planned, slot=sheet.slot, spare=spare), ""]
            if sheet.homework:
                work = _list_separator().join(
                    _text("runsheet.homework_item", stem=lesson.stem, minutes=minutes)
                    if (Path(self.env.srcdir) / "exercises" / f"{lesson.stem}.ipynb").is_file()
                    else _text("runsheet.homework_item_page", title=lesson.title, minutes=minutes)
                    for lesson, minutes in sheet.homework)
                lines += [_text("runsheet.homework", work=work), ""]
            else:
                lines += [_text("runsheet.no_homework"), ""]
            reading = ", ".join(f"{lesson.title} ({lesson.reading} min)" for lesson in sheet.lessons)
            lines += [_text("runsheet.self_study", reading=reading), ""]
            keyed = [lesson for lesson in sheet.lessons if french is None or lesson.docname in french]
            links = {
                "handouts": f"{{ref}}`{_text('runsheet.link.handouts', number=sheet.number)} <session-{sheet.number}>`",
                "role_cards": f"{{ref}}`{_text('runsheet.link.role_cards', number=sheet.number)} <role-cards-session-{sheet.number}>`",
                "attendance": f"{{ref}}`{_text('runsheet.link.attendance')} <attendance-{sheet.number}>`",
                "keys": (f"{{ref}}`{_text('runsheet.link.keys')} <key-{keyed[0].stem}>`" if keyed
                         else f"{{ref}}`{_text('runsheet.link.keys')} <answer_keys>`"),
            }
            lines += [_text("runsheet.to_print", pages=len(sheet.lessons), **links), ""]
            self.state.nested_parse(StringList(lines, source="run-sheet"), self.content_offset, section)
            result.append(section)
        return result


class RoleCardsDirective(_SessionsDirective):
    """``{role-cards}``: one card per role of each lesson's group activity (from its instructor note),
    grouped by session; each activity prints on its own sheet, cards cut apart along their borders."""

    has_content = False

    @_generated
    def run(self) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        for sheet in self.sheets():
            group = _section(self.state.document, _session_title(sheet), f"role-cards-session-{sheet.number}")
            group["classes"].append("raicourse-print-group")
            self.state.nested_parse(StringList(_print_this(f"role-cards-session-{sheet.number}", _text("print.role_cards", number=sheet.number)),
                                               source="role-cards"), self.content_offset, group)
            for lesson, activity in sheet.activities:
                self.env.note_dependency(str(lesson.path))
                section = _section(self.state.document, f"{lesson.title} — {activity.name}", f"role-cards-{lesson.stem}")
                section["classes"].append("raicourse-role-sheet")
                lines = [_text("cards.activity", minutes=activity.minutes, setup=activity.setup), ""]
                self.state.nested_parse(StringList(lines, source=f"role-cards:{lesson.stem}"), self.content_offset, section)
                cards = nodes.container(classes=["raicourse-role-cards"])
                for role in activity.roles:
                    card = nodes.container(classes=["raicourse-role-card"])
                    self.state.nested_parse(StringList([
                        f"**{role.name}** {role.task}", "",
                        f"*{activity.name[:1].upper() + activity.name[1:]}* — {lesson.title}", "",
                        *( [_text("cards.steps", steps=activity.steps), ""] if activity.steps else [] ),
                    ], source=f"role-cards:{lesson.stem}"), self.content_offset, card)
                    cards += card
                section += cards
                group += section
            if sheet.untranslated:
                self.state.nested_parse(StringList(_not_yet_translated("cards.not_yet_translated", sheet.untranslated),
                                                   source="role-cards"), self.content_offset, group)
            result.append(group)
        return result


#: Empty rows of an attendance sheet: the class of about 24 learners, and a few spare.
ATTENDANCE_ROWS = 26


class AttendanceDirective(_SessionsDirective):
    """``{attendance-sheet}``: one printable sign-in sheet per session (name, morning or afternoon
    signature, arrival and departure times), with the session's date line and lessons."""

    has_content = False

    @_generated
    def run(self) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        for sheet in self.sheets():
            section = _section(self.state.document, _session_title(sheet), f"attendance-{sheet.number}")
            section["classes"].append("raicourse-attendance")
            titles = _list_separator().join(lesson.title for lesson in sheet.lessons)
            headings = [_text(f"attendance.head.{key}") for key in ("number", "name", "arrival", "signature", "departure", "remarks")]
            lines = [
                _text("attendance.lessons", titles=titles) + ("" if titles.endswith(("?", "!", ".")) else "."), "",
                _text("attendance.date_line"), "",
                "| " + " | ".join(headings) + " |",
                "|--:|---|---|---|---|---|",
                *(f"| {row} | &nbsp; | &nbsp; | &nbsp; | &nbsp; | &nbsp; |" for row in range(1, ATTENDANCE_ROWS + 1)),
            ]
            self.state.nested_parse(StringList(lines, source="attendance"), self.content_offset, section)
            result.append(section)
        return result


def report_problem_url(root: Path, about: str = "") -> str:
    """The "new issue" address of the course's repository (``repository.url`` of ``_config.yml``),
    with a title naming the page when ``about`` is given."""
    from urllib.parse import quote

    from raicourse.launch import load_launch_settings

    url = f"{load_launch_settings(root).repository_url}/issues/new"
    return f"{url}?title={quote(f'Problem in {about}: ')}" if about else url


class ReportProblemDirective(SphinxDirective):
    """``{report-problem}``: a link to open an issue in the course's repository (from ``_config.yml``)."""

    has_content = False

    @_generated  # the label is French in the French build: not for the page's catalogue
    def run(self) -> list[nodes.Node]:
        root = Path(self.env.srcdir)
        self.env.note_dependency(str(root / "_config.yml"))
        url = report_problem_url(root)
        return [nodes.paragraph("", "", nodes.strong(text=_text("report.label")),
                                nodes.reference("", url, refuri=url, classes=["raicourse-report-problem"]))]


# -- the trainer's summary at the top of each lesson (instructor edition) ---------------------


def _trainer_summary(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # In the instructor edition, a lesson gets a box under its title: its session and in-class
    # minutes, and links to its instructor note, answer key, handout and role cards, and the
    # projector view. The note itself gets an anchor (it has no title of its own).
    from raicourse.editions import is_instructor
    from raicourse.runsheet import run_sheet

    if not is_instructor() or app.builder.format != "html":
        return
    notes = [node for node in doctree.findall(nodes.admonition) if "instructor" in node["classes"]]
    if not notes:
        return
    try:
        sheets = run_sheet(Path(app.srcdir), _book_language)
    except (OSError, ValueError):
        return
    found = [(sheet, lesson) for sheet in sheets for lesson in sheet.lessons if lesson.docname == docname]
    if not found:
        return
    sheet, lesson = found[0]
    notes[0]["ids"].append("instructor-note")
    uri = app.builder.get_relative_uri

    def link(text: str, target: str, anchor: str) -> nodes.reference:
        refuri = (uri(docname, target) if target else "") + f"#{nodes.make_id(anchor)}"
        return nodes.reference("", text, refuri=refuri, internal=True)

    blocks = [block for block in sheet.blocks if block.lesson is lesson]
    in_class = sum(block.minutes for block in blocks)
    box = nodes.container(classes=["raicourse-trainer-summary", "instructor"])
    box += nodes.paragraph("", "", nodes.strong(text=_text("summary.for_trainers")), nodes.Text(
        _text("summary.session", number=sheet.number, day=sheet.day, half=_half(sheet), start=blocks[0].start,
              end=blocks[-1].end, minutes=in_class)
        + _text(_summary_exercise_key(Path(app.srcdir), lesson.stem, blocks))))
    items = nodes.paragraph()
    for index, (text, target, anchor) in enumerate((
        (_text("summary.link.note"), "", "instructor-note"),
        (_text("summary.link.answer_key"), "book/instructor/answer_keys", f"key-{lesson.stem}"),
        (_text("summary.link.handout"), "book/instructor/handouts", f"handout-{lesson.stem}"),
        (_text("summary.link.role_cards"), "book/instructor/role_cards", f"role-cards-{lesson.stem}"),
        (_text("summary.link.run_sheet"), "book/instructor/guide", f"run-sheet-{sheet.number}"),
        (_text("summary.link.projector"), "", "raicourse-projector"),
    )):
        if index:
            items += nodes.Text(" · ")
        items += link(text, target, anchor)
    items += nodes.Text(" · ")
    items += nodes.reference("", _text("report.link"), refuri=report_problem_url(Path(app.srcdir), lesson.title),
                             classes=["raicourse-report-problem"])
    box += items
    box += nodes.container(ids=["raicourse-projector"], classes=["raicourse-projector-target"])
    title = next(iter(doctree.findall(nodes.title)), None)
    section = title.parent if title is not None else doctree
    section.insert(section.index(title) + 1 if title is not None else 0, box)


# -- competencies ------------------------------------------------------------------------------


class CompetencyListDirective(SphinxDirective):
    """``{competency-list}``: every competency the rubrics can name, its published wording and
    the rubric criteria that use it; each framework with how far its wording was verified."""

    has_content = False

    @_generated
    def run(self) -> list[nodes.Node]:
        from raicourse.rubrics import load_competencies, rubrics_folder, validate_all_rubrics

        self.env.note_dependency(str(rubrics_folder() / "competencies.yaml"))
        competencies = load_competencies(language=_book_language)
        rubrics = validate_all_rubrics()
        used: dict[str, list[str]] = {}
        for stem, rubric in rubrics.items():
            self.env.note_dependency(str(rubrics_folder() / f"{stem}.yaml"))
            for criterion in rubric.criteria:
                for competency_id in criterion.competencies:
                    used.setdefault(competency_id, []).append(f"{stem} ({criterion.id})")
        lines: list[str] = []
        for framework in competencies.frameworks:
            lines += [f"**{framework.name}** — <{framework.url}>", "", _text("competencies.status", text=_one_line(framework.status)), ""]
            headings = [_text(f"competencies.head.{key}") for key in ("code", "wording", "gloss", "used_by")]
            lines += ["| " + " | ".join(headings) + " |", "|---|---|---|---|"]
            for competency in competencies.competencies:
                if competency.framework != framework.id:
                    continue
                users = ", ".join(used.get(competency.id, [])) or "—"
                wording = _one_line(competency.label).replace("|", "\\|")
                lines.append(f"| {competency.code} | {wording} | {_one_line(competency.gloss)} | {users} |")
            lines.append("")
        container = nodes.container(classes=["raicourse-competencies"])
        self.state.nested_parse(StringList(lines, source="competency-list"), self.content_offset, container)
        return [container]


class RubricsDirective(SphinxDirective):
    """``{all-rubrics}``: every rubric file of the package, each under its own heading."""

    has_content = False

    @_generated
    def run(self) -> list[nodes.Node]:
        from raicourse.rubrics import load_rubric, rubric_stems, rubrics_folder

        result: list[nodes.Node] = []
        self.env.note_dependency(str(rubrics_folder() / "competencies.yaml"))
        for stem in rubric_stems():
            self.env.note_dependency(str(rubrics_folder() / f"{stem}.yaml"))
            section = _section(self.state.document, load_rubric(stem, _book_language).title, f"rubric-{stem}")
            section += nodes.paragraph(text=_text("rubric.exercise", stem=stem))
            section += rubric_table(stem)
            result.append(section)
        return result


def setup_instructor(app: Sphinx) -> None:
    """Register the trainers' directives and hooks (called by ``raicourse.sphinxext.setup``)."""
    app.add_directive("rubric", RubricDirective, override=True)
    app.add_directive("class-schedule", ClassScheduleDirective)
    app.add_directive("answer-keys", AnswerKeysDirective)
    app.add_directive("handouts", HandoutsDirective)
    app.add_directive("run-sheet", RunSheetDirective)
    app.add_directive("role-cards", RoleCardsDirective)
    app.add_directive("attendance-sheet", AttendanceDirective)
    app.add_directive("report-problem", ReportProblemDirective)
    app.connect("doctree-resolved", _trainer_summary)
    app.add_directive("competency-list", CompetencyListDirective)
    app.add_directive("all-rubrics", RubricsDirective)
    app.connect("builder-inited", _validate_rubrics)
    app.connect("config-inited", _set_book_language)
    # After sphinx-external-toc (900) has read _toc.yml and excluded what it does not list.
    app.connect("config-inited", _add_instructor_part, priority=950)
    app.connect("html-page-context", _add_print_stylesheet)
