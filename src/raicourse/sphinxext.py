"""Sphinx extension that connects the course package to the book build.

Listed in ``_config.yml`` under ``sphinx.extra_extensions``. It

* tells the notebook kernels that myst-nb starts that they render for the static
  book (``RAICOURSE_STATIC=1``), so the course's widgets emit their light ``text/html``
  form and no widget state (which would pull in html-manager);
* serves the package's front-end modules (``raicourse/static``) from ``_static/``;
* adds the loader that brings those modules to life, only on pages that contain a
  course widget;
* removes the thebe scripts that jupyter-book adds to every page: thebe would fetch
  its code from a CDN (unpkg) and start a remote kernel, while this course sends
  learners to the exercise notebooks instead, and its configuration script is
  added twice, which logs an error on every page.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.errors import ExtensionError

from raicourse import __version__
from raicourse._widget import WIDGET_CLASS, widget_module_source
from raicourse.editions import is_instructor
from raicourse.translations.sphinx import untranslatable


def static_dir() -> str:
    """Return the folder of the package's front-end files."""
    return str(resources.files("raicourse") / "static")


_MODULE_ATTRIBUTE = re.compile(r'data-raicourse-module="([a-z0-9][a-z0-9-]*\.js)"')
_CSS_ATTRIBUTE = re.compile(r'data-raicourse-css="([a-z0-9][a-z0-9-]*\.css)"')


_CITE_ROLE = re.compile(r"\{(cite(?::[a-z]+)?)\}`([^`]+)`")
_BIBLIOGRAPHY = re.compile(r"^(?P<fence>`{3,}|:{3,})\{bibliography\}[^\n]*\n", re.M)


def prefix_citations(source: str, prefix: str) -> str:
    """Give the citations and the local bibliography of one page their own key prefix.

    Each lesson ends with its own bibliography (``:filter: docname in docnames``). When
    two pages cite the same source, sphinxcontrib-bibtex sees one key in two
    bibliographies and warns ("duplicate citation"), which fails a ``-W`` build. Its
    documented remedy is a ``:keyprefix:`` per bibliography, with the prefix written in
    every citation of the page; this does it for the authors, so they cite plain keys.
    """
    if "{bibliography}" not in source:
        return source

    def cite(match: re.Match) -> str:
        keys = ",".join(prefix + key.strip() for key in match.group(2).split(","))
        return f"{{{match.group(1)}}}`{keys}`"

    source = _CITE_ROLE.sub(cite, source)
    return _BIBLIOGRAPHY.sub(lambda m: f"{m.group(0)}:keyprefix: {prefix}\n", source)


def _prefix_page_citations(app: Sphinx, docname: str, source: list[str]) -> None:
    source[0] = prefix_citations(source[0], docname.replace("/", "-") + "-")


_SHOW_QUIZ = re.compile(r"""^(?P<call>[ \t]*show_quiz\(\s*["'](?P<stem>[a-z0-9_]+)["'][^\n]*)$""", re.M)


_SHOW_PROGRESS = re.compile(r"^(?P<call>[ \t]*show_progress\([^\n]*)$", re.M)


def mark_quiz_versions(source: str, toc: str | None = None) -> str:
    """Tag each ``show_quiz("stem")`` line with a hash of its bank (and ``show_progress()``
    with a hash of every bank and of the table of contents).

    myst-nb caches a page's executed outputs by the text of its code cells. A quiz's
    output is built from its YAML bank, which is not in the page: without this, editing a
    bank would leave the old quiz in the book until the cache is cleared. The comment
    changes the cell's text whenever the bank changes.
    """
    from raicourse.quiz.loader import banks_folder

    def tag(match: re.Match) -> str:
        try:
            digest = hashlib.sha256((banks_folder() / f"{match.group('stem')}.yaml").read_bytes()).hexdigest()[:16]
        except OSError:
            return match.group(0)  # an unknown bank fails at execution, with its own message
        return f"{match.group('call')}  # bank {digest}"

    source = _SHOW_QUIZ.sub(tag, source)
    # The progress page lists every quiz under its lesson's title: it changes with any bank
    # and with the table of contents.
    if _SHOW_PROGRESS.search(source):
        digest = hashlib.sha256()
        for bank in sorted(banks_folder().glob("*.yaml")):
            digest.update(bank.name.encode() + bank.read_bytes())
        if toc is not None:
            digest.update(toc.encode())
        source = _SHOW_PROGRESS.sub(lambda m: f"{m.group('call')}  # banks {digest.hexdigest()[:16]}", source)
    return source


