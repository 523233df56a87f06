"""Benchmarks of the course build and site (``make bench``). Prints figures; asserts nothing.

* clean build time and no-change rebuild time of the learner edition (in a temporary folder);
* execution time of every notebook (lessons and exercises), one kernel each;
* page weight of every page as Chromium loads it (HTML + JS + CSS + fonts + images actually
  requested; raw and gzip bytes), with max and median;
* total size of the built site;
* installed size of the runtime dependencies of ``raicourse`` (transitively);
* ``import raicourse`` time in a fresh interpreter (median of 7);
* the quiz page against a plain page (``benchmarks/quiz_page.py``), when the book has a quiz;
* every page as a learner on a phone, cold and warm (``benchmarks/phone_pages.py``: LCP, load,
  bytes; median and worst page against the targets of issue 18);
* the size of the Binder environment installed in a fresh venv: the full CI lock (what Binder
  installed before issue 18) and ``binder/requirements.txt`` (``benchmarks/binder_size.py``).
* grading a cohort of 24 learners x 12 exercises with ``raicourse grade``: ``--jobs 1`` against
  the default, the sandbox's overhead, and where one notebook's time goes (``benchmarks/cohort.py``).

Run from the repository root with the project's venv: ``make bench``.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))


def heading(title: str) -> None:
    print(f"\n## {title}")


def megabytes(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


def jupyter_book() -> str:
    return str(Path(sys.executable).with_name("jupyter-book"))


def time_build(output: Path) -> float:
    start = time.perf_counter()
    subprocess.run([jupyter_book(), "build", str(REPO), "-W", "-n", "--keep-going", "--path-output", str(output)],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def bench_build(workdir: Path) -> Path:
    heading("Build (learner edition, -W -n)")
    clean = time_build(workdir)
    print(f"clean build:        {clean:6.1f} s")
    rebuild = time_build(workdir)
    print(f"no-change rebuild:  {rebuild:6.1f} s")
    return workdir / "_build" / "html"


def notebooks() -> list[Path]:

    toc = (REPO / "_toc.yml").read_text(encoding="utf-8")
    lessons = []
    for entry in re.findall(r"(?:root|file):\s*(\S+)", toc):
        path = REPO / f"{entry}.md"
        if path.exists() and "code-cell" in path.read_text(encoding="utf-8"):
            lessons.append(path)
    return lessons + sorted((REPO / "exercises").glob("*.ipynb"))


def bench_notebooks() -> None:
    import nbclient
    import nbformat
    from myst_nb.core.read import read_myst_markdown_notebook

    heading("Notebook execution (one fresh kernel each)")
    for path in notebooks():
        if path.suffix == ".md":
            notebook = read_myst_markdown_notebook(path.read_text(encoding="utf-8"), path=str(path))
        else:
            notebook = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}}).execute()
        print(f"{time.perf_counter() - start:6.1f} s  {path.relative_to(REPO)}")


def bench_pages(html_dir: Path) -> None:
    from conftest import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright
    from quiz_page import gzip_bytes, served

    heading("Page weight (resources Chromium actually loads, cold cache)")
    executable = chromium_path()
    if executable is None:
        print("skipped: Chromium not found (install the Debian package `chromium`)")
        return
    pages = sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                   if not {"_static", "_sources"} & set(p.relative_to(html_dir).parts))
    rows = []
    with served(html_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for rel in pages:
            context = browser.new_context()
            page = context.new_page()
            urls: list[str] = []
            page.on("request", lambda request: urls.append(request.url))
            page.goto(f"{base}/{rel}", wait_until="networkidle")
            context.close()
            raw, packed = gzip_bytes(html_dir, base, urls)
            rows.append((rel, len(set(urls)), raw, packed))
        browser.close()
    for rel, count, raw, packed in rows:
        print(f"{megabytes(raw):>9} raw {megabytes(packed):>9} gzip  {count:3d} files  {rel}")
    raws = [r[2] for r in rows]
    packs = [r[3] for r in rows]
    print(f"median: {megabytes(statistics.median(raws))} raw / {megabytes(statistics.median(packs))} gzip; "
          f"max: {megabytes(max(raws))} raw / {megabytes(max(packs))} gzip ({len(rows)} pages)")


def bench_site_size(html_dir: Path) -> None:
    heading("Built site")
    files = [p for p in html_dir.rglob("*") if p.is_file()]
    print(f"total: {megabytes(sum(p.stat().st_size for p in files))} in {len(files)} files")


def requirement_names(distribution: str) -> set[str]:
    names = set()
    for requirement in metadata.requires(distribution) or []:
        if "extra ==" in requirement:
            continue
        names.add(re.split(r"[ ;<>=!~\[(]", requirement, maxsplit=1)[0].lower().replace("_", "-"))
    return names


def bench_installed_size() -> None:
    heading("Installed size of the runtime dependencies of raicourse (transitive, no extras)")
    seen: set[str] = set()
    todo = ["raicourse"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            todo.extend(requirement_names(name))
        except metadata.PackageNotFoundError:
            pass
    total = 0
    sizes = []
    for name in sorted(seen - {"raicourse"}):
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        size = sum((dist.locate_file(f).stat().st_size for f in dist.files or [] if dist.locate_file(f).is_file()), 0)
        sizes.append((size, name))
        total += size
    for size, name in sorted(sizes, reverse=True)[:8]:
        print(f"{megabytes(size):>10}  {name}")
    print(f"total: {megabytes(total)} for {len(sizes)} distributions")


def bench_import() -> None:
    heading("import raicourse (fresh interpreter, median of 7)")
    times = []
    for _ in range(7):
        out = subprocess.run([sys.executable, "-c",
                              "import time; t = time.perf_counter(); import raicourse; print(time.perf_counter() - t)"],
                             check=True, capture_output=True, text=True).stdout
        times.append(float(out))
    print(f"{statistics.median(times) * 1000:.0f} ms")


def bench_quiz_page(html_dir: Path) -> None:
    from quiz_page import PHONE_PROFILE, measure_quiz_cost, measure_quiz_page

    heading("The same page with and without its quiz (median of 101 cold loads each, about 5 minutes, 90% bootstrap interval; target: ratio <= 1.15)")
    print(measure_quiz_cost())
    heading("The same, as a learner on a phone: Lighthouse's Slow 4G and CPU x4, gzip server (median of 11 cold loads each, about 4 minutes)")
    print(measure_quiz_cost(rounds=11, profile=PHONE_PROFILE))
    heading("Each quiz page against a short plain page (median of 9 cold loads; lessons are longer pages)")
    for row in measure_quiz_page(html_dir):
        print(row)


def bench_phone(html_dir: Path) -> None:
    from phone_pages import lesson_pages, measure, table

    heading("Every page on a phone: Lighthouse's Slow 4G and CPU x4, gzip server; cold, and warm after "
            "the home page (targets: LCP <= 1.8 s, load <= 3.0 s, <= 250 KB cold, <= 60 KB warm)")
    print(table(measure(html_dir, lesson_pages(html_dir))))


def bench_binder() -> None:
    from binder_size import report

    heading("Binder environment, installed in a fresh venv (before: the full CI lock; after: binder/requirements.txt)")
    print(report())


def bench_cohort() -> None:
    import cohort

    heading("Grading a cohort (raicourse grade; target: 24 learners x 12 exercises in <= 8 min on 2 cores, "
            "sandbox overhead <= 10%; about 10 minutes)")
    cohort.main([])


def main() -> None:
    print("# raicourse benchmarks")
    print(f"python {sys.version.split()[0]}, {shutil.which('chromium') or 'no chromium'}")
    workdir = Path(tempfile.mkdtemp(prefix="raicourse-bench-"))
    try:
        html_dir = bench_build(workdir)
        bench_notebooks()
        bench_pages(html_dir)
        bench_site_size(html_dir)
        bench_installed_size()
        bench_import()
        bench_quiz_page(html_dir)
        bench_phone(html_dir)
        bench_binder()
        bench_cohort()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
