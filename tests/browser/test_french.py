"""The French edition in Chromium, served as it is published: English at ``/``, French at ``/fr/``
(``_build/site``, made by ``make site``, which ``make test`` runs).

Every French page: ``lang="fr"``, no console error, no request leaving 127.0.0.1, axe clean,
no paragraph left in English, no English interface label. The language switcher opens the same
page in the other language, both ways, on every page, and never a 404. A French quiz is played by
keyboard, with a decimal comma, and the progress is the same in both languages.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from conftest import REPO, check_page_accessibility, check_page_loads_cleanly, serving
from raicourse.i18n import t
from raicourse.translations import published_pages
from raicourse.translations.book import toc_docnames

pytestmark = pytest.mark.browser

SITE = REPO / "_build" / "site"
FRENCH = SITE / "fr"


def site_pages(folder: Path) -> list[str]:
    if not folder.exists():
        return []
    return sorted(
        path.relative_to(folder).as_posix() for path in folder.rglob("*.html")
        if not {"_static", "_sources", "_images", "fr"} & set(path.relative_to(folder).parts[:-1])
    )


FRENCH_PAGES = site_pages(FRENCH)
ENGLISH_PAGES = site_pages(SITE)
PUBLISHED = [f"{docname}.html" for docname in published_pages(REPO)]
#: English interface labels that must not appear on a French page (whole words, as shown).
ENGLISH_UI = ["Check", "Try again", "Show answer", "Contents", "Search", "Next", "Previous", "My progress",
              "Download", "Launch", "On this page", "Skip to main content", "Back to top", "Toggle navigation",
              "Going further", "About the sources", "Time:", "Read first:", "Reset", "Explanation", "Tries:",
              "Not quite", "Correct.", "True", "False", "Code to read, not to type", "Open in Colab",
              "Open on Binder", "this page in English"]


@pytest.fixture(scope="module")
def site_url():
    if not (FRENCH / "book" / "intro.html").exists():
        pytest.fail(f"No French site in {SITE}: run `make site` (make test runs it).")
    with serving(SITE) as url:
        yield url


def test_the_french_site_has_the_published_pages():
    assert set(PUBLISHED) <= set(FRENCH_PAGES)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("page_path", FRENCH_PAGES)
def test_french_page_loads_cleanly(new_page, site_url, page_path, viewport):
    check_page_loads_cleanly(new_page, f"{site_url}/fr", page_path, viewport)


@pytest.mark.parametrize("page_path", FRENCH_PAGES)
def test_french_page_has_no_serious_accessibility_violation(new_page, site_url, page_path):
    check_page_accessibility(new_page, f"{site_url}/fr", page_path, "light")


def _visible_and_state_text(page) -> str:
    """The page's prose and interface text, and its widgets' embedded state. Code and its outputs
    stay English (code is not translated), and so does what is marked lang="en" (a quoted title,
    the reference list) and another program's menu path in italics (*File → Download*)."""
    return page.evaluate("""() => {
        const body = document.body.cloneNode(true);
        body.querySelectorAll('pre, code, .cell_output .output:not(.raicourse-output), script, style, [lang="en"]').forEach(e => e.remove());
        // Menu paths of other programs, quoted as they appear (JupyterLab's "File → Download").
        body.querySelectorAll('em').forEach(e => { if (e.textContent.includes('→')) e.remove(); });
        return body.textContent + "\\n" +
            [...document.querySelectorAll('script.raicourse-state')].map(s => s.textContent).join("\\n");
    }""")


