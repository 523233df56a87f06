"""The privacy explorer's precomputed answers follow the Laplace mechanism."""

from __future__ import annotations

import math

import numpy as np
import pytest

from raicourse._widget import STATIC_ENV
from raicourse.explore import (
    PrivacyExplorer,
    epsilon_grid,
    laplace_mechanism,
    laplace_scale,
    privacy_figures,
    privacy_state,
    published_answers,
    show_privacy_explorer,
)


def test_epsilon_grid_is_log_spaced_from_001_to_10():
    grid = epsilon_grid()
    assert grid[0] == 0.01 and grid[-1] == 10 and len(grid) == 31
    ratios = np.diff(np.log10(grid))
    assert np.allclose(ratios, 0.1, atol=0.005)  # 3 significant digits
    assert 1.0 in grid and 0.1 in grid


@pytest.mark.parametrize(("sensitivity", "epsilon", "scale"), [(1, 1, 1), (1, 0.1, 10), (2, 0.5, 4), (1, 10, 0.1)])
def test_laplace_scale_is_sensitivity_over_epsilon(sensitivity, epsilon, scale):
    assert laplace_scale(sensitivity, epsilon) == pytest.approx(scale)


@pytest.mark.parametrize(("sensitivity", "epsilon"), [(1, 0), (1, -1), (0, 1), (1, float("inf"))])
def test_nonsense_budgets_are_refused(monkeypatch, sensitivity, epsilon):
    monkeypatch.setenv("RAICOURSE_LANG", "en")
    with pytest.raises(ValueError, match="positive"):
        laplace_scale(sensitivity, epsilon)


def test_state_answers_are_the_true_count_plus_noise_of_scale_sensitivity_over_epsilon():
    state = privacy_state(120, sensitivity=2, draws=300, seed=3)
    noise = np.asarray(published_answers(state)) - 120
    standard = np.random.default_rng(3).laplace(0.0, 1.0, 300)
    for epsilon, row in zip(state["epsilons"], noise, strict=True):
        assert np.allclose(row, (2 / epsilon) * standard, atol=0.002)  # the draws are rounded to 5 decimals
    # The page carries the standard draws once, not one set of answers per epsilon.
    assert "answers" not in state and len(state["noise"]) == 300


def test_mean_absolute_error_is_close_to_the_scale():
    # E|Laplace(0, b)| = b; with 20 000 seeded draws the average is within 3%.
    state = privacy_state(50, epsilons=[0.1, 1.0], draws=20_000, seed=11)
    for epsilon, answers in zip(state["epsilons"], published_answers(state), strict=True):
        assert np.mean(np.abs(np.asarray(answers) - 50)) == pytest.approx(1 / epsilon, rel=0.03)


def test_state_is_seeded_and_starts_on_the_grid():
    first, second = privacy_state(120, seed=5, epsilon=0.9), privacy_state(120, seed=5, epsilon=0.9)
    assert first["noise"] == second["noise"]
    assert first["epsilon"] in first["epsilons"] and first["epsilon"] == 1.0
    assert privacy_state(120, seed=6)["noise"] != first["noise"]


def test_laplace_mechanism_releases_noisy_answers():
    answers = laplace_mechanism(100, 0.5, size=10_000, seed=1)
    assert answers.shape == (10_000,)
    assert np.mean(np.abs(answers - 100)) == pytest.approx(2, rel=0.05)
    assert isinstance(laplace_mechanism(100, 1.0, seed=1), float)


def test_figures_state_the_interval_and_the_risk_bound():
    figures = privacy_figures(math.log(3))
    assert figures["factor"] == pytest.approx(3)
    assert figures["posterior"] == pytest.approx(0.75)
    # 95% of Laplace(0, b) lies within b·ln 20.
    draws = laplace_mechanism(0, math.log(3), size=50_000, seed=2)
    assert np.mean(np.abs(draws) <= figures["interval95"]) == pytest.approx(0.95, abs=0.005)


def test_fallback_says_the_summary_in_the_chosen_language():
    explorer = PrivacyExplorer(120, epsilon=0.1, language="fr")
    text = explorer.fallback_html()
    assert "ε = 0,1" in text and "120" in text and "Risque" in text
    assert explorer.figures()["scale"] == pytest.approx(10)


def test_widget_syncs_epsilon():
    explorer = PrivacyExplorer(120, language="en")
    assert explorer.epsilon == 1.0
    explorer.epsilon = 0.1
    assert explorer.figures()["interval95"] == pytest.approx(10 * math.log(20))


def test_show_in_the_book_build_creates_no_widget(monkeypatch):
    shown = []
    monkeypatch.setenv(STATIC_ENV, "1")
    monkeypatch.setattr("raicourse.explore._common.display_static", shown.append)
    monkeypatch.setattr(PrivacyExplorer, "__init__", lambda *a, **k: pytest.fail("a widget was created"))
    show_privacy_explorer(120, query="How many people ride a bike?")
    assert len(shown) == 1 and "ride a bike" in shown[0]
