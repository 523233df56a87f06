"""Phone-first pages (issue 18, ``raicourse.phone``): what the lighter pages must still do.

On a phone screen, in the built learner book: the theme's icons are drawn from the embedded
subset font, the dark theme is in place before the first paint, search loads its index only
on the search page and finds words, prose math and quiz math are MathML without MathJax, the
sidebar, the page's table of contents and the copy buttons work. Weights are in
``tests/test_page_weight.py``; times in ``make bench``.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MATH_PAGE = "book/ethics/fairness_metrics.html"
QUIZ_PAGE = "book/intro.html"  # a quiz with math, and an explorable
CODE_PAGE = "book/innovation/data_platforms.html"


def _icon_drawn(page, selector: str) -> bool:
    """The icon's ::before glyph is in a loaded font face and takes room."""
    return page.evaluate("""(selector) => [...document.querySelectorAll(selector)].some((icon) => {
      const style = getComputedStyle(icon, "::before");
      const glyph = style.content.replace(/^"|"$/g, "");
      return glyph.length === 1 && document.fonts.check(`900 16px ${style.fontFamily}`, glyph)
        && icon.getBoundingClientRect().width > 4;
    })""", selector)


@pytest.mark.parametrize("path", [QUIZ_PAGE, MATH_PAGE])
def test_icons_are_drawn_without_fontawesome_js(new_page, book_url, path):
    page, record = new_page("phone")
    page.goto(f"{book_url}/{path}", wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    # The visible icons of a phone's header: menu, theme switch, search, page contents.
    for selector in (".fa-bars", ".theme-switch-button i", ".fa-magnifying-glass", ".fa-list"):
        assert _icon_drawn(page, selector), f"{path}: icon {selector} not drawn"
    assert not any("fontawesome" in url for url in record.requests)
    assert record.page_errors == [] and record.console_errors == []


def test_dark_theme_is_set_before_the_first_paint(new_page, book_url):
    page, _ = new_page("phone")
    page.add_init_script("localStorage.setItem('theme', 'dark'); localStorage.setItem('mode', 'dark');"
                         "window.__themeAtFirstScript = null;"
                         "new MutationObserver((_, o) => { if (document.body) {"
                         "  window.__themeAtFirstScript = document.documentElement.dataset.theme; o.disconnect(); } })"
                         ".observe(document, {childList: true, subtree: true});")
    page.goto(f"{book_url}/{QUIZ_PAGE}", wait_until="load")
    # When <body> appears (before anything is painted), the theme is already dark.
    assert page.evaluate("window.__themeAtFirstScript") == "dark"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)"


def test_theme_switch_button_still_switches(new_page, book_url):
    page, _ = new_page("phone", color_scheme="light")
    page.goto(f"{book_url}/{MATH_PAGE}", wait_until="networkidle")
    before = page.evaluate("document.documentElement.dataset.theme")
    page.locator(".theme-switch-button").first.click()
    page.locator(".theme-switch-button").first.click()
    assert page.evaluate("document.documentElement.dataset.theme") != before or \
        page.evaluate("document.documentElement.dataset.mode") != "auto"


def test_search_index_loads_only_on_the_search_page_and_finds_words(new_page, book_url):
    page, record = new_page("phone")
    page.goto(f"{book_url}/{MATH_PAGE}", wait_until="networkidle")
    assert not any("searchindex" in url for url in record.requests)
    page.keyboard.press("Control+k")
    field = page.locator("#pst-search-dialog input[name='q']")
    field.wait_for(state="visible")
    field.fill("fairness")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=fairness*")
    page.wait_for_selector("#search-results li", timeout=20000)
    assert any("searchindex.js" in url for url in record.requests)
    assert page.locator("#search-results li").count() > 0


def test_prose_math_is_native_mathml(new_page, book_url):
    page, record = new_page("phone")
    page.goto(f"{book_url}/{MATH_PAGE}", wait_until="networkidle")
    math = page.locator("span.math math").first
    assert math.is_visible() and math.bounding_box()["width"] > 0
    assert math.get_attribute("alttext")
    assert not any("mathjax" in url.lower() for url in record.requests)


