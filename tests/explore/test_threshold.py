"""The threshold explorer's precomputed counts and figures match direct computations."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from fairlearn.metrics import demographic_parity_difference, equal_opportunity_difference, equalized_odds_difference

from raicourse._widget import STATIC_ENV
from raicourse.explore import ThresholdExplorer, metrics_at, show_threshold_explorer, threshold_grid, threshold_state


@pytest.fixture(scope="module")
def people() -> pd.DataFrame:
    """Seeded toy data: group B's scores are shifted down, as a biased model would do."""
    rng = np.random.default_rng(7)
    n = 600
    group = rng.choice(["Group A", "Group B"], n, p=[0.6, 0.4])
    qualified = rng.random(n) < 0.45
    scores = np.clip(rng.normal(0.45 + 0.25 * qualified - 0.12 * (group == "Group B"), 0.15), 0, 1).round(2)
    return pd.DataFrame({"score": scores, "qualified": qualified.astype(int), "group": group})


def test_grid_values_are_exact_hundredths():
    grid = threshold_grid()
    assert len(grid) == 101 and grid[0] == 0.0 and grid[-1] == 1.0
    assert grid[29] == 0.29 and grid[57] == 0.57


@pytest.mark.parametrize("index", [0, 29, 50, 57, 73, 100])
def test_counts_at_a_threshold_equal_a_direct_pandas_count(people, index):
    state = threshold_state("score", "qualified", "group", data=people)
    threshold = state["grid"][index]
    for entry in state["groups"]:
        rows = people[people["group"] == entry["name"]]
        selected = rows["score"] >= threshold
        positive = rows["qualified"] == 1
        assert entry["tp"][index] == int((selected & positive).sum())
        assert entry["fp"][index] == int((selected & ~positive).sum())
        assert entry["tn"][index] == int((~selected & ~positive).sum())
        assert entry["fn"][index] == int((~selected & positive).sum())


def test_a_score_equal_to_the_threshold_is_selected():
    state = threshold_state([0.29, 0.3], [1, 1], ["a", "a"])
    assert state["groups"][0]["tp"][29] == 2 and state["groups"][0]["tp"][30] == 1


def test_arrays_and_data_frame_give_the_same_state(people):
    from_frame = threshold_state("score", "qualified", "group", data=people)
    from_arrays = threshold_state(people["score"].to_numpy(), people["qualified"].tolist(), people["group"])
    assert from_frame == from_arrays


@pytest.mark.parametrize("thresholds", [{"Group A": 0.5, "Group B": 0.5}, {"Group A": 0.55, "Group B": 0.41}])
def test_figures_and_gaps_match_fairlearn(people, thresholds):
    state = threshold_state("score", "qualified", "group", data=people)
    figures = metrics_at(state, thresholds)
    predicted = (people["score"] >= people["group"].map(thresholds)).astype(int)
    arguments = {"y_true": people["qualified"], "y_pred": predicted, "sensitive_features": people["group"]}
    assert figures["dp"] == pytest.approx(demographic_parity_difference(**arguments))
    assert figures["eo"] == pytest.approx(equal_opportunity_difference(**arguments))
    assert figures["eodds"] == pytest.approx(equalized_odds_difference(**arguments))
    for name, rows in people.groupby("group"):
        chosen = predicted[rows.index] == 1
        assert figures["groups"][name]["selection_rate"] == pytest.approx(chosen.mean())
        assert figures["groups"][name]["accuracy"] == pytest.approx((chosen == (rows["qualified"] == 1)).mean())
        assert figures["groups"][name]["ppv"] == pytest.approx(rows["qualified"][chosen].mean())


def test_undefined_rates_are_nan_not_errors():
    state = threshold_state([0.2, 0.8], [0, 0], ["a", "a"])
    figures = metrics_at(state, {"a": 0.9})
    assert math.isnan(figures["groups"]["a"]["tpr"]) and math.isnan(figures["groups"]["a"]["ppv"])
    assert figures["groups"]["a"]["fpr"] == 0


def test_categorical_groups_keep_their_declared_order(people):
    ordered = people.assign(group=pd.Categorical(people["group"], categories=["Group B", "Group A"]))
    state = threshold_state("score", "qualified", "group", data=ordered)
    assert [entry["name"] for entry in state["groups"]] == ["Group B", "Group A"]


