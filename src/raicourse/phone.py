"""Phone-first pages (issue 18): the same book, a fraction of the bytes and round trips.

A Sphinx extension, registered in ``_config.yml`` (``sphinx.extra_extensions``). It works on
what the theme produces, not on copies of its templates, so that a theme upgrade keeps it
working (and ``tests/test_page_weight.py`` fails, naming the page and its heaviest files, if
an upgrade brings weight back):

* **Math** is rendered at build time to MathML (``latex2mathml``), which browsers display
  natively and expose to screen readers: no MathJax on a page for its prose math. (A quiz
  that holds math still loads the book's MathJax when it is shown: ``raicourse-mount.js``.)
* **Icons**: the theme's ``fontawesome.js`` (540 KB gzipped, on every page) is dropped. The
  theme's icon elements (``<i class="fa-solid fa-sun">``) are drawn by Font Awesome's own CSS
  classes with a subset of the theme's Font Awesome font holding only the glyphs the built
  site uses (made with fontTools from the font the theme ships).
* **Styles**: a page's stylesheets become one file, without the rules of the thousands of
  Font Awesome icons the book does not use; the same file serves every page with the same list.
* **Scripts**: the theme's and extensions' scripts become one file, loaded by a small inline
  loader at the end of the page (the theme-mode script excepted: it sets light/dark before the
  first paint). The loader runs once the stylesheet has arrived (the browser holds inline
  scripts until then), so the script never shares a slow link with the stylesheet that the
  first paint waits for. The scripts then run in order; what they ask to run on
  ``DOMContentLoaded`` (which has passed by then) runs once the last of them has run.
* **Search**: the search index (and Sphinx's search code) is no longer loaded by every page;
  the search box opens ``search.html``, which loads them.

The rewriting runs once the HTML builder has written the pages (``build-finished``) and is
idempotent, so incremental builds are safe.
"""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import re
from pathlib import Path
from typing import Any

from docutils import nodes

# Not "raicourse-": those are the widgets' own files (a quiz page must fetch none of them).
BUNDLE_PREFIX = "phone-"
FONT_NAME = "fa-solid-subset"

# --- math ---------------------------------------------------------------------------------


def _mathml(latex: str, display: str) -> str:
    from latex2mathml.converter import convert

    mathml = convert(latex.strip(), display=display)
    # The TeX source as the accessible name's fallback, as MathJax's assistive MathML does.
    escaped = latex.strip().replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return mathml.replace("<math ", f'<math alttext="{escaped}" ', 1)


def visit_math(self: Any, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(_mathml(node.astext(), "inline") + "</span>")
    raise nodes.SkipNode


def visit_displaymath(self: Any, node: nodes.math_block) -> None:
    from sphinx.locale import _
    from sphinx.util.math import get_node_equation_number

    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node["number"]:
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    parts = [part for part in node.astext().split("\n\n") if part.strip()]
    for part in parts:
        self.body.append(_mathml(part, "block"))
    self.body.append("</div>\n")
    raise nodes.SkipNode


_STATE = re.compile(r'<script type="application/json" class="raicourse-state">(.*?)</script>', re.S)
MATHML_ID = "raicourse-mathml"
# The theme clips display math (it expects MathJax's own scrolling box): a wide formula on a
# phone scrolls sideways instead of being cut.
MATH_CSS = "\ndiv.math{overflow-x:auto}div.math>math{flex-grow:1}\n"


def _texts(value: Any) -> Any:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _token_math(tokens: list[Any]) -> Any:
    for token in tokens:
        if isinstance(token, dict):
            if "math" in token:
                yield token["math"]
            for key in ("strong", "em", "link"):
                if key in token:
                    yield from _token_math(token[key])


def widget_mathml(page: str) -> dict[str, str]:
    """The MathML of every ``$...$`` of the widgets' bank text in ``page`` (read with the
    quiz's own inline rules, ``raicourse.quiz.widget.inline_tokens``), keyed by its TeX:
    ``raicourse-mount.js`` shows it instead of loading MathJax."""
    import json

    from raicourse.quiz.widget import inline_tokens

    found: dict[str, str] = {}
    for match in _STATE.finditer(page):
        try:
            state = json.loads(match.group(1))
        except ValueError:
            continue
        for text in _texts(state):
            if "$" in text:
                for tex in _token_math(inline_tokens(text)):
                    found.setdefault(tex, _mathml(tex, "inline"))
    return found


# --- CSS ------------------------------------------------------------------------------------

_URL = re.compile(r"url\(\s*(['\"]?)(?!data:|https?:|/|#)([^'\")]+)\1\s*\)")
# Font Awesome's glyphs sit in Unicode's private use area (written escaped or as is).
_CONTENT_CODEPOINT = re.compile(r"\\([ef][0-9a-f]{3})\b|([\ue000-\uf8ff])", re.I)


def _rebase_urls(css: str, css_dir: str, bundle_dir: str) -> str:
    """Rewrite the relative ``url()`` of a stylesheet in ``css_dir`` for one in ``bundle_dir``."""
    def rebase(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(css_dir, match.group(2)))
        return f'url("{posixpath.relpath(target, bundle_dir)}")'
    return _URL.sub(rebase, css)


_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_TOKEN = re.compile(r"[A-Za-z_][\w-]*")
# Selectors whose classes may be negated or only tested: kept whatever they name.
_LOGICAL = re.compile(r":(not|is|where|has|host|host-context)\(")


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside ``:is(a, b)``)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:index].strip())
            start = index + 1
    parts.append(prelude[start:].strip())
    return [part for part in parts if part]


