"""Generic ipywidgets outputs work offline in the static book, from self-hosted assets.

Builds a two-page fixture book with the course's real configuration: one page shows an
ipywidgets slider, the other shows none. The slider renders through the vendored
require.js + html-manager with no request leaving 127.0.0.1, and the page without a
widget loads none of those scripts.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, serve_directory

pytestmark = pytest.mark.browser

WIDGET_PAGE = """---
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  name: python3
  display_name: Python 3
---

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
    root = tmp_path_factory.mktemp("widget-book")
    shutil.copy(REPO / "_config.yml", root / "_config.yml")
    shutil.copytree(REPO / "book" / "static", root / "book" / "static")
    shutil.copy(REPO / "book" / "references.bib", root / "book" / "references.bib")
    (root / "book" / "slider.md").write_text(WIDGET_PAGE, encoding="utf-8")
    (root / "book" / "plain.md").write_text(PLAIN_PAGE, encoding="utf-8")
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/plain\nchapters:\n  - file: book/slider\n", encoding="utf-8")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run([str(jupyter_book), "build", str(root), "-W", "-n", "--keep-going"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root / "_build" / "html"


@pytest.fixture(scope="module")
def widget_book_url(widget_book):
    server, url = serve_directory(widget_book)
    yield url
    server.shutdown()
    server.server_close()


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
