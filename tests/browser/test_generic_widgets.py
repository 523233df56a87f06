"""Generic ipywidgets outputs work offline in the static book, from self-hosted assets.

Builds a two-page fixture book with the course's real configuration: one page shows an
ipywidgets slider, the other shows none. The slider renders through the vendored
require.js + html-manager with no request leaving 127.0.0.1, and the page without a
widget loads none of those scripts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MYST_PAGE_HEADER, build_fixture_book, serving

pytestmark = pytest.mark.browser

WIDGET_PAGE = MYST_PAGE_HEADER + """
# A slider

```{code-cell} ipython3
import ipywidgets
ipywidgets.IntSlider(value=7, min=0, max=10, description="Threshold")
```
"""

PLAIN_PAGE = """# No widget here

Just text.
"""


@pytest.fixture(scope="module")
def widget_book(tmp_path_factory) -> Path:
    return build_fixture_book(tmp_path_factory.mktemp("widget-book"), {"plain": PLAIN_PAGE, "slider": WIDGET_PAGE})


@pytest.fixture(scope="module")
def widget_book_url(widget_book):
    with serving(widget_book) as url:
        yield url


def test_generic_widget_renders_offline_from_vendored_scripts(new_page, widget_book_url):
    page, record = new_page()
    page.goto(f"{widget_book_url}/book/slider.html", wait_until="networkidle")
    slider = page.locator(".widget-slider").first
    slider.wait_for(state="visible", timeout=15000)
    assert "Threshold" in page.locator(".widget-label").first.inner_text()
    assert page.locator(".widget-readout").first.inner_text().strip() == "7"
    loaded = "\n".join(record.requests)
    assert "_static/vendor/require.js" in loaded
    assert "_static/vendor/html-manager/embed-amd.js" in loaded
    assert record.external_requests == []
    assert record.page_errors == []


def test_page_without_widgets_loads_no_widget_scripts(new_page, widget_book_url):
    page, record = new_page()
    page.goto(f"{widget_book_url}/book/plain.html", wait_until="networkidle")
    loaded = "\n".join(record.requests)
    assert "require.js" not in loaded
    assert "embed-amd.js" not in loaded
    assert record.external_requests == []
