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
    return (
        f'<div class="{WIDGET_CLASS}" data-raicourse-module="{html.escape(module)}"{css_attribute}>'
        f'<script type="application/json" class="raicourse-state">{_json_for_script(state)}</script>'
        f'<div class="raicourse-fallback">{fallback_html}</div>'
        "</div>"
    )


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

    Subclasses set ``_esm`` (and ``_css``) to files of ``raicourse/static`` with
    :func:`static_file`, name them in ``_module_name`` / ``_css_name``, and implement
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
