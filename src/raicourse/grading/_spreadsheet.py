"""Spreadsheet files a trainer opens in Excel or LibreOffice, in English or French."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from raicourse.i18n import get_language

__all__ = ["csv_format", "spreadsheet_safe", "write_csv"]


def spreadsheet_safe(text: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheet programs; learners type
    # these texts. Numbers ("-0.5") stay as they are.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"[+-]?[\d.,]+(e[+-]?\d+)?", text, re.I):
        return "'" + text
    return text


def csv_format(language: str | None) -> dict[str, str]:
    """The CSV dialect of the language: ``{"delimiter": ..., "decimal": ...}``."""
    if (language or get_language()) == "fr":
        return {"delimiter": ";", "decimal": ","}
    return {"delimiter": ",", "decimal": "."}


def write_csv(path: Path, header: list[str], rows: Iterable[Iterable[Any]], language: str | None) -> None:
    """Write a CSV that a spreadsheet opens correctly: UTF-8 with a byte-order mark, ``;`` and
    a decimal comma in French (what French Excel expects), ``,`` otherwise; no cell read as a formula."""
    # utf-8-sig writes the byte-order mark that tells Excel the file is UTF-8.
    with path.open("w", newline="", encoding="utf-8-sig") as stream:
        writer = csv.writer(stream, delimiter=csv_format(language)["delimiter"])
        writer.writerow(header)
        for row in rows:
            writer.writerow([spreadsheet_safe(str(value)) for value in row])
