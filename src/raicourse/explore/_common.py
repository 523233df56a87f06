"""What both explorables share: their strings, number formatting and display."""

from __future__ import annotations

import html
import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from raicourse._widget import display_static, static_html
from raicourse.i18n import get_language, t
from raicourse.quiz.widget import ui_strings

DOMAIN = "explore"
EXPLORE_CSS = "raicourse-explore.css"


def explore_strings() -> dict[str, dict[str, str]]:
    """Return every explorable UI string, per language: ``{lang: {key: text}}``."""
    return ui_strings(DOMAIN)


def message(key: str, language: str, **fields: object) -> str:
    """Look up an explorable string (``explore.<key>``) in ``language`` and fill its fields."""
    return t(f"{DOMAIN}.{key}", language, **fields)


def fallback_language(language: str) -> str:
    """The language of the Python-made fallback; "auto" (the page decides) reads as the default."""
    return get_language() if language == "auto" else language


def format_number(value: float, digits: int, language: str) -> str:
    """Format a number as the front-end does: fixed digits, the language's decimal mark.

    Undefined values (NaN, a rate with an empty denominator) read as "n/a".
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return message("not_defined", language)
    # Half away from zero on the exact binary value, as JavaScript's toFixed does, so that the
    # fallback and the front-end print the same digits (Python's format rounds half to even).
    exact = Decimal(float(value) + 0.0).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{exact:f}".replace(".", message("decimal_mark", language))


def format_significant(value: float, language: str, digits: int = 3) -> str:
    """Format a positive number with ``digits`` significant digits, no trailing zeros (``0.0126``, ``10``).

    Matches the front-end's ``Number(x.toPrecision(3))`` for values from 0.0001 to 999.
    """
    return f"{value:.{digits}g}".replace(".", message("decimal_mark", language))


def format_factor(value: float, language: str) -> str:
    """Format a multiplying factor: two decimals below 10 (``2.72``), none above (``22026``)."""
    return format_number(value, 2 if value < 10 else 0, language)


def format_percent(rate: float, language: str) -> str:
    """Format a rate between 0 and 1 as a whole percentage, e.g. ``42%`` (``42 %`` in French)."""
    if rate is None or (isinstance(rate, float) and math.isnan(rate)):
        return message("not_defined", language)
    return message("percent", language, value=format_number(100 * rate, 0, language))


def escaped(text: str) -> str:
    """Escape text for the fallback HTML."""
    return html.escape(str(text), quote=True)


def show_static(module: str, state: dict[str, Any], fallback: str) -> None:
    """Display the ``text/html`` form of an explorable, with no widget (book build)."""
    display_static(static_html(module, state, fallback, EXPLORE_CSS))
