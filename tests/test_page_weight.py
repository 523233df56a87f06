"""The byte budget of a page for a learner on a phone (issue 18), computed from the built files.

Bytes are deterministic, unlike times (those stay in ``make bench``): for every built page,
its cold transfer is the page's HTML and everything it loads at start (stylesheets with what
they import and the fonts they point to, scripts, images, the icon), each gzip-compressed as
a web server sends it. A second page of the course (warm cache, after ``book/intro.html``)
pays only for the files the first page did not load. Over budget, the test names the page
and its heaviest files.

What the budget rests on is checked by name too, so that a theme upgrade or ``make vendor``
that brings back the icon script, the search index on every page, MathJax for prose math, or
a row of blocking scripts fails here with a clear message (``raicourse.phone`` undoes them).
The helpers of ``raicourse.phone`` are unit-tested at the end (no build needed).
"""

from __future__ import annotations

import gzip
import posixpath
import re
from functools import lru_cache
from pathlib import Path

import pytest

COLD_BUDGET = 250_000
WARM_BUDGET = 60_000
FIRST_PAGE = "book/intro.html"

_TAG = re.compile(r"<(link|script|img)\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r"""\b([\w-]+)=("[^"]*"|'[^']*')""")
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]([^'"]+)['"]""")


def _attributes(text: str) -> dict[str, str]:
    return {name.lower(): value[1:-1] for name, value in _ATTRIBUTE.findall(text)}


def _local(base_dir: str, url: str) -> str | None:
    if re.match(r"^[a-z][a-z0-9+.-]*:|^/|^#", url, re.I) or not url:
        return None
    return posixpath.normpath(posixpath.join(base_dir, url.split("?")[0].split("#")[0]))


@lru_cache(maxsize=None)
def _gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def start_files(html_dir: Path, page: str) -> set[str]:
    """Site paths of the files ``page`` loads at start: its HTML, stylesheets (and their
    imports and non-inline fonts and images), scripts, preloads, images and icon."""
    text = (html_dir / page).read_text(encoding="utf-8")
    page_dir = posixpath.dirname(page)
    files = {page}
    stylesheets = []
    from raicourse.phone import loaded_scripts

    # The scripts the page's loader fetches once the stylesheet is in count as well.
    tags = _TAG.findall(text) + [("script", " ".join(f'{k}="{v}"' for k, v in attributes.items()))
                                 for attributes in loaded_scripts(text)]
    for tag, raw in tags:
        attributes = _attributes(raw)
        rel = attributes.get("rel", "").lower()
        url = attributes.get("src") if tag.lower() in {"script", "img"} else attributes.get("href")
        if tag.lower() == "link" and not ({"stylesheet", "preload", "icon", "modulepreload"} & set(rel.split())):
            continue
        path = _local(page_dir, url or "")
        if path and (html_dir / path).is_file():
            files.add(path)
            if tag.lower() == "link" and "stylesheet" in rel:
                stylesheets.append(path)
    while stylesheets:
        sheet = stylesheets.pop()
        css = (html_dir / sheet).read_text(encoding="utf-8", errors="ignore")
        for url in _CSS_IMPORT.findall(css) + _CSS_URL.findall(css):
            path = _local(posixpath.dirname(sheet), url)
            if path and path not in files and (html_dir / path).is_file():
                files.add(path)
                if path.endswith(".css"):
                    stylesheets.append(path)
    return files


def weight(html_dir: Path, files: set[str]) -> int:
    return sum(_gzipped(html_dir / file) for file in files)


def heaviest(html_dir: Path, files: set[str], count: int = 5) -> str:
    ranked = sorted(files, key=lambda file: -_gzipped(html_dir / file))[:count]
    return ", ".join(f"{file} ({_gzipped(html_dir / file) / 1000:.1f} KB)" for file in ranked)


def built_pages(html_dir: Path) -> list[str]:
    skip = {"_static", "_sources", "_downloads", "_images"}
    return sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                  if not skip & set(p.relative_to(html_dir).parts))


# --------------------------------------------------------------------------- the built book

built = pytest.mark.browser  # needs the built book (`make test` builds it first), not a browser


@built
def test_every_page_within_the_cold_and_warm_budgets(book_html):
    first = start_files(book_html, FIRST_PAGE)
    over = []
    for page in built_pages(book_html):
        files = start_files(book_html, page)
        cold = weight(book_html, files)
        if cold > COLD_BUDGET:
            over.append(f"{page}: {cold / 1000:.1f} KB cold > {COLD_BUDGET / 1000:.0f} KB; "
                        f"heaviest: {heaviest(book_html, files)}")
        new = files - first if page != FIRST_PAGE else files
        warm = weight(book_html, new)
        if page != FIRST_PAGE and warm > WARM_BUDGET:
            over.append(f"{page}: {warm / 1000:.1f} KB as a second page > {WARM_BUDGET / 1000:.0f} KB; "
                        f"heaviest new files: {heaviest(book_html, new)}")
    assert not over, "over the phone budget:\n" + "\n".join(over)


