"""Compare a learner's value with the expected one and say, in words, what differs.

Each ``compare_*`` function returns ``None`` when the values match, or the message to
show the learner (already translated). Messages name what is wrong (a missing group,
a count instead of a rate, a value too high) without printing the expected answer.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from raicourse._text import fold
from raicourse.i18n import t

__all__ = [
    "compare_bool",
    "compare_dataframe",
    "compare_dict",
    "compare_number",
    "compare_sequence",
    "compare_series",
    "compare_text",
    "compare_value",
    "check_tolerances",
    "decimal_comma",
    "describe_type",
    "format_value",
    "keys_message",
    "rounded_decimals",
]

#: Default tolerances: relative 1e-6 plus an absolute 1e-9 (floating-point noise only).
REL_TOL = 1e-6
ABS_TOL = 1e-9


#: The tolerances a question may pass to the comparisons (a typo fails at import, not silently).
TOLERANCES = frozenset({"rel_tol", "abs_tol", "is_rate", "ordered", "case_sensitive"})


def check_tolerances(tolerances: Mapping[str, Any]) -> None:
    """Raise TypeError naming an option that no comparison knows."""
    unknown = sorted(set(tolerances) - TOLERANCES)
    if unknown:
        raise TypeError(f"unknown comparison option(s) {unknown}; known: {sorted(TOLERANCES)}")


def _kind_key(value: object) -> str:
    from raicourse.checks._result import is_placeholder

    if value is None:
        return "none"
    if is_placeholder(value):
        return "placeholder"
    if isinstance(value, bool | np.bool_):
        return "bool"
    if isinstance(value, numbers.Number):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, tuple):
        return "tuple"
    if isinstance(value, list):
        return "list"
    if isinstance(value, Mapping):
        return "dict"
    if isinstance(value, set | frozenset):
        return "set"
    if isinstance(value, pd.DataFrame):
        return "table"
    if isinstance(value, pd.Series):
        return "series"
    if isinstance(value, np.ndarray):
        return "array"
    if isinstance(value, type):
        return "class"
    if callable(value):
        return "function"
    return "other"


def describe_type(value: object) -> str:
    """What the learner gave, in plain words and in the current language
    ("a table (pandas DataFrame)", "nothing (None)", "several values in round brackets")."""
    key = _kind_key(value)
    if key == "other":
        return t("checks.given.other", name=type(value).__name__)
    return t(f"checks.given.{key}")


def format_value(value: object, limit: int = 60, digits: int = 4) -> str:
    """Show a value briefly: numbers rounded, long text cut, never raising."""
    try:
        if isinstance(value, bool | np.bool_):
            return str(bool(value))
        if isinstance(value, numbers.Real):
            return f"{float(value):.{digits}g}"
        if isinstance(value, pd.Series):
            return format_value(value.to_dict(), limit)
        text = repr(value)
    except Exception:  # noqa: BLE001 - a value whose repr fails is still shown
        text = f"<{describe_type(value)}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _as_real(value: object) -> float | None:
    """The value as a float if it is a real number (not a bool), else None."""
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, numbers.Real):
        try:
            return float(value)
        except (TypeError, ValueError, OverflowError):
            return None
    return None


def decimal_comma(value: object) -> str | None:
    """The number a learner meant when they wrote it with a decimal comma, as Python text
    (``0,13`` is the pair ``(0, 13)`` in Python; ``"0,13"`` is text), else None."""
    if type(value) is tuple and len(value) == 2 and all(
            isinstance(part, numbers.Integral) and not isinstance(part, bool | np.bool_) for part in value):
        whole, decimals = value
        if decimals >= 0:
            return f"{whole}.{decimals}"
    if isinstance(value, str):
        text = value.strip()
        if "," in text and "." not in text:
            candidate = text.replace(",", ".", 1)
            try:
                float(candidate)
            except ValueError:
                return None
            return candidate
    return None


def rounded_decimals(number: float, expected: float) -> int | None:
    """How many decimals ``number`` keeps when it is ``expected`` rounded or cut, keeping at
    least two significant digits (0.13 for 0.1257, not 0.1); None when it is not a rounding
    of the expected value."""
    if not (math.isfinite(expected) and math.isfinite(number)) or number == expected:
        return None
    for decimals in range(0, 7):
        if abs(number) * 10**decimals < 10:   # fewer than two significant digits kept
            continue
        scale = 10**decimals
        for candidate in (round(expected, decimals), math.floor(expected * scale) / scale,
                          math.ceil(expected * scale) / scale):
            if math.isclose(number, candidate, rel_tol=1e-9, abs_tol=1e-12):
                return decimals
    return None


def compare_number(
    got: object,
    expected: float,
    *,
    rel_tol: float = REL_TOL,
    abs_tol: float = ABS_TOL,
    is_rate: bool = False,
    **_other: Any,
) -> str | None:
    """Compare a number; recognise a decimal comma, a rounded value, a count or a percentage
    given for a rate, a wrong sign, an inverted fraction; else say "too high" or "too low"."""
    number = _as_real(got)
    if number is None:
        meant = decimal_comma(got)
        if meant is not None:
            return t("checks.number.decimal_comma", dotted=meant, comma=meant.replace(".", ","))
        if isinstance(got, str) and _as_real(_float_or_none(got)) is not None:
            return t("checks.number.text_not_number", got=format_value(got))
        return t("checks.type.expected_number", got_type=describe_type(got))
    if not math.isfinite(number):
        return t("checks.number.not_finite", got=format_value(number))
    if math.isclose(number, expected, rel_tol=rel_tol, abs_tol=abs_tol):
        return None
    if expected != 0 and math.isclose(number, -expected, rel_tol=rel_tol, abs_tol=abs_tol):
        return t("checks.number.wrong_sign")
    if expected != 0 and number != 0 and math.isclose(number, 1 / expected, rel_tol=rel_tol, abs_tol=abs_tol):
        return t("checks.number.inverted")
    if is_rate and number > 1:
        if math.isclose(number, expected * 100, rel_tol=max(rel_tol, 1e-3), abs_tol=abs_tol):
            return t("checks.number.percent_not_rate", got=format_value(number))
        return t("checks.number.count_not_rate", got=format_value(number))
    if rounded_decimals(number, expected) is not None:
        return t("checks.number.rounded", got=format_value(number, digits=10))
    return t("checks.number.too_high" if number > expected else "checks.number.too_low")


def _float_or_none(text: str) -> float | None:
    try:
        return float(text.strip())
    except ValueError:
        return None


def compare_bool(got: object, expected: bool, **_other: Any) -> str | None:
    """Compare a True/False answer (Python or numpy booleans)."""
    if not isinstance(got, bool | np.bool_):
        if isinstance(got, str) and got.strip().casefold() in ("true", "false", "vrai", "faux"):
            return t("checks.bool.text_not_bool", got=format_value(got))
        return t("checks.type.expected_bool", got_type=describe_type(got))
    return None if bool(got) == bool(expected) else t("checks.bool.wrong")


def _normalise_text(text: str, case_sensitive: bool) -> str:
    collapsed = " ".join(text.split())
    return collapsed if case_sensitive else fold(collapsed)


def compare_text(got: object, expected: str | list[str], *, case_sensitive: bool = False, **_other: Any) -> str | None:
    """Compare text, ignoring extra spaces and (by default) upper/lower case and accents.

    ``expected`` may list several accepted answers. With ``case_sensitive=True`` case and
    accents count.
    """
    if not isinstance(got, str):
        return t("checks.type.expected_text", got_type=describe_type(got))
    accepted = [expected] if isinstance(expected, str) else list(expected)
    wanted = {_normalise_text(text, case_sensitive) for text in accepted}
    return None if _normalise_text(got, case_sensitive) in wanted else t("checks.text.wrong")


def compare_value(got: object, expected: object, **tolerances: Any) -> str | None:
    """Compare any supported value, choosing the comparison from the expected value's type."""
    if isinstance(expected, pd.DataFrame):
        return compare_dataframe(got, expected, **tolerances)
    if isinstance(expected, pd.Series):
        return compare_series(got, expected, **tolerances)
    if isinstance(expected, bool | np.bool_):
        return compare_bool(got, bool(expected))
    if isinstance(expected, numbers.Real):
        return compare_number(got, float(expected), **tolerances)
    if isinstance(expected, str):
        return compare_text(got, expected, **tolerances)
    if isinstance(expected, Mapping):
        return compare_dict(got, expected, **tolerances)
    if isinstance(expected, list | tuple | np.ndarray):
        return compare_sequence(got, list(expected), **tolerances)
    try:
        same = bool(got == expected)
    except Exception:  # noqa: BLE001 - an odd __eq__ means "not the same"
        same = False
    return None if same else t("checks.value.wrong")


