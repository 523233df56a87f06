"""Every page of the built book as a learner on a phone sees it (called by ``make bench``).

Each page is loaded under ``PHONE_PROFILE`` (Lighthouse's mobile Slow 4G, CPU x4, a phone's
screen) from a server that gzips and sets cache headers as GitHub Pages does
(``static_server.py``):

* cold: a fresh browser context (empty cache);
* warm: the same context after another page of the course was opened (the course's home
  page, or the first lesson for the home page itself): what a learner pays for a second page.

For each page, the median of three loads of: largest contentful paint (LCP), the load event,
and the bytes that crossed the network (Chromium's encoded length of every response: gzip
bodies and headers; nothing for a file taken from the cache). Targets of issue 18, for every lesson page: LCP <= 1.8 s,
load <= 3.0 s, <= 250 KB cold, <= 60 KB warm.

Run alone: ``.venv/bin/python benchmarks/phone_pages.py [_build/html] [page ...]``;
``--screenshots DIR`` saves each page on the phone's screen, light and dark, instead (the top
of the page, and the first quiz, explorable or formula scrolled into view).
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))

from quiz_page import PHONE_PROFILE, _new_page, served  # noqa: E402

TARGETS = {"lcp_s": 1.8, "load_s": 3.0, "cold_kb": 250, "warm_kb": 60}

LCP_PROBE = """
window.__lcp = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__lcp = entry.startTime;
}).observe({type: "largest-contentful-paint", buffered: true});
"""


def lesson_pages(html_dir: Path) -> list[str]:
    """Every page of the book (not Sphinx's generated index and search pages)."""
    skip = {"_static", "_sources", "_downloads", "_images"}
    return sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                  if not skip & set(p.relative_to(html_dir).parts)
                  and p.name not in {"genindex.html", "search.html", "index.html"})


def _visit(page, session, url: str) -> dict[str, float]:
    """Load ``url`` in ``page``; return LCP and load (s) and the bytes received."""
    received: dict[str, float] = {}
    session.on("Network.loadingFinished",
               lambda event: received.__setitem__(event["requestId"], event["encodedDataLength"]))
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_load_state("networkidle", timeout=120_000)
    load = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000
    lcp = page.evaluate("window.__lcp") / 1000
    return {"lcp_s": lcp, "load_s": load, "kb": sum(received.values()) / 1000}


def _cold_and_warm(browser, base: str, html_dir: Path, rel: str, profile: dict) -> tuple[dict, dict]:
    context, page = _new_page(browser, profile)
    page.add_init_script(LCP_PROBE)
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    cold = _visit(page, session, f"{base}/{rel}")
    context.close()
    context, page = _new_page(browser, profile)
    page.add_init_script(LCP_PROBE)
    first = "book/intro.html" if rel != "book/intro.html" else lesson_pages(html_dir)[0]
    page.goto(f"{base}/{first}", wait_until="networkidle", timeout=120_000)
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    warm = _visit(page, session, f"{base}/{rel}")
    context.close()
    return cold, warm


def measure(html_dir: Path, pages: list[str], profile: dict = PHONE_PROFILE, rounds: int = 3) -> list[dict[str, object]]:
    """Cold and warm figures of each page, the median of ``rounds`` loads of each (single loads
    vary by about 0.1 s on a busy 2-core machine)."""
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM_ARGS, chromium_path

    rows = []
    with served(html_dir, compress=True) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for rel in pages:
            loads = [_cold_and_warm(browser, base, html_dir, rel, profile) for _ in range(rounds)]

            def median(which: int, key: str) -> float:
                return statistics.median(load[which][key] for load in loads)
            rows.append({"page": rel,
                         "lcp_s": round(median(0, "lcp_s"), 2), "load_s": round(median(0, "load_s"), 2),
                         "cold_kb": round(median(0, "kb"), 1), "warm_lcp_s": round(median(1, "lcp_s"), 2),
                         "warm_load_s": round(median(1, "load_s"), 2), "warm_kb": round(median(1, "kb"), 1)})
        browser.close()
    return rows


def table(rows: list[dict[str, object]]) -> str:
    """A Markdown table of ``rows`` with the median and the worst page, and the targets met."""
    columns = ["lcp_s", "load_s", "cold_kb", "warm_lcp_s", "warm_load_s", "warm_kb"]
    lines = ["| page | LCP (s) | load (s) | cold KB | warm LCP (s) | warm load (s) | warm KB |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        lines.append("| " + " | ".join([str(row["page"])] + [f"{row[c]}" for c in columns]) + " |")
    medians = [statistics.median(float(r[c]) for r in rows) for c in columns]
    worst = [max(float(r[c]) for r in rows) for c in columns]
    lines.append("| **median** | " + " | ".join(f"{m:.2f}" if "_s" in c else f"{m:.1f}" for c, m in zip(columns, medians)) + " |")
    lines.append("| **worst page** | " + " | ".join(f"{w:.2f}" if "_s" in c else f"{w:.1f}" for c, w in zip(columns, worst)) + " |")
    over = [f"{r['page']} ({c} {r[c]} > {limit})" for r in rows for c, limit in TARGETS.items()
            if float(r[c]) > limit]
    lines.append("")
    lines.append("targets (LCP <= 1.8 s, load <= 3.0 s, cold <= 250 KB, warm <= 60 KB): "
                 + ("all pages within" if not over else "OVER: " + "; ".join(over)))
    return "\n".join(lines)


def screenshots(html_dir: Path, pages: list[str], folder: Path, profile: dict = PHONE_PROFILE) -> list[Path]:
    """PNGs of ``pages`` on the phone's screen in the light and dark themes."""
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM_ARGS, chromium_path

    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    with served(html_dir, compress=True) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for rel in pages:
            for theme in ("light", "dark"):
                context = browser.new_context(viewport=profile["viewport"], device_scale_factor=1,
                                              is_mobile=True, has_touch=True, color_scheme=theme)
                page = context.new_page()
                page.goto(f"{base}/{rel}", wait_until="networkidle")
                stem = rel.replace("/", "_").removesuffix(".html")
                saved.append(folder / f"{stem}-{theme}-top.png")
                page.screenshot(path=saved[-1])
                target = page.locator(".raicourse-widget, math").first
                if target.count():
                    target.scroll_into_view_if_needed()
                    page.wait_for_timeout(300)
                    saved.append(folder / f"{stem}-{theme}-content.png")
                    page.screenshot(path=saved[-1])
                context.close()
        browser.close()
    return saved


if __name__ == "__main__":
    arguments = sys.argv[1:]
    shots = None
    if "--screenshots" in arguments:
        index = arguments.index("--screenshots")
        shots = Path(arguments[index + 1])
        del arguments[index:index + 2]
    html = Path(arguments[0]) if arguments else REPO / "_build" / "html"
    chosen = arguments[1:] or lesson_pages(html)
    if shots:
        print("\n".join(str(path) for path in screenshots(html, chosen, shots)))
    else:
        print(table(measure(html, chosen)))
