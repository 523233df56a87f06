"""The book extension's source rewriting: per-page citation key prefixes."""

import re
from pathlib import Path

import pytest

from raicourse.sphinxext import prefix_citations

PAGE = """# A page

As {cite:t}`hardt2016equality` showed, and others agree {cite:p}`kleinberg2017inherent, chouldechova2017fair`.
A plain {cite}`weerts2023fairlearn` too.

## Sources

```{bibliography}
:filter: docname in docnames
```
"""


def test_citations_and_bibliography_get_the_page_prefix():
    rewritten = prefix_citations(PAGE, "book-ethics-x-")
    assert "{cite:t}`book-ethics-x-hardt2016equality`" in rewritten
    assert "{cite:p}`book-ethics-x-kleinberg2017inherent,book-ethics-x-chouldechova2017fair`" in rewritten
    assert "{cite}`book-ethics-x-weerts2023fairlearn`" in rewritten
    assert "```{bibliography}\n:keyprefix: book-ethics-x-\n:filter: docname in docnames\n```" in rewritten


def test_page_without_bibliography_is_untouched():
    page = "See {cite:p}`hardt2016equality`.\n"
    assert prefix_citations(page, "p-") == page


def test_colon_fenced_bibliography_is_prefixed_too():
    page = "{cite:p}`a2020`\n\n:::{bibliography}\n:::\n"
    assert prefix_citations(page, "p-") == "{cite:p}`p-a2020`\n\n:::{bibliography}\n:keyprefix: p-\n:::\n"


def test_quiz_cells_carry_the_hash_of_their_bank(tmp_path, monkeypatch):
    from raicourse import sphinxext
    from raicourse.quiz import loader

    (tmp_path / "demo.yaml").write_text("version: 1\n", encoding="utf-8")
    monkeypatch.setattr(loader, "banks_folder", lambda: tmp_path)
    page = 'from raicourse.quiz import show_quiz\nshow_quiz("demo")\nshow_quiz("missing")\n'
    first = sphinxext.mark_quiz_versions(page)
    assert 'show_quiz("demo")  # bank ' in first
    assert 'show_quiz("missing")\n' in first  # unknown bank: left alone, fails at execution
    (tmp_path / "demo.yaml").write_text("version: 2\n", encoding="utf-8")
    assert sphinxext.mark_quiz_versions(page) != first


def test_progress_cell_changes_with_any_bank_and_the_toc(tmp_path, monkeypatch):
    from raicourse import sphinxext
    from raicourse.quiz import loader

    (tmp_path / "a.yaml").write_text("version: 1\n", encoding="utf-8")
    monkeypatch.setattr(loader, "banks_folder", lambda: tmp_path)
    page = "show_progress()\n"
    first = sphinxext.mark_quiz_versions(page, "toc 1")
    assert first.startswith("show_progress()  # banks ")
    assert sphinxext.mark_quiz_versions(page, "toc 2") != first
    (tmp_path / "b.yaml").write_text("version: 1\n", encoding="utf-8")
    assert sphinxext.mark_quiz_versions(page, "toc 1") != first


def test_widget_page_script_inlines_mount_and_each_module_of_the_page_once():
    from raicourse._widget import widget_module_source
    from raicourse.sphinxext import widget_page_script

    body = (
        '<div class="raicourse-widget" data-raicourse-module="raicourse-quiz.js"></div>'
        '<div class="raicourse-widget" data-raicourse-module="raicourse-explore-privacy.js"></div>'
        '<div class="raicourse-widget" data-raicourse-module="raicourse-quiz.js"></div>'
        '<div data-raicourse-module="../evil.js"></div>'
    )
    script = widget_page_script(body, lambda name: "../_static/" + name)
    quiz = widget_module_source("raicourse-quiz.js")
    explore = widget_module_source("raicourse-explore-privacy.js")
    # The same code as the modules that run live, each module once, and nothing else imported.
    assert quiz.removesuffix("export default { render };\n") in script
    assert explore.removesuffix("export default { render };\n") in script
    assert script.count("// raicourse-quiz.js") == 1 and script.count("// raicourse-explore-privacy.js") == 1
    assert "evil" not in script
    assert not re.search(r"^\s*(import|export)\s", script, re.M)
    assert "function mountAll(" in script
    assert script.rstrip().endswith(
        'mountAll(widgets, new URL("../_static/raicourse-mount.js", import.meta.url).href);'
    )


def test_a_widget_module_that_cannot_be_inlined_fails_the_build(monkeypatch):
    from sphinx.errors import ExtensionError

    from raicourse import sphinxext

    body = '<div data-raicourse-module="raicourse-quiz.js"></div>'
    sources = {
        "imports": 'import { x } from "./other.js";\nfunction render() {}\nexport default { render };\n',
        "no default export": "export function render() {}\n",
        "ends the script": 'const s = "</script>";\nfunction render() {}\nexport default { render };\n',
    }
    real = sphinxext._static_text
    for source in sources.values():
        monkeypatch.setattr(sphinxext, "_static_text",
                            lambda name, source=source: source if name == "raicourse-quiz.js" else real(name))
        with pytest.raises(ExtensionError, match="raicourse-quiz.js cannot be inlined"):
            sphinxext.widget_page_script(body, lambda name: name)


def test_inline_stylesheet_is_marked_with_its_name():
    from raicourse.sphinxext import inline_stylesheet, static_dir

    style = inline_stylesheet("raicourse-quiz.css")
    css = (Path(static_dir()) / "raicourse-quiz.css").read_text(encoding="utf-8")
    assert style.startswith('<style data-raicourse-css="raicourse-quiz.css">') and css in style


def test_a_page_naming_a_module_the_course_does_not_have_fails_the_build():
    from sphinx.errors import ExtensionError

    from raicourse.sphinxext import widget_page_script

    with pytest.raises(ExtensionError, match="raicourse-nothing.js, which is not one of the course's files"):
        widget_page_script('<div data-raicourse-module="raicourse-nothing.js"></div>', lambda name: name)