def compare_sequence(got: object, expected: list, *, ordered: bool = True, **tolerances: Any) -> str | None:
    """Compare a list (or tuple, array, Series) item by item; report the first wrong item."""
    if isinstance(got, pd.DataFrame) or isinstance(got, str | bytes | Mapping):
        return t("checks.type.expected_sequence", got_type=describe_type(got))
    if isinstance(got, pd.Series | np.ndarray):
        items = list(np.asarray(got).ravel())
    elif isinstance(got, list | tuple):
        items = list(got)
    else:
        return t("checks.type.expected_sequence", got_type=describe_type(got))
    if len(items) != len(expected):
        return t("checks.sequence.wrong_length", expected=len(expected), got=len(items))
    mismatches = [
        (position, compare_value(item, wanted, **tolerances))
        for position, (item, wanted) in enumerate(zip(items, expected, strict=True), start=1)
    ]
    first = next(((position, message) for position, message in mismatches if message), None)
    if first is None:
        return None
    if _same_items_other_order(items, expected, tolerances):
        return t("checks.sequence.wrong_order") if ordered else None
    return t("checks.sequence.wrong_item", position=first[0], detail=first[1])


def _same_items_other_order(items: list, expected: list, tolerances: dict) -> bool:
    remaining = list(expected)
    for item in items:
        match = next((index for index, wanted in enumerate(remaining) if compare_value(item, wanted, **tolerances) is None), None)
        if match is None:
            return False
        remaining.pop(match)
    return not remaining


