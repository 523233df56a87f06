"""The trainers' side of the book: rubrics (every edition), and, in the instructor edition,
the "For trainers" pages (guide with a computed schedule, answer keys, handouts, rubrics).

Called from :func:`raicourse.sphinxext.setup` by one line (``setup_instructor(app)``).
"""

from __future__ import annotations

from typing import Any

import re

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.parsers.rst.directives.body import Rubric as DocutilsRubric
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

__all__ = ["RubricDirective", "rubric_table", "setup_instructor"]

#: Column headings of a rubric table, in order.
_RUBRIC_HEADINGS = ("Criterion (where to look)", "Not yet", "Meets", "Exceeds", "Competencies")


def _paragraph(text: str, *children: nodes.Node) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    if text:
        paragraph += nodes.Text(text)
    for child in children:
        paragraph += child
    return paragraph


def _competency_short_name(competency: Any, frameworks: dict[str, Any]) -> str:
    if competency.framework == "esco":
        return f"ESCO: {competency.label}"
    return f"{competency.framework.upper()} {competency.code}: {competency.gloss or competency.label}"


def rubric_table(stem: str) -> nodes.table:
    """Build the accessible table of one rubric (a caption, column headings, one row per criterion).

    Parameters
    ----------
    stem : str
        The rubric's stem (``raicourse/rubrics/<stem>.yaml``).

    Returns
    -------
    docutils.nodes.table
        Criterion | not yet | meets | exceeds | competencies; the criterion column is a row
        heading, so a screen reader announces it with each level.
    """
    from raicourse.rubrics import load_competencies, load_rubric

    rubric = load_rubric(stem)
    competencies = load_competencies()
    known = competencies.by_id()
    frameworks = {framework.id: framework for framework in competencies.frameworks}

    table = nodes.table(classes=["raicourse-rubric"])
    table += nodes.title(text=f"Rubric — {rubric.title}")
    group = nodes.tgroup(cols=len(_RUBRIC_HEADINGS))
    table += group
    for index, width in enumerate((24, 19, 19, 19, 19)):
        group += nodes.colspec(colwidth=width, stub=1 if index == 0 else 0)
    head = nodes.thead()
    group += head
    heading_row = nodes.row()
    for heading in _RUBRIC_HEADINGS:
        heading_row += nodes.entry("", _paragraph(heading))
    head += heading_row
    body = nodes.tbody()
    group += body
    for criterion in rubric.criteria:
        row = nodes.row(ids=[f"rubric-{rubric.exercise}-{criterion.id}"])
        row += nodes.entry("", _paragraph("", nodes.strong(text=criterion.criterion)),
                           _paragraph(f"Evidence: {criterion.evidence}"))
        for level in (criterion.levels.not_yet, criterion.levels.meets, criterion.levels.exceeds):
            row += nodes.entry("", _paragraph(level))
        listing = nodes.bullet_list()
        for competency_id in criterion.competencies:
            listing += nodes.list_item("", _paragraph(_competency_short_name(known[competency_id], frameworks)))
        row += nodes.entry("", listing)
        body += row
    return table


#: A rubric stem, as opposed to the free heading text of docutils' own ``rubric`` directive.
_STEM = re.compile(r"^[a-z0-9][a-z0-9_]*$")


class RubricDirective(SphinxDirective):
    """``{rubric} <stem>``: one rubric as a table. Works in every edition (the capstone lesson uses it).

    docutils already has a ``rubric`` directive (an informal heading, ``{rubric} Some text``).
    This one replaces it only for a lowercase stem; any other argument keeps the docutils
    behaviour, so that pages or extensions using the original still work.
    """

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec = {**DocutilsRubric.option_spec, "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        from raicourse.rubrics import RubricError, rubrics_folder

        stem = self.arguments[0].strip()
        if not _STEM.match(stem):
            return DocutilsRubric.run(self)
        self.env.note_dependency(str(rubrics_folder() / f"{stem}.yaml"))
        self.env.note_dependency(str(rubrics_folder() / "competencies.yaml"))
        try:
            table = rubric_table(stem)
        except RubricError as error:
            raise self.error(str(error)) from None
        container = nodes.container(classes=["raicourse-rubric-container", *self.options.get("class", [])])
        container += table
        return [container]


def _validate_rubrics(app: Sphinx) -> None:
    # Like the quiz banks: a malformed rubric fails the build at its start, naming the file,
    # the criterion and the field, instead of surfacing on one page.
    from raicourse.rubrics import RubricError, validate_all_rubrics

    try:
        validate_all_rubrics()
    except RubricError as error:
        raise ExtensionError(str(error)) from None


def setup_instructor(app: Sphinx) -> None:
    """Register the trainers' directives and hooks (called by ``raicourse.sphinxext.setup``)."""
    app.add_directive("rubric", RubricDirective, override=True)
    app.connect("builder-inited", _validate_rubrics)
