"""The book's side of the launch links: the ``{launch-links}`` directive and the version footer.

In a lesson's "Hands-on" section::

    ```{launch-links}
    ```

renders plain text links that open ``exercises/<lesson stem>.ipynb`` on Binder, Colab,
the class's JupyterHub (when ``_config.yml`` sets one) and JupyterLite (when its build is
published with the book), a link that downloads the notebook, and a line pointing to the
"Which way should I run the exercises?" page. In the assessment edition it renders one
sentence instead: the notebooks, whose checks and ``solution()`` give the answers, are not
offered there (no download, no launch). No badge image is loaded from the internet:
the page makes no third-party request; only a click leaves the site.

Loaded by one line in :func:`raicourse.sphinxext.setup` (``app.setup_extension``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from raicourse import __version__
from raicourse.editions import is_assessment
from raicourse.i18n import t
from raicourse.launch import (
    EXERCISES_FOLDER,
    binder_url,
    colab_url,
    jupyterhub_url,
    lite_url,
    load_launch_settings,
)

__all__ = ["LaunchLinks", "MissingExerciseError", "exercise_notebook", "setup", "version_footer"]

#: The page that compares the ways to run the exercises (linked when it is in the book).
RUN_EXERCISES_PAGE = "book/run_exercises"
#: Class of the links' container, used by the tests and the stylesheet.
CONTAINER_CLASS = "raicourse-launch"


class MissingExerciseError(LookupError):
    """A page asks for launch links but its exercise notebook does not exist."""


def exercise_notebook(book_root: Path, docname: str, stem: str | None = None) -> Path:
    """Return the exercise notebook of a page: ``exercises/<stem>.ipynb``.

    Parameters
    ----------
    book_root : Path
        The book's root (the folder of ``_config.yml``).
    docname : str
        The page, e.g. ``book/ethics/privacy``; its last part is the stem by default.
    stem : str, optional
        Another exercise than the page's own.

    Raises
    ------
    MissingExerciseError
        When the notebook does not exist; the message names the page and the file.
    """
    stem = stem or docname.rsplit("/", 1)[-1]
    notebook = Path(book_root) / EXERCISES_FOLDER / f"{stem}.ipynb"
    if not notebook.is_file():
        raise MissingExerciseError(
            f"{docname}: the launch-links directive needs the exercise notebook "
            f"{EXERCISES_FOLDER}/{stem}.ipynb, which does not exist. Add the notebook, "
            f"or remove the directive from the page."
        )
    return notebook


def _link_item(text: str, url: str, service: str) -> nodes.list_item:
    reference = nodes.reference("", text, refuri=url, classes=[f"{CONTAINER_CLASS}-{service}"])
    return nodes.list_item("", nodes.paragraph("", "", reference))


class LaunchLinks(SphinxDirective):
    """``{launch-links}``: links that open this lesson's exercise notebook, and download it.

    The optional argument names another exercise stem than the page's own.
    """

    optional_arguments = 1
    has_content = False
    option_spec = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        root = Path(self.env.srcdir)
        docname = self.env.docname
        try:
            notebook = exercise_notebook(root, docname, self.arguments[0] if self.arguments else None)
        except MissingExerciseError as error:
            raise self.error(str(error)) from None
        stem = notebook.stem
        language = (self.config.language or "en")[:2]
        name = f"{stem}.ipynb"
        if language == "fr":
            # The French edition opens the French notebook (exercises/fr/, generated from the
            # English one and its catalogue: raicourse.translations.notebooks).
            french = notebook.parent / "fr" / name
            if not french.exists():
                raise self.error(f"{docname}: no French notebook {french.relative_to(root)} (run `make translations`)")
            notebook, stem = french, f"fr/{stem}"
        if is_assessment():
            # The notebooks' checks say whether an answer is right and their solution() shows
            # it: no notebook is offered in the assessment edition (no download, no launch).
            container = nodes.container(classes=[CONTAINER_CLASS, f"{CONTAINER_CLASS}-assessment",
                                                 *self.options.get("class", [])])
            container += nodes.paragraph("", t("launch.assessment_no_notebook", language,
                                               notebook=f"{EXERCISES_FOLDER}/{stem}.ipynb"))
            return [container]
        self.env.note_dependency(str(notebook))
        self.env.note_dependency(str(root / "_config.yml"))
        try:
            settings = load_launch_settings(root)
        except ValueError as error:
            raise self.error(f"{docname}: {error}") from None
        to_root = "../" * docname.count("/")

        items = []
        if settings.binderhub_url:
            items.append(_link_item(t("launch.binder", language), binder_url(settings, stem), "binder"))
        if settings.colab:
            items.append(_link_item(t("launch.colab", language), colab_url(settings, stem), "colab"))
        hub = jupyterhub_url(settings, stem)
        if hub:
            items.append(_link_item(t("launch.jupyterhub", language), hub, "jupyterhub"))
        lite = lite_url(settings, stem, to_root)
        if lite:
            items.append(_link_item(t("launch.lite", language), lite, "lite"))
        # Sphinx copies the notebook into _downloads/ and links to the copy.
        download = addnodes.download_reference(
            "",
            "",
            nodes.inline("", t("launch.download", language, notebook=name)),
            reftarget=f"/{EXERCISES_FOLDER}/{stem}.ipynb",
            refdoc=docname,
            refexplicit=True,
            classes=[f"{CONTAINER_CLASS}-download"],
        )
        items.append(nodes.list_item("", nodes.paragraph("", "", download)))

        container = nodes.container(classes=[CONTAINER_CLASS, *self.options.get("class", [])])
        container += nodes.paragraph("", t("launch.intro", language, notebook=f"{EXERCISES_FOLDER}/{stem}.ipynb"))
        container += nodes.bullet_list("", *items)
        # The comparison page is linked once it is in the table of contents; until then the
        # line is left out rather than failing every lesson's build with a broken reference.
        if RUN_EXERCISES_PAGE in self.env.found_docs:
            which_way = addnodes.pending_xref(
                "",
                nodes.inline("", t("launch.which_way_link", language)),
                refdomain="std",
                reftype="doc",
                reftarget=f"/{RUN_EXERCISES_PAGE}",
                refdoc=docname,
                refexplicit=True,
            )
            container += nodes.paragraph("", t("launch.which_way_before", language), which_way)
        return [container]


def version_footer(version: str = __version__, language: str = "en") -> str:
    """Return the footer line that shows the course's version (HTML)."""
    return f'<p class="raicourse-version">{t("launch.footer_version", language, version=version)}</p>'


def _add_version_to_footer(app: Sphinx, config: Any) -> None:
    # The version comes from the package, so it is never typed twice; the footer text
    # itself stays in _config.yml (html.extra_footer).
    options = config.html_theme_options
    options["extra_footer"] = (options.get("extra_footer") or "") + version_footer(
        __version__, config.language or "en"
    )


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the ``{launch-links}`` directive, the launch configuration key and the version footer."""
    # Declared so that Sphinx accepts the key under sphinx.config in _config.yml; the
    # directive reads _config.yml itself, like scripts/set_repository.py, so both see
    # exactly the same values.
    app.add_config_value("raicourse_launch", {}, "env", types=[dict])
    app.add_directive("launch-links", LaunchLinks)
    app.connect("config-inited", _add_version_to_footer)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