def keys_message(got: Mapping, expected_keys: Iterable[object], *, allow_extra: bool = False) -> str | None:
    """The message for the first missing key, then the first unexpected one (unless
    ``allow_extra``); None when the keys are the expected ones."""
    wanted = list(expected_keys)
    for key in wanted:
        if key not in got:
            return t("checks.dict.missing_key", name=format_value(key))
    if not allow_extra:
        for key in got:
            if key not in wanted:
                return t("checks.dict.unexpected_key", name=format_value(key))
    return None


def compare_dict(got: object, expected: Mapping, **tolerances: Any) -> str | None:
    """Compare a dictionary: missing keys first, then unexpected keys, then values."""
    if isinstance(got, pd.Series):
        got = got.to_dict()
    if not isinstance(got, Mapping):
        return t("checks.type.expected_dict", got_type=describe_type(got))
    message = keys_message(got, expected)
    if message:
        return message
    for key, wanted in expected.items():
        message = compare_value(got[key], wanted, **tolerances)
        if message:
            return t("checks.dict.wrong_value", name=format_value(key), detail=message)
    return None


def _label(value: object) -> str:
    return str(value) if isinstance(value, str | numbers.Number) else format_value(value)


def _labels_message(got_index: pd.Index, expected_index: pd.Index) -> str | None:
    got_labels = [_label(label) for label in got_index]
    expected_labels = [_label(label) for label in expected_index]
    # Sets for membership (tables of thousands of rows), lists for the first one in order.
    got_set, expected_set = set(got_labels), set(expected_labels)
    for label in expected_labels:
        if label not in got_set:
            return t("checks.series.missing_label", label=label)
    for label in got_labels:
        if label not in expected_set:
            return t("checks.series.unexpected_label", label=label)
    return None


