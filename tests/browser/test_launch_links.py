"""In the built book, every lesson with an exercise opens exactly that exercise's notebook.

For each lesson of ``_toc.yml`` that has ``exercises/<stem>.ipynb``: the page shows Binder
and Colab links (and the JupyterHub's, when ``_config.yml`` sets one) whose URLs are those
of :mod:`raicourse.launch` for that stem, a download link that serves that very notebook,
and nothing is requested outside 127.0.0.1 when the page loads.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import raicourse
from conftest import REPO
from raicourse.launch import binder_url, colab_url, jupyterhub_url, load_launch_settings
from raicourse.lessons import _toc_documents

SETTINGS = load_launch_settings(REPO)


def lessons_with_exercises() -> list[tuple[str, str]]:
    """(docname, stem) of every page of _toc.yml whose stem has an exercise notebook."""
    found = []
    for _, docname in _toc_documents(REPO):
        stem = Path(docname).stem
        if (REPO / "exercises" / f"{stem}.ipynb").exists():
            found.append((docname.removesuffix(".md"), stem))
    return found


LESSONS = lessons_with_exercises()


def test_there_are_lessons_with_exercises():
    assert len(LESSONS) >= 8


@pytest.mark.browser
@pytest.mark.parametrize(("docname", "stem"), LESSONS, ids=[stem for _, stem in LESSONS])
def test_lesson_links_open_its_own_notebook(new_page, book_url, book_html, docname, stem):
    page, record = new_page("desktop")
    page.goto(f"{book_url}/{docname}.html", wait_until="networkidle")
    assert record.external_requests == [], f"{docname} requested outside 127.0.0.1 at load"

    container = page.locator(".raicourse-launch")
    assert container.count() == 1, f"{docname}: no (or several) launch-links blocks"
    links = {
        service: container.locator(f"a.raicourse-launch-{service}")
        for service in ("binder", "colab", "jupyterhub", "download")
    }
    assert links["binder"].get_attribute("href") == binder_url(SETTINGS, stem)
    assert links["colab"].get_attribute("href") == colab_url(SETTINGS, stem)
    hub = jupyterhub_url(SETTINGS, stem)
    assert links["jupyterhub"].count() == (1 if hub else 0)
    if hub:
        assert links["jupyterhub"].get_attribute("href") == hub
    # Every link has text a screen reader can announce; no badge image is involved.
    for service, link in links.items():
        if link.count():
            assert link.inner_text().strip(), f"{docname}: the {service} link has no text"
    assert container.locator("img").count() == 0

    # The download link serves exactly this lesson's notebook, from the book itself.
    href = links["download"].get_attribute("href")
    assert href.endswith(f"/{stem}.ipynb"), href
    response = page.request.get(links["download"].evaluate("a => a.href"))
    assert response.ok and response.body() == (REPO / "exercises" / f"{stem}.ipynb").read_bytes()

    # The comparison page is linked once it is part of the book.
    if (book_html / "book" / "run_exercises.html").exists():
        which_way = container.locator('a[href$="run_exercises.html"]')
        assert which_way.count() == 1, f"{docname}: no link to the 'which way' page"


@pytest.mark.browser
def test_the_footer_shows_the_course_version(book_html):
    intro = (book_html / "book" / "intro.html").read_text(encoding="utf-8")
    assert f'<p class="raicourse-version">Course version {raicourse.__version__}.</p>' in intro


@pytest.mark.browser  # with the slow tests: it builds a small book
def test_a_lesson_without_its_notebook_fails_the_build_naming_the_page(tmp_path):
    import shutil
    import subprocess
    import sys

    shutil.copy(REPO / "_config.yml", tmp_path / "_config.yml")
    shutil.copytree(REPO / "book" / "static", tmp_path / "book" / "static")
    shutil.copy(REPO / "book" / "references.bib", tmp_path / "book" / "references.bib")
    (tmp_path / "exercises").mkdir()
    (tmp_path / "book" / "intro.md").write_text("# Intro\n\nA book.\n", encoding="utf-8")
    (tmp_path / "book" / "lonely_lesson.md").write_text(
        "# A lesson\n\n## Hands-on\n\n```{launch-links}\n```\n", encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/intro\nchapters:\n  - file: book/lonely_lesson\n",
                                       encoding="utf-8")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run([str(jupyter_book), "build", str(tmp_path), "-W", "-n", "--keep-going"],
                            capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "lonely_lesson.md" in output and "exercises/lonely_lesson.ipynb, which does not exist" in output, output[-3000:]


@pytest.mark.browser  # with the slow tests: it builds a small book
def test_hub_and_lite_links_appear_once_configured(tmp_path):
    import html
    import re
    import shutil
    import subprocess
    import sys

    import yaml

    from raicourse.launch import lite_url, settings_from_config

    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    launch = config["sphinx"]["config"]["raicourse_launch"]
    launch.update(jupyterhub_url="https://hub.example.org", lite_path="lite/")
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    shutil.copytree(REPO / "book" / "static", tmp_path / "book" / "static")
    shutil.copy(REPO / "book" / "references.bib", tmp_path / "book" / "references.bib")
    (tmp_path / "exercises").mkdir()
    shutil.copy(REPO / "exercises" / "privacy.ipynb", tmp_path / "exercises" / "privacy.ipynb")
    (tmp_path / "book" / "ethics").mkdir()
    (tmp_path / "book" / "intro.md").write_text("# Intro\n\nA book.\n", encoding="utf-8")
    (tmp_path / "book" / "ethics" / "privacy.md").write_text(
        "# Privacy\n\n## Hands-on\n\n```{launch-links}\n```\n", encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/intro\nchapters:\n  - file: book/ethics/privacy\n",
                                       encoding="utf-8")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run([str(jupyter_book), "build", str(tmp_path), "-W", "-n", "--keep-going"],
                            capture_output=True, text=True)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]

    page = (tmp_path / "_build" / "html" / "book" / "ethics" / "privacy.html").read_text(encoding="utf-8")
    hrefs = {service: html.unescape(href) for service, href in
             re.findall(r'<a class="raicourse-launch-(\w+) [^"]*"(?: download="")? href="([^"]+)"', page)}
    settings = settings_from_config(config)
    assert hrefs["jupyterhub"] == jupyterhub_url(settings, "privacy")
    assert hrefs["jupyterhub"].startswith("https://hub.example.org/hub/user-redirect/git-pull?repo=")
    assert hrefs["lite"] == lite_url(settings, "privacy", "../../") == "../../lite/lab/index.html?path=privacy.ipynb"
    assert set(hrefs) == {"binder", "colab", "jupyterhub", "lite", "download"}
