"""The explorables work in the static book: keyboard, figures, summary, offline, accessible.

Builds a fixture book with the course's real configuration and one page per explorable,
then drives them in headless Chromium: arrow keys move a slider, the figures and the
text summary (an aria-live region) change, and the page makes no external request,
logs no console error and has no serious axe violation, in both themes and viewports.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MYST_PAGE_HEADER, axe_serious_violations, build_fixture_book, serving

pytestmark = pytest.mark.browser

# Seeded toy data: group B's scores are shifted down, as a biased model's would be.
TOY_DATA = """
import numpy as np
import pandas as pd
rng = np.random.default_rng(7)
n = 600
group = rng.choice(["Group A", "Group B"], n, p=[0.6, 0.4])
qualified = rng.random(n) < 0.45
score = np.clip(rng.normal(0.45 + 0.25 * qualified - 0.12 * (group == "Group B"), 0.15), 0, 1).round(2)
people = pd.DataFrame({"score": score, "qualified": qualified.astype(int), "group": group})
"""

PAGE_HEADER = MYST_PAGE_HEADER

THRESHOLD_PAGE = f"""{PAGE_HEADER}
# Threshold

```{{code-cell}} ipython3
:tags: [remove-input]
{TOY_DATA}
from raicourse.explore import show_threshold_explorer
show_threshold_explorer("score", "qualified", "group", data=people)
```
"""

PRIVACY_PAGE = f"""{PAGE_HEADER}
# Privacy

```{{code-cell}} ipython3
:tags: [remove-input]
from raicourse.explore import show_privacy_explorer
show_privacy_explorer(120)
```
"""


@pytest.fixture(scope="module")
def explore_book(tmp_path_factory) -> Path:
    return build_fixture_book(tmp_path_factory.mktemp("explore-book"), {"threshold": THRESHOLD_PAGE, "privacy": PRIVACY_PAGE})


@pytest.fixture(scope="module")
def explore_url(explore_book):
    with serving(explore_book) as url:
        yield url


def open_explorable(new_page, url: str, kind: str, viewport: str = "desktop", **options):
    page, record = new_page(viewport, **options)
    page.goto(f"{url}/book/{kind}.html", wait_until="networkidle")
    page.locator(f".rx-{kind} .rx-summary").wait_for(state="visible", timeout=15000)
    return page, record


def page_is_clean(record) -> None:
    assert record.external_requests == []
    assert record.page_errors == []
    assert record.console_errors == []


def test_static_page_embeds_no_widget_state_and_no_html_manager(explore_book):
    markup = (explore_book / "book" / "threshold.html").read_text(encoding="utf-8")
    assert "raicourse-mount.js" in markup
    assert "widget-state+json" not in markup and "embed-amd.js" not in markup


def test_threshold_slider_moves_with_the_keyboard_and_figures_follow(new_page, explore_url):
    page, record = open_explorable(new_page, explore_url, "threshold")
    widget = page.locator(".rx-threshold")
    assert widget.locator(".raicourse-fallback").count() == 0
    summary = widget.locator(".rx-summary")
    assert summary.get_attribute("aria-live") == "polite" and summary.get_attribute("role") == "status"
    shared = widget.get_by_role("slider", name="Threshold for every group", exact=True)
    assert shared.get_attribute("type") == "range"
    assert shared.get_attribute("aria-valuetext") == "threshold 0.50"
    before_summary = summary.inner_text()
    before_dp = widget.locator('[data-gap="dp"]').inner_text()
    assert "With the same threshold 0.50 for every group" in before_summary

    shared.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    assert shared.get_attribute("aria-valuetext") == "threshold 0.60"
    after_summary = summary.inner_text()
    assert "0.60" in after_summary and after_summary != before_summary
    assert widget.locator('[data-gap="dp"]').inner_text() != before_dp
    assert page.locator(".rx-table td").first.inner_text() == "0.60"
    page_is_clean(record)


def test_threshold_figures_equal_the_python_computation(new_page, explore_url):
    """The front-end's rates at a threshold equal raicourse.explore.metrics_at on the same state."""
    from raicourse.explore import metrics_at
    from raicourse.i18n import t

    page, _ = open_explorable(new_page, explore_url, "threshold")
    state = json.loads(page.evaluate("document.querySelector('.raicourse-state').textContent"))
    page.get_by_role("checkbox", name="Same threshold for every group").uncheck()
    group_b = page.get_by_role("slider", name="Threshold for Group B", exact=True)
    group_b.focus()
    for _ in range(8):
        page.keyboard.press("ArrowLeft")
    assert group_b.get_attribute("aria-valuetext") == "threshold 0.42"
    expected = metrics_at(state, {"Group A": 0.5, "Group B": 0.42})
    rows = page.locator(".rx-table tbody tr")
    selection_row = rows.filter(has=page.locator("th", has_text="Selection rate"))
    cells = selection_row.locator("td").all_inner_texts()
    assert cells == [f"{round(100 * expected['groups'][name]['selection_rate'])}%" for name in ("Group A", "Group B")]
    assert page.locator('[data-gap="dp"]').inner_text() == f"{expected['dp']:.2f}"
    rates = {name: figures["selection_rate"] for name, figures in expected["groups"].items()}
    most, least = max(rates, key=rates.get), min(rates, key=rates.get)
    sentence = t(
        "explore.threshold_summary_each", "en",
        most=most, least=least,
        most_threshold=f"{expected['groups'][most]['threshold']:.2f}",
        least_threshold=f"{expected['groups'][least]['threshold']:.2f}",
        most_rate=f"{round(100 * rates[most])}%", least_rate=f"{round(100 * rates[least])}%",
        dp=f"{expected['dp']:.2f}",
    )
    assert page.locator(".rx-summary").inner_text().startswith(sentence)


