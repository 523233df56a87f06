"""The what-if explorer: one decision of an interpretable model, explained feature by feature.

A logistic regression adds up *points*: ``intercept + sum(coefficient × value)``; the
logistic curve turns that sum into a score between 0 and 1, and a score at or above the
threshold means "yes" (a loan approved). Because the model is a sum, each feature's part
of the decision is exact: compared with a *reference* person (by default the average
applicant of the data), feature ``j`` adds ``coefficient_j × (value_j - reference_j)``
points. Python passes the coefficients, the reference, one person's values and a slider
range per feature; the front-end module (``raicourse/static/raicourse-explore-whatif.js``)
recomputes the score and the points as the learner moves the sliders, with no kernel.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import traitlets

from raicourse._widget import CourseWidget, in_static_build, static_file, widget_module_source
from raicourse.explore._common import (
    EXPLORE_CSS,
    escaped,
    explore_strings,
    fallback_language,
    format_number,
    message,
    show_static,
)
from raicourse.i18n import get_language

__all__ = [
    "WHATIF_MODULE",
    "WhatIfExplorer",
    "logistic",
    "show_whatif_explorer",
    "slider_range",
    "whatif_figures",
    "whatif_state",
]

WHATIF_MODULE = "raicourse-explore-whatif.js"
#: One slider per feature: more would not fit on a phone or in a learner's head.
MAX_FEATURES = 8
#: Slider ranges cover the middle 98% of the data (1st to 99th percentile).
RANGE_PERCENTILES = (1, 99)
#: About this many slider steps from one end to the other.
TARGET_STEPS = 100


def logistic(points: float) -> float:
    """The logistic curve ``1 / (1 + e^-points)``: turns a sum of points into a score in (0, 1)."""
    if points >= 0:
        return 1.0 / (1.0 + math.exp(-points))
    # Same value, written so that a very negative sum does not overflow exp().
    small = math.exp(points)
    return small / (1.0 + small)


def _decimals(step: float) -> int:
    """How many decimals a value on a grid of ``step`` needs (0 for 1 or 10, 1 for 0.5, 2 for 0.25)."""
    for digits in range(7):
        if abs(round(step, digits) - step) < 1e-9 * max(1.0, abs(step)):
            return digits
    return 6


def _nice_step(span: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about ``TARGET_STEPS`` steps over ``span``."""
    if not span > 0:
        return 1.0
    raw = span / TARGET_STEPS
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power * (1 + 1e-9):
            return float(factor * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


def slider_range(values: Any, start: float, *, step: float | None = None,
                 percentiles: tuple[float, float] = RANGE_PERCENTILES) -> dict[str, float]:
    """A slider range for one feature: covers most of the data and has ``start`` on its grid.

    Parameters
    ----------
    values : array-like
        The feature's values in the data.
    start : float
        The person's value; it is always a position of the slider, so the starting score is exact.
    step : float, optional
        Distance between two slider positions; by default a round number giving about
        100 positions (a whole number of units for whole-number data).
    percentiles : pair of float
        The part of the data the range covers (1st to 99th percentile by default).

    Returns
    -------
    dict
        ``{"min", "max", "step", "decimals"}``; ``min + k × step`` lands on ``start``.
    """
    numbers = np.asarray(values, dtype=float)
    numbers = numbers[np.isfinite(numbers)]
    low, high = (np.percentile(numbers, percentiles) if len(numbers) else (start, start))
    low, high = float(min(low, start)), float(max(high, start))
    if step is None:
        step = _nice_step(high - low)
        if len(numbers) and np.all(numbers == np.round(numbers)):
            step = max(1.0, round(step))
    if not (math.isfinite(step) and step > 0):
        raise ValueError(message("error_whatif_step", get_language(), value=step))
    below = math.ceil((start - low) / step - 1e-9)
    above = math.ceil((high - start) / step - 1e-9)
    decimals = max(_decimals(step), _decimals(start) if _decimals(start) <= 2 else 0)
    return {
        "min": round(start - below * step, decimals),
        "max": round(start + above * step, decimals),
        "step": float(step),
        "decimals": decimals,
    }


def whatif_figures(state: Mapping[str, Any], values: Mapping[str, float]) -> dict[str, Any]:
    """Compute what the front-end shows for the given feature values.

    Parameters
    ----------
    state : mapping
        A :func:`whatif_state`.
    values : mapping
        ``{feature name: value}``; a missing feature keeps the person's value.

    Returns
    -------
    dict
        ``points`` (the reference's sum plus every contribution), ``score`` (between 0 and 1),
        ``approved`` (score at or above the threshold), ``base_points`` (the reference person's
        sum) and ``contributions`` (``{name: coefficient × (value - reference)}``).
    """
    contributions = {}
    for feature in state["features"]:
        value = float(values.get(feature["name"], feature["value"]))
        contributions[feature["name"]] = feature["coefficient"] * (value - feature["reference"])
    points = state["base_points"] + sum(contributions.values())
    score = logistic(points)
    return {
        "base_points": state["base_points"],
        "contributions": contributions,
        "points": points,
        "score": score,
        "approved": score >= state["threshold"],
    }


def _features_of(model: Any, features: Sequence[str] | None) -> list[str]:
    names = list(features) if features is not None else list(getattr(model, "feature_names_in_", []))
    if not names:
        raise ValueError(message("error_whatif_features", get_language(), maximum=MAX_FEATURES, count=0))
    return [str(name) for name in names]


def whatif_state(
    coefficients: Mapping[str, float],
    intercept: float,
    values: Mapping[str, float],
    *,
    reference: Mapping[str, float],
    ranges: Mapping[str, Mapping[str, float]],
    labels: Mapping[str, str] | None = None,
    threshold: float = 0.5,
    title: str | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    """Return the JSON state of a what-if explorer (what the front-end module reads).

    Parameters
    ----------
    coefficients : mapping
        ``{feature name: coefficient}`` of a logistic regression (points per unit).
    intercept : float
        The model's intercept (points of a person whose features are all 0).
    values : mapping
        The person's value of each feature: where the sliders start.
    reference : mapping
        The reference person's values (usually the data's averages): a feature's points are
        counted from there, so a bar of 0 means "as the reference person".
    ranges : mapping
        ``{feature name: slider_range(...)}``.
    labels : mapping, optional
        A readable label per feature (e.g. ``"Yearly income (thousand euros)"``).
    threshold : float
        A score at or above it means "approved".
    title : str, optional
        A heading; defaults to the catalogue's title.
    language : str, optional
        ``"en"``, ``"fr"`` or ``"auto"`` (the page's language decides).
    """
    names = [str(name) for name in coefficients]
    language_now = get_language()
    if not 1 <= len(names) <= MAX_FEATURES:
        raise ValueError(message("error_whatif_features", language_now, maximum=MAX_FEATURES, count=len(names)))
    if not (isinstance(threshold, (int, float)) and 0 < threshold < 1):
        raise ValueError(message("error_whatif_threshold", language_now, value=threshold))
    numbers = [intercept, *coefficients.values(), *(values[n] for n in names), *(reference[n] for n in names)]
    if not all(isinstance(x, (int, float, np.number)) and math.isfinite(float(x)) for x in numbers):
        raise ValueError(message("error_whatif_numbers", language_now))
    labels = labels or {}
    features = []
    for name in names:
        span = ranges[name]
        features.append({
            "name": name,
            "label": str(labels.get(name, name)),
            "coefficient": float(coefficients[name]),
            "reference": float(reference[name]),
            "value": float(values[name]),
            "min": float(span["min"]),
            "max": float(span["max"]),
            "step": float(span["step"]),
            "decimals": int(span.get("decimals", _decimals(float(span["step"])))),
        })
    base_points = float(intercept) + sum(f["coefficient"] * f["reference"] for f in features)
    # The bars keep one scale while the sliders move: the largest part any feature can take.
    largest = max(max(abs(f["coefficient"] * (f["min"] - f["reference"])), abs(f["coefficient"] * (f["max"] - f["reference"])))
                  for f in features)
    return {
        "title": title or "",
        "features": features,
        "base_points": base_points,
        "threshold": float(threshold),
        "scale": largest if largest > 0 else 1.0,
        "values": {f["name"]: f["value"] for f in features},
        "strings": explore_strings(),
        "language": language or get_language(),
    }


def _value_text(feature: Mapping[str, Any], value: float, language: str) -> str:
    return format_number(value, feature["decimals"], language)


def _points_text(points: float, language: str) -> str:
    # A sign on every number: "+0.84" pushes up, "−0.31" pushes down (a true minus sign).
    text = format_number(abs(points), 2, language)
    if text == format_number(0, 2, language):
        return text
    return ("+" if points > 0 else "\u2212") + text


def summary_text(state: Mapping[str, Any], values: Mapping[str, float], language: str) -> str:
    """The sentence the front-end's live region reads, for the given values."""
    figures = whatif_figures(state, values)
    pairs = [
        message("whatif_value_pair", language, feature=f["label"], value=_value_text(f, float(values.get(f["name"], f["value"])), language))
        for f in state["features"]
    ]
    listed = pairs[0] if len(pairs) == 1 else message(
        "whatif_list", language, first=message("list_separator", language).join(pairs[:-1]), last=pairs[-1]
    )
    decision = message("whatif_approved" if figures["approved"] else "whatif_refused", language)
    return message("whatif_summary", language, values=listed, score=format_number(figures["score"], 2, language), decision=decision)


def fallback_html(state: Mapping[str, Any]) -> str:
    """Readable, non-interactive form: the decision and each feature's points at the start."""
    language = fallback_language(state["language"])
    figures = whatif_figures(state, state["values"])
    rows = "".join(
        f"<tr><th scope=\"row\">{escaped(f['label'])}</th>"
        f"<td>{escaped(_value_text(f, state['values'][f['name']], language))}</td>"
        f"<td>{escaped(_points_text(figures['contributions'][f['name']], language))}</td></tr>"
        for f in state["features"]
    )
    return (
        f"<p><em>{escaped(message('fallback_notice', language))}</em></p>"
        f"<p>{escaped(summary_text(state, state['values'], language))}</p>"
        f"<table><caption>{escaped(message('whatif_table_caption', language))}</caption>"
        f"<thead><tr><th scope=\"col\">{escaped(message('whatif_feature_header', language))}</th>"
        f"<th scope=\"col\">{escaped(message('whatif_value_header', language))}</th>"
        f"<th scope=\"col\">{escaped(message('whatif_points_header', language))}</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _state_from_model(model: Any, person: Any, data: pd.DataFrame, *, features: Sequence[str] | None,
                      labels: Mapping[str, str] | None, steps: Mapping[str, float] | None,
                      threshold: float, title: str | None, language: str | None) -> dict[str, Any]:
    names = _features_of(model, features)
    coefficients = np.asarray(getattr(model, "coef_", None), dtype=float).reshape(-1)
    if coefficients.size != len(names):
        raise ValueError(message("error_whatif_model", get_language()))
    intercept = float(np.asarray(model.intercept_, dtype=float).reshape(-1)[0])
    row = person if isinstance(person, Mapping) else pd.Series(person)
    values = {name: float(row[name]) for name in names}
    steps = steps or {}
    return whatif_state(
        dict(zip(names, coefficients.tolist(), strict=True)),
        intercept,
        values,
        reference={name: float(data[name].mean()) for name in names},
        ranges={name: slider_range(data[name], values[name], step=steps.get(name)) for name in names},
        labels=labels,
        threshold=threshold,
        title=title,
        language=language,
    )


class WhatIfExplorer(CourseWidget):
    """Move one person's features and watch an interpretable model's score and its parts.

    Parameters
    ----------
    model : sklearn.linear_model.LogisticRegression
        A fitted binary logistic regression (``coef_``, ``intercept_``).
    person : pandas.Series or mapping
        The person whose decision is explained: one value per feature.
    data : pandas.DataFrame
        The data the model learnt from: it gives the reference (average) person and the
        slider ranges.
    features : sequence of str, optional
        The model's features, in order (default: ``model.feature_names_in_``).
    labels : mapping, optional
        A readable label per feature.
    steps : mapping, optional
        A slider step per feature (default: a round step, about 100 positions).
    threshold : float
        A score at or above it means "approved" (default 0.5).
    title : str, optional
        A heading shown above the explorable.
    language : str, optional
        ``"en"`` or ``"fr"``; defaults to :func:`raicourse.get_language`.

    Examples
    --------
    >>> explorer = WhatIfExplorer(model, loans.iloc[0], data=loans)  # doctest: +SKIP
    >>> explorer            # doctest: +SKIP  (displays it; move the sliders)
    >>> explorer.values     # doctest: +SKIP  (the values the learner chose)
    >>> explorer.figures()  # doctest: +SKIP  (score, decision and points now)
    """

    _esm = widget_module_source(WHATIF_MODULE)
    _css = static_file(EXPLORE_CSS)
    _module_name = WHATIF_MODULE
    _css_name = EXPLORE_CSS

    title = traitlets.Unicode("").tag(sync=True)
    features = traitlets.List().tag(sync=True)
    base_points = traitlets.Float(0.0).tag(sync=True)
    threshold = traitlets.Float(0.5).tag(sync=True)
    scale = traitlets.Float(1.0).tag(sync=True)
    strings = traitlets.Dict().tag(sync=True)
    language = traitlets.Unicode("en").tag(sync=True)
    #: ``{feature: value}``, set by the learner in the page (and settable from Python).
    values = traitlets.Dict().tag(sync=True)

    def __init__(
        self,
        model: Any,
        person: Any,
        *,
        data: pd.DataFrame,
        features: Sequence[str] | None = None,
        labels: Mapping[str, str] | None = None,
        steps: Mapping[str, float] | None = None,
        threshold: float = 0.5,
        title: str | None = None,
        language: str | None = None,
        **kwargs: Any,
    ) -> None:
        state = _state_from_model(model, person, data, features=features, labels=labels, steps=steps,
                                  threshold=threshold, title=title, language=language)
        super().__init__(**state, **kwargs)

    def static_state(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in (
            "title", "features", "base_points", "threshold", "scale", "values", "strings", "language",
        )}

    def fallback_html(self) -> str:
        return fallback_html(self.static_state())

    def figures(self) -> dict[str, Any]:
        """Score, decision and each feature's points at the current values (see :func:`whatif_figures`)."""
        return whatif_figures(self.static_state(), self.values)


def show_whatif_explorer(
    model: Any,
    person: Any,
    *,
    data: pd.DataFrame,
    features: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    steps: Mapping[str, float] | None = None,
    threshold: float = 0.5,
    title: str | None = None,
    language: str | None = None,
) -> None:
    """Show a what-if explorer in a lesson: the one line a lesson needs.

    In the static book build it shows the light ``text/html`` form (no widget; it works
    without a kernel); in a live notebook it shows a :class:`WhatIfExplorer`. See
    :class:`WhatIfExplorer` for the parameters.
    """
    from IPython.display import display

    options = {"features": features, "labels": labels, "steps": steps, "threshold": threshold, "title": title}
    if in_static_build():
        # "auto": the page's <html lang> picks the strings.
        state = _state_from_model(model, person, data, **options, language="auto")
        show_static(WHATIF_MODULE, state, fallback_html(state))
        return
    display(WhatIfExplorer(model, person, data=data, **options, language=language))
