"""A quiz page against a plain page of the built book, side by side (called by ``make bench``).

Each round loads the plain page then the quiz page (the order alternates), each in a fresh
browser context (cold cache), in headless Chromium, from a web server running in its own
process. Load time runs from navigation to the ``load`` event — and, on the quiz page,
until the quiz is rendered, whichever is later (both read from the page's own clock). Math
in a quiz is typeset by MathJax after that, as an enhancement. Bytes are the
gzip-compressed size of every file the page requested (what a compressing web server would
send), counted once the page is done. The target of issue 3: a quiz page within 1.15x the
load time of a plain page. Single loads on a small machine vary by +-20%, so the ratio of
the medians comes with a 90% bootstrap interval: read both.

Two conditions. Unthrottled from a local server, the load is bound by this machine's CPU:
the strictest case for a quiz, whose cost is CPU work. Under ``PHONE_PROFILE`` (Lighthouse's
mobile defaults: Slow 4G, CPU four times slower, a phone's screen) from a server that
gzips as real hosts do, the network dominates, as it does for a learner on a phone; loads
vary by about 1% there, so fewer rounds are needed.

Run alone: ``.venv/bin/python benchmarks/quiz_page.py``.
"""

from __future__ import annotations

import contextlib
import gzip
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

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


# A learner on a phone: Lighthouse's default mobile conditions, its "Slow 4G" network
# (150 ms round trips, 1.6 Mbit/s down, 750 kbit/s up) with the factors Lighthouse applies
# when DevTools throttles request by request (latency x3.75, throughput x0.9), a CPU four
# times slower, and the screen of its reference phone. Source: GoogleChrome/lighthouse,
# core/config/constants.js (throttling.mobileSlow4G, screenEmulationMetrics.mobile).
PHONE_PROFILE = {
    "name": "phone on Slow 4G, CPU x4 (Lighthouse's mobile defaults)",
    "latency_ms": 150 * 3.75,
    "download_kbps": 1.6 * 1024 * 0.9,
    "upload_kbps": 750 * 0.9,
    "cpu_slowdown": 4,
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
}


def _new_page(browser, profile: dict | None):
    """A page in a fresh browser context, under ``profile``'s network, CPU and screen."""
    if profile is None:
        context = browser.new_context()
        return context, context.new_page()
    context = browser.new_context(viewport=profile["viewport"], device_scale_factor=profile["device_scale_factor"],
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {
        "offline": False,
        "latency": profile["latency_ms"],
        "downloadThroughput": profile["download_kbps"] * 1024 / 8,  # bytes per second
        "uploadThroughput": profile["upload_kbps"] * 1024 / 8,
    })
    session.send("Emulation.setCPUThrottlingRate", {"rate": profile["cpu_slowdown"]})
    return context, page


@contextlib.contextmanager
def served(html_dir: Path, compress: bool = False) -> Iterator[str]:
    """Serve ``html_dir`` from a separate process; yield its base URL.

    Not a thread of this process: the measuring client (Playwright's) would then share
    Python's interpreter lock with the server, and every extra request of a page would be
    slowed by the measurement itself. With ``compress``, text files are sent gzipped
    (benchmarks/static_server.py), as a real host sends them.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    if compress:
        command = [sys.executable, str(Path(__file__).with_name("static_server.py")), str(html_dir), str(port)]
    else:
        command = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(html_dir), str(port)]
    server = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the test server for {html_dir} did not start") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def gzip_bytes(html_dir: Path, base: str, urls: Iterable[str]) -> tuple[int, int]:
    """Raw and gzip-compressed bytes of the files of ``html_dir`` behind ``urls``
    (what a compressing web server would send); URLs of other hosts are not counted."""
    raw = packed = 0
    for url in set(urls):
        if not url.startswith(base):
            continue
        file = html_dir / unquote(urlparse(url).path).lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        if file.is_file():
            data = file.read_bytes()
            raw += len(data)
            packed += len(gzip.compress(data, 6))
    return raw, packed


def _load_once(browser, html_dir: Path, base: str, path: str, wait_for: str | None,
               profile: dict | None = None) -> tuple[float, int]:
    """Seconds from navigation to the load event (and, with ``wait_for``, to the quiz
    being rendered, whichever is later), and the gzip bytes of every file requested.

    Bytes are counted from the files once the page is done: reading response bodies
    during the load would slow the page that makes more requests.
    """
    context, page = _new_page(browser, profile)
    page.add_init_script(READY_PROBE)
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto(f"{base}/{path}", wait_until="load", timeout=120_000)
    if wait_for:
        page.wait_for_selector(wait_for, timeout=120_000)
    load_end = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    ready = page.evaluate("window.__raicourseReady") if wait_for else None
    elapsed = max(load_end, ready or 0) / 1000
    page.wait_for_load_state("networkidle", timeout=120_000)  # count late requests (MathJax, fonts) in the bytes
    context.close()
    return elapsed, gzip_bytes(html_dir, base, urls)[1]


def ratio_interval(plain: list[float], quiz: list[float], level: float = 0.9, resamples: int = 2000) -> tuple[float, float]:
    """A bootstrap interval of median(quiz) / median(plain): how far the ratio could move
    with other draws of the same noise (rounds resampled as pairs, fixed seed)."""
    rng = random.Random(0)
    n = len(plain)
    ratios = []
    for _ in range(resamples):
        picks = [rng.randrange(n) for _ in range(n)]
        ratios.append(statistics.median(quiz[i] for i in picks) / statistics.median(plain[i] for i in picks))
    ratios.sort()
    tail = (1 - level) / 2
    return ratios[int(tail * resamples)], ratios[int((1 - tail) * resamples) - 1]


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
        ``plain_gzip_mb``, ``quiz_gzip_mb``, ``time_ratio``, ``ratio_90`` (a bootstrap
        interval) and ``within_target`` (ratio <= 1.15).
    """
    html_dir = Path(html_dir)
    plain_page, quiz_pages = pick_pages(html_dir)
    return measure_pairs(html_dir, [(plain_page, quiz_page) for quiz_page in quiz_pages], rounds)