def _keep_selector(selector: str, used: set[str]) -> bool:
    if _LOGICAL.search(selector):
        return True
    return all(name in used for name in _CLASS.findall(re.sub(r"\[[^\]]*\]", "", selector)))


def _purge(css: str, used: set[str]) -> str:
    """``css`` without the style rules whose every selector names a class that no page, and no
    script of the site, contains (what PurgeCSS does, on tinycss2's parse of the stylesheet).

    Rules that only test or negate classes (``:not(.x)``, ``:is()``, ``:has()``) are kept.
    """
    import tinycss2

    def walk(rules: list) -> list[str]:
        kept = []
        for rule in rules:
            if rule.type == "qualified-rule":
                selectors = [s for s in _split_selectors(tinycss2.serialize(rule.prelude))
                             if _keep_selector(s, used)]
                if selectors:
                    kept.append(",".join(selectors) + "{" + tinycss2.serialize(rule.content) + "}")
            elif rule.type == "at-rule" and rule.lower_at_keyword in {"media", "supports", "layer", "container"} \
                    and rule.content is not None:
                inner = walk(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
                if inner:
                    kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
            elif rule.type == "at-rule" and rule.lower_at_keyword == "charset":
                continue
            elif rule.type not in {"comment", "whitespace", "error"}:
                kept.append(rule.serialize())
        return kept

    return "\n".join(walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)))


def _ordered_union(lists: list[tuple[str, ...]]) -> tuple[str, ...]:
    """Every item of ``lists`` once, each after the items it follows in the lists that hold it."""
    order: list[str] = []
    for items in lists:
        previous = None
        for item in items:
            if item not in order:
                order.insert(order.index(previous) + 1 if previous is not None else 0, item)
            previous = item
    return tuple(order)


_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")


def _drop_unused_font_faces(css: str, used: set[str]) -> str:
    """Without Font Awesome's brands and regular faces when no page uses their classes (a face
    costs nothing until used, but then 120 KB: a theme upgrade must not bring it silently)."""
    def keep(match: re.Match[str]) -> str:
        face = match.group(0)
        if "Brands" in face and not {"fa-brands", "fab"} & used:
            return ""
        if "Font Awesome" in face and "font-weight:400" in face.replace(" ", "") and "Brands" not in face \
                and not {"fa-regular", "far"} & used:
            return ""
        return face
    return _FONT_FACE.sub(keep, css)


_KEPT_AS_IS = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.S)
_THEBE_CONFIG = re.compile(r'<script type="text/x-thebe-config">.*?</script>\s*(<script>kernelName = [^<]*</script>)?\s*', re.S)