@pytest.mark.parametrize(
    ("scores", "outcomes", "groups", "message"),
    [
        ([0.1, 0.2], [1], ["a", "a"], "same length"),
        ([0.1, 1.2], [1, 0], ["a", "a"], "between 0 and 1"),
        ([0.1, float("nan")], [1, 0], ["a", "a"], "between 0 and 1"),
        ([0.1, 0.2], [1, 2], ["a", "a"], "0 or 1"),
        ([0.1, 0.2], ["yes", "no"], ["a", "a"], "0 or 1"),
        ([0.1, 0.2], [1, 0], ["a", None], "groups"),
        ([0.1] * 7, [1] * 7, list("abcdefg"), "groups"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(monkeypatch, scores, outcomes, groups, message):
    monkeypatch.setenv("RAICOURSE_LANG", "en")
    with pytest.raises(ValueError, match=message):
        threshold_state(scores, outcomes, groups)


def test_widget_syncs_thresholds_and_reports_metrics(people):
    explorer = ThresholdExplorer("score", "qualified", "group", data=people, threshold=0.6, language="fr")
    assert explorer.thresholds == {"Group A": 0.6, "Group B": 0.6}
    explorer.thresholds = {"Group A": 0.6, "Group B": 0.45}
    table = explorer.metrics()
    assert list(table.index) == ["Group A", "Group B"]
    assert table.loc["Group B", "threshold"] == 0.45
    rows = people[people["group"] == "Group B"]
    assert table.loc["Group B", "selection_rate"] == pytest.approx((rows["score"] >= 0.45).mean())
    assert explorer.gaps()["demographic_parity_difference"] >= 0
    assert explorer.strings["fr"]["same_threshold"].startswith("Même")


def test_widget_html_holds_its_state_and_a_readable_table(people):
    explorer = ThresholdExplorer("score", "qualified", "group", data=people, language="en")
    markup = explorer._repr_mimebundle_()[0]["text/html"]
    assert 'data-raicourse-module="raicourse-explore-threshold.js"' in markup
    assert 'data-raicourse-css="raicourse-explore.css"' in markup
    assert "<table>" in markup and "Selection rate" in markup
    state_text = markup.split('class="raicourse-state">', 1)[1].split("</script>", 1)[0]
    assert json.loads(state_text)["thresholds"] == {"Group A": 0.5, "Group B": 0.5}


def test_group_names_are_escaped_in_the_fallback():
    explorer = ThresholdExplorer([0.1, 0.9], [0, 1], ["<b>x</b>", "<b>x</b>"], language="en")
    assert "<b>x</b>" not in explorer.fallback_html() and "&lt;b&gt;x&lt;/b&gt;" in explorer.fallback_html()
    assert "<b>" not in explorer.to_static_html().split("raicourse-state")[1].split("</script>")[0]


def test_show_in_the_book_build_creates_no_widget(monkeypatch, people):
    shown = []
    monkeypatch.setenv(STATIC_ENV, "1")
    monkeypatch.setattr("raicourse._widget.display_static", shown.append)
    monkeypatch.setattr("raicourse.explore._common.display_static", shown.append)
    created = []
    monkeypatch.setattr(ThresholdExplorer, "__init__", lambda *a, **k: created.append(a))
    show_threshold_explorer("score", "qualified", "group", data=people)
    assert created == [] and len(shown) == 1
    assert 'data-raicourse-module="raicourse-explore-threshold.js"' in shown[0]
    assert '"language":"en"' in shown[0]  # a static page holds its build's language only


def test_the_course_hiring_data_feeds_the_explorer():
    from raicourse.data import load_hiring

    hiring = load_hiring()
    state = threshold_state("model_score", "qualified", "group", data=hiring)
    # The data set's own `selected` column is the model's decision at 0.5.
    for entry in state["groups"]:
        rows = hiring[hiring["group"] == entry["name"]]
        assert entry["tp"][50] + entry["fp"][50] == int(rows["selected"].sum())


def test_a_lesson_can_open_it_with_one_slider_per_group():
    """The fairness_mitigation notebook asks the learner to move each group's threshold:
    its explorer opens with the "same threshold" box unticked."""
    scores, y_true, group = [0.2, 0.8, 0.6, 0.4], [0, 1, 1, 0], ["A", "A", "B", "B"]
    assert threshold_state(scores, y_true, group)["same_threshold"] is True
    assert threshold_state(scores, y_true, group, same_threshold=False)["same_threshold"] is False
    assert ThresholdExplorer(scores, y_true, group, same_threshold=False).same_threshold is False
