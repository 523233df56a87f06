"""Fixtures shared by the whole test suite.

Browser tests run against a built book served on 127.0.0.1 and drive Debian's
Chromium through playwright. The built HTML is taken from ``RAICOURSE_BOOK_HTML``
(default ``_build/html``; ``make test`` builds it first).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

REPO = Path(__file__).resolve().parents[1]

# Exercise notebooks run by the tests (nbval, solved variants) must not record "progress"
# in the tester's home folder: an empty value turns the local progress file off. Kernels
# inherit it. Tests of the progress file set their own path.
os.environ["RAICOURSE_PROGRESS_FILE"] = ""

# Grading fixtures are broken, endless or hostile notebooks on purpose: nbval must not run them.
collect_ignore_glob = ["grading/fixtures/*"]


@pytest.fixture(autouse=True)
def _checker_tests_in_english(request, monkeypatch):
    """Checker tests compare message texts: English messages, and no progress file written.

    (A conftest.py in tests/checks would shadow this module's name for the tests that
    import its helpers, so the fixture lives here, limited to that folder.)
    """
    if REPO / "tests" / "checks" not in Path(str(request.node.path)).parents:
        return
    from raicourse import i18n

    monkeypatch.setenv("RAICOURSE_PROGRESS_FILE", "")
    monkeypatch.setattr(i18n, "_chosen", "en")
BOOK_HTML = Path(os.environ.get("RAICOURSE_BOOK_HTML", REPO / "_build" / "html"))
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The front matter of a MyST notebook page, for the small books the tests build.
MYST_PAGE_HEADER = """---
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  name: python3
  display_name: Python 3
---
"""
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def chromium_path() -> str | None:
    """Return the Chromium executable to use, or None when there is none."""
    configured = os.environ.get("RAICOURSE_CHROMIUM")
    if configured:
        return configured
    for candidate in CHROMIUM_CANDIDATES:
        if shutil.which(candidate):
            return candidate
    return None


def is_local(url: str) -> bool:
    """True for URLs that never leave the machine (loopback, data:, blob:, about:)."""
    parsed = urlparse(url)
    if parsed.scheme in {"data", "blob", "about", "chrome-extension"}:
        return True
    return parsed.hostname in LOCAL_HOSTS


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


def serve_directory(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``directory`` on a free port of 127.0.0.1; return the server and its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def build_fixture_book(root: Path, pages: dict[str, str]) -> Path:
    """Build a small book with the course's real configuration; return its HTML folder.

    ``pages`` maps a page stem to its MyST text; the first page is the book's root. Used by
    browser tests that need pages the published book must not hold (test widgets, fixtures).
    """
    shutil.copy(REPO / "_config.yml", root / "_config.yml")
    shutil.copytree(REPO / "book" / "static", root / "book" / "static")
    shutil.copy(REPO / "book" / "references.bib", root / "book" / "references.bib")
    for stem, text in pages.items():
        (root / "book" / f"{stem}.md").write_text(text, encoding="utf-8")
    first, *others = list(pages)
    toc = f"format: jb-book\nroot: book/{first}\n"
    if others:
        toc += "chapters:\n" + "".join(f"  - file: book/{stem}\n" for stem in others)
    (root / "_toc.yml").write_text(toc, encoding="utf-8")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run([str(jupyter_book), "build", str(root), "-W", "-n", "--keep-going"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root / "_build" / "html"


@contextmanager
def serving(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 for the duration of the ``with`` block; yield its URL."""
    server, url = serve_directory(directory)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def book_html() -> Path:
    """The built learner edition; the test fails (not skips) when it is missing."""
    if not (BOOK_HTML / "index.html").exists():
        pytest.fail(f"No built book in {BOOK_HTML}: run `make test` (it builds the book first).")
    return BOOK_HTML


@pytest.fixture(scope="session")
def book_url(book_html: Path) -> Iterator[str]:
    """Base URL of the built book, served on 127.0.0.1."""
    with serving(book_html) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium. Missing browser: a clear skip locally, a failure in CI."""
    executable = chromium_path()
    if executable is None:
        message = (
            "Chromium was not found (looked for /usr/bin/chromium). Browser tests need it: "
            "on Debian/Ubuntu run `sudo apt-get install chromium`, or set RAICOURSE_CHROMIUM."
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class PageRecorder:
    """What a page did: every request it made and every console error it logged."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    @property
    def external_requests(self) -> list[str]:
        return [url for url in self.requests if not is_local(url)]


VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def new_page(browser):
    """Factory: ``page, record = new_page(viewport="desktop")`` with requests and errors recorded.

    Requests to any host other than loopback are recorded and then aborted, so a test
    can assert that none was attempted without the page hanging on the closed network.
    """
    contexts = []

    def make(viewport: str = "desktop", **context_options):
        context = browser.new_context(viewport=VIEWPORTS[viewport], **context_options)
        contexts.append(context)
        page = context.new_page()
        record = PageRecorder()

        def route(route_obj):
            record.requests.append(route_obj.request.url)
            if is_local(route_obj.request.url):
                route_obj.continue_()
            else:
                route_obj.abort()

        page.route("**/*", route)
        page.on("console", lambda msg: msg.type == "error" and record.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: record.page_errors.append(str(exc)))
        return page, record

    yield make
    for context in contexts:
        context.close()


# Resolves once two frames have passed (scroll handlers have run) and every finite CSS
# transition or animation of the page has ended.
SETTLE_ANIMATIONS = """async () => {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const finite = document.getAnimations().filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  await Promise.all(finite.map((a) => a.finished.catch(() => null)));
}"""


def axe_serious_violations(page) -> list[str]:
    """Run axe-core on the page; return the critical and serious violations, described."""
    from axe_playwright_python.sync_playwright import Axe

    # Check the page at rest: a control fading in (the theme's "back to top" button appears
    # when a click scrolls the page) fails contrast while it is half transparent.
    page.evaluate(SETTLE_ANIMATIONS)
    results = Axe().run(page)
    found = []
    for violation in results.response.get("violations", []):
        if violation.get("impact") in {"critical", "serious"}:
            targets = [", ".join(node.get("target", [])) for node in violation.get("nodes", [])][:5]
            found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return found


def check_page_loads_cleanly(new_page, base_url: str, page_path: str, viewport: str) -> None:
    """The every-page check: no request leaving 127.0.0.1, no uncaught exception, no
    console error (used for the learner book and for the trainers' pages)."""
    page, record = new_page(viewport)
    page.goto(f"{base_url}/{page_path}", wait_until="networkidle")
    assert record.external_requests == [], f"{page_path} requested outside 127.0.0.1"
    assert record.page_errors == [], f"{page_path} raised in JavaScript"
    assert record.console_errors == [], f"{page_path} logged console errors"


def check_page_accessibility(new_page, base_url: str, page_path: str, theme: str) -> None:
    """The every-page accessibility check: the page in ``theme``, and no critical or serious
    axe-core violation."""
    page, _ = new_page("desktop", color_scheme=theme)
    page.goto(f"{base_url}/{page_path}", wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == theme
    violations = axe_serious_violations(page)
    assert violations == [], f"{page_path} ({theme} theme):\n" + "\n".join(violations)