@built
def test_no_page_loads_the_icon_script_mathjax_or_the_search_index_at_start(book_html):
    wrong = []
    for page in built_pages(book_html):
        for file in start_files(book_html, page):
            name = posixpath.basename(file)
            if name == "fontawesome.js" or "mathjax" in file or name.endswith((".woff2", ".ttf")) \
                    or (name in {"searchindex.js", "searchtools.js"} and page != "search.html"):
                wrong.append(f"{page} loads {file}")
    assert not wrong, "\n".join(wrong)


@built
def test_every_page_has_one_stylesheet_and_no_blocking_script(book_html):
    wrong = []
    for page in built_pages(book_html):
        text = (book_html / page).read_text(encoding="utf-8")
        if "</head>" not in text:  # index.html: a redirect to the first page
            continue
        head = text[:text.index("</head>")]
        sheets = [raw for tag, raw in _TAG.findall(head) if tag == "link" and 'rel="stylesheet"' in raw]
        if len(sheets) != 1:
            wrong.append(f"{page}: {len(sheets)} stylesheets")
        if page == "search.html":
            continue
        for tag, raw in _TAG.findall(text):
            attributes = _attributes(raw)
            if tag == "script" and "src" in attributes and "defer" not in raw and "async" not in raw \
                    and attributes.get("type") != "module":
                wrong.append(f"{page}: blocking script {attributes['src']}")
    assert not wrong, "\n".join(wrong)


@built
def test_prose_math_is_mathml_with_its_tex(book_html):
    pages = [p for p in built_pages(book_html) if '<span class="math' in (book_html / p).read_text(encoding="utf-8")]
    assert pages, "no page with math: the check below would prove nothing"
    for page in pages:
        text = (book_html / page).read_text(encoding="utf-8")
        holders = re.findall(r'<(?:span|div)\b[^>]*class="math notranslate nohighlight"[^>]*>\s*(.{0,40})', text)
        assert holders, page
        for start in holders:
            assert start.startswith(('<math alttext="', '<span class="eqno">')), f"{page}: math not MathML: {start}"


@built
def test_the_icons_the_pages_use_are_in_the_embedded_font(book_html):
    """The theme's icon elements keep their glyphs: each ``fa-NAME`` used by a page has its
    rule in the stylesheet, and its glyph is in the embedded subset font."""
    import base64
    import io

    from fontTools.ttLib import TTFont

    page = (book_html / FIRST_PAGE).read_text(encoding="utf-8")
    sheet = next(f for f in start_files(book_html, FIRST_PAGE) if f.endswith(".css"))
    css = (book_html / sheet).read_text(encoding="utf-8")
    font = re.search(r'url\("data:font/woff;base64,([^"]+)"\)', css)
    assert font, "the icon font is not embedded in the stylesheet"
    glyphs = set(TTFont(io.BytesIO(base64.b64decode(font.group(1)))).getBestCmap())
    icons = set(re.findall(r'class="[^"]*\bfa-solid fa-([a-z0-9-]+)', page)) - {"lg", "fw"}
    assert {"bars", "sun", "moon", "magnifying-glass", "list"} <= icons
    for icon in icons:
        rule = re.search(r"\.fa-" + re.escape(icon) + r"\b[^{]*\{[^}]*?content:\s*\"(.)\"", css) \
            or re.search(r"\.fa-" + re.escape(icon) + r"\b[^{]*\{[^}]*?--fa:\s*\"(.)\"", css)
        assert rule, f"no rule for the icon fa-{icon}"
        assert ord(rule.group(1)) in glyphs, f"fa-{icon}: glyph {ord(rule.group(1)):x} missing from the font"


# --------------------------------------------------------------------------- the helpers


def test_purge_keeps_used_negated_and_at_rules_and_drops_unused():
    from raicourse.phone import _purge

    css = (".used{a:1}.unused{b:2}.used,.unused .x{c:3}p:not(.unused){d:4}"
           "@media (min-width:1px){.unused{e:5}.used{f:6}}@font-face{font-family:x}"
           "html[data-theme=dark] .used{g:7}")
    out = _purge(css, {"used"})
    assert ".used{a:1}" in out and ".unused{b:2}" not in out
    assert ".used{c:3}" in out.replace(" ", "")
    assert "p:not(.unused){d:4}" in out
    assert "f:6" in out and "e:5" not in out
    assert "@font-face" in out and "g:7" in out


def test_split_selectors_respects_parentheses():
    from raicourse.phone import _split_selectors

    assert _split_selectors(".a, :is(.b, .c) .d,.e") == [".a", ":is(.b, .c) .d", ".e"]


