"""A quiz page against a plain page of the built book, side by side (called by ``make bench``).

Each round loads the plain page then the quiz page, each in a fresh browser context (cold
cache), in headless Chromium. Load time runs from navigation to the ``load`` event — and, on
the quiz page, until the quiz is rendered, whichever is later (both read from the page's own
clock). Math in a quiz is typeset by MathJax after that, as an enhancement. Bytes are the gzip-compressed size of every
response (what a compressing web server would transfer). The target of issue 3: a quiz page
within 1.15x the load time of a plain page.

Run alone: ``.venv/bin/python benchmarks/quiz_page.py [path/to/_build/html]``.
"""

from __future__ import annotations

import gzip
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

ROUNDS = 9
QUIZ_MARKER = "raicourse-widget"
QUIZ_READY = ".raicourse-quiz"


def pick_pages(html_dir: Path) -> tuple[str, list[str]]:
    """Return (a plain page, every quiz page), relative to ``html_dir``: pages under ``book/``."""
    pages = sorted(path for path in (html_dir / "book").rglob("*.html"))
    quiz = [p for p in pages if 'data-raicourse-module="raicourse-quiz.js"' in p.read_text(encoding="utf-8")]
    plain = [p for p in pages if QUIZ_MARKER not in p.read_text(encoding="utf-8")]
    if not quiz or not plain:
        raise RuntimeError(f"need a quiz page and a plain page in {html_dir / 'book'}")
    return plain[0].relative_to(html_dir).as_posix(), [p.relative_to(html_dir).as_posix() for p in quiz]


# Records, in page time, when the quiz's element first appears. Timing inside the page
# matters: MathJax is fetched after the load event (math is an enhancement) and parsing it
# keeps the main thread busy, so a check from outside would see the quiz late.
READY_PROBE = """
window.__raicourseReady = null;
new MutationObserver((_, observer) => {
  if (document.querySelector(%r)) {
    window.__raicourseReady = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
""" % QUIZ_READY


def _load_once(browser, url: str, wait_for: str | None) -> tuple[float, int]:
    """Seconds from navigation to the load event (and, with ``wait_for``, to the quiz
    being rendered, whichever is later), and the gzip bytes of every response."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(READY_PROBE)
    bodies: list[int] = []

    def on_response(response) -> None:
        try:
            bodies.append(len(gzip.compress(response.body())))
        except Exception:  # redirects and aborted requests have no body
            pass

    page.on("response", on_response)
    page.goto(url, wait_until="load")
    if wait_for:
        page.wait_for_selector(wait_for, timeout=30_000)
    load_end = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    ready = page.evaluate("window.__raicourseReady") if wait_for else None
    elapsed = max(load_end, ready or 0) / 1000
    page.wait_for_load_state("networkidle")  # count late requests (MathJax, fonts) in the bytes
    context.close()
    return elapsed, sum(bodies)


def measure_quiz_page(html_dir: str | Path, rounds: int = ROUNDS) -> list[dict[str, object]]:
    """Load a plain page and each quiz page side by side; return medians and their ratios.

    Parameters
    ----------
    html_dir : str or Path
        The built book (``_build/html``).
    rounds : int
        Cold loads of each page (the median is reported).

    Returns
    -------
    list of dict
        One per quiz page: ``plain_page``, ``quiz_page``, ``plain_s``, ``quiz_s``,
        ``plain_gzip_mb``, ``quiz_gzip_mb``, ``time_ratio`` and ``within_target`` (ratio <= 1.15).
    """
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM_ARGS, chromium_path, serve_directory

    html_dir = Path(html_dir)
    plain_page, quiz_pages = pick_pages(html_dir)
    return measure_pairs(html_dir, [(plain_page, quiz_page) for quiz_page in quiz_pages], rounds)


def measure_pairs(html_dir: Path, pairs: list[tuple[str, str]], rounds: int = ROUNDS) -> list[dict[str, object]]:
    """Load each (plain page, quiz page) pair side by side, ``rounds`` cold loads each."""
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM_ARGS, chromium_path, serve_directory

    server, base = serve_directory(html_dir)
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            _load_once(browser, f"{base}/{pairs[0][0]}", None)  # warm the server and the OS, not the browser
            for plain_page, quiz_page in pairs:
                plain_times, quiz_times, plain_bytes, quiz_bytes = [], [], [], []
                for round_number in range(rounds):
                    # Alternate which page loads first, so that neither always meets a colder machine.
                    order = [("plain", plain_page), ("quiz", quiz_page)]
                    for kind, path in order if round_number % 2 == 0 else order[::-1]:
                        seconds, size = _load_once(browser, f"{base}/{path}", QUIZ_READY if kind == "quiz" else None)
                        (quiz_times if kind == "quiz" else plain_times).append(seconds)
                        (quiz_bytes if kind == "quiz" else plain_bytes).append(size)
                ratio = statistics.median(quiz_times) / statistics.median(plain_times)
                rows.append({
                    "plain_page": plain_page,
                    "quiz_page": quiz_page,
                    "plain_s": round(statistics.median(plain_times), 3),
                    "quiz_s": round(statistics.median(quiz_times), 3),
                    "plain_gzip_mb": round(statistics.median(plain_bytes) / 1e6, 3),
                    "quiz_gzip_mb": round(statistics.median(quiz_bytes) / 1e6, 3),
                    "time_ratio": round(ratio, 3),
                    "within_target": ratio <= 1.15,
                })
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return rows

_QUIZ_CELL = re.compile(r"```\{code-cell\}[^\n]*\n(?:[^\n]*\n)*?show_quiz\([^\n]*\n```\n")


def measure_quiz_cost(rounds: int = 21) -> dict[str, object]:
    """The target's measure: the SAME page with and without its quiz, side by side.

    Builds a two-page fixture book from ``book/intro.md``: one copy as it is (with its
    quiz), one with the quiz cell removed. Comparing a lesson with an unrelated short page
    would mostly measure the lesson's length.
    """
    import tempfile

    from conftest import build_fixture_book

    text = (REPO / "book" / "intro.md").read_text(encoding="utf-8").replace("(intro)=\n", "")
    # The map links to the other pages of the course, which the fixture book does not have.
    text = re.sub(r"^## Map of the course\n.*?(?=^## )", "", text, flags=re.M | re.S)
    without = _QUIZ_CELL.sub("", text)
    if without == text:
        raise RuntimeError("no show_quiz cell found in book/intro.md")
    with tempfile.TemporaryDirectory() as folder:
        html_dir = build_fixture_book(Path(folder), {"without_quiz": without, "with_quiz": text})
        return measure_pairs(html_dir, [("book/without_quiz.html", "book/with_quiz.html")], rounds)[0]


if __name__ == "__main__":
    print(measure_quiz_cost())
