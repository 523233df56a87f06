"""The trainers' sheets print as sheets, and the instructor edition's lessons reach the trainers' pages.

Printed to PDF by headless Chromium (A4, 1 cm margins, backgrounds off as in a default print dialog),
then pages counted: one handout, one activity's role cards and one attendance sheet per A4 sheet.
Reads the instructor edition (``_build/instructor/_build/html``, or ``RAICOURSE_INSTRUCTOR_HTML``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, serving
from raicourse.runsheet import run_sheet

pytestmark = pytest.mark.browser

INSTRUCTOR_HTML = Path(os.environ.get("RAICOURSE_INSTRUCTOR_HTML", REPO / "_build" / "instructor" / "_build" / "html"))
SHEETS = run_sheet(REPO)
LESSON_COUNT = sum(len(sheet.lessons) for sheet in SHEETS)
ACTIVITY_COUNT = sum(len(sheet.activities) for sheet in SHEETS)
A4_ONE_CM = {"format": "A4", "margin": {side: "1cm" for side in ("top", "right", "bottom", "left")}}


@pytest.fixture(scope="module")
def instructor_url() -> Iterator[str]:
    if not (INSTRUCTOR_HTML / "index.html").exists():
        pytest.fail(f"No instructor edition in {INSTRUCTOR_HTML}: run `make test` (it builds every edition).")
    with serving(INSTRUCTOR_HTML) as url:
        yield url


def pdf_pages(page, url: str) -> int:
    """Open ``url`` and print it to PDF as a trainer would (backgrounds off); the number of pages."""
    page.goto(url, wait_until="networkidle")
    pdf = page.pdf(print_background=False, **A4_ONE_CM)
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_handouts_print_one_per_a4_sheet(new_page, instructor_url):
    page, _ = new_page("desktop")
    assert LESSON_COUNT == 16
    assert pdf_pages(page, f"{instructor_url}/book/instructor/handouts.html") == LESSON_COUNT


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda sheet: f"session-{sheet.number}")
def test_a_sessions_print_group_prints_only_its_handouts(new_page, instructor_url, sheet):
    page, _ = new_page("desktop")
    url = f"{instructor_url}/book/instructor/handouts.html#session-{sheet.number}"
    assert pdf_pages(page, url) == len(sheet.lessons)
    page.emulate_media(media="print")
    shown = page.eval_on_selector_all(
        "section.raicourse-handout", "sections => sections.filter(s => s.getClientRects().length).map(s => s.id)")
    assert shown == [f"handout-{lesson.stem.replace('_', '-')}" for lesson in sheet.lessons]


def test_the_notes_lines_are_borders_not_a_background(new_page, instructor_url):
    page, _ = new_page("desktop")
    page.goto(f"{instructor_url}/book/instructor/handouts.html", wait_until="networkidle")
    page.emulate_media(media="print")
    notes = page.eval_on_selector_all(
        "section.raicourse-handout .raicourse-handout-notes",
        """boxes => boxes.map(box => ({
            background: getComputedStyle(box).backgroundImage,
            lines: [...box.querySelectorAll('.raicourse-ruled-line')].map(line => getComputedStyle(line).borderBottomStyle),
        }))""",
    )
    assert len(notes) == LESSON_COUNT
    for box in notes:
        assert box["background"] == "none"
        assert len(box["lines"]) >= 4 and set(box["lines"]) == {"solid"}


def test_role_cards_print_one_activity_per_sheet(new_page, instructor_url):
    page, _ = new_page("desktop")
    assert ACTIVITY_COUNT == LESSON_COUNT
    assert pdf_pages(page, f"{instructor_url}/book/instructor/role_cards.html") == ACTIVITY_COUNT
    cards = page.eval_on_selector_all(".raicourse-role-card", "cards => cards.length")
    assert cards == sum(len(activity.roles) for sheet in SHEETS for _, activity in sheet.activities)


def test_attendance_sheets_print_one_per_session(new_page, instructor_url):
    page, _ = new_page("desktop")
    assert pdf_pages(page, f"{instructor_url}/book/instructor/attendance.html") == len(SHEETS)


def test_every_session_has_a_run_sheet_with_clock_times(new_page, instructor_url):
    page, _ = new_page("desktop")
    page.goto(f"{instructor_url}/book/instructor/guide.html", wait_until="networkidle")
    for sheet in SHEETS:
        rows = page.eval_on_selector_all(
            f"#run-sheet-{sheet.number} tbody tr", "rows => rows.map(r => r.cells[0].textContent.trim())")
        assert rows == [f"{block.start}–{block.end}" for block in sheet.blocks]


@pytest.mark.parametrize("lesson", [lesson for sheet in SHEETS for lesson in sheet.lessons], ids=lambda lesson: lesson.stem)
def test_a_lessons_trainer_summary_links_to_pages_that_hold_its_targets(new_page, instructor_url, lesson):
    page, _ = new_page("desktop")
    page.goto(f"{instructor_url}/{lesson.docname}.html", wait_until="networkidle")
    links = page.eval_on_selector_all(".raicourse-trainer-summary a", "links => links.map(a => [a.textContent, a.href])")
    names = [name for name, _ in links]
    assert names == ["Instructor note", "Answer key", "Handout", "Role cards", "Run sheet", "Projector view", "Report a problem"]
    for name, href in links:
        if name == "Report a problem":
            assert href.startswith("https://github.com/") and "/issues/new?title=" in href
            continue
        target_page, anchor = href.split("#")
        page.goto(target_page, wait_until="domcontentloaded")
        assert page.locator(f"[id='{anchor}']").count() == 1, f"{lesson.stem}: {name} -> {href}"


def test_the_projector_view_hides_trainers_notes_and_enlarges_the_text(new_page, instructor_url):
    page, _ = new_page("desktop")
    lesson = SHEETS[0].lessons[0]
    page.goto(f"{instructor_url}/{lesson.docname}.html", wait_until="networkidle")
    normal = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.bd-article p')).fontSize)")
    assert page.locator(".admonition.instructor").first.is_visible()
    page.click("text=Projector view")
    assert page.url.endswith("#raicourse-projector")
    assert not page.locator(".admonition.instructor").first.is_visible()
    assert not page.locator(".raicourse-trainer-summary").is_visible()
    assert not page.locator(".bd-sidebar-primary").is_visible()
    assert page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.bd-article p')).fontSize)") >= 1.4 * normal
    assert page.locator("text=Key points").first.is_visible()


def test_the_learner_edition_has_no_trainer_summary():
    from conftest import BOOK_HTML

    for sheet in SHEETS:
        for lesson in sheet.lessons:
            page = BOOK_HTML / f"{lesson.docname}.html"
            if not page.exists():
                pytest.fail(f"{page} is missing: run `make test`, which builds every edition")
            source = page.read_text(encoding="utf-8")
            assert "raicourse-trainer-summary" not in source and "raicourse-projector" not in source, lesson.stem


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_lesson_with_its_trainer_summary_has_no_serious_accessibility_violation(new_page, instructor_url, theme):
    from conftest import check_page_accessibility

    check_page_accessibility(new_page, instructor_url, "book/ethics/fairness_metrics.html", theme)