def compare_series(
    got: object, expected: pd.Series, *, is_rate: bool = False, **tolerances: Any
) -> str | None:
    """Compare a pandas Series of one value per group (order of the groups does not matter).

    Labels are compared as text, so a group ``1`` and a group ``"1"`` match: the
    learner's dtype choices should not matter, their numbers should.
    """
    if isinstance(got, pd.DataFrame):
        if got.shape[1] == 1:
            # Accepting it would break the next questions (a table's .max() is a column, not a number).
            return t("checks.type.series_got_one_column", name=_label(got.columns[0]))
        return t("checks.type.series_got_dataframe")
    if not isinstance(got, pd.Series):
        return t("checks.type.expected_series", got_type=describe_type(got))
    if not got.index.is_unique:
        return t("checks.series.unexpected_label", label=_label(got.index[got.index.duplicated()][0]))
    message = _labels_message(got.index, expected.index)
    if message:
        return message
    if pd.api.types.is_bool_dtype(expected.dtype):
        by_label = _by_label(got)
        for label, wanted in expected.items():
            message = compare_bool(by_label.get(_label(label)), bool(wanted))
            if message:
                return t("checks.series.wrong_value", label=_label(label), detail=message)
        return None
    if not (pd.api.types.is_numeric_dtype(got.dtype) or got.dtype == object):
        return t("checks.series.not_numeric", kind=t(f"checks.kind.{_kind(got.dtype)}"))
    values = {_label(label): value for label, value in got.items()}
    if is_rate:
        numbers_given = [_as_real(value) for value in values.values()]
        if any(number is not None and number > 1 for number in numbers_given):
            return t("checks.series.count_not_rate")
    for label, wanted in expected.items():
        value = values[_label(label)]
        number = _as_real(value)
        if number is not None and math.isnan(number):
            return t("checks.series.missing_value", label=_label(label))
        message = compare_number(value, float(wanted), **tolerances)
        if message:
            return t("checks.series.wrong_value", label=_label(label), detail=message)
    return None


def _by_label(series: pd.Series) -> dict[str, object]:
    """The series' values by label as text (labels 1 and "1" are the same group)."""
    return {_label(key): value for key, value in series.items()}


def _kind(dtype: object) -> str:
    if pd.api.types.is_bool_dtype(dtype):
        return "bool"
    if pd.api.types.is_numeric_dtype(dtype):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "date"
    if pd.api.types.is_string_dtype(dtype) or dtype == object:
        return "text"
    return "other"


def compare_dataframe(got: object, expected: pd.DataFrame, *, is_rate: bool = False, **tolerances: Any) -> str | None:
    """Compare a table: columns (missing, unexpected, kind of values), rows, then values."""
    if not isinstance(got, pd.DataFrame):
        return t("checks.type.expected_dataframe", got_type=describe_type(got))
    got_columns = [_label(column) for column in got.columns]
    expected_columns = [_label(column) for column in expected.columns]
    for name in expected_columns:
        if name not in got_columns:
            return t("checks.frame.missing_column", name=name)
    for name in got_columns:
        if name not in expected_columns:
            return t("checks.frame.unexpected_column", name=name)
    if len(set(got_columns)) != len(got_columns):
        return t("checks.frame.unexpected_column", name=next(n for n in got_columns if got_columns.count(n) > 1))
    if len(got) != len(expected):
        return t("checks.frame.wrong_rows", expected=len(expected), got=len(got))
    renamed = got.set_axis(got_columns, axis="columns")
    for column, name in zip(expected.columns, expected_columns, strict=True):
        wanted, given = expected[column], renamed[name]
        if _kind(wanted.dtype) != _kind(given.dtype) and given.dtype != object:
            return t(
                "checks.frame.wrong_kind",
                name=name,
                expected=t(f"checks.kind.{_kind(wanted.dtype)}"),
                got=t(f"checks.kind.{_kind(given.dtype)}"),
            )
        if _kind(wanted.dtype) == "number":
            message = compare_series(given, wanted, is_rate=is_rate, **tolerances)
        else:
            message = _compare_plain_column(given, wanted)
        if message:
            return t("checks.frame.wrong_column", name=name, detail=message)
    return None


def _compare_plain_column(given: pd.Series, wanted: pd.Series) -> str | None:
    message = _labels_message(given.index, wanted.index)
    if message:
        return message
    by_label = _by_label(given)
    for label, value in wanted.items():
        found = by_label.get(_label(label))
        if _label(found) != _label(value):
            return t("checks.series.wrong_value", label=_label(label), detail=t("checks.value.wrong"))
    return None