def test_rebase_urls_keeps_data_and_absolute_urls():
    from raicourse.phone import _rebase_urls

    css = 'a{b:url(../vendor/f.woff2)}c{d:url("data:image/svg+xml;x")}e{f:url(https://x.org/y)}'
    out = _rebase_urls(css, "_static/styles", "_static")
    assert 'url("vendor/f.woff2")' in out
    assert 'url("data:image/svg+xml;x")' in out and "url(https://x.org/y)" in out


def test_rewrite_page_bundles_scripts_and_drops_search_and_icon_scripts():
    from raicourse.phone import LOADER, _bundle_scripts, _rewrite_page, loaded_scripts

    page = ('<html><head><link rel="stylesheet" href="../_static/a.css" />'
            '<link rel="stylesheet" href="../_static/b.css" />'
            '<script defer src="../_static/scripts/fontawesome.js?d=1"></script>'
            '<script src="../_static/documentation_options.js"></script>'
            '<script data-sd-tabs-storage-prefix="p-" src="../_static/design-tabs.js"></script>'
            "<script>DOCUMENTATION_OPTIONS.pagename = 'x';</script>"
            '<script src="../_static/searchtools.js"></script><script src="../searchindex.js"></script>'
            '<script src="../_static/vendor/require.js"></script>'
            '</head><body><p>text</p></body></html>')
    _, files, data = _bundle_scripts(page, "book")
    assert files[0] == "_static/scripts/fontawesome.js" and "_static/vendor/require.js" not in files
    out = _rewrite_page(page, "book/x.html", "../_static/one.css",
                        (["_static/documentation_options.js", "_static/design-tabs.js"], data), "../_static/one.js")
    assert out.count("stylesheet") == 1 and 'href="../_static/one.css"' in out
    assert "fontawesome" not in out and "searchindex" not in out and "searchtools" not in out
    # The loader, last in the page, loads the bundle, then the vendored scripts in their order
    # (require.js after the theme's scripts, as before: a UMD script run after it would
    # register as an AMD module). No script tag of the page fetches anything by itself.
    assert loaded_scripts(out) == [{"src": "../_static/one.js", "data-sd-tabs-storage-prefix": "p-"},
                                   {"src": "../_static/vendor/require.js"}]
    assert out.endswith(f"<script>{LOADER}</script>\n</body></html>")
    assert not re.search(r"<script[^>]*\ssrc=", out)
    # Sphinx's options are set once the bundle (which defines them) has run.
    assert "(phoneWaiting=window.phoneWaiting||[]).push(() => {DOCUMENTATION_OPTIONS.pagename" in out


def test_widget_math_is_read_with_the_quiz_rules():
    import json

    from raicourse.phone import widget_mathml

    state = {"items": [{"prompt": r"A share $\frac{30}{120}$, **bold $x$**, a price \$5 and $y$."}]}
    page = f'<script type="application/json" class="raicourse-state">{json.dumps(state)}</script>'
    found = widget_mathml(page)
    assert set(found) == {r"\frac{30}{120}", "x", "y"}
    assert found["x"].startswith('<math alttext="x"') and "<mfrac>" in found[r"\frac{30}{120}"]


def test_bench_table_gives_median_worst_and_pages_over_target():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from phone_pages import table

    rows = [{"page": "a.html", "lcp_s": 1.2, "load_s": 2.0, "cold_kb": 100.0, "warm_lcp_s": 0.8,
             "warm_load_s": 0.9, "warm_kb": 20.0},
            {"page": "b.html", "lcp_s": 2.0, "load_s": 2.5, "cold_kb": 120.0, "warm_lcp_s": 0.9,
             "warm_load_s": 1.0, "warm_kb": 70.0}]
    text = table(rows)
    assert "| **median** | 1.60 | 2.25 | 110.0 | 0.85 | 0.95 | 45.0 |" in text
    assert "| **worst page** | 2.00 | 2.50 | 120.0 | 0.90 | 1.00 | 70.0 |" in text
    assert "OVER: b.html (lcp_s 2.0 > 1.8); b.html (warm_kb 70.0 > 60)" in text
    assert "a.html (" not in text.split("OVER:")[1]


def test_trim_html_keeps_preformatted_text_and_one_space_between_tags():
    from raicourse.phone import _trim_html

    page = ("<p>a</p>\n    \n   <p><a>x</a> <b>y</b></p><pre>  keep\n    this  </pre>\n  <script>let a = 1;\n\n  </script>"
            '<script type="text/x-thebe-config">{}</script>\n<script>kernelName = \'python3\'</script><p>z</p>')
    out = _trim_html(page)
    assert "<p>a</p>\n<p><a>x</a>\n<b>y</b></p>" in out
    assert "<pre>  keep\n    this  </pre>" in out and "<script>let a = 1;\n\n  </script>" in out
    assert "thebe" not in out and "kernelName" not in out and out.endswith("<p>z</p>")
