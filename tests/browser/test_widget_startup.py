"""How the course widgets start in the static book (issue 3: a quiz page loads about as
fast as a plain page).

The page carries its widget modules (one inline ES module) and their stylesheets (inline,
in the head), so a quiz is on screen before DOMContentLoaded with no request of its own:
no module or stylesheet to fetch, none inserted after the first paint. These tests check
that order of events, not durations (speed is measured by ``make bench``).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

INTRO = "book/intro.html"

# Records, when DOMContentLoaded fires, whether the quiz is already rendered.
PROBE = """
window.__quizAtDomContentLoaded = null;
document.addEventListener("DOMContentLoaded", () => {
  window.__quizAtDomContentLoaded = document.querySelector(".raicourse-quiz") !== null;
}, { once: true });
"""


def test_quiz_is_rendered_before_dom_content_loaded(new_page, book_url):
    page, record = new_page()
    page.add_init_script(PROBE)
    stylesheets_added_late = []
    page.on("request", lambda request: request.resource_type == "stylesheet"
            and page.evaluate("document.readyState") == "complete" and stylesheets_added_late.append(request.url))
    page.goto(f"{book_url}/{INTRO}", wait_until="load")
    assert page.evaluate("window.__quizAtDomContentLoaded") is True
    assert page.locator(".raicourse-fallback").count() == 0
    requested = [url.rsplit("/", 1)[-1].split("?")[0] for url in record.requests]
    # Nothing to fetch before the quiz can start: the page holds its code and its styles.
    assert [name for name in requested if name.startswith("raicourse-")] == []
    assert page.locator('style[data-raicourse-css="raicourse-quiz.css"]').count() == 1
    assert stylesheets_added_late == []
    assert record.console_errors == [] and record.page_errors == []


def test_hand_written_page_with_the_loader_alone_still_starts(new_page, book_url):
    """raicourse-loader.js (import on demand) keeps working for pages that include only it."""
    page, record = new_page()
    page.goto(f"{book_url}/{INTRO}", wait_until="load")
    state = page.locator(".raicourse-widget script.raicourse-state").first.text_content()
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body>'
        '<div class="raicourse-widget" data-raicourse-module="raicourse-quiz.js" data-raicourse-css="raicourse-quiz.css">'
        f'<script type="application/json" class="raicourse-state">{state}</script></div>'
        f'<script type="module" src="{book_url}/_static/raicourse-loader.js"></script></body></html>'
    )
    page.wait_for_selector(".raicourse-quiz")
    assert record.page_errors == []