def _trim_html(text: str) -> str:
    """Runs of white space between tags become one line break (the browser shows one space
    either way), except inside ``pre``, ``textarea``, ``script`` and ``style``; and sphinx-thebe's
    configuration goes when the page has no thebe button (the book does not use thebe)."""
    parts = _KEPT_AS_IS.split(text)
    # split() returns text, whole kept element, its tag name, text, ...
    trimmed = [re.sub(r">\s+<", ">\n<", part) if index % 3 == 0 else part
               for index, part in enumerate(parts) if index % 3 != 2]
    text = "".join(trimmed)
    if "thebe-launch-button" not in text and "thebe.js" not in text:
        text = _THEBE_CONFIG.sub("", text)
    return text


def _minify_inline(text: str) -> str:
    """The page's inline widget code and styles minified (rJSmin, rCSSmin): they travel with
    every page that has a widget, so they count on every second page."""
    import rcssmin
    import rjsmin

    text = re.sub(r'(<script type="module">)(.*?)(</script>)',
                  lambda m: m.group(1) + rjsmin.jsmin(m.group(2)) + m.group(3), text, flags=re.S)
    return re.sub(r"(<style\b[^>]*>)(.*?)(</style>)",
                  lambda m: m.group(1) + rcssmin.cssmin(m.group(2)) + m.group(3), text, flags=re.S)


def _inline_imports(css: str, css_file: Path, outdir: Path, seen: set[Path] | None = None) -> str:
    """``css`` with its ``@import "x.css";`` replaced by the imported files (one request less each)."""
    seen = seen or set()

    def inline(match: re.Match[str]) -> str:
        target = (css_file.parent / match.group(2)).resolve()
        if target in seen or not target.is_file():
            return ""
        seen.add(target)
        text = _inline_imports(target.read_text(encoding="utf-8"), target, outdir, seen)
        return _rebase_urls(text, target.parent.relative_to(outdir.resolve()).as_posix(),
                            css_file.parent.relative_to(outdir.resolve()).as_posix())
    return re.sub(r"@import\s+(url\()?[\"']([^\"')]+)[\"']\)?\s*;", inline, css)


def _subset_font(source: Path, codepoints: set[int], target: Path) -> None:
    """A WOFF subset of ``source`` holding only ``codepoints`` (fontTools)."""
    import logging

    from fontTools import subset

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # not its INFO lines in the build log
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = []
    options.name_IDs = ["*"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    # Only glyphs the font has (a kept rule may name a brands icon): no "missing glyph" warning.
    subsetter.populate(unicodes=sorted(codepoints & set(font.getBestCmap())))
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    target.write_bytes(buffer.getvalue())


# --- pages ----------------------------------------------------------------------------------

_STYLESHEET = re.compile(r"<link\b(?=[^>]*\brel=\"stylesheet\")[^>]*>\s*")
_HREF = re.compile(r"\bhref=\"([^\"]+)\"")
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>\s*", re.S)
_ATTRIBUTE_PAIR = re.compile(r"\b([\w-]+)=\"([^\"]*)\"")
SCRIPTS_ID = "phone-scripts"
WAITING = "phoneWaiting"
# The loader (see the module's docstring). It is an inline script after the stylesheet, so it
# runs once the stylesheet is in. ``async = false``: the scripts run in their order. While
# they load, a listener for DOMContentLoaded is kept (it has fired, or will before they have
# run) and called, after the page's waiting inline scripts, once the last has run and the
# page is parsed.
LOADER = (
    "(function(d,w){var list=JSON.parse(d.getElementById(\"" + SCRIPTS_ID + "\").textContent),"
    "add=d.addEventListener,kept=[],left=list.length+1;"
    "d.addEventListener=function(t,f,o){t===\"DOMContentLoaded\"?kept.push(f):add.call(d,t,f,o)};"
    "function done(){if(--left)return;d.addEventListener=add;"
    "(w." + WAITING + "||[]).concat(kept).forEach(function(f){try{typeof f===\"function\"?f.call(d,new Event(\"DOMContentLoaded\")):f.handleEvent(new Event(\"DOMContentLoaded\"))}"
    "catch(e){setTimeout(function(){throw e})}})}"
    "list.forEach(function(a){var s=d.createElement(\"script\");for(var k in a)s.setAttribute(k,a[k]);"
    "s.async=false;s.onload=s.onerror=done;d.body.appendChild(s)});"
    "d.readyState===\"loading\"?add.call(d,\"DOMContentLoaded\",done):done()})(document,window);"
)
_SRC = re.compile(r"\bsrc=\"([^\"]+)\"")
_DATA_ATTRIBUTE = re.compile(r"\s(data-(?!cfasync)[\w-]+=\"[^\"]*\")")
_DROPPED_SCRIPTS = ("_static/scripts/fontawesome.js",)
_SEARCH_SCRIPTS = ("_static/searchtools.js", "_static/language_data.js", "searchindex.js")
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.M)


