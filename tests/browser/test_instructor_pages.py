"""The trainers' pages of the instructor edition load cleanly in headless Chromium.

The same checks as ``test_every_page.py`` (no console error, no uncaught exception, no
request leaving 127.0.0.1, no critical or serious axe violation, desktop and phone,
light and dark), on the pages that exist only in the instructor edition
(``_build/instructor/_build/html``, or ``RAICOURSE_INSTRUCTOR_HTML``), plus a print check.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, check_page_accessibility, check_page_loads_cleanly, serving

pytestmark = pytest.mark.browser

INSTRUCTOR_HTML = Path(os.environ.get("RAICOURSE_INSTRUCTOR_HTML", REPO / "_build" / "instructor" / "_build" / "html"))


def instructor_pages(html_dir: Path) -> list[str]:
    """The trainers' pages of the built instructor edition, relative to its root."""
    folder = html_dir / "book" / "instructor"
    if not folder.exists():
        return []
    return sorted(path.relative_to(html_dir).as_posix() for path in folder.glob("*.html"))


PAGES = instructor_pages(INSTRUCTOR_HTML)


@pytest.fixture(scope="module")
def instructor_url() -> Iterator[str]:
    if not (INSTRUCTOR_HTML / "index.html").exists():
        pytest.fail(f"No instructor edition in {INSTRUCTOR_HTML}: run `make test` (it builds both editions).")
    with serving(INSTRUCTOR_HTML) as url:
        yield url


def test_the_instructor_edition_has_the_trainers_pages():
    assert PAGES == [f"book/instructor/{name}.html"
                     for name in ("answer_keys", "attendance", "guide", "handouts", "role_cards", "rubrics")]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("page_path", PAGES)
def test_trainers_page_loads_cleanly(new_page, instructor_url, page_path, viewport):
    check_page_loads_cleanly(new_page, instructor_url, page_path, viewport)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("page_path", PAGES)
def test_trainers_page_has_no_serious_accessibility_violation(new_page, instructor_url, page_path, theme):
    check_page_accessibility(new_page, instructor_url, page_path, theme)


def test_handouts_print_one_lesson_per_page_without_navigation(new_page, instructor_url):
    page, _ = new_page("desktop")
    page.goto(f"{instructor_url}/book/instructor/handouts.html", wait_until="networkidle")
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(
        "section.raicourse-handout", "sections => sections.map(s => getComputedStyle(s).breakAfter)"
    )  # each handout ends its sheet (the page count is tested in test_classroom_print.py)
    assert breaks and all(value == "page" for value in breaks)
    hidden = page.eval_on_selector(".bd-sidebar-primary", "element => getComputedStyle(element).display")
    assert hidden == "none"
