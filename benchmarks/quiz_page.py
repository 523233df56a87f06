"""A quiz page against a plain page of the built book, side by side (called by ``make bench``).

Each round loads the plain page then the quiz page, each in a fresh browser context (cold
cache), in headless Chromium. Load time runs from navigation to the ``load`` event — and, on
the quiz page, until the quiz is interactive. Bytes are the gzip-compressed size of every
response (what a compressing web server would transfer). The target of issue 3: a quiz page
within 1.15x the load time of a plain page.

Run alone: ``.venv/bin/python benchmarks/quiz_page.py [path/to/_build/html]``.
"""

from __future__ import annotations

import gzip
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

ROUNDS = 9
QUIZ_MARKER = "raicourse-widget"
QUIZ_READY = ".raicourse-quiz"


def pick_pages(html_dir: Path) -> tuple[str, str]:
    """Return (plain page, quiz page), relative to ``html_dir``: lesson pages under ``book/``."""
    pages = sorted(path for path in (html_dir / "book").rglob("*.html"))
    quiz = [p for p in pages if 'data-raicourse-module="raicourse-quiz.js"' in p.read_text(encoding="utf-8")]
    plain = [p for p in pages if QUIZ_MARKER not in p.read_text(encoding="utf-8")]
    if not quiz or not plain:
        raise RuntimeError(f"need a quiz page and a plain page in {html_dir / 'book'}")
    return plain[0].relative_to(html_dir).as_posix(), quiz[0].relative_to(html_dir).as_posix()


def _load_once(browser, url: str, wait_for: str | None) -> tuple[float, int]:
    context = browser.new_context()
    page = context.new_page()
    bodies: list[int] = []

    def on_response(response) -> None:
        try:
            bodies.append(len(gzip.compress(response.body())))
        except Exception:  # redirects and aborted requests have no body
            pass

    page.on("response", on_response)
    start = time.perf_counter()
    page.goto(url, wait_until="load")
    if wait_for:
        page.wait_for_selector(wait_for, timeout=30_000)
    elapsed = time.perf_counter() - start
    page.wait_for_load_state("networkidle")  # count late requests (MathJax, fonts) in the bytes
    context.close()
    return elapsed, sum(bodies)


def measure_quiz_page(html_dir: str | Path, rounds: int = ROUNDS) -> dict[str, object]:
    """Load a plain page and a quiz page side by side; return medians and their ratio.

    Parameters
    ----------
    html_dir : str or Path
        The built book (``_build/html``).
    rounds : int
        Cold loads of each page (the median is reported).

    Returns
    -------
    dict
        ``plain_page``, ``quiz_page``, ``plain_s``, ``quiz_s``, ``plain_gzip_mb``,
        ``quiz_gzip_mb``, ``time_ratio`` and ``within_target`` (ratio <= 1.15).
    """
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM_ARGS, chromium_path, serve_directory

    html_dir = Path(html_dir)
    plain_page, quiz_page = pick_pages(html_dir)
    server, base = serve_directory(html_dir)
    plain_times, quiz_times, plain_bytes, quiz_bytes = [], [], [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            _load_once(browser, f"{base}/{plain_page}", None)  # warm the server and the OS, not the browser
            for _ in range(rounds):
                seconds, size = _load_once(browser, f"{base}/{plain_page}", None)
                plain_times.append(seconds)
                plain_bytes.append(size)
                seconds, size = _load_once(browser, f"{base}/{quiz_page}", QUIZ_READY)
                quiz_times.append(seconds)
                quiz_bytes.append(size)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    ratio = statistics.median(quiz_times) / statistics.median(plain_times)
    return {
        "plain_page": plain_page,
        "quiz_page": quiz_page,
        "plain_s": round(statistics.median(plain_times), 3),
        "quiz_s": round(statistics.median(quiz_times), 3),
        "plain_gzip_mb": round(statistics.median(plain_bytes) / 1e6, 3),
        "quiz_gzip_mb": round(statistics.median(quiz_bytes) / 1e6, 3),
        "time_ratio": round(ratio, 3),
        "within_target": ratio <= 1.15,
    }


if __name__ == "__main__":
    print(measure_quiz_page(sys.argv[1] if len(sys.argv) > 1 else REPO / "_build" / "html"))
