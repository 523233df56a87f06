"""The French instructor edition in Chromium (``_build/instructor-fr``, made by
``make build-instructor-fr``, which ``make test`` runs).

Every page of it: loads cleanly on a phone with no request leaving 127.0.0.1, axe clean, and French
only: the lessons' trainers' notes, the trainers' summary box, the "For trainers" pages and what the
book assembles in them (run sheet, handouts, role cards, attendance sheets, answer keys). A page
whose trainers' material is not yet in French is a « pas encore traduite » page there. The French
handouts print one lesson per A4 sheet.
"""

from __future__ import annotations

import pytest

from conftest import REPO, serving
from raicourse.translations import published_trainer_pages
from test_classroom_print import pdf_pages
from test_french import ENGLISH_UI, french_edition_tests, site_pages

pytestmark = pytest.mark.browser

HTML = REPO / "_build" / "instructor-fr" / "_build" / "html"
#: What the instructor edition changes: the root page (its navigation lists the trainers' part), the
#: lessons with their trainers' notes in French, and the trainers' pages (in French or « pas encore
#: traduite »). Its other pages are the French site's, checked by test_french.py.
PAGES = [page for page in site_pages(HTML)
         if page == "book/intro.html" or page.startswith("book/instructor/")
         or page.removesuffix(".html") in published_trainer_pages(REPO)]
#: English labels of the trainers' side (summary box, run sheet, cards, sheets).
ENGLISH_TRAINER_UI = ["For trainers", "Instructor note", "Answer key", "Handout", "Role cards", "Run sheet", "Projector view",
                      "Report a problem", "Homework", "To print", "Planned:", "Break", "Welcome", "Wrap-up", "Group activity",
                      "Presentation and discussion", "Steps:", "Lessons:", "Arrival", "Departure", "Print only", "Session"]


@pytest.fixture(scope="module")
def instructor_fr_url():
    if not (HTML / "book" / "intro.html").exists():
        pytest.fail(f"No French instructor edition in {HTML}: run `make build-instructor-fr` (make test runs it).")
    with serving(HTML) as url:
        yield url


def test_the_trainers_pages_exist_in_french():
    for name in ("guide", "answer_keys", "handouts", "role_cards", "attendance", "rubrics"):
        assert f"book/instructor/{name}.html" in PAGES


test_page_loads_cleanly_on_a_phone, test_page_has_no_serious_accessibility_violation, test_page_is_french_only = \
    french_edition_tests("instructor_fr_url", PAGES, ENGLISH_UI + ENGLISH_TRAINER_UI)


@pytest.mark.skipif("book/instructor/handouts" not in published_trainer_pages(REPO), reason="handouts not yet published in French")
def test_french_handouts_print_one_lesson_per_a4_sheet(new_page, instructor_fr_url):
    page, _ = new_page("desktop")
    page.goto(f"{instructor_fr_url}/book/instructor/handouts.html", wait_until="networkidle")
    handouts = page.locator("section.raicourse-handout").count()
    assert handouts >= 3, "the lessons published in French have their handout"
    assert pdf_pages(page, f"{instructor_fr_url}/book/instructor/handouts.html") == handouts
