"""The base of the course's widgets: one front-end ES module, two hosts.

A course widget is an :class:`anywidget.AnyWidget` whose front-end module lives in
``raicourse/static/``. Besides the live widget view, every widget also renders as
``text/html``: a container ::

    <div class="raicourse-widget" data-raicourse-module="raicourse-quiz.js">
      <script type="application/json" class="raicourse-state">{...state...}</script>
      <div class="raicourse-fallback">...readable, non-interactive text...</div>
    </div>

In the static book, ``raicourse-mount.js`` runs the *same* ES module against a small
in-page model built from that JSON state. :mod:`raicourse.sphinxext` inlines both (and
the widget's stylesheet) in each page holding such a container, so that a widget needs no
request of its own. Front-ends that cannot load custom widgets show the fallback.

During the book build (``RAICOURSE_STATIC=1``) no widget may be created at all: a widget
opens a comm, nbclient stores its state in the notebook and myst-nb then loads
html-manager on the page. :func:`display_static` shows only the ``text/html`` form.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import anywidget

__all__ = [
    "STATIC_ENV",
    "WIDGET_CLASS",
    "CourseWidget",
    "StaticHTML",
    "display_static",
    "in_static_build",
    "static_file",
    "static_html",
    "widget_module_source",
]

#: Environment variable set by :mod:`raicourse.sphinxext` in the book build.
STATIC_ENV = "RAICOURSE_STATIC"
#: Marker class of every course widget's static container (the loader looks for it).
WIDGET_CLASS = "raicourse-widget"


def in_static_build() -> bool:
    """True when Python runs for the static book build (no live front-end will connect)."""
    return os.environ.get(STATIC_ENV) == "1"


def static_file(name: str) -> Path:
    """Return the path of a front-end file shipped in ``raicourse/static``."""
    return Path(str(resources.files("raicourse") / "static" / name))


#: Front-end modules that widget modules import (helpers, no ``render``): they are inlined
#: into each widget module that imports them, see :func:`widget_module_source`.
LIBRARY_MODULES = ("raicourse-shared.js", "raicourse-quiz-rules.js")
_LIBRARY_IMPORT = re.compile(r'^import \{(?P<names>[\w\s,]+)\} from "\./(?P<module>[a-z0-9-]+\.js)";[ \t]*\n', re.M)
_EXPORTED_DECLARATION = re.compile(r"^export (?=(?:async )?function\b|const\b|let\b|class\b)", re.M)
_DECLARED_NAME = re.compile(r"^export (?:async )?(?:function\*?|const|let|class)\s+(\w+)", re.M)


def widget_module_source(name: str, read: Callable[[str], str] | None = None) -> str:
    """Return a widget module as one self-contained ES module: the code anywidget runs live
    and the book inlines in its pages.

    A widget module imports its helpers from the library modules (:data:`LIBRARY_MODULES`),
    one copy each for every widget. Neither anywidget (which loads ``_esm`` from a blob URL)
    nor a module inlined in a page can resolve a relative import, so each such import line is
    replaced by the library's code (its ``export`` keywords dropped), once per module.
    Other imports are left as they are (the book's inliner refuses them).

    Parameters
    ----------
    name : str
        File name of the widget module in ``raicourse/static``.
    read : callable, optional
        Returns the text of a file of ``raicourse/static`` by name (default: read the file).

    Raises
    ------
    ValueError
        When a module imports a name its library does not export, or a library imports anything.
    """
    read = read or (lambda file_name: static_file(file_name).read_text(encoding="utf-8"))
    inlined: set[str] = set()

    def inline(match: re.Match) -> str:
        library = match.group("module")
        if library not in LIBRARY_MODULES:
            return match.group(0)
        source = read(library)
        if re.search(r"^\s*import\b", source, re.M):
            raise ValueError(f"{library} is a library module: it cannot import anything")
        wanted = {part.strip() for part in match.group("names").split(",") if part.strip()}
        missing = sorted(wanted - set(_DECLARED_NAME.findall(source)))
        if missing:
            raise ValueError(f"{name} imports {', '.join(missing)} from {library}, which does not export it")
        if library in inlined:
            return ""
        inlined.add(library)
        return f"// {library}, inlined by raicourse._widget.widget_module_source\n{_EXPORTED_DECLARATION.sub('', source)}// end of {library}\n"

    return _LIBRARY_IMPORT.sub(inline, read(name))


def _json_for_script(state: dict[str, Any]) -> str:
    # Inside <script>, "</script>" or "<!--" in a string would end or change the element:
    # escaping "<", ">" and "&" as JSON unicode escapes keeps the data inert and still valid JSON.
    text = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def static_html(module: str, state: dict[str, Any], fallback_html: str, css: str | None = None) -> str:
    """Build the ``text/html`` form of a course widget.

    Parameters
    ----------
    module : str
        File name of the front-end ES module in ``raicourse/static``.
    state : dict
        The widget's state, as the live widget would sync it.
    fallback_html : str
        Readable, non-interactive HTML shown until (or unless) the module runs.
        The caller must have escaped every piece of content in it.
    css : str, optional
        File name of the module's stylesheet in ``raicourse/static``.
    """
    css_attribute = f' data-raicourse-css="{html.escape(css)}"' if css else ""
    state = _one_language(state)
    return (
        f'<div class="{WIDGET_CLASS}" data-raicourse-module="{html.escape(module)}"{css_attribute}>'
        f'<script type="application/json" class="raicourse-state">{_json_for_script(state)}</script>'
        f'<div class="raicourse-fallback">{fallback_html}</div>'
        "</div>"
    )


def _one_language(state: dict[str, Any]) -> dict[str, Any]:
    """Keep only the build's language in a static page's state.

    A static page is in one language (the book's, which is the kernel's :func:`get_language`
    during the build): its embedded state carries that language's UI strings only, so a French
    page holds no English label and an English page no French one (and each is lighter).
    """
    from raicourse.i18n import get_language

    strings = state.get("strings")
    language = get_language()
    if not isinstance(strings, dict) or language not in strings:
        return state
    return {**state, "strings": {language: strings[language]}, "language": language}


class StaticHTML:
    """A plain object that displays as ``text/html`` only (no comm, no widget state)."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup


def display_static(markup: str) -> None:
    """Display ``markup`` as a ``text/html`` output, without creating any widget."""
    from IPython.display import display

    display(StaticHTML(markup))


class CourseWidget(anywidget.AnyWidget):
    """Base class of the course's widgets.

    Subclasses set ``_esm`` to :func:`widget_module_source` of their module and ``_css`` to
    its stylesheet with :func:`static_file`, name them in ``_module_name`` / ``_css_name``, and implement
    :meth:`static_state` and :meth:`fallback_html`.
    """

    _module_name: ClassVar[str] = ""
    _css_name: ClassVar[str | None] = None

    def static_state(self) -> dict[str, Any]:
        """Return the state the front-end module reads (the synced traits by default)."""
        names = [name for name in self.keys if not name.startswith("_") and name not in {"comm", "layout", "tabbable", "tooltip"}]
        return {name: getattr(self, name) for name in names}

    def fallback_html(self) -> str:
        """Return escaped, readable HTML for front-ends that cannot run the module."""
        return ""

    def to_static_html(self) -> str:
        """Return the ``text/html`` form of this widget."""
        return static_html(self._module_name, self.static_state(), self.fallback_html(), self._css_name)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        # Front-ends without a widget manager (or that cannot load custom widgets)
        # fall back to the text/html form.
        data = {**data, "text/html": self.to_static_html()}
        return data, metadata
