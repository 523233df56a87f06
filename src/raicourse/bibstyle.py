"""The course's bibliography style: entries sorted by author, each labelled by its citation key.

Lessons cite with author and year in the text (``bibtex_reference_style: author_year``);
the label is only the tag in front of each entry of a page's source list. Labels must be
unique across the whole book, because sphinxcontrib-bibtex checks every page's list
together: the usual "alpha" labels (``Fai26a``) are disambiguated page by page, so two
pages could give one label to two different sources, which fails a ``-W`` build. The
citation key (``hardt2016equality``) is unique by construction and still readable.
"""

from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle

__all__ = ["STYLE_NAME", "CourseStyle", "KeyLabelStyle", "register"]

STYLE_NAME = "raicourse"


class KeyLabelStyle(BaseLabelStyle):
    """Label each entry with its citation key."""

    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield entry.key


class CourseStyle(PlainStyle):
    """pybtex's "plain" formatting (sorted by author), labelled by citation key."""

    default_label_style = KeyLabelStyle


def register() -> None:
    """Make the style available to sphinxcontrib-bibtex as ``bibtex_default_style: raicourse``."""
    register_plugin("pybtex.style.formatting", STYLE_NAME, CourseStyle, force=True)