_QUIZ_MARK = re.compile(r"# banks? [0-9a-f]{16}")


def _quiz_marks(app: Sphinx, source: str) -> list[str]:
    toc = Path(app.srcdir, "_toc.yml")
    marked = mark_quiz_versions(source, toc.read_text(encoding="utf-8") if toc.exists() else None)
    return _QUIZ_MARK.findall(marked)


def _mark_quiz_versions(app: Sphinx, docname: str, source: list[str]) -> None:
    toc = Path(app.srcdir, "_toc.yml")
    source[0] = mark_quiz_versions(source[0], toc.read_text(encoding="utf-8") if toc.exists() else None)
    marks = getattr(app.env, "raicourse_quiz_marks", {})
    marks[docname] = _QUIZ_MARK.findall(source[0])
    app.env.raicourse_quiz_marks = marks


def _pages_with_changed_quizzes(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    # Sphinx re-reads a page only when its own file changed; a page whose quiz bank (or, for
    # "My progress", any bank or the table of contents) changed must be re-read too.
    marks = getattr(env, "raicourse_quiz_marks", {})
    outdated = []
    for docname, before in marks.items():
        if docname in added or docname in changed or docname in removed or docname not in env.found_docs:
            continue
        try:
            source = Path(env.doc2path(docname)).read_text(encoding="utf-8")
        except OSError:
            continue
        if _quiz_marks(app, source) != before:
            outdated.append(docname)
    return outdated


#: Blocks marked with this class (``:class: instructor``) are for trainers only.
INSTRUCTOR_CLASS = "instructor"


def _remove_instructor_blocks(app: Sphinx, doctree: nodes.document) -> None:
    # The learner edition must not *contain* trainer material (answers to debriefs, timings):
    # the blocks are removed from the document tree, not hidden with CSS.
    if is_instructor():
        return
    for node in list(doctree.findall(nodes.Element)):
        if INSTRUCTOR_CLASS in node.get("classes", []) and node.parent is not None:
            node.parent.remove(node)


def _add_static_path(app: Sphinx, config: Any) -> None:
    config.html_static_path.append(static_dir())


def _add_lesson_bibliographies(app: Sphinx, config: Any) -> None:
    # Each lesson may keep its sources beside it (book/<pillar>/<stem>.bib), so lessons can
    # be written in parallel without editing one shared file; every .bib under book/ is used.
    listed = {str(Path(path)) for path in config.bibtex_bibfiles}
    for path in sorted(Path(app.confdir).glob("book/**/*.bib")):
        relative = str(path.relative_to(app.confdir))
        if relative not in listed:
            config.bibtex_bibfiles.append(relative)


# What an inlined module may contain: one `export default { render };` at the end (the
# anywidget convention), no other import or export, and nothing that would end the <script>.
_DEFAULT_EXPORT = re.compile(r"^export default (\{ ?render ?\});\s*\Z", re.M)
_MODULE_SYNTAX = re.compile(r"^\s*(import|export)\b|\bimport\.meta\b", re.M)
_ENDS_SCRIPT = re.compile(r"</script|<!--", re.I)
_STATIC_IMPORT = re.compile(r"^\s*import\s*[\w{*\"']", re.M)


def _static_text(name: str) -> str:
    path = resources.files("raicourse") / "static" / name
    if not path.is_file():
        raise ExtensionError(f"raicourse: a page uses {name}, which is not one of the course's files in {static_dir()}")
    return path.read_text(encoding="utf-8")


def _inlinable(name: str, source: str) -> str:
    if _ENDS_SCRIPT.search(source):
        raise ExtensionError(f"raicourse: {name} cannot be inlined in a page: it contains '</script' or '<!--'")
    return source


def _widget_function(name: str) -> str:
    """A widget module (its library imports inlined, as live) as an expression that evaluates
    to its default export."""
    try:
        source = _inlinable(name, widget_module_source(name, _static_text))
    except ValueError as error:
        raise ExtensionError(f"raicourse: {name} cannot be inlined in a page: {error}") from None
    export = _DEFAULT_EXPORT.search(source)
    rest = source[: export.start()] if export else source
    if not export or _MODULE_SYNTAX.search(rest):
        raise ExtensionError(
            f"raicourse: {name} cannot be inlined in a page: a widget module must be self-contained "
            "(no import, no import.meta) and end with `export default { render };`"
        )
    return f"(() => {{\n// {name}\n{rest}return {export.group(1)};\n}})()"


def widget_page_script(body: str, static_url: Callable[[str], str]) -> str:
    """Return the inline ES module that starts the course widgets of a page.

    It holds ``raicourse-mount.js`` and the page's widget modules themselves (the same
    files that run live in Jupyter, each wrapped in a function), so that a quiz needs no
    request of its own and starts as soon as the page is parsed (before DOMContentLoaded).
    On a phone network, each request a page adds can wait for a free connection.

    Parameters
    ----------
    body : str
        The page's HTML body.
    static_url : callable
        Maps a file of ``_static`` to its URL relative to the page.
    """
    mount = _inlinable("raicourse-mount.js", _static_text("raicourse-mount.js"))
    if mount.count("export function mountAll(") != 1 or _STATIC_IMPORT.search(mount):
        raise ExtensionError("raicourse: raicourse-mount.js cannot be inlined: it must define `export function mountAll(`")
    modules = sorted(set(_MODULE_ATTRIBUTE.findall(body)))
    lines = ["// raicourse-mount.js and this page's widget modules, inlined by raicourse.sphinxext.",
             mount.replace("export function mountAll(", "function mountAll("),
             "const widgets = {"]
    lines += [f'"{name}": {_widget_function(name)},' for name in modules]
    lines.append("};")
    # Relative URLs (MathJax, a module added later) resolve next to the files in _static.
    lines.append(f'mountAll(widgets, new URL("{static_url("raicourse-mount.js")}", import.meta.url).href);')
    return "\n".join(lines)


def inline_stylesheet(name: str) -> str:
    """A stylesheet of the package as a ``<style>`` element, marked with its name (the
    mount script then knows the page has it)."""
    css = _static_text(name)
    if re.search(r"</style", css, re.I):
        raise ExtensionError(f"raicourse: {name} cannot be inlined in a page: it contains '</style'")
    return f'<style data-raicourse-css="{name}">\n{css}</style>'


def _mark_widget_outputs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give the notebook outputs that hold a course widget the class ``raicourse-output``
    (raicourse-page.css styles them; myst-nb renders an HTML output as a raw node)."""
    for node in doctree.findall(nodes.raw):
        if "html" in node.get("format", "").split() and f'class="{WIDGET_CLASS}"' in node.astext():
            if "raicourse-output" not in node["classes"]:
                node["classes"].append("raicourse-output")


def _add_loader_to_widget_pages(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    body = context.get("body") or ""
    if WIDGET_CLASS in body:
        pathto = context["pathto"]
        app.add_js_file(None, body=widget_page_script(body, lambda name: pathto("_static/" + name, 1)), type="module")
        # The page's stylesheets sit at their place in the cascade (after the theme's), inlined:
        # no request to wait for before the first paint.
        inlined = {"raicourse-page.css", *_CSS_ATTRIBUTE.findall(body)}
        app.add_css_file("raicourse-page.css")
    else:
        # A page with no widget may still show a course block that names its stylesheet
        # (a youth workshop's printable card sheet): inline just that, and no script.
        inlined = set(_CSS_ATTRIBUTE.findall(body))
        if not inlined:
            return
    for name in sorted(inlined - {"raicourse-page.css"}):
        app.add_css_file(name)
    link_tag = context["css_tag"]

    def css_tag(css: Any) -> str:
        name = os.path.basename(str(getattr(css, "filename", "") or ""))
        return inline_stylesheet(name) if name in inlined else link_tag(css)

    context["css_tag"] = css_tag


def _is_thebe_asset(asset: Any) -> bool:
    filename = getattr(asset, "filename", asset) or ""
    body = getattr(asset, "attributes", {}).get("body", "")
    return "thebe" in str(filename) or "THEBE_JS_URL" in str(body)


def _remove_thebe(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not _is_thebe_asset(asset)]


def _fix_citation_list_role(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    # docutils marks the bibliography `role="list"` but its entries are
    # `doc-biblioentry`, not list items: screen readers and axe report a broken list.
    body = context.get("body")
    if body and 'role="list" class="citation-list"' in body:
        context["body"] = body.replace('<div role="list" class="citation-list">', '<div class="citation-list">')


def _validate_quiz_banks(app: Sphinx) -> None:
    # Imported here: the quiz package pulls in anywidget, which Sphinx itself does not need.
    from raicourse.quiz import QuizBankError, validate_all_banks

    try:
        validate_all_banks()
    except QuizBankError as error:
        raise ExtensionError(str(error)) from None


def _drop_mathjax_without_prose_math(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    # myst-nb marks every executed notebook page as holding equations, so MathJax (1.2 MB)
    # would load on pages whose prose has no math at all. Sphinx renders prose math as
    # elements of class "math"; where there is none, MathJax is dropped. Math inside a
    # course widget (a quiz) is typeset by the loader, which fetches MathJax after the
    # page has loaded.
    body = context.get("body") or ""
    if 'class="math' in body:
        return
    if "script_files" in context:
        context["script_files"] = [
            asset for asset in context["script_files"] if "mathjax" not in str(getattr(asset, "filename", asset) or "")
        ]


def _note_lesson_sources(env: Any, lessons: list) -> None:
    # A lesson's minutes change with its text and with its quiz bank.
    from raicourse.quiz.loader import banks_folder

    for lesson in lessons:
        env.note_dependency(str(lesson.path))
        bank = banks_folder() / f"{lesson.stem}.yaml"
        if bank.exists():
            env.note_dependency(str(bank))


class LessonTable(SphinxDirective):
    """``{lesson-table}``: every lesson in course order with the lessons it builds on (by
    number), its minutes, and the totals.

    The reading minutes are computed from each lesson's text and quiz, and the exercise
    minutes come from its front matter (:mod:`raicourse.lessons`), when the page is built.
    """

    has_content = False

    def run(self) -> list[nodes.Node]:
        from raicourse.lessons import lessons

        root = Path(self.env.srcdir)
        language = _book_language(self.env.app)
        try:
            rows = lessons(root, language)
        except ValueError as error:
            raise self.error(str(error)) from None
        _note_lesson_sources(self.env, rows)
        self.env.note_dependency(str(root / "_toc.yml"))
        number = {lesson.stem: position for position, lesson in enumerate(rows, start=1)}
        docname = {lesson.stem: lesson.docname for lesson in rows}
        lines = [_page_text(self.env.app, "lessons.table.head"), "|--:|---|---|---|--:|--:|--:|"]
        for lesson in rows:
            builds_on = ", ".join(f"{{doc}}`{number[stem]} </{docname[stem]}>`" for stem in lesson.prerequisites) or "—"
            lines.append(
                f"| {number[lesson.stem]} | {lesson.part} | {{doc}}`{lesson.title} </{lesson.docname}>` | {builds_on} "
                f"| {lesson.reading} | {lesson.exercises} | {lesson.minutes} |"
            )
        reading = sum(lesson.reading for lesson in rows)
        exercises = sum(lesson.exercises for lesson in rows)
        hours = f"{(reading + exercises) / 60:.1f}"
        if language == "fr":
            hours = hours.replace(".", ",")
        about = _page_text(self.env.app, "lessons.table.total_hours", hours=hours)
        total = _page_text(self.env.app, "lessons.table.total_label")
        lines.append(f"| | **{total}** | **{len(rows)}** | | **{reading}** | **{exercises}** | **{reading + exercises}** {about} |")
        container = nodes.container(classes=["raicourse-lesson-table"])
        self.state.nested_parse(StringList(lines, source="lesson-table"), self.content_offset, container)
        return [untranslatable(container)]


# -- the lesson pages: time line, collapsed blocks, code to read ------------------------------

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_PAGE_TITLE = re.compile(r"^# .+$", re.M)
#: The class of the line under a lesson's title (its time and the lessons to read first).
LESSON_META_CLASS = "raicourse-lesson-meta"
#: The cell tag that marks code the learner reads rather than types.
READ_ONLY_CODE_TAG = "read-only-code"


def _book_language(app: Sphinx) -> str:
    from raicourse.i18n import LANGUAGES

    language = (app.config.language or "en")[:2]
    return language if language in LANGUAGES else "en"


def _page_text(app: Sphinx, key: str, **fields: object) -> str:
    from raicourse.i18n import LANGUAGES, t

    language = (app.config.language or "en")[:2]
    return t(key, language=language if language in LANGUAGES else "en", **fields)


def add_lesson_meta(source: str) -> str:
    """Put a ``{lesson-meta}`` block under the title of a lesson (a page whose front matter has
    ``exercises:``); other pages are returned unchanged."""
    front = _FRONT_MATTER.match(source)
    if not front or not re.search(r"^exercises:", front.group(1), re.M) or "{lesson-meta}" in source:
        return source
    title = _PAGE_TITLE.search(source, front.end())
    if not title:
        return source
    return source[: title.end()] + "\n\n```{lesson-meta}\n```\n" + source[title.end():]


def _add_lesson_meta(app: Sphinx, docname: str, source: list[str]) -> None:
    source[0] = add_lesson_meta(source[0])


class LessonMeta(SphinxDirective):
    """``{lesson-meta}``: the lesson's computed time and the lessons to read first, as two short
    lines. The build adds it under every lesson's title (:func:`add_lesson_meta`)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        import yaml

        from raicourse.lessons import _FRONT_MATTER as FRONT_MATTER, lesson_time, page_titles
        from raicourse.quiz.loader import banks_folder

        # Read from the page itself (not from the whole course), so that a lesson built on its
        # own (scripts/preview_lesson.py) shows its time too.
        path = Path(self.env.doc2path(self.env.docname))
        front = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        meta = (yaml.safe_load(front.group(1)) or {}) if front else {}
        language = _book_language(self.env.app)
        time = lesson_time(path, int(meta.get("exercises", 0)), language)
        self.env.note_dependency(str(banks_folder() / f"{path.stem}.yaml"))
        root = Path(self.env.srcdir)
        self.env.note_dependency(str(root / "_toc.yml"))
        titles = page_titles(root)
        if language != "en":
            from raicourse.translations.book import french_titles

            titles = {PurePosixPath(docname).name: title for docname, title in french_titles(root).items()}
        pages = {PurePosixPath(docname).name: docname for docname in self.env.found_docs}
        links = []
        for stem in meta.get("prerequisites") or []:
            title = titles.get(stem, stem)
            # A lesson previewed alone has no page to link to: its title is enough.
            links.append(f"{{doc}}`{title} </{pages[stem]}>`" if stem in pages else title)
            if stem in pages:
                self.env.note_dependency(self.env.doc2path(pages[stem]))
        if time.exercises:
            line = _page_text(self.env.app, "lessons.meta.time", minutes=time.total, reading=time.study, exercises=time.exercises)
        else:
            line = _page_text(self.env.app, "lessons.meta.time_no_exercises", minutes=time.total)
        if links:
            first = _page_text(self.env.app, "lessons.meta.read_first", lessons=", ".join(links))
        else:
            first = _page_text(self.env.app, "lessons.meta.read_first_none")
        container = nodes.container(classes=[LESSON_META_CLASS])
        self.state.nested_parse(StringList([line, "", first], source="lesson-meta"), self.content_offset, container)
        return [untranslatable(container)]


def _collapsed_block(name: str, title_key: str, titled_key: str | None, css_class: str):
    """A sphinx-design dropdown with a standard title and class (``{going-further}``,
    ``{about-the-sources}``): collapsed, so not part of a lesson's core minutes."""
    from sphinx_design.dropdown import DropdownDirective

    class CollapsedBlock(DropdownDirective):
        __doc__ = f"``{{{name}}} [title]``: a collapsed block of class ``{css_class}``."
        optional_arguments = 1 if titled_key else 0
        option_spec = {key: value for key, value in DropdownDirective.option_spec.items() if key in {"name", "open"}}

        def run(self) -> list[nodes.Node]:
            title = self.arguments[0] if self.arguments else ""
            if title and _book_language(self.env.app) != "en":
                from raicourse.translations.book import french_directive_title

                french = french_directive_title(Path(self.env.srcdir), self.env.docname, title)
                if french is None and os.environ.get("RAICOURSE_STRICT_TRANSLATIONS"):
                    raise self.error(f"no current French for the title {title!r} in its page's catalogue "
                                     "(run `make translations`, then translate it)")
                title = french or title
            self.arguments = [_page_text(self.env.app, titled_key, title=title) if title and titled_key
                              else _page_text(self.env.app, title_key)]
            self.options["class-container"] = [css_class]
            return super().run()

    CollapsedBlock.__name__ = "".join(part.title() for part in name.split("-")) + "Directive"
    return CollapsedBlock


class SayDirective(SphinxDirective):
    """``{say}``: in a youth workshop, the words the volunteer says to the children, as a boxed
    block titled "Say" (« Dites »). The plain-language report holds these words to the children's
    limit (:data:`raicourse.readability.CHILD_WORDS` words a sentence)."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        block = nodes.admonition(classes=["raicourse-say"])
        # The title comes from the package's messages in each language, not from the page's catalogue.
        block += nodes.title(text=_page_text(self.env.app, "lessons.say"), translatable=False)
        self.state.nested_parse(self.content, self.content_offset, block)
        return [block]


def _label_read_only_code(app: Sphinx, doctree: nodes.document) -> None:
    # myst-nb gives a cell the class tag_<tag> for each of its tags. A cell tagged read-only-code
    # starts with a short label, as text (so screen readers and translators get it too).
    marker = f"tag_{READ_ONLY_CODE_TAG}"
    for cell in list(doctree.findall(nodes.container)):
        if marker in cell.get("classes", []) and "cell" in cell.get("classes", []):
            label = nodes.paragraph(classes=["raicourse-code-label"])
            label += nodes.strong(text=_page_text(app, "lessons.read_only_code"))
            cell.insert(0, label)


def _kernel_language(app: Sphinx, config: Any) -> None:
    # The notebooks' kernels inherit this process's environment: they write the quizzes' and
    # figures' text in the book's language, whatever the machine's locale (LANG=fr_FR on a
    # French trainer's laptop must not give the English book French quizzes).
    os.environ["RAICOURSE_LANG"] = _book_language(app)


def setup(app: Sphinx) -> dict[str, Any]:
    os.environ["RAICOURSE_STATIC"] = "1"
    app.connect("config-inited", _kernel_language)
    from raicourse.bibstyle import register as register_bibliography_style

    register_bibliography_style()
    app.add_directive("lesson-table", LessonTable)
    app.add_directive("lesson-meta", LessonMeta)
    app.add_directive("going-further", _collapsed_block("going-further", "lessons.going_further", "lessons.going_further_titled", "going-further"))
    app.add_directive("say", SayDirective)
    app.add_directive("about-the-sources", _collapsed_block("about-the-sources", "lessons.about_the_sources", None, "about-the-sources"))
    app.connect("source-read", _add_lesson_meta)
    app.connect("doctree-read", _label_read_only_code)
    app.setup_extension("raicourse.launch_sphinx")  # launch links to the exercise notebooks, version in the footer
    app.setup_extension("raicourse.translations.sphinx")  # language switcher, the French edition's missing pages
    app.setup_extension("raicourse.editions")  # the assessment edition: no answers, quizzes that record
    from raicourse.instructor import setup_instructor; setup_instructor(app)  # noqa: E702 - one line per part
    app.connect("config-inited", _add_static_path)
    app.add_css_file("raicourse-site.css")
    app.connect("doctree-read", _remove_instructor_blocks)
    app.connect("config-inited", _add_lesson_bibliographies)
    app.connect("source-read", _prefix_page_citations)
    app.connect("source-read", _mark_quiz_versions)
    app.connect("env-get-outdated", _pages_with_changed_quizzes)
    app.connect("builder-inited", _validate_quiz_banks)
    app.connect("doctree-resolved", _mark_widget_outputs)
    app.connect("html-page-context", _add_loader_to_widget_pages)
    app.connect("html-page-context", _fix_citation_list_role)
    # Late priority: after every extension has added its assets to the page.
    app.connect("html-page-context", _remove_thebe, priority=900)
    app.connect("html-page-context", _drop_mathjax_without_prose_math, priority=900)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