def measure_pairs(html_dir: Path, pairs: list[tuple[str, str]], rounds: int = ROUNDS,
                  profile: dict | None = None) -> list[dict[str, object]]:
    """Load each (plain page, quiz page) pair side by side, ``rounds`` cold loads each;
    unthrottled from a local server, or under ``profile`` (e.g. :data:`PHONE_PROFILE`)
    from a server that compresses as real hosts do."""
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM_ARGS, chromium_path

    rows = []
    with served(html_dir, compress=profile is not None) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        _load_once(browser, html_dir, base, pairs[0][0], None)  # warm the server and the OS, not the browser
        for plain_page, quiz_page in pairs:
            plain_times, quiz_times, plain_bytes, quiz_bytes = [], [], [], []
            for round_number in range(rounds):
                # Alternate which page loads first, so that neither always meets a colder machine.
                order = [("plain", plain_page), ("quiz", quiz_page)]
                for kind, path in order if round_number % 2 == 0 else order[::-1]:
                    seconds, size = _load_once(browser, html_dir, base, path, QUIZ_READY if kind == "quiz" else None,
                                               profile)
                    (quiz_times if kind == "quiz" else plain_times).append(seconds)
                    (quiz_bytes if kind == "quiz" else plain_bytes).append(size)
            ratio = statistics.median(quiz_times) / statistics.median(plain_times)
            low, high = ratio_interval(plain_times, quiz_times)
            rows.append({
                "conditions": profile["name"] if profile else "unthrottled, local server",
                "plain_page": plain_page,
                "quiz_page": quiz_page,
                "plain_s": round(statistics.median(plain_times), 3),
                "quiz_s": round(statistics.median(quiz_times), 3),
                "plain_gzip_mb": round(statistics.median(plain_bytes) / 1e6, 3),
                "quiz_gzip_mb": round(statistics.median(quiz_bytes) / 1e6, 3),
                "time_ratio": round(ratio, 3),
                "ratio_90": (round(low, 3), round(high, 3)),
                "within_target": ratio <= 1.15,
            })
        browser.close()
    return rows


_QUIZ_CELL = re.compile(r"```\{code-cell\}[^\n]*\n(?:[^\n]*\n)*?show_quiz\([^\n]*\n```\n")


def measure_quiz_cost(rounds: int = 101, profile: dict | None = None) -> dict[str, object]:
    """The target's measure: the SAME page with and without its quiz, side by side
    (unthrottled, or under ``profile``, e.g. :data:`PHONE_PROFILE`).

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
        # The glossary too: the page links its terms.
        glossary = (REPO / "book" / "glossary.md").read_text(encoding="utf-8")
        html_dir = build_fixture_book(Path(folder), {"without_quiz": without, "with_quiz": text, "glossary": glossary})
        return measure_pairs(html_dir, [("book/without_quiz.html", "book/with_quiz.html")], rounds, profile)[0]


if __name__ == "__main__":
    print(measure_quiz_cost())
