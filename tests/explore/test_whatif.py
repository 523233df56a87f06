"""The what-if explorer's figures equal the model's own predictions, and its text is right."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression

from raicourse._widget import STATIC_ENV
from raicourse.explore import WhatIfExplorer, logistic, show_whatif_explorer, slider_range, whatif_figures, whatif_state
from raicourse.explore._whatif import _state_from_model, fallback_html, summary_text

FEATURES = ["income_k", "loan_k", "credit_history_years", "age"]


@pytest.fixture(scope="module")
def loans() -> pd.DataFrame:
    from raicourse.data import load_loans

    data = load_loans()
    return data.assign(income_k=data["income"] / 1000, loan_k=data["loan_amount"] / 1000)


@pytest.fixture(scope="module")
def model(loans) -> LogisticRegression:
    return LogisticRegression(max_iter=1000).fit(loans[FEATURES], loans["approved"])


@pytest.fixture(scope="module")
def state(model, loans) -> dict:
    return _state_from_model(model, loans.iloc[3], loans[FEATURES], features=None, labels=None, steps=None,
                             threshold=0.5, title=None, language="en")


def test_logistic_is_the_sigmoid_and_never_overflows():
    assert logistic(0) == 0.5
    assert logistic(2) == pytest.approx(1 / (1 + math.exp(-2)))
    assert logistic(-2) == pytest.approx(1 - logistic(2))
    assert logistic(-1000) == 0.0 and logistic(1000) == 1.0


def test_score_at_the_start_is_the_model_probability(model, loans, state):
    person = loans[FEATURES].iloc[[3]]
    figures = whatif_figures(state, state["values"])
    assert figures["score"] == pytest.approx(model.predict_proba(person)[0, 1], abs=1e-12)
    assert figures["points"] == pytest.approx(model.decision_function(person)[0], abs=1e-10)
    assert figures["approved"] == bool(model.predict(person)[0] == 1)


@pytest.mark.parametrize("changes", [{"income_k": 20.0}, {"credit_history_years": 1.0, "loan_k": 50.0}, {"age": 70.0}])
def test_moving_features_gives_the_model_probability_of_the_changed_person(model, loans, state, changes):
    values = {**state["values"], **changes}
    person = pd.DataFrame([values])[FEATURES]
    assert whatif_figures(state, values)["score"] == pytest.approx(model.predict_proba(person)[0, 1], abs=1e-12)


def test_points_add_up_and_the_average_applicant_has_no_points(state, loans):
    reference = {name: loans[name].mean() for name in FEATURES}
    figures = whatif_figures(state, reference)
    assert all(abs(points) < 1e-9 for points in figures["contributions"].values())
    figures = whatif_figures(state, state["values"])
    assert figures["points"] == pytest.approx(figures["base_points"] + sum(figures["contributions"].values()))


def test_slider_ranges_hold_the_start_on_their_grid(loans):
    for name in FEATURES:
        start = float(loans[name].iloc[3])
        span = slider_range(loans[name], start)
        positions = (start - span["min"]) / span["step"]
        assert abs(positions - round(positions)) < 1e-9, name
        assert span["min"] <= start <= span["max"]
        assert span["min"] <= np.percentile(loans[name], 1) + span["step"]
        assert span["max"] >= np.percentile(loans[name], 99) - span["step"]
    assert slider_range(loans["age"], 30)["step"] == 1  # whole years stay whole
    assert slider_range([0.0, 0.5, 1.0], 0.25)["step"] == pytest.approx(0.01)


def test_summary_sentence_names_values_score_and_decision(state):
    values = {"income_k": 24.0, "loan_k": 30.0, "credit_history_years": 1.0, "age": 22.0}
    sentence = summary_text(state, values, "en")
    digits = {f["name"]: f["decimals"] for f in state["features"]}
    shown = {name: f"{value:.{digits[name]}f}" for name, value in values.items()}
    assert sentence.startswith(
        f"With income_k = {shown['income_k']}, loan_k = {shown['loan_k']}, credit_history_years = 1 and age = 22, the score is "
    )
    assert sentence.endswith(": refused.")
    french = summary_text(state, {**state["values"], "income_k": 40.5, "credit_history_years": 30}, "fr")
    assert french.startswith("Avec income_k = ") and "le score est de 0," in french and " et age = " in french and french.endswith("\u00a0: accordé.")


def test_bad_input_is_refused_with_a_clear_message(monkeypatch):
    monkeypatch.setenv("RAICOURSE_LANG", "en")
    span = {"min": 0, "max": 1, "step": 0.1}
    good = {"coefficients": {"x": 1.0}, "intercept": 0.0, "values": {"x": 0.5}}
    with pytest.raises(ValueError, match="threshold"):
        whatif_state(**good, reference={"x": 0.5}, ranges={"x": span}, threshold=1.5)
    with pytest.raises(ValueError, match="finite"):
        whatif_state({"x": float("nan")}, 0.0, {"x": 0.5}, reference={"x": 0.5}, ranges={"x": span})
    with pytest.raises(ValueError, match="features"):
        whatif_state({}, 0.0, {}, reference={}, ranges={})
    with pytest.raises(ValueError, match="step"):
        slider_range([1, 2, 3], 2, step=0)


def test_widget_syncs_values_and_reports_figures(model, loans):
    explorer = WhatIfExplorer(model, loans.iloc[3], data=loans[FEATURES], language="fr")
    assert explorer.values == {name: float(loans[name].iloc[3]) for name in FEATURES}
    explorer.values = {**explorer.values, "income_k": 20.0}
    person = pd.DataFrame([explorer.values])[FEATURES]
    assert explorer.figures()["score"] == pytest.approx(model.predict_proba(person)[0, 1])
    assert explorer.strings["fr"]["whatif_approved"] == "accordé"


def test_widget_html_holds_its_state_and_a_readable_table(model, loans):
    labels = {"income_k": "Income <k€>"}
    explorer = WhatIfExplorer(model, loans.iloc[3], data=loans[FEATURES], labels=labels, language="en")
    markup = explorer._repr_mimebundle_()[0]["text/html"]
    assert 'data-raicourse-module="raicourse-explore-whatif.js"' in markup
    assert 'data-raicourse-css="raicourse-explore.css"' in markup
    assert "<table>" in markup and "their points, compared with the average applicant" in markup
    assert "Income &lt;k€&gt;" in markup and "Income <k€>" not in markup
    state_text = markup.split('class="raicourse-state">', 1)[1].split("</script>", 1)[0]
    assert "<k€>" not in state_text
    assert json.loads(state_text)["features"][0]["label"] == "Income <k€>"


def test_fallback_shows_signed_points(state):
    markup = fallback_html(state)
    figures = whatif_figures(state, state["values"])
    for name, points in figures["contributions"].items():
        sign = "+" if points >= 0.005 else ("\u2212" if points <= -0.005 else "")
        assert f"<td>{sign}{abs(points):.2f}</td>" in markup, name


def test_show_in_the_book_build_creates_no_widget(monkeypatch, model, loans):
    shown = []
    monkeypatch.setenv(STATIC_ENV, "1")
    monkeypatch.setattr("raicourse.explore._common.display_static", shown.append)
    created = []
    monkeypatch.setattr(WhatIfExplorer, "__init__", lambda *a, **k: created.append(a))
    show_whatif_explorer(model, loans.iloc[3], data=loans[FEATURES])
    assert created == [] and len(shown) == 1
    assert 'data-raicourse-module="raicourse-explore-whatif.js"' in shown[0]
    assert '"language":"en"' in shown[0]  # a static page holds its build's language only
