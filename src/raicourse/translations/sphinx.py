"""The language switcher, ``hreflang`` alternates and the French edition's missing pages (Sphinx).

Both editions:

* every page's header shows a link to **the same page** in the other language (the French site
  is published at ``fr/`` beside the English one), and the page's ``<head>`` lists its
  alternates with ``hreflang``.

The French edition (``language: fr``):

* a page of the English table of contents that is not yet published in French gets an honest
  page at the same address, « pas encore traduite », linking to the English one: no French link
  ever leads to a 404, and no French page mixes languages;
* a cross-reference to such a page resolves to it (with the page's French title);
* the theme's own French labels are replaced where they are wrong
  (``locales/fr/LC_MESSAGES/booktheme.po``, ``sphinx.po``).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.osutil import relative_uri

from raicourse.i18n import t

__all__ = ["FRENCH_FOLDER", "setup", "untranslatable"]

#: Where the French site is published, relative to the English site's root.
FRENCH_FOLDER = "fr"
_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_TEMPLATE = "raicourse-language.html"


def untranslatable(node: nodes.Node) -> nodes.Node:
    """Mark every text of ``node`` as not for gettext: text the build computes in each language
    (times, tables of lessons) must not enter the catalogues, where it would drift."""
    for child in node.findall(nodes.TextElement):
        child["translatable"] = False
    return node


def _language(app: Any) -> str:
    return (app.config.language or "en")[:2]


@lru_cache(maxsize=None)
def _published(srcdir: str) -> frozenset[str]:
    """The pages that exist in French in the edition being built: in the instructor edition,
    only those whose trainers' material is in French too."""
    from raicourse.editions import is_instructor
    from raicourse.translations import published_pages
    from raicourse.translations.book import trainer_edition_pages

    root = Path(srcdir)
    return frozenset(trainer_edition_pages(root) if is_instructor() else published_pages(root))


@lru_cache(maxsize=None)
def _toc_pages(srcdir: str) -> tuple[str, ...]:
    """The pages of the edition being built (the instructor edition adds the "For trainers" part)."""
    from raicourse.editions import is_instructor
    from raicourse.translations.book import toc_docnames

    return tuple(toc_docnames(Path(srcdir), trainers=is_instructor()))


@lru_cache(maxsize=None)
def _labels(srcdir: str) -> dict[str, tuple[str, str]]:
    """Labels of the English pages: label → (docname, heading that follows it)."""
    found = {}
    for docname in _toc_pages(srcdir):
        lines = (Path(srcdir) / f"{docname}.md").read_text(encoding="utf-8").splitlines()
        for index, line in enumerate(lines):
            match = re.fullmatch(r"\(([\w-]+)\)=\s*", line)
            if match:
                heading = next((item.lstrip("#").strip() for item in lines[index + 1 : index + 3] if item.startswith("#")), "")
                found[match.group(1)] = (docname, heading)
    return found


def _configure(app: Any, config: Any) -> None:
    config.templates_path = [*config.templates_path, str(_TEMPLATES)]
    options = config.html_theme_options
    end = list(options.get("article_header_end") or ["article-header-buttons.html"])
    if _TEMPLATE not in end:
        end.insert(0, _TEMPLATE)
    options["article_header_end"] = end


def _builder_inited(app: Any) -> None:
    app.add_css_file("raicourse-language.css")
    if _language(app) == "fr":
        _override_theme_catalogue(app)


def _override_theme_catalogue(app: Any) -> None:
    """Put the course's ``booktheme.po`` before the theme's machine-made French strings."""
    from babel.messages.mofile import write_mo

    from raicourse.translations import book_catalogue_dir, read_catalogue

    source = book_catalogue_dir(Path(app.srcdir)) / "booktheme.po"
    if not source.exists():
        return
    target = Path(app.doctreedir).parent / "locale" / "fr" / "LC_MESSAGES" / "booktheme.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        write_mo(handle, read_catalogue(source))
    import gettext

    from sphinx.locale import translators

    # The theme registered its catalogue first (sphinx.locale.init would add ours as a mere
    # fallback): ours goes in front, with the theme's behind it for anything we do not list.
    with target.open("rb") as handle:
        ours = gettext.GNUTranslations(handle)
    existing = translators.get(("general", "booktheme"))
    if existing is not None:
        ours.add_fallback(existing)
    translators[("general", "booktheme")] = ours