def test_quiz_math_is_mathml_from_the_build_without_mathjax(new_page, book_url):
    page, record = new_page("phone")
    page.goto(f"{book_url}/{QUIZ_PAGE}", wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz .raicourse-math math", timeout=15000)
    assert page.locator(".raicourse-quiz .raicourse-math math").first.is_visible()
    page.wait_for_timeout(500)
    assert not any("mathjax" in url.lower() for url in record.requests)
    assert record.page_errors == [] and record.console_errors == []


def test_sidebar_toc_and_copy_buttons_are_kept(new_page, book_url):
    # On a phone, the header keeps the buttons that open the course's pages and the page's contents.
    page, record = new_page("phone")
    page.goto(f"{book_url}/{CODE_PAGE}", wait_until="networkidle")
    assert page.locator(".primary-toggle").locator("visible=true").count() >= 1
    assert page.locator(".secondary-toggle").locator("visible=true").count() >= 1
    assert record.page_errors == [] and record.console_errors == []
    # On a wide screen, the sidebar lists the course's pages and the table of contents the
    # page's sections; copy buttons are added to the code cells.
    page, record = new_page("desktop")
    page.goto(f"{book_url}/{CODE_PAGE}", wait_until="networkidle")
    assert page.locator("#pst-primary-sidebar .bd-sidenav a").locator("visible=true").count() >= 10
    assert page.locator("#pst-secondary-sidebar .toc-entry a").locator("visible=true").count() >= 3
    assert page.locator("button.copybtn").count() > 0
    assert record.page_errors == [] and record.console_errors == []


def test_a_long_title_leaves_the_lesson_start_in_view_on_a_phone(new_page, book_url):
    """raicourse-site.css: on a 390 px screen the page title is smaller than the theme's 2.5rem,
    so the time line and the Questions block start on the first screen."""
    page, _ = new_page("phone")
    page.goto(f"{book_url}/book/innovation/ai_ecosystems.html", wait_until="networkidle")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.bd-article h1')).fontSize)")
    assert size <= 28, f"page title is {size}px on a phone"
    height = page.viewport_size["height"]
    assert page.locator(".raicourse-lesson-meta").bounding_box()["y"] < height / 2


def test_the_scripts_load_after_the_stylesheet_and_run_as_before(new_page, book_url):
    """On a real page: the script bundle is requested only once the stylesheet (which the first
    paint waits for) has arrived, so that on a slow link they never share it; Sphinx's options,
    set by the page's inline scripts after the bundle, hold the page's name; and the loader
    gives ``document.addEventListener`` back."""
    page, record = new_page("phone")

    def slow_stylesheet(route):  # a slow link: the stylesheet takes 0.4 s more
        record.requests.append(route.request.url)
        page.wait_for_timeout(400)
        route.continue_()
    page.route("**/_static/phone-*.css", slow_stylesheet)
    page.goto(f"{book_url}/{QUIZ_PAGE}", wait_until="networkidle")
    timing = page.evaluate("""() => {
      const entries = performance.getEntriesByType("resource");
      const find = (suffix) => entries.find((e) => e.name.includes("/_static/phone-") && e.name.endsWith(suffix));
      return {css: find(".css").responseEnd, js: find(".js").startTime};
    }""")
    assert timing["js"] >= timing["css"], timing
    assert page.evaluate("DOCUMENTATION_OPTIONS.pagename") == "book/intro"
    assert page.evaluate("document.addEventListener === EventTarget.prototype.addEventListener")
    assert record.page_errors == [] and record.console_errors == []


def test_the_loader_runs_late_listeners_in_order(new_page, tmp_path):
    """The loader alone (``raicourse.phone``), on a page made for it: a bundled script that
    asks for DOMContentLoaded (as sphinx-design's tabs do) is called although that event has
    passed, after the page's inline scripts that wait for the bundle, with the data attribute
    its ``<script>`` tag carried; a vendored script runs after the bundle."""
    from conftest import serving

    from raicourse.phone import _rewrite_page

    (tmp_path / "_static").mkdir()
    (tmp_path / "book").mkdir()
    (tmp_path / "_static" / "one.css").write_text("p{color:#222}")
    (tmp_path / "_static" / "one.js").write_text(
        "window.order=['bundle:'+document.currentScript.getAttribute('data-prefix')];"
        "window.OPTIONS={};"
        "document.addEventListener('DOMContentLoaded',()=>order.push('listener:'+OPTIONS.name));")
    (tmp_path / "_static" / "vendor").mkdir()
    (tmp_path / "_static" / "vendor" / "late.js").write_text("order.push('vendored')")
    source = ('<html><head><link rel="stylesheet" href="../_static/a.css" />'
              '<script data-prefix="p-" src="../_static/design-tabs.js"></script>'
              "<script>DOCUMENTATION_OPTIONS.x = 1; OPTIONS.name = 'x'; order.push('inline');</script>"
              '<script src="../_static/vendor/late.js"></script>'
              '</head><body><p>text</p></body></html>')
    out = _rewrite_page(source, "book/x.html", "../_static/one.css",
                        (["_static/design-tabs.js"], [' data-prefix="p-"']), "../_static/one.js")
    # The inline script is Sphinx's kind (it starts with DOCUMENTATION_OPTIONS): give it one.
    out = out.replace("<head>", "<head><script>window.DOCUMENTATION_OPTIONS={};</script>", 1)
    (tmp_path / "book" / "x.html").write_text(out)
    page, record = new_page("phone")
    with serving(tmp_path) as url:
        page.goto(f"{url}/book/x.html", wait_until="load")
        page.wait_for_function("window.order && window.order.length === 4")
    assert page.evaluate("window.order") == ["bundle:p-", "vendored", "inline", "listener:x"]
    assert record.page_errors == [] and record.console_errors == []
