"""Every page of the built book loads cleanly in headless Chromium.

For each HTML page: no console error, no uncaught exception, no request that
leaves 127.0.0.1, and an axe-core audit with no critical or serious violation —
in a desktop and a phone-sized viewport, and in both colour themes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BOOK_HTML, check_page_accessibility, check_page_loads_cleanly

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
    check_page_loads_cleanly(new_page, book_url, page_path, viewport)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("page_path", PAGES)
def test_page_has_no_serious_accessibility_violation(new_page, book_url, page_path, theme):
    check_page_accessibility(new_page, book_url, page_path, theme)