def switcher(app: Any, pagename: str) -> dict[str, str]:
    """The other language's link for ``pagename``: href, code, name, and whether that page is a translation."""
    to_root = "../" * pagename.count("/")
    if _language(app) == "fr":
        return {"href": f"{to_root}../{pagename}.html", "code": "en", "name": "English", "translated": "yes"}
    published = pagename in _published(app.srcdir) or pagename not in _toc_pages(app.srcdir)
    return {"href": f"{to_root}{FRENCH_FOLDER}/{pagename}.html", "code": "fr", "name": "Français",
            "translated": "yes" if published else "no"}


def _page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if app.builder.format != "html":
        return
    other = switcher(app, pagename)
    if pagename in _toc_pages(app.srcdir) and _language(app) == "fr" and pagename not in _published(app.srcdir):
        other["translated"] = "no"  # the "not yet translated" page: the English one is the page itself
    context["raicourse_language"] = other
    own = _language(app)
    links = []
    if other["translated"] == "yes":  # a page and its translation name each other
        links.append(f'<link rel="alternate" hreflang="{own}" href="{html.escape(pagename.rsplit("/", 1)[-1])}.html">')
    if other["translated"] == "yes" or own == "fr":
        links.append(f'<link rel="alternate" hreflang="{other["code"]}" href="{html.escape(other["href"])}">')
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(links)


