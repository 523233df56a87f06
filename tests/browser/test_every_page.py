"""Every page of the built book loads cleanly in headless Chromium.

For each HTML page: no console error, no uncaught exception, no request that
leaves 127.0.0.1, and an axe-core audit with no critical or serious violation —
in a desktop and a phone-sized viewport, and in both colour themes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BOOK_HTML, axe_serious_violations

pytestmark = pytest.mark.browser


def book_pages(html_dir: Path) -> list[str]:
    """Every page of the built book, relative to its root (Sphinx assets excluded)."""
    if not html_dir.exists():
        return []
    return sorted(
        path.relative_to(html_dir).as_posix()
        for path in html_dir.rglob("*.html")
        if not {"_static", "_sources", "_images"} & set(path.relative_to(html_dir).parts)
    )


PAGES = book_pages(BOOK_HTML)


def test_the_book_has_pages(book_html):
    assert "book/intro.html" in book_pages(book_html)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("page_path", PAGES)
def test_page_loads_cleanly(new_page, book_url, page_path, viewport):
    page, record = new_page(viewport)
    page.goto(f"{book_url}/{page_path}", wait_until="networkidle")
    assert record.external_requests == [], f"{page_path} requested outside 127.0.0.1"
    assert record.page_errors == [], f"{page_path} raised in JavaScript"
    assert record.console_errors == [], f"{page_path} logged console errors"


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("page_path", PAGES)
def test_page_has_no_serious_accessibility_violation(new_page, book_url, page_path, theme):
    page, _ = new_page("desktop", color_scheme=theme)
    page.goto(f"{book_url}/{page_path}", wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == theme
    violations = axe_serious_violations(page)
    assert violations == [], f"{page_path} ({theme} theme):\n" + "\n".join(violations)
