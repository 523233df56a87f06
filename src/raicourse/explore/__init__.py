"""Explorables: widgets where a learner moves a control and watches figures change.

Python precomputes the data; the widget's front-end module draws it and reacts, live in
Jupyter (anywidget) and in the static book (no kernel). Lessons need one line:

* :func:`show_threshold_explorer` — a decision threshold per group vs accuracy and fairness gaps;
* :func:`show_privacy_explorer` — the Laplace mechanism: epsilon vs accuracy vs risk;
* :func:`show_whatif_explorer` — one decision of a logistic regression, feature by feature.
"""

from raicourse.explore._privacy import (
    PrivacyExplorer,
    epsilon_grid,
    laplace_mechanism,
    laplace_scale,
    privacy_figures,
    privacy_state,
    published_answers,
    show_privacy_explorer,
)
from raicourse.explore._threshold import (
    ThresholdExplorer,
    confusion_counts,
    group_metrics,
    metrics_at,
    show_threshold_explorer,
    threshold_grid,
    threshold_state,
)
from raicourse.explore._whatif import (
    WhatIfExplorer,
    logistic,
    show_whatif_explorer,
    slider_range,
    whatif_figures,
    whatif_state,
)

__all__ = [
    "PrivacyExplorer",
    "ThresholdExplorer",
    "WhatIfExplorer",
    "confusion_counts",
    "epsilon_grid",
    "group_metrics",
    "laplace_mechanism",
    "laplace_scale",
    "logistic",
    "metrics_at",
    "privacy_figures",
    "privacy_state",
    "published_answers",
    "show_privacy_explorer",
    "show_threshold_explorer",
    "show_whatif_explorer",
    "slider_range",
    "threshold_grid",
    "threshold_state",
    "whatif_figures",
    "whatif_state",
]