def _english_reference_lists(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """The works cited are in English, and so is the reference list that describes them (titles,
    report types, months): a translated page says so, for screen readers and for the reader.
    Late (priority 950): after the course's own fix of the list's role."""
    if _language(app) != "en" and "citation-list" in context.get("body", ""):
        context["body"] = re.sub(r'(<div\b[^>]*\bclass="citation-list"[^>]*)>', r'\1 lang="en">', context["body"])


def _published_list_is_a_dependency(app: Any, doctree: Any) -> None:
    # Every page's switcher and hreflang depend on which pages are published in French.
    from raicourse.translations import LANGUAGE, LOCALE_DIR

    app.env.note_dependency(str(Path(app.srcdir) / LOCALE_DIR / LANGUAGE / "published.yaml"))


def _untranslated_reference(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """In the French edition, a reference to a page not yet published in French leads to its
    « pas encore traduite » page."""
    if _language(app) != "fr" or node.get("refdomain") != "std" or node.get("reftype") not in ("doc", "ref"):
        return None
    from sphinx.util import docname_join

    from raicourse.translations.book import french_titles

    target = node["reftarget"]
    if node["reftype"] == "doc":
        docname = target.lstrip("/") if target.startswith("/") else docname_join(node.get("refdoc", ""), target)
    else:
        docname = _labels(app.srcdir).get(target, (None, None))[0]
    if not docname or docname not in _toc_pages(app.srcdir) or docname in _published(app.srcdir):
        return None
    title = french_titles(Path(app.srcdir))[docname]
    uri = relative_uri(app.builder.get_target_uri(node.get("refdoc", "")), app.builder.get_target_uri(docname))
    if node.get("refexplicit"):
        inner = contnode
    else:
        inner = nodes.inline("", title)
    reference = nodes.reference("", "", internal=True, refuri=uri, classes=["raicourse-not-yet-translated"])
    reference += inner
    return reference


def _untranslated_pages(app: Any) -> list[tuple[str, dict, str]]:
    """The « pas encore traduite » pages of the French edition."""
    if _language(app) != "fr":
        return []
    from raicourse.translations.book import french_titles, page_title

    root = Path(app.srcdir)
    titles = french_titles(root)
    pages = []
    for docname in _toc_pages(app.srcdir):
        if docname in _published(app.srcdir):
            continue
        to_root = "../" * docname.count("/")
        english = f"{to_root}../{docname}.html"
        body = (
            f'<section class="raicourse-not-yet-translated" id="pas-encore-traduite">'
            f"<h1>{html.escape(titles[docname])}</h1>"
            f"<p>{html.escape(t('translations.not_yet_translated', 'fr'))}</p>"
            f'<p><a href="{html.escape(english)}" hreflang="en">'
            f"{html.escape(t('translations.read_in_english', 'fr'))}</a> "
            f'(<span lang="en">{html.escape(page_title(root, docname))}</span>)</p>'
            f'<p><a href="{to_root}{html.escape(_root_page(app))}.html">'
            f"{html.escape(t('translations.back_to_start', 'fr'))}</a></p>"
            "</section>"
        )
        context = {"title": titles[docname], "body": body, "toc": "", "display_toc": False}
        pages.append((docname, context, "page.html"))
    return pages


class SortTranslatedGlossary(SphinxTransform):
    """The course's glossary is ``:sorted:``, which Sphinx does before translation, by the English
    terms: after the translation (Sphinx's Locale transform, priority 20) sort it again, by the
    translated terms, accents folded as a French dictionary orders them."""

    default_priority = 25

    def apply(self, **kwargs: Any) -> None:
        if _language(self.app) == "en":
            return
        from sphinx import addnodes

        from raicourse._text import fold

        for glossary in self.document.findall(addnodes.glossary):
            for definitions in glossary.findall(nodes.definition_list):
                items = [child for child in definitions.children if isinstance(child, nodes.definition_list_item)]
                if len(items) < 2:
                    continue
                items.sort(key=lambda item: fold(item.next_node(nodes.term).astext()).casefold())
                definitions.children = items


def _trainers_strings(app: Any, doctree: Any, docname: str) -> None:
    """When extracting the strings to translate (gettext builder), write beside the page's
    ``.pot`` the strings shown to trainers only: those found only inside trainers' blocks
    (``:class: instructor``). The drift gate asks for them only in the French instructor edition."""
    if app.builder.name != "gettext":
        return
    import json

    from sphinx.util.nodes import extract_messages

    from raicourse.translations.book import TRAINERS_SUFFIX

    def for_trainers(node: Any) -> bool:
        while node is not None:
            if "instructor" in (node.get("classes", []) if isinstance(node, nodes.Element) else []):
                return True
            node = node.parent
        return False

    inside, outside = set(), set()
    for node, message in extract_messages(doctree):
        (inside if for_trainers(node) else outside).add(message)
    path = Path(app.outdir) / f"{docname}{TRAINERS_SUFFIX}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(sorted(inside - outside), ensure_ascii=False, indent=0), encoding="utf-8")


def english_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = None):
    """``{en}`The Next Era of Human|Machine Partnerships```: words that stay English inside a
    translated sentence (a report's title, a quoted slogan). The HTML gets ``lang="en"``, so a
    screen reader reads them with English pronunciation and the French-only checks leave them out.
    The drift gate lets a translation add it."""
    return [nodes.inline(rawtext, text, classes=["language-en"])], []


class DropdownTableSources(SphinxTransform):
    """A table inside a collapsed block (``{going-further}``, ``{about-the-sources}``: sphinx-design
    dropdowns) gets cells without a source from MyST, and Sphinx then neither extracts them for
    translation nor translates them: the French page would show the table in English (sphinx-design
    issue #234). Give those cells their table's source and line, before translation (priority 20)."""

    default_priority = 5

    def apply(self, **kwargs: Any) -> None:
        for block in self.document.findall(nodes.container):
            if block.get("design_component") != "dropdown":
                continue
            for table in block.findall(nodes.table):
                for node in table.findall(nodes.TextElement):
                    if not node.source:
                        node.source, node.line = table.source, node.line or table.line


def _root_page(app: Any) -> str:
    return app.config.root_doc


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _builder_inited)
    app.add_transform(SortTranslatedGlossary)
    app.add_transform(DropdownTableSources)
    app.connect("html-page-context", _page_context)
    app.connect("html-page-context", _english_reference_lists, priority=950)
    app.connect("doctree-read", _published_list_is_a_dependency)
    app.connect("missing-reference", _untranslated_reference)
    app.connect("html-collect-pages", _untranslated_pages)
    app.connect("doctree-resolved", _trainers_strings)
    app.add_role("en", english_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
