"""The what-if explorer works in the static book: keyboard sliders, score, summary, offline, accessible.

Builds a fixture book with the course's real configuration and one page holding the
explorer on a logistic regression of the course loans data, then drives it in headless
Chromium: arrow keys move a slider, the score, the points and the text summary (an
aria-live region) change and equal Python's computation, and the page makes no external
request, logs no console error and has no serious axe violation, in both themes and viewports.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MYST_PAGE_HEADER, axe_serious_violations, build_fixture_book, serving

pytestmark = pytest.mark.browser

MODEL = """
from sklearn.linear_model import LogisticRegression
from raicourse.data import load_loans
loans = load_loans()
loans["income_k"] = loans["income"] / 1000
loans["loan_k"] = loans["loan_amount"] / 1000
FEATURES = ["income_k", "loan_k", "credit_history_years", "age"]
model = LogisticRegression(max_iter=1000).fit(loans[FEATURES], loans["approved"])
LABELS = {"income_k": "Income (k€)", "loan_k": "Loan (k€)", "credit_history_years": "Credit history (years)", "age": "Age"}
person = loans.set_index("application_id").loc[2729]
"""

PAGE = MYST_PAGE_HEADER + f"""
# What if

```{{code-cell}} ipython3
:tags: [remove-input]
{MODEL}
from raicourse.explore import show_whatif_explorer
show_whatif_explorer(model, person, data=loans[FEATURES], labels=LABELS)
```
"""


@pytest.fixture(scope="module")
def whatif_book(tmp_path_factory) -> Path:
    return build_fixture_book(tmp_path_factory.mktemp("whatif-book"), {"whatif": PAGE})


@pytest.fixture(scope="module")
def whatif_url(whatif_book):
    with serving(whatif_book) as url:
        yield url


def open_whatif(new_page, url: str, viewport: str = "desktop", **options):
    page, record = new_page(viewport, **options)
    page.goto(f"{url}/book/whatif.html", wait_until="networkidle")
    page.locator(".rx-whatif .rx-summary").wait_for(state="visible", timeout=15000)
    return page, record


def page_state(page) -> dict:
    return json.loads(page.evaluate("document.querySelector('.raicourse-state').textContent"))


def page_is_clean(record) -> None:
    assert record.external_requests == []
    assert record.page_errors == []
    assert record.console_errors == []


def test_static_page_embeds_no_widget_state_and_no_html_manager(whatif_book):
    markup = (whatif_book / "book" / "whatif.html").read_text(encoding="utf-8")
    assert "raicourse-mount.js" in markup and "raicourse-explore-whatif.js" in markup
    assert "widget-state+json" not in markup and "embed-amd.js" not in markup


def test_start_shows_the_applicants_decision_as_python_computes_it(new_page, whatif_url):
    from raicourse.explore import whatif_figures
    from raicourse.explore._whatif import summary_text

    page, record = open_whatif(new_page, whatif_url)
    widget = page.locator(".rx-whatif")
    assert widget.locator(".raicourse-fallback").count() == 0
    state = page_state(page)
    summary = widget.locator(".rx-summary")
    assert summary.get_attribute("aria-live") == "polite" and summary.get_attribute("role") == "status"
    assert summary.inner_text() == summary_text(state, state["values"], "en")
    assert summary.inner_text().endswith(": refused.")
    score = whatif_figures(state, state["values"])["score"]
    assert widget.locator(".rx-score-text").inner_text().startswith(f"Score {score:.2f}: refused")
    page_is_clean(record)


def test_sliders_move_with_the_keyboard_and_figures_follow(new_page, whatif_url):
    from raicourse.explore import whatif_figures
    from raicourse.explore._whatif import summary_text

    page, record = open_whatif(new_page, whatif_url)
    state = page_state(page)
    history = page.get_by_role("slider", name="Credit history (years)", exact=True)
    assert history.get_attribute("type") == "range"
    start = state["values"]["credit_history_years"]
    assert history.get_attribute("aria-valuetext") == f"{start:.0f}"
    before = page.locator(".rx-summary").inner_text()

    history.focus()
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    values = {**state["values"], "credit_history_years": start + 6}
    assert history.get_attribute("aria-valuetext") == f"{start + 6:.0f}"
    after = page.locator(".rx-summary").inner_text()
    assert after != before and after == summary_text(state, values, "en")
    figures = whatif_figures(state, values)
    row = page.locator(".rx-table tbody tr").filter(has=page.locator("th", has_text="Credit history (years)"))
    points = figures["contributions"]["credit_history_years"]
    assert row.locator("td").nth(1).inner_text() == ("+" if points > 0 else "\u2212") + f"{abs(points):.2f}"
    assert page.locator(".rx-score-text").inner_text().startswith(f"Score {figures['score']:.2f}")

    income = page.get_by_role("slider", name="Income (k€)", exact=True)
    income.focus()
    page.keyboard.press("Home")
    assert income.get_attribute("aria-valuetext") == f"{state['features'][0]['min']:.{state['features'][0]['decimals']}f}"
    assert page.locator(".rx-summary").inner_text().endswith(": refused.")
    page_is_clean(record)


def test_reset_button_brings_back_the_applicants_values(new_page, whatif_url):
    page, _ = open_whatif(new_page, whatif_url)
    before = page.locator(".rx-summary").inner_text()
    loan = page.get_by_role("slider", name="Loan (k€)", exact=True)
    loan.focus()
    page.keyboard.press("End")
    assert page.locator(".rx-summary").inner_text() != before
    reset = page.get_by_role("button", name="Back to the applicant's own values")
    reset.focus()
    page.keyboard.press("Enter")
    assert page.locator(".rx-summary").inner_text() == before


def test_bars_carry_text_and_a_pattern_not_only_colour(new_page, whatif_url):
    page, _ = open_whatif(new_page, whatif_url)
    labels = page.eval_on_selector_all(".rx-whatif .rx-chart-value", "nodes => nodes.map(n => n.textContent)")
    assert len(labels) == 4 and all("points" in text for text in labels)
    assert any("pushes the score down" in text for text in labels) and any("pushes the score up" in text for text in labels)
    fills = page.eval_on_selector_all(".rx-whatif .rx-bar-1", "bars => bars.map(b => b.style.fill)")
    assert fills and all(fill.startswith("url(") for fill in fills)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_whatif_is_clean_and_accessible(new_page, whatif_url, theme, viewport):
    page, record = open_whatif(new_page, whatif_url, viewport, color_scheme=theme)
    assert page.evaluate("document.documentElement.dataset.theme") == theme
    overflow = page.evaluate("document.querySelector('.rx-whatif').scrollWidth - document.querySelector('.rx-whatif').clientWidth")
    assert overflow <= 1
    page_is_clean(record)
    violations = axe_serious_violations(page)
    assert violations == [], f"whatif ({theme}, {viewport}):\n" + "\n".join(violations)


def test_french_strings_and_decimal_comma(new_page, whatif_url):
    """With language "fr" the module speaks French and writes 0,44 (not 0.44). A static page holds
    its own language's strings only (here English): the French ones are given as a French page has them."""
    from raicourse.explore._common import explore_strings
    from raicourse.explore._whatif import summary_text

    page, record = open_whatif(new_page, whatif_url)
    state = page_state(page)
    summary = page.evaluate(
        """async (french) => {
            const state = JSON.parse(document.querySelector('.raicourse-state').textContent);
            state.language = 'fr';
            state.strings = { fr: french };
            const model = { get: (name) => state[name], set() {}, on() {}, off() {}, save_changes() {} };
            const module = await import(new URL('_static/raicourse-explore-whatif.js', document.baseURI.replace(/book\\/[^/]*$/, '')).href);
            const el = document.createElement('div');
            document.body.append(el);
            module.default.render({ model, el });
            return el.querySelector('.rx-summary').textContent;
        }""",
        explore_strings()["fr"],
    )
    assert summary == summary_text(state, state["values"], "fr")
    assert summary.startswith("Avec ") and summary.endswith("\u00a0: refusé.") and "le score est de 0," in summary
    page_is_clean(record)
