"""The front-end helpers live in one file, and every widget module gets the same copy of them,
live (anywidget's ``_esm``) and in the book's pages (the inliner uses the same composition)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from raicourse import _widget, sphinxext
from raicourse._widget import LIBRARY_MODULES, static_file, widget_module_source
from raicourse.explore import PrivacyExplorer, ThresholdExplorer, WhatIfExplorer
from raicourse.quiz import Quiz

WIDGET_MODULES = (
    "raicourse-quiz.js",
    "raicourse-progress.js",
    "raicourse-explore-privacy.js",
    "raicourse-explore-threshold.js",
    "raicourse-explore-whatif.js",
)
SHARED = "raicourse-shared.js"


def exported_names(library: str) -> list[str]:
    source = static_file(library).read_text(encoding="utf-8")
    return re.findall(r"^export (?:async )?(?:function|const|let|class)\s+(\w+)", source, re.M)


def shared_code() -> str:
    """The shared helpers as a widget module carries them (export keywords dropped)."""
    return re.sub(r"^export ", "", static_file(SHARED).read_text(encoding="utf-8"), flags=re.M)


@pytest.mark.parametrize("name", WIDGET_MODULES)
def test_every_widget_module_carries_the_one_copy_of_the_shared_helpers(name):
    composed = widget_module_source(name)
    assert composed.count(shared_code()) == 1
    assert not re.search(r"^\s*import\b", composed, re.M), "self-contained: anywidget cannot resolve an import"
    assert composed.rstrip().endswith("export default { render };")


@pytest.mark.parametrize("name", WIDGET_MODULES)
def test_no_widget_module_defines_its_own_copy_of_a_shared_helper(name):
    source = static_file(name).read_text(encoding="utf-8")
    for helper in exported_names(SHARED):
        assert not re.search(rf"^\s*(?:function|const|let|class)\s+{helper}\b", source, re.M), (
            f"{name} defines its own {helper}: import it from {SHARED}"
        )
    assert f'from "./{SHARED}";' in source


@pytest.mark.parametrize(
    ("widget", "module"),
    [(Quiz, "raicourse-quiz.js"), (PrivacyExplorer, "raicourse-explore-privacy.js"),
     (ThresholdExplorer, "raicourse-explore-threshold.js"), (WhatIfExplorer, "raicourse-explore-whatif.js")],
)
def test_live_widgets_run_the_composed_module(widget, module):
    assert widget._module_name == module
    assert widget._esm == widget_module_source(module)


def test_the_book_inlines_the_same_composition():
    body = "".join(f'<div class="raicourse-widget" data-raicourse-module="{name}"></div>' for name in WIDGET_MODULES)
    script = sphinxext.widget_page_script(body, lambda name: name)
    for name in WIDGET_MODULES:
        assert widget_module_source(name).removesuffix("export default { render };\n") in script
    # Five widget modules, one copy of the helpers each.
    assert script.count(shared_code()) == len(WIDGET_MODULES)


def test_composition_refuses_a_name_the_library_does_not_export():
    files = {"raicourse-x.js": 'import { format, nothing } from "./raicourse-shared.js";\nexport default { render };\n'}

    def read(name):
        return files.get(name) or static_file(name).read_text(encoding="utf-8")

    with pytest.raises(ValueError, match="imports nothing from raicourse-shared.js"):
        widget_module_source("raicourse-x.js", read)


def test_a_library_is_inlined_once_and_other_imports_are_left_for_the_inliner_to_refuse():
    files = {"raicourse-x.js": ('import { format } from "./raicourse-shared.js";\n'
                                'import { element } from "./raicourse-shared.js";\n'
                                'import { y } from "./elsewhere.js";\nexport default { render };\n')}
    composed = widget_module_source("raicourse-x.js", lambda name: files.get(name) or static_file(name).read_text(encoding="utf-8"))
    assert composed.count(shared_code()) == 1
    assert 'import { y } from "./elsewhere.js";' in composed


def test_libraries_are_shipped_and_import_nothing():
    for library in LIBRARY_MODULES:
        source = static_file(library).read_text(encoding="utf-8")
        assert not re.search(r"^\s*import\b", source, re.M)
        assert "export default" not in source


def test_one_widget_marker_class():
    assert sphinxext.WIDGET_CLASS is _widget.WIDGET_CLASS
    assert not re.search(r"^WIDGET_CLASS\s*=", Path(sphinxext.__file__).read_text(encoding="utf-8"), re.M)
