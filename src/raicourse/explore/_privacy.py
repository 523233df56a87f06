"""The privacy explorer: a count released with the Laplace mechanism, epsilon vs accuracy vs risk.

The Laplace mechanism publishes ``true answer + noise``, the noise drawn from a Laplace
distribution of scale ``b = sensitivity / epsilon`` (Dwork, McSherry, Nissim & Smith, 2006).
For a count, one person changes the answer by at most 1: the sensitivity is 1.
Python draws one seeded set of standard Laplace noise; for each epsilon of a log-spaced grid
the published answers are the true count plus that noise scaled by ``sensitivity / epsilon``
(:func:`published_answers`). The front-end module (``raicourse/static/raicourse-explore-privacy.js``)
scales it the same way and draws the answers for the epsilon the learner picks, with the
typical error and the risk bound. Only the standard draws travel in the page (not one set per
epsilon: 31 times lighter).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import traitlets

from raicourse._widget import CourseWidget, in_static_build, static_file, widget_module_source
from raicourse.explore._common import (
    EXPLORE_CSS,
    escaped,
    explore_strings,
    fallback_language,
    format_factor,
    format_number,
    format_percent,
    format_significant,
    message,
    show_static,
)
from raicourse.i18n import get_language

__all__ = [
    "PRIVACY_MODULE",
    "PrivacyExplorer",
    "epsilon_grid",
    "laplace_mechanism",
    "laplace_scale",
    "privacy_figures",
    "privacy_state",
    "published_answers",
    "show_privacy_explorer",
]

PRIVACY_MODULE = "raicourse-explore-privacy.js"
#: For a Laplace noise of scale b, P(|noise| > b·ln 20) = 1/20: 95% of answers are within it.
INTERVAL_95_FACTOR = math.log(20)


def epsilon_grid(low: float = 0.01, high: float = 10.0, per_decade: int = 10) -> list[float]:
    """Return log-spaced epsilons from ``low`` to ``high``, ``per_decade`` values per factor of 10.

    Values are rounded to 3 significant digits, so they read well on a slider.
    """
    decades = math.log10(high / low)
    count = round(decades * per_decade) + 1
    return [float(f"{value:.3g}") for value in np.logspace(math.log10(low), math.log10(high), count)]


def laplace_scale(sensitivity: float, epsilon: float) -> float:
    """Return the scale ``b = sensitivity / epsilon`` of the Laplace mechanism's noise.

    It is also the mean absolute error of the published answer.
    """
    if not (isinstance(epsilon, (int, float)) and math.isfinite(epsilon) and epsilon > 0):
        raise ValueError(message("error_epsilon", get_language(), value=epsilon))
    if not (isinstance(sensitivity, (int, float)) and math.isfinite(sensitivity) and sensitivity > 0):
        raise ValueError(message("error_sensitivity", get_language(), value=sensitivity))
    return sensitivity / epsilon


def laplace_mechanism(
    true_answer: float, epsilon: float, *, sensitivity: float = 1.0, size: int | None = None, seed: int | None = None
) -> float | np.ndarray:
    """Publish ``true_answer`` with epsilon-differential privacy by adding Laplace noise.

    Parameters
    ----------
    true_answer : float
        The exact answer of the query (e.g. a count).
    epsilon : float
        The privacy budget; smaller means more privacy and more noise.
    sensitivity : float
        The most one person can change the true answer (1 for a count).
    size : int, optional
        Number of independent releases to draw (one number when omitted).
    seed : int, optional
        Seed of the random generator, for reproducible examples.
    """
    noise = np.random.default_rng(seed).laplace(0.0, laplace_scale(sensitivity, epsilon), size)
    return true_answer + noise


def privacy_figures(epsilon: float, sensitivity: float = 1.0) -> dict[str, float]:
    """What one epsilon means: noise scale, expected error, 95% interval, risk bound.

    Returns
    -------
    dict
        ``scale`` (= expected mean absolute error), ``interval95`` (half-width holding 95%
        of answers), ``factor`` (e^epsilon: the most one person's presence can multiply the
        probability of any output) and ``posterior`` (the most an observer who started at
        50–50 can believe that a given person is in the data: e^ε / (1 + e^ε)).
    """
    scale = laplace_scale(sensitivity, epsilon)
    return {
        "scale": scale,
        "interval95": scale * INTERVAL_95_FACTOR,
        "factor": math.exp(epsilon),
        "posterior": 1 / (1 + math.exp(-epsilon)),
    }


def privacy_state(
    true_count: int,
    *,
    sensitivity: float = 1.0,
    epsilons: Sequence[float] | None = None,
    epsilon: float = 1.0,
    draws: int = 200,
    seed: int = 0,
    chart_half_width: float | None = None,
    query: str | None = None,
    title: str | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    """Return the JSON state of a privacy explorer (what the front-end module reads).

    Parameters
    ----------
    true_count : int
        The true answer of the count query.
    sensitivity : float
        The most one person changes the answer (1 for a count).
    epsilons : sequence of float, optional
        The epsilons the slider offers (default: 0.01 to 10, log-spaced).
    epsilon : float
        The starting epsilon (snapped to the nearest value of the grid).
    draws : int
        Published answers drawn per epsilon.
    seed : int
        Seed of the noise, so that the book shows the same answers at every build.
    chart_half_width : float, optional
        The histogram spans ``true_count ± chart_half_width`` (default: 20 × sensitivity);
        answers further away are counted, not drawn.
    query : str, optional
        The question asked of the data; defaults to the catalogue's example.
    title : str, optional
        A heading; defaults to the catalogue's title.
    language : str, optional
        ``"en"``, ``"fr"`` or ``"auto"`` (the page's language decides).
    """
    true_count = float(true_count)  # a numpy integer would not serialise to JSON
    grid = sorted(float(value) for value in (epsilons if epsilons is not None else epsilon_grid()))
    # The same standard Laplace draws, scaled for each epsilon ("common random numbers"):
    # moving the slider then shrinks or widens one cloud of answers instead of reshuffling it,
    # so the learner sees the effect of epsilon and nothing else.
    # Only the standard draws travel in the page (5 decimals: within 0.001 of the answer at the
    # widest scale); the front-end scales them for each epsilon, as published_answers() does.
    standard_noise = np.round(np.random.default_rng(seed).laplace(0.0, 1.0, draws), 5)
    start = grid[int(np.abs(np.log(grid) - math.log(epsilon)).argmin())]
    return {
        "title": title or "",
        "query": query or "",
        "true_count": true_count,
        "sensitivity": sensitivity,
        "epsilons": grid,
        "noise": standard_noise.tolist(),
        "epsilon": start,
        "chart_half_width": chart_half_width if chart_half_width is not None else 20 * sensitivity,
        "strings": explore_strings(),
        "language": language or get_language(),
    }


def published_answers(state: Mapping[str, Any]) -> list[list[float]]:
    """The published answers for each epsilon of the grid: the true count plus the standard
    draws scaled by sensitivity / epsilon (what the front-end computes from the state)."""
    noise = np.asarray(state["noise"], dtype=float)
    return [(state["true_count"] + laplace_scale(state["sensitivity"], epsilon) * noise).tolist()
            for epsilon in state["epsilons"]]


def _summary_fields(state: Mapping[str, Any], epsilon: float, language: str) -> dict[str, str]:
    figures = privacy_figures(epsilon, state["sensitivity"])
    return {
        "epsilon": format_significant(epsilon, language),
        "scale": format_significant(figures["scale"], language),
        "error": format_significant(figures["scale"], language),
        "interval": format_significant(figures["interval95"], language),
        "true_count": format_number(state["true_count"], 0, language),
        "factor": format_factor(figures["factor"], language),
        "posterior": format_percent(figures["posterior"], language),
    }


def fallback_html(state: Mapping[str, Any]) -> str:
    """Readable, non-interactive form: the summary and the risk at the starting epsilon."""
    language = fallback_language(state["language"])
    fields = _summary_fields(state, state["epsilon"], language)
    return (
        f"<p><em>{escaped(message('fallback_notice', language))}</em></p>"
        f"<p>{escaped(state['query'] or message('privacy_query_default', language))}</p>"
        f"<p>{escaped(message('privacy_summary', language, **fields))}</p>"
        f"<p>{escaped(message('privacy_risk', language, **fields))}</p>"
    )


class PrivacyExplorer(CourseWidget):
    """Move epsilon and watch the published answers of a count spread or tighten.

    Parameters
    ----------
    true_count : int
        The true answer of the count query.
    sensitivity : float
        The most one person changes the answer (1 for a count).
    epsilons : sequence of float, optional
        The epsilons the slider offers (default: 0.01 to 10, log-spaced).
    epsilon : float
        The starting epsilon.
    draws : int
        Published answers drawn per epsilon (default 200).
    seed : int
        Seed of the noise.
    chart_half_width : float, optional
        The histogram spans ``true_count ± chart_half_width`` (default 20 × sensitivity).
    query, title : str, optional
        The question asked of the data and a heading.
    language : str, optional
        ``"en"`` or ``"fr"``; defaults to :func:`raicourse.get_language`.

    Examples
    --------
    >>> explorer = PrivacyExplorer(true_count=120)   # doctest: +SKIP
    >>> explorer            # doctest: +SKIP  (displays it; move epsilon)
    >>> explorer.epsilon    # doctest: +SKIP  (the epsilon the learner chose)
    """

    _esm = widget_module_source(PRIVACY_MODULE)
    _css = static_file(EXPLORE_CSS)
    _module_name = PRIVACY_MODULE
    _css_name = EXPLORE_CSS

    title = traitlets.Unicode("").tag(sync=True)
    query = traitlets.Unicode("").tag(sync=True)
    true_count = traitlets.Float().tag(sync=True)
    sensitivity = traitlets.Float(1.0).tag(sync=True)
    epsilons = traitlets.List().tag(sync=True)
    noise = traitlets.List().tag(sync=True)
    chart_half_width = traitlets.Float().tag(sync=True)
    strings = traitlets.Dict().tag(sync=True)
    language = traitlets.Unicode("en").tag(sync=True)
    #: The epsilon the learner chose (one of ``epsilons``).
    epsilon = traitlets.Float(1.0).tag(sync=True)

    def __init__(
        self,
        true_count: int,
        *,
        sensitivity: float = 1.0,
        epsilons: Sequence[float] | None = None,
        epsilon: float = 1.0,
        draws: int = 200,
        seed: int = 0,
        chart_half_width: float | None = None,
        query: str | None = None,
        title: str | None = None,
        language: str | None = None,
        **kwargs: Any,
    ) -> None:
        state = privacy_state(
            true_count, sensitivity=sensitivity, epsilons=epsilons, epsilon=epsilon, draws=draws, seed=seed,
            chart_half_width=chart_half_width, query=query, title=title, language=language,
        )
        super().__init__(**state, **kwargs)

    def static_state(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in (
            "title", "query", "true_count", "sensitivity", "epsilons", "noise", "epsilon",
            "chart_half_width", "strings", "language",
        )}

    def fallback_html(self) -> str:
        return fallback_html(self.static_state())

    def figures(self) -> dict[str, float]:
        """Noise scale, 95% interval and risk bound at the current epsilon (see :func:`privacy_figures`)."""
        return privacy_figures(self.epsilon, self.sensitivity)


def show_privacy_explorer(
    true_count: int,
    *,
    sensitivity: float = 1.0,
    epsilon: float = 1.0,
    draws: int = 200,
    seed: int = 0,
    query: str | None = None,
    title: str | None = None,
    language: str | None = None,
) -> None:
    """Show a privacy explorer in a lesson: the one line a lesson needs.

    In the static book build it shows the light ``text/html`` form (no widget); live it
    shows a :class:`PrivacyExplorer`. See :class:`PrivacyExplorer` for the parameters.
    """
    from IPython.display import display

    options = {"sensitivity": sensitivity, "epsilon": epsilon, "draws": draws, "seed": seed, "query": query, "title": title}
    if in_static_build():
        state = privacy_state(true_count, **options, language="auto")
        show_static(PRIVACY_MODULE, state, fallback_html(state))
        return
    display(PrivacyExplorer(true_count, **options, language=language))