def check_french_only(new_page, url: str, page_path: str, english_labels: list[str] = ENGLISH_UI) -> None:
    """The page at ``url`` is French: ``lang="fr"``, no paragraph fallen back to English, and none
    of ``english_labels`` in its text or its widgets' state (also used by the assessment edition)."""
    page, _ = new_page("desktop")
    page.goto(url, wait_until="networkidle")
    assert page.evaluate("document.documentElement.lang") == "fr"
    # Sphinx marks a paragraph that fell back to English (translation_progress_classes).
    assert page.locator(".untranslated").count() == 0, f"{page_path}: English paragraphs in the French page"
    text = _visible_and_state_text(page)
    found = [label for label in english_labels if re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", text)]
    assert found == [], f"{page_path}: English interface text {found}"


def french_edition_tests(url_fixture: str, pages: list[str], english_labels: list[str]) -> tuple:
    """The three checks every page of a French edition gets, for an edition served by the fixture
    named ``url_fixture``: it loads cleanly on a phone, axe finds no serious violation, and it is
    French only (none of ``english_labels``). A module takes them with
    ``test_a, test_b, test_c = french_edition_tests(...)`` (pytest collects them by name)."""
    @pytest.mark.parametrize("page_path", pages)
    def test_page_loads_cleanly_on_a_phone(new_page, request, page_path):
        check_page_loads_cleanly(new_page, request.getfixturevalue(url_fixture), page_path, "phone")

    @pytest.mark.parametrize("page_path", pages)
    def test_page_has_no_serious_accessibility_violation(new_page, request, page_path):
        check_page_accessibility(new_page, request.getfixturevalue(url_fixture), page_path, "light")

    @pytest.mark.parametrize("page_path", pages)
    def test_page_is_french_only(new_page, request, page_path):
        check_french_only(new_page, f"{request.getfixturevalue(url_fixture)}/{page_path}", page_path, english_labels)

    return test_page_loads_cleanly_on_a_phone, test_page_has_no_serious_accessibility_violation, test_page_is_french_only


@pytest.mark.parametrize("page_path", FRENCH_PAGES)
def test_french_page_is_french_only(new_page, site_url, page_path):
    check_french_only(new_page, f"{site_url}/fr/{page_path}", page_path)


def _switcher_href(path: Path) -> str | None:
    match = re.search(r'<a class="btn raicourse-language" href="([^"]+)"', path.read_text(encoding="utf-8"))
    return html.unescape(match.group(1)) if match else None


@pytest.mark.parametrize("page_path", [p for p in ENGLISH_PAGES if p != "index.html"])
def test_english_page_links_to_the_same_french_page(page_path):
    href = _switcher_href(SITE / page_path)
    assert href, f"{page_path}: no language switcher"
    target = (SITE / page_path).parent / href
    assert target.resolve() == (FRENCH / page_path).resolve(), (page_path, href)
    assert target.exists(), f"{page_path}: its French link leads nowhere ({href})"


@pytest.mark.parametrize("page_path", [p for p in FRENCH_PAGES if p != "index.html"])
def test_french_page_links_to_the_same_english_page(page_path):
    href = _switcher_href(FRENCH / page_path)
    assert href, f"{page_path}: no language switcher"
    target = (FRENCH / page_path).parent / href
    assert target.resolve() == (SITE / page_path).resolve() and target.exists(), (page_path, href)


def test_hreflang_alternates_name_each_other():
    for page_path in PUBLISHED:
        english = (SITE / page_path).read_text(encoding="utf-8")
        french = (FRENCH / page_path).read_text(encoding="utf-8")
        assert re.search(r'<link rel="alternate" hreflang="fr" href="[^"]*fr/' + re.escape(page_path), english), page_path
        assert re.search(r'<link rel="alternate" hreflang="en" href="[^"]*\.\./' + re.escape(page_path), french), page_path


def test_untranslated_pages_say_so_and_link_to_english():
    missing = [d for d in toc_docnames(REPO) if d not in published_pages(REPO)]
    for docname in missing:
        text = (FRENCH / f"{docname}.html").read_text(encoding="utf-8")
        assert "pas encore traduite" in text and f'../{docname}.html"' in text
        assert '<html lang="fr"' in text
        # Out of the French navigation: no French page lists it in its sidebar.
        intro = (FRENCH / "book" / "intro.html").read_text(encoding="utf-8")
        assert f'class="reference internal" href="{docname.removeprefix("book/")}.html"' not in intro


def test_french_quiz_by_keyboard_with_a_decimal_comma_keeps_progress_across_languages(new_page, site_url):
    page, record = new_page("phone")
    page.goto(f"{site_url}/fr/book/intro.html", wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz")
    question = page.locator("fieldset[id$='-selection-rate']")
    question.locator("input").first.focus()
    page.keyboard.type("0,2504")  # within the tolerance, written the French way
    page.keyboard.press("Enter")
    text = question.locator(".rq-feedback").inner_text()
    assert t("quiz.correct", "fr") in text, text
    assert question.locator(".rq-tries").inner_text() == t("quiz.tries", "fr", count=1)
    state = json.loads(page.locator("script.raicourse-state").first.text_content())
    assert list(state["strings"]) == ["fr"] and state["language"] == "fr"
    # The same question on the English page shows the same progress: ids and versions are shared.
    page.goto(f"{site_url}/book/intro.html", wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz")
    assert page.locator("fieldset[id$='-selection-rate'] .rq-tries").inner_text() == "Tries: 1"
    assert record.external_requests == [] and record.page_errors == []