def test_toggle_brings_back_one_threshold_for_all(new_page, explore_url):
    page, _ = open_explorable(new_page, explore_url, "threshold")
    toggle = page.get_by_role("checkbox", name="Same threshold for every group")
    toggle.uncheck()
    assert page.get_by_role("slider", name="Threshold for every group", exact=True).is_hidden()
    page.get_by_role("slider", name="Threshold for Group A", exact=True).focus()
    page.keyboard.press("End")
    assert page.get_by_role("slider", name="Threshold for Group A", exact=True).get_attribute("aria-valuetext") == "threshold 1.00"
    toggle.focus()
    page.keyboard.press("Space")
    assert toggle.is_checked()
    assert page.get_by_role("slider", name="Threshold for every group", exact=True).get_attribute("aria-valuetext") == "threshold 1.00"
    assert page.locator(".rx-table td").nth(1).inner_text() == "1.00"


def test_privacy_slider_moves_with_the_keyboard_and_figures_follow(new_page, explore_url):
    page, record = open_explorable(new_page, explore_url, "privacy")
    widget = page.locator(".rx-privacy")
    summary = widget.locator(".rx-summary")
    assert summary.get_attribute("aria-live") == "polite"
    slider = widget.get_by_role("slider", name="Privacy budget ε (epsilon): smaller means more privacy and more noise", exact=True)
    assert slider.get_attribute("aria-valuetext") == "epsilon 1"
    assert "With ε = 1, the noise scale is 1" in summary.inner_text()
    bar_heights = lambda: page.eval_on_selector_all(".rx-privacy .rx-bar", "bars => bars.map(b => b.getAttribute('height'))")  # noqa: E731
    before_bars = bar_heights()

    slider.focus()
    for _ in range(10):  # ten steps of a tenth of a decade: epsilon 1 -> 0.1
        page.keyboard.press("ArrowLeft")
    assert slider.get_attribute("aria-valuetext") == "epsilon 0.1"
    assert "With ε = 0.1, the noise scale is 10" in summary.inner_text()
    assert widget.locator('[data-figure="error"]').inner_text() == "± 10"
    assert widget.locator('[data-figure="factor"]').inner_text() == "× 1.11"
    assert bar_heights() != before_bars
    assert widget.locator(".rx-outside").is_visible()  # at scale 10 some answers leave the ±20 chart
    page.keyboard.press("End")
    assert slider.get_attribute("aria-valuetext") == "epsilon 10"
    assert "22026" in widget.locator(".rx-risk").inner_text()
    page_is_clean(record)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["threshold", "privacy"])
def test_explorables_are_clean_and_accessible(new_page, explore_url, kind, theme, viewport):
    page, record = open_explorable(new_page, explore_url, kind, viewport, color_scheme=theme)
    assert page.evaluate("document.documentElement.dataset.theme") == theme
    if kind == "threshold":
        page.get_by_role("checkbox", name="Same threshold for every group").uncheck()  # audit the per-group sliders too
        page.locator(".rx-definitions summary").click()
    # Nothing sticks out sideways on a phone.
    overflow = page.evaluate("document.querySelector('.raicourse-explore').scrollWidth - document.querySelector('.raicourse-explore').clientWidth")
    assert overflow <= 1
    # Checked before the audit: axe itself re-fetches stylesheets and logs a 404 for one
    # that a theme file @imports by a relative path.
    page_is_clean(record)
    violations = axe_serious_violations(page)
    assert violations == [], f"{kind} ({theme}, {viewport}):\n" + "\n".join(violations)


def test_french_strings_and_decimal_comma(new_page, explore_url):
    """With language "fr" the module speaks French and writes 0,1 (not 0.1). A static page holds
    its own language's strings only (here English): the French ones are given as a French page has them."""
    from raicourse.explore._common import explore_strings

    page, record = open_explorable(new_page, explore_url, "privacy")
    summary = page.evaluate(
        """async (french) => {
            const state = JSON.parse(document.querySelector('.raicourse-state').textContent);
            state.language = 'fr';
            state.strings = { fr: french };
            state.epsilon = 0.1;
            const model = { get: (name) => state[name], set() {}, on() {}, off() {}, save_changes() {} };
            const module = await import(new URL('_static/raicourse-explore-privacy.js', document.baseURI.replace(/book\\/[^/]*$/, '')).href);
            const el = document.createElement('div');
            document.body.append(el);
            module.default.render({ model, el });
            return el.querySelector('.rx-summary').textContent;
        }""",
        explore_strings()["fr"],
    )
    assert summary.startswith("Avec ε = 0,1, l'échelle du bruit est 10")
    page_is_clean(record)
