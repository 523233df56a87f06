"""The French assessment edition in Chromium (``_build/assessment-fr``, made by
``make build-assessment-fr``, which ``make test`` runs).

Every page published in French: no console error, no request leaving 127.0.0.1, axe clean, French
only (record-mode labels included), and a quiz that records instead of checking. That its pages
hold no answer is checked without a browser, with the English edition (``tests/test_editions.py``).
"""

from __future__ import annotations

import pytest

from conftest import REPO, serving
from raicourse.i18n import t
from test_french import ENGLISH_UI, PUBLISHED, french_edition_tests

pytestmark = pytest.mark.browser

HTML = REPO / "_build" / "assessment-fr" / "_build" / "html"
#: English labels of record mode, on top of the learner edition's.
ENGLISH_RECORD_UI = ["Submit my answers", "Answer recorded", "Assessment:", "your trainer"]


@pytest.fixture(scope="module")
def assessment_url():
    if not (HTML / "book" / "intro.html").exists():
        pytest.fail(f"No French assessment edition in {HTML}: run `make build-assessment-fr` (make test runs it).")
    with serving(HTML) as url:
        yield url


test_page_loads_cleanly_on_a_phone, test_page_has_no_serious_accessibility_violation, test_page_is_french_only = \
    french_edition_tests("assessment_url", PUBLISHED, ENGLISH_UI + ENGLISH_RECORD_UI)


def test_a_french_quiz_records_by_keyboard_without_telling_whether_it_is_right(new_page, assessment_url):
    page, record = new_page("desktop")
    page.goto(f"{assessment_url}/book/innovation/what_is_ai.html", wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz.rq-record")
    quiz = page.locator(".raicourse-quiz")
    assert quiz.locator(".rq-check, .rq-reveal, .rq-retry, .rq-reset").count() == 0
    assert t("quiz.submit", "fr") in quiz.inner_text()
    field = quiz.locator("fieldset[id$='-accuracy-by-hand'] input").first
    field.focus()
    page.keyboard.type("0,75")
    page.keyboard.press("Enter")  # Enter checks nothing in record mode
    submit = page.get_by_role("button", name=t("quiz.submit", "fr"))
    submit.focus()
    page.keyboard.press("Enter")
    announced = quiz.locator(".rq-footer .rq-announcer").inner_text()
    assert announced.startswith(t("quiz.submit_missing", "fr").split("{")[0].rstrip())
    assert "question 1," not in announced, "the typed decimal comma counts as an answer"
    text = quiz.inner_text()
    assert t("quiz.correct", "fr") not in text and t("quiz.incorrect", "fr") not in text
    assert record.external_requests == []
