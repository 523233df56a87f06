"""The standard lesson blocks render as documented in CONTRIBUTING (issue #14): ``{going-further}``
and ``{about-the-sources}`` are collapsed ``<details>`` with their standard titles, and a code cell
tagged ``read-only-code`` is labelled "Code to read, not to type". Built with Sphinx, myst-nb and
sphinx-design in a throw-away project (a few seconds, no execution)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from conftest import MYST_PAGE_HEADER

CONF = textwrap.dedent('''\
    extensions = ["myst_nb", "sphinx_design"]
    myst_enable_extensions = ["colon_fence"]
    nb_execution_mode = "off"
    exclude_patterns = ["_build"]
    language = "{language}"


    def setup(app):
        from raicourse import sphinxext

        app.add_directive("going-further", sphinxext._collapsed_block(
            "going-further", "lessons.going_further", "lessons.going_further_titled", "going-further"))
        app.add_directive("about-the-sources", sphinxext._collapsed_block(
            "about-the-sources", "lessons.about_the_sources", None, "about-the-sources"))
        app.connect("doctree-read", sphinxext._label_read_only_code)
    ''')
# Not executed here, so the page names its language for the code cells' highlighting.
PAGE = MYST_PAGE_HEADER.removesuffix("---\n") + "language_info:\n  name: python\n  pygments_lexer: ipython3\n---\n" + textwrap.dedent('''\
    # Demo

    :::{going-further} Equalised odds
    Optional depth.
    :::

    :::{going-further}
    Untitled depth.
    :::

    ```{code-cell} ipython3
    :tags: [read-only-code]
    total = 2 + 3
    ```

    ```{code-cell} ipython3
    typed = 1
    ```

    :::{about-the-sources}
    What we could not verify.
    :::
    ''')


def build(tmp_path: Path, language: str) -> str:
    from sphinx.cmd.build import build_main

    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text(CONF.format(language=language), encoding="utf-8")
    (source / "index.md").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "html"
    assert build_main(["-q", "-W", "-b", "html", str(source), str(out)]) == 0
    return (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("language, further, titled, sources, label", [
    ("en", "Going further", "Going further: Equalised odds", "About the sources", "Code to read, not to type"),
    ("fr", "Pour aller plus loin", "Pour aller plus loin\u00a0: Equalised odds", "À propos des sources", "Code à lire, pas à taper"),
])
def test_standard_blocks_render_collapsed_with_their_titles(tmp_path, language, further, titled, sources, label):
    page = build(tmp_path, language)
    blocks = re.findall(r'<details class="([^"]*)"([^>]*)>\s*<summary[^>]*>\s*<span class="sd-summary-text">([^<]*)</span>', page)
    assert [(classes.split()[-1], text) for classes, _, text in blocks] == [
        ("going-further", titled), ("going-further", further), ("about-the-sources", sources)]
    assert all("open" not in attributes for _, attributes, _ in blocks)  # collapsed
    cells = re.findall(r'<div class="cell([^"]*)">(.*?)<div class="cell_input', page, re.S)
    assert [(classes.strip(), label in inner) for classes, inner in cells] == [
        ("tag_read-only-code docutils container", True), ("docutils container", False)]
