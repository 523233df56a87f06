"""The threshold explorer: move a decision threshold per group, watch accuracy and fairness.

Python precomputes, for each group and each threshold of a grid, the confusion counts
(true/false positives and negatives). The front-end module
(``raicourse/static/raicourse-explore-threshold.js``) turns the counts at the thresholds
the learner picks into rates and gaps, so the explorable needs no kernel in the static book.
A person is *selected* when their score is at or above the threshold.
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
    format_percent,
    message,
    show_static,
)
from raicourse.i18n import get_language

__all__ = [
    "THRESHOLD_MODULE",
    "ThresholdExplorer",
    "confusion_counts",
    "group_metrics",
    "metrics_at",
    "show_threshold_explorer",
    "threshold_grid",
    "threshold_state",
]

THRESHOLD_MODULE = "raicourse-explore-threshold.js"
#: One slider per group: more would not fit on a phone or in a learner's head.
MAX_GROUPS = 6
METRICS = ("accuracy", "selection_rate", "tpr", "fpr", "ppv")


def threshold_grid(step: float = 0.01) -> list[float]:
    """Return the thresholds 0, step, 2·step, ..., 1.

    Each value is computed as ``k / n`` (not by adding steps), so that ``0.29`` is the
    same float as a score written ``0.29``: a score equal to a threshold is selected.
    """
    count = round(1 / step)
    return [k / count for k in range(count + 1)]


def _as_arrays(scores: Any, y_true: Any, group: Any, data: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if data is not None:
        scores, y_true, group = data[scores], data[y_true], data[group]
    score_array = np.asarray(scores, dtype=float)
    outcome_array = np.asarray(y_true)
    group_array = np.asarray(pd.Series(group, dtype="object").to_numpy())
    language = get_language()
    if not (len(score_array) == len(outcome_array) == len(group_array)):
        raise ValueError(message("error_lengths", language, scores=len(score_array), outcomes=len(outcome_array), groups=len(group_array)))
    if len(score_array) == 0 or not np.all(np.isfinite(score_array)) or score_array.min() < 0 or score_array.max() > 1:
        raise ValueError(message("error_scores", language))
    try:
        outcome_numbers = outcome_array.astype(float)
    except (TypeError, ValueError):
        raise ValueError(message("error_outcomes", language)) from None
    if not np.isin(outcome_numbers, (0.0, 1.0)).all():
        raise ValueError(message("error_outcomes", language))
    if pd.isna(group_array).any():
        raise ValueError(message("error_groups", language, maximum=MAX_GROUPS, count=len(pd.unique(group_array))))
    return score_array, outcome_numbers.astype(bool), group_array


def _group_order(group_array: np.ndarray, group: Any, data: pd.DataFrame | None) -> list[Any]:
    column = data[group] if data is not None else group
    # A categorical column keeps its declared order (e.g. the order a lesson discusses them).
    if isinstance(getattr(column, "dtype", None), pd.CategoricalDtype):
        present = set(pd.unique(group_array))
        return [value for value in column.cat.categories if value in present]
    return sorted(pd.unique(group_array), key=str)


def confusion_counts(scores: np.ndarray, positives: np.ndarray, thresholds: Sequence[float]) -> dict[str, list[int]]:
    """Count TP, FP, TN and FN at each threshold (selected when ``score >= threshold``).

    Parameters
    ----------
    scores : numpy.ndarray
        Scores between 0 and 1.
    positives : numpy.ndarray of bool
        True where the real outcome is positive (the person qualifies).
    thresholds : sequence of float
        The thresholds to count at.

    Returns
    -------
    dict
        ``{"tp": [...], "fp": [...], "tn": [...], "fn": [...]}``, one count per threshold.
    """
    grid = np.asarray(thresholds, dtype=float)
    positive_scores = np.sort(scores[positives])
    negative_scores = np.sort(scores[~positives])
    # searchsorted(side="left") counts the scores strictly below each threshold.
    tp = len(positive_scores) - np.searchsorted(positive_scores, grid, side="left")
    fp = len(negative_scores) - np.searchsorted(negative_scores, grid, side="left")
    return {
        "tp": tp.tolist(),
        "fp": fp.tolist(),
        "tn": (len(negative_scores) - fp).tolist(),
        "fn": (len(positive_scores) - tp).tolist(),
    }


def _rate(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else math.nan


def group_metrics(tp: int, fp: int, tn: int, fn: int) -> dict[str, float]:
    """Accuracy, selection rate, TPR, FPR and PPV from confusion counts (NaN when undefined)."""
    total = tp + fp + tn + fn
    return {
        "accuracy": _rate(tp + tn, total),
        "selection_rate": _rate(tp + fp, total),
        "tpr": _rate(tp, tp + fn),
        "fpr": _rate(fp, fp + tn),
        "ppv": _rate(tp, tp + fp),
    }


def _spread(values: list[float]) -> float:
    defined = [value for value in values if not math.isnan(value)]
    return max(defined) - min(defined) if defined else math.nan


def metrics_at(state: Mapping[str, Any], thresholds: Mapping[str, float]) -> dict[str, Any]:
    """Compute every figure the front-end shows, for the given per-group thresholds.

    Parameters
    ----------
    state : mapping
        A :func:`threshold_state`.
    thresholds : mapping
        ``{group name: threshold}``; each threshold is snapped to the nearest grid value.

    Returns
    -------
    dict
        ``{"groups": {name: {"threshold", "people", <metric>: value}}, "dp", "eo", "eodds"}``.
    """
    grid = np.asarray(state["grid"])
    per_group = {}
    for entry in state["groups"]:
        index = int(np.abs(grid - thresholds[entry["name"]]).argmin())
        counts = {key: entry[key][index] for key in ("tp", "fp", "tn", "fn")}
        per_group[entry["name"]] = {"threshold": float(grid[index]), "people": sum(counts.values()), **group_metrics(**counts)}
    tpr_gap = _spread([figures["tpr"] for figures in per_group.values()])
    fpr_gap = _spread([figures["fpr"] for figures in per_group.values()])
    return {
        "groups": per_group,
        "dp": _spread([figures["selection_rate"] for figures in per_group.values()]),
        "eo": tpr_gap,
        # As fairlearn's equalized_odds_difference: the larger of the two gaps.
        "eodds": max(tpr_gap, fpr_gap) if not (math.isnan(tpr_gap) or math.isnan(fpr_gap)) else math.nan,
    }


def threshold_state(
    scores: Any,
    y_true: Any,
    group: Any,
    *,
    data: pd.DataFrame | None = None,
    threshold: float = 0.5,
    step: float = 0.01,
    title: str | None = None,
    language: str | None = None,
    same_threshold: bool = True,
) -> dict[str, Any]:
    """Return the JSON state of a threshold explorer (what the front-end module reads).

    Parameters
    ----------
    scores, y_true, group : array-like or str
        Each person's score (0–1), real outcome (0/1) and group; column names when
        ``data`` is given.
    data : pandas.DataFrame, optional
        The table holding those columns.
    threshold : float
        The starting threshold of every group.
    step : float
        Spacing of the threshold grid (0.01: 101 thresholds from 0 to 1).
    title : str, optional
        A heading; defaults to the catalogue's title.
    language : str, optional
        ``"en"``, ``"fr"`` or ``"auto"`` (the page's language decides).
    same_threshold : bool
        Whether it opens with one slider for every group (``False``: one slider per group,
        for a lesson that asks the learner to move each group's threshold).
    """
    score_array, positives, group_array = _as_arrays(scores, y_true, group, data)
    names = _group_order(group_array, group, data)
    if not 1 <= len(names) <= MAX_GROUPS:
        raise ValueError(message("error_groups", get_language(), maximum=MAX_GROUPS, count=len(names)))
    grid = threshold_grid(step)
    groups = []
    for name in names:
        members = group_array == name
        groups.append({"name": str(name), **confusion_counts(score_array[members], positives[members], grid)})
    start = grid[int(np.abs(np.asarray(grid) - threshold).argmin())]
    return {
        "title": title or "",
        "grid": grid,
        "groups": groups,
        "thresholds": {entry["name"]: start for entry in groups},
        "same_threshold": bool(same_threshold),
        "strings": explore_strings(),
        "language": language or get_language(),
    }


def fallback_html(state: Mapping[str, Any]) -> str:
    """Readable, non-interactive form: the table of figures at the starting thresholds."""
    language = fallback_language(state["language"])
    figures = metrics_at(state, state["thresholds"])
    names = [entry["name"] for entry in state["groups"]]
    rows = [
        "<tr><th scope=\"row\">" + escaped(message("metric_threshold", language)) + "</th>"
        + "".join(f"<td>{escaped(format_number(figures['groups'][name]['threshold'], 2, language))}</td>" for name in names)
        + "</tr>"
    ]
    for metric in METRICS:
        rows.append(
            f"<tr><th scope=\"row\">{escaped(message('metric_' + metric, language))}</th>"
            + "".join(f"<td>{escaped(format_percent(figures['groups'][name][metric], language))}</td>" for name in names)
            + "</tr>"
        )
    header = "".join(f"<th scope=\"col\">{escaped(name)}</th>" for name in names)
    return (
        f"<p><em>{escaped(message('fallback_notice', language))}</em></p>"
        f"<table><caption>{escaped(message('table_caption', language))}</caption>"
        f"<thead><tr><th scope=\"col\">{escaped(message('metric_header', language))}</th>{header}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        f"<p>{escaped(message('difference_dp', language))}: {escaped(format_number(figures['dp'], 2, language))}</p>"
    )


class ThresholdExplorer(CourseWidget):
    """Move a decision threshold per group and watch accuracy and the fairness gaps.

    Parameters
    ----------
    scores, y_true, group : array-like or str
        Each person's score (0–1), real outcome (0/1) and group; column names when
        ``data`` is given.
    data : pandas.DataFrame, optional
        The table holding those columns.
    threshold : float
        Starting threshold of every group (default 0.5).
    step : float
        Spacing of the threshold grid (default 0.01).
    title : str, optional
        A heading shown above the explorable.
    language : str, optional
        ``"en"`` or ``"fr"``; defaults to :func:`raicourse.get_language`.

    Examples
    --------
    >>> explorer = ThresholdExplorer("model_score", "qualified", "gender", data=people)  # doctest: +SKIP
    >>> explorer              # doctest: +SKIP  (displays it; move the sliders)
    >>> explorer.thresholds   # doctest: +SKIP  ({'men': 0.5, 'women': 0.42})
    >>> explorer.metrics()    # doctest: +SKIP  (the table the learner sees)
    """

    _esm = widget_module_source(THRESHOLD_MODULE)
    _css = static_file(EXPLORE_CSS)
    _module_name = THRESHOLD_MODULE
    _css_name = EXPLORE_CSS

    title = traitlets.Unicode("").tag(sync=True)
    grid = traitlets.List().tag(sync=True)
    groups = traitlets.List().tag(sync=True)
    strings = traitlets.Dict().tag(sync=True)
    language = traitlets.Unicode("en").tag(sync=True)
    #: ``{group: threshold}``, set by the learner in the page (and settable from Python).
    thresholds = traitlets.Dict().tag(sync=True)
    #: Whether one slider moves every group's threshold.
    same_threshold = traitlets.Bool(True).tag(sync=True)

    def __init__(
        self,
        scores: Any,
        y_true: Any,
        group: Any,
        *,
        data: pd.DataFrame | None = None,
        threshold: float = 0.5,
        step: float = 0.01,
        title: str | None = None,
        language: str | None = None,
        same_threshold: bool = True,
        **kwargs: Any,
    ) -> None:
        state = threshold_state(scores, y_true, group, data=data, threshold=threshold, step=step, title=title,
                                language=language, same_threshold=same_threshold)
        super().__init__(**state, **kwargs)

    def static_state(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "grid": self.grid,
            "groups": self.groups,
            "thresholds": self.thresholds,
            "same_threshold": self.same_threshold,
            "strings": self.strings,
            "language": self.language,
        }

    def fallback_html(self) -> str:
        return fallback_html(self.static_state())

    def metrics(self) -> pd.DataFrame:
        """The figures at the current thresholds: one row per group, one column per figure."""
        figures = metrics_at(self.static_state(), self.thresholds)
        return pd.DataFrame.from_dict(figures["groups"], orient="index")

    def gaps(self) -> dict[str, float]:
        """The demographic-parity, equal-opportunity and equalized-odds differences now."""
        figures = metrics_at(self.static_state(), self.thresholds)
        return {
            "demographic_parity_difference": figures["dp"],
            "equal_opportunity_difference": figures["eo"],
            "equalized_odds_difference": figures["eodds"],
        }


def show_threshold_explorer(
    scores: Any,
    y_true: Any,
    group: Any,
    *,
    data: pd.DataFrame | None = None,
    threshold: float = 0.5,
    title: str | None = None,
    language: str | None = None,
    same_threshold: bool = True,
) -> None:
    """Show a threshold explorer in a lesson: the one line a lesson needs.

    In the static book build it shows the light ``text/html`` form (no widget; it works
    without a kernel); in a live notebook it shows a :class:`ThresholdExplorer`. To read
    the chosen thresholds in Python, create the widget yourself and read ``.thresholds``.

    Parameters
    ----------
    scores, y_true, group : array-like or str
        Scores (0–1), real outcomes (0/1) and groups; column names when ``data`` is given.
    data : pandas.DataFrame, optional
        The table holding those columns.
    threshold : float
        Starting threshold of every group.
    title : str, optional
        A heading shown above the explorable.
    language : str, optional
        Live only: ``"en"`` or ``"fr"``.
    same_threshold : bool
        ``False`` opens it with one slider per group.
    """
    from IPython.display import display

    if in_static_build():
        # "auto": the page's <html lang> picks the strings.
        state = threshold_state(scores, y_true, group, data=data, threshold=threshold, title=title, language="auto",
                                same_threshold=same_threshold)
        show_static(THRESHOLD_MODULE, state, fallback_html(state))
        return
    display(ThresholdExplorer(scores, y_true, group, data=data, threshold=threshold, title=title, language=language,
                              same_threshold=same_threshold))