def _stylesheets(head: str) -> list[str]:
    return [_HREF.search(link).group(1) for link in _STYLESHEET.findall(head)
            if _HREF.search(link) and "media=" not in link]


def _local(page_dir: str, url: str) -> str | None:
    """The site path of a relative ``url`` from a page in ``page_dir`` (None: not a local file)."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^/", url):
        return None
    return posixpath.normpath(posixpath.join(page_dir, url.split("?")[0].split("#")[0]))


def _bundle_scripts(text: str, page_dir: str) -> tuple[str, list[str], list[str]]:
    """Take the theme's and extensions' classic scripts (files under ``_static/``, not the
    vendored ones) out of the page; return the page, their site paths in order and the
    ``data-`` attributes they carried (e.g. sphinx-design's storage prefix)."""
    files: list[str] = []
    data: list[str] = []

    def take(match: re.Match[str]) -> str:
        attributes, body = match.group(1), match.group(2)
        src = _SRC.search(attributes)
        path = _local(page_dir, src.group(1)) if src else None
        if path is None or body.strip() or not path.startswith("_static/") or path.startswith("_static/vendor/") \
                or re.search(r"\basync\b|type=\"module\"", attributes):
            return match.group(0)
        files.append(path)
        data.extend(_DATA_ATTRIBUTE.findall(attributes))
        return ""
    return _SCRIPT.sub(take, text), files, data


def _rewrite_page(text: str, page: str, css_href: str | None, scripts: tuple[list[str], list[str]] | None,
                  js_href: str | None) -> str:
    """The page with one stylesheet, one deferred script at the end of the body, no icon
    script and (but on the search page) no search scripts."""
    page_dir = posixpath.dirname(page)
    end = text.index("</head>")
    head, rest = text[:end], text[end:]
    if css_href is not None:
        first = True

        def one_link(match: re.Match[str]) -> str:
            nonlocal first
            if "media=" in match.group(0):
                return match.group(0)
            if first:
                first = False
                return f'<link rel="stylesheet" href="{css_href}" />\n'
            return ""
        head = _STYLESHEET.sub(one_link, head)

    search_scripts = []

    def drop(match: re.Match[str]) -> str:
        src = _SRC.search(match.group(1))
        path = _local(page_dir, src.group(1)) if src else None
        if path in _DROPPED_SCRIPTS:
            return ""
        if path in _SEARCH_SCRIPTS:
            # The search page keeps them, after the page's scripts (its search code uses them).
            if page == "search.html":
                search_scripts.append(src.group(1))
            return ""
        return match.group(0)
    head = _SCRIPT.sub(drop, head)
    rest = _SCRIPT.sub(drop, rest)
    # The theme preloads scripts that it defers anyway: they would compete with the
    # stylesheet for a phone's bandwidth.
    head = re.sub(r"<link rel=\"preload\" as=\"script\"[^>]*>\s*", "", head)
    text = head + rest
    if js_href is not None and scripts is not None:
        text, _, _ = _bundle_scripts(text, page_dir)
        data = "".join(f" {attribute}" for attribute in dict.fromkeys(scripts[1]))
        # Inline scripts run while the page is parsed, before the bundle: those that use
        # Sphinx's options wait for it (the loader runs them first, once the scripts have run).
        text = re.sub(r"<script>(\s*DOCUMENTATION_OPTIONS\..*?)</script>",
                      lambda m: f'<script>({WAITING}=window.{WAITING}||[]).push(() => {{{m.group(1)}}});</script>',
                      text, flags=re.S)
        # The vendored scripts (require.js and the widgets' html-manager, on pages with generic
        # widgets) follow the bundle, as they followed the theme's scripts: a UMD script
        # (clipboard.js) run after require.js would register with it instead of globally.
        vendored = []

        def move(match: re.Match[str]) -> str:
            attributes = match.group(1)
            src = _SRC.search(attributes)
            path = _local(page_dir, src.group(1)) if src else None
            if path is None or not path.startswith("_static/vendor/") or match.group(2).strip() \
                    or re.search(r"\b(async|defer)\b|type=\"module\"", attributes):
                return match.group(0)
            vendored.append(_pairs(attributes))
            return ""
        text = _SCRIPT.sub(move, text)
        first = {"src": js_href, **_pairs(data)}
        load = [first, *vendored, *({"src": src} for src in search_scripts)]
    elif search_scripts:
        load = [{"src": src} for src in search_scripts]
    else:
        load = []
    text = _trim_html(_minify_inline(text))
    mathml = widget_mathml(text)
    if mathml and f'id="{MATHML_ID}"' not in text:
        payload = json.dumps(mathml, ensure_ascii=False).replace("</", "<\\/")
        text = text.replace("</body>", f'<script type="application/json" id="{MATHML_ID}">{payload}</script>\n</body>', 1)
    if load:
        # Last in the page, so that the parser has nothing left when the scripts run.
        payload = json.dumps(load, ensure_ascii=False).replace("</", "<\\/")
        text = text.replace("</body>", f'<script type="application/json" id="{SCRIPTS_ID}">{payload}</script>\n'
                                       f"<script>{LOADER}</script>\n</body>", 1)
    return text


def _pairs(attributes: str) -> dict[str, str]:
    import html

    return {name: html.unescape(value) for name, value in _ATTRIBUTE_PAIR.findall(attributes)}


def loaded_scripts(text: str) -> list[dict[str, str]]:
    """The scripts a rewritten page's loader loads, in order: each one's attributes."""
    found = re.search(rf'<script type="application/json" id="{SCRIPTS_ID}">(.*?)</script>', text, re.S)
    return json.loads(found.group(1)) if found else []


def _write_hashed(folder: Path, suffix: str, content: str) -> str:
    name = BUNDLE_PREFIX + hashlib.sha256(content.encode()).hexdigest()[:12] + suffix
    (folder / name).write_text(content, encoding="utf-8")
    return name


def optimise_site(outdir: Path) -> dict[str, Any]:
    """Rewrite every page of the built site in ``outdir``; return what was done (for tests)."""
    import base64

    static = outdir / "_static"
    pages = sorted(p for p in outdir.rglob("*.html") if not {"_static", "_sources"} & set(p.relative_to(outdir).parts))
    texts = {page.relative_to(outdir).as_posix(): page.read_text(encoding="utf-8") for page in pages}
    texts = {page: text for page, text in texts.items() if "</head>" in text and "</body>" in text}

    # Every word of every page and script: a class that appears nowhere styles nothing.
    used: set[str] = set()
    classes: set[str] = set()  # the classes pages give elements, and the fa- names scripts use
    for text in texts.values():
        used.update(_TOKEN.findall(text))
        for attribute in re.findall(r'\bclass="([^"]*)"', text):
            classes.update(attribute.split())
    for script in static.rglob("*.js"):
        # Not the icon set itself, nor vendored bundles (html-manager carries its own copy of
        # Font Awesome's names, and its own stylesheet).
        if script.name != "fontawesome.js" and "vendor" not in script.relative_to(static).parts:
            tokens = _TOKEN.findall(script.read_text(encoding="utf-8", errors="ignore"))
            used.update(tokens)
            classes.update(token for token in tokens if token.startswith("fa-"))

    # Pass 1: what each page loads (pages written by an earlier run are left as they are).
    plans: dict[str, tuple[tuple[str, ...], tuple[list[str], list[str]] | None]] = {}
    for page, text in texts.items():
        page_dir = posixpath.dirname(page)
        head = text[:text.index("</head>")]
        css_files = tuple(path for href in _stylesheets(head) if (path := _local(page_dir, href)))
        if not css_files or any(posixpath.basename(f).startswith(BUNDLE_PREFIX) for f in css_files):
            continue
        _, js_files, data = _bundle_scripts(text, page_dir)
        js_files = [f for f in js_files if f not in _DROPPED_SCRIPTS and f not in _SEARCH_SCRIPTS]
        plans[page] = (css_files, (js_files, data))

    # Pass 2: ONE purged stylesheet for every page (the union of the pages' stylesheets, in
    # their order), so that a second page finds it in the cache; the icon font, subset to the
    # glyphs it still uses, is embedded in it (no request of its own).
    union = _ordered_union([css_files for css_files, _ in plans.values()])
    purged: dict[tuple[str, ...], str] = {}
    codepoints: set[int] = set()
    if union:
        parts = []
        for file in union:
            css = _inline_imports((outdir / file).read_text(encoding="utf-8"), (outdir / file).resolve(), outdir)
            parts.append(_rebase_urls(css, posixpath.dirname(file), "_static"))
        purged[union] = _drop_unused_font_faces(_purge("\n".join(parts), used), classes)
        codepoints.update(int(escaped, 16) if escaped else ord(char)
                          for escaped, char in _CONTENT_CODEPOINT.findall(purged[union]))
    font_url = None
    solid = static / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.ttf"
    if purged and solid.is_file():
        woff = outdir / f"{FONT_NAME}.woff.tmp"
        _subset_font(solid, codepoints, woff)
        font_url = "data:font/woff;base64," + base64.b64encode(woff.read_bytes()).decode()
        woff.unlink()
    css_names = {}
    for css_files, css in purged.items():
        if font_url:
            css = re.sub(r'url\("vendor/fontawesome/webfonts/fa-solid-900\.woff2"\)\s*format\("woff2"\),\s*'
                         r'url\("vendor/fontawesome/webfonts/fa-solid-900\.ttf"\)\s*format\("truetype"\)',
                         f'url("{font_url}") format("woff")', css)
        css_names[css_files] = _write_hashed(static, ".css", '@charset "UTF-8";\n' + css + MATH_CSS)

    # Pass 3: one script per list of scripts, then the pages.
    js_names: dict[tuple[str, ...], str] = {}
    for page, (css_files, scripts) in plans.items():
        page_dir = posixpath.dirname(page)
        js_href = None
        if scripts is not None and scripts[0]:
            key = tuple(scripts[0])
            if key not in js_names:
                bodies = [_SOURCE_MAP.sub("", (outdir / f).read_text(encoding="utf-8")) for f in key]
                # The leading ";" ends any "use strict" prologue: each file keeps its own mode.
                js_names[key] = _write_hashed(static, ".js", ";\n" + "\n;\n".join(bodies))
            js_href = posixpath.relpath(f"_static/{js_names[key]}", page_dir or ".")
        css_href = posixpath.relpath(f"_static/{css_names[union]}", page_dir or ".")
        (outdir / page).write_text(_rewrite_page(texts[page], page, css_href, scripts, js_href), encoding="utf-8")
    return {"stylesheets": sorted(css_names.values()), "scripts": sorted(js_names.values()),
            "pages": sorted(plans), "codepoints": sorted(codepoints)}


def _build_finished(app: Any, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        optimise_site(Path(app.outdir))


def setup(app: Any) -> dict[str, Any]:
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_displaymath, None))
    # After the themes' own build-finished work (pydata-sphinx-theme writes pygments.css then).
    app.connect("build-finished", _build_finished, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
