"""French notebooks run and answer in French: executed top to bottom unanswered (as nbval does),
every check says "Pas encore tenté" in French; and the French pages' launch links open them."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import REPO
from raicourse.i18n import t
from raicourse.translations import published_pages

STEMS = [d.rsplit("/", 1)[-1] for d in published_pages(REPO)
         if (REPO / "exercises" / f"{d.rsplit('/', 1)[-1]}.ipynb").exists()]


@pytest.mark.parametrize("stem", STEMS)
def test_french_notebook_answers_in_french(stem, monkeypatch):
    monkeypatch.setenv("RAICOURSE_LANG", "en")  # the notebook itself must choose French
    notebook = nbformat.read(REPO / "exercises" / "fr" / f"{stem}.ipynb", as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(REPO / "exercises" / "fr")}}).execute()
    outputs = "\n".join(
        output.get("text", "") + "".join(str(v) for v in output.get("data", {}).values())
        for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])
    )
    assert t("checks.outcome.not_attempted", "fr") in outputs
    assert t("checks.outcome.not_attempted", "en") not in outputs


@pytest.mark.parametrize("stem", STEMS)
def test_french_page_launch_links_open_the_french_notebook(stem):
    docname = next(d for d in published_pages(REPO) if d.endswith(f"/{stem}"))
    page = REPO / "_build" / "fr" / "_build" / "html" / f"{docname}.html"
    if not page.exists():
        pytest.fail(f"No French build at {page}: run `make build-fr` (make test runs it).")
    text = page.read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', text)
    binder = [link for link in links if "mybinder.org" in link]
    colab = [link for link in links if "colab.research.google.com" in link]
    assert binder and all(f"exercises%2Ffr%2F{stem}.ipynb" in link or f"exercises/fr/{stem}.ipynb" in link for link in binder), binder
    assert colab and all(link.endswith(f"exercises/fr/{stem}.ipynb") for link in colab), colab
    [download] = [link for link in links if link.endswith(f"/{stem}.ipynb") and "_downloads" in link]
    copied = (page.parent / download).resolve()
    assert copied.read_text(encoding="utf-8") == (REPO / "exercises" / "fr" / f"{stem}.ipynb").read_text(encoding="utf-8")
