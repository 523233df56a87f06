"""The youth workshops' card activities in the static book: by touch on a tablet, by mouse drag,
by keyboard; big targets, no typing, nothing stored, offline, accessible; card sheets that print.

Builds a fixture book with the course's real configuration (one page per activity kind, one card
sheet) and drives it in headless Chromium.
"""

from __future__ import annotations

import re

import pytest

from conftest import MYST_PAGE_HEADER, axe_serious_violations, build_fixture_book, serving
from raicourse.activities import card_sheet_html, guess, load_activity
from raicourse.i18n import t

pytestmark = pytest.mark.browser

TABLET = {"viewport": {"width": 768, "height": 1024}, "has_touch": True, "is_mobile": True}
A4_ONE_CM = {"format": "A4", "margin": {side: "1cm" for side in ("top", "right", "bottom", "left")}}


def _page(title: str, code: str) -> str:
    return f"{MYST_PAGE_HEADER}\n# {title}\n\n```{{code-cell}} ipython3\n:tags: [remove-input]\n{code}\n```\n"


@pytest.fixture(scope="module")
def activity_url(tmp_path_factory):
    book = build_fixture_book(tmp_path_factory.mktemp("activity-book"), {
        "teach": _page("Teach", 'from raicourse.activities import show_activity\nshow_activity("fruit_robot")'),
        "sort": _page("Sort", 'from raicourse.activities import show_activity\nshow_activity("my_data")'),
        "sheet": _page("Cards", 'from raicourse.activities import show_card_sheet\nshow_card_sheet("fruit_robot")'),
    })
    with serving(book) as url:
        yield url


def words(key: str, **fields) -> str:
    return t(key, "en", **fields)


def open_activity(browser, url: str, stem: str, **options):
    context = browser.new_context(**(options or TABLET))
    page = context.new_page()
    errors, requests = [], []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{url}/book/{stem}.html", wait_until="networkidle")
    page.locator(".raicourse-activity .ra-status").wait_for(state="attached", timeout=15000)
    return context, page, errors, requests


def card(page, activity: str, card_id: str):
    return page.locator(f'.ra-card[data-card="{card_id}"]')


def put_button(page, activity: str, box: str):
    return page.get_by_role("button", name=words("activity.put_here", box=words(f"activities.{activity}.box.{box}")))


def test_a_child_sorts_by_tapping_and_the_robot_guesses_with_its_reason(browser, activity_url):
    context, page, errors, requests = open_activity(browser, activity_url, "teach")
    activity = load_activity("fruit_robot")
    assert page.locator(".raicourse-fallback").count() == 0
    assert words("activity.teach_wait") in page.locator(".ra-result").inner_text()
    sorted_boxes = {}
    for example in activity.cards:
        box = "ripe" if example.features["colour"] == "red" else "not_ripe"
        card(page, "fruit_robot", example.id).tap()
        assert card(page, "fruit_robot", example.id).get_attribute("aria-pressed") == "true"
        put_button(page, "fruit_robot", box).tap()
        sorted_boxes[example.id] = box
        assert page.locator(f'.ra-box[data-box="{box}"] .ra-card[data-card="{example.id}"]').count() == 1
    assert page.locator(".ra-status").inner_text() == words(
        "activity.placed", card=words(f"activities.fruit_robot.card.{example.id}"),
        box=words(f"activities.fruit_robot.box.{box}"))
    # Every example sorted: the robot guesses each new card as raicourse.activities.guess does.
    for new in activity.new_cards:
        expected_box, example_id, _ = guess(activity, sorted_boxes, new.id)
        item = page.locator(f'.ra-guess[data-card="{new.id}"]')
        assert item.get_attribute("data-guess") == expected_box
        assert words(f"activities.fruit_robot.card.{example_id}") in item.locator(".ra-because").inner_text()
    assert page.locator('.ra-guess[data-card="granny"]').get_attribute("data-guess") == "not_ripe"
    assert errors == [] and [r for r in requests if not r.startswith(activity_url)] == []
    context.close()


def test_cards_move_by_mouse_drag_too(browser, activity_url):
    context, page, errors, _ = open_activity(browser, activity_url, "sort", viewport={"width": 1280, "height": 900})
    source = card(page, "my_data", "password").bounding_box()
    target = page.locator('.ra-box[data-box="secret"]').bounding_box()
    page.mouse.move(source["x"] + source["width"] / 2, source["y"] + source["height"] / 2)
    page.mouse.down()
    page.mouse.move(source["x"] + 40, source["y"] + 40, steps=4)
    page.mouse.move(target["x"] + target["width"] / 2, target["y"] + 30, steps=8)
    page.mouse.up()
    assert page.locator('.ra-box[data-box="secret"] .ra-card[data-card="password"]').count() == 1
    assert page.locator(".ra-ghost").count() == 0
    assert errors == []
    context.close()


def test_the_keyboard_plays_the_whole_sort_and_check_explains_each_card(browser, activity_url):
    context, page, errors, _ = open_activity(browser, activity_url, "sort", viewport={"width": 1280, "height": 900})
    activity = load_activity("my_data")
    check = page.get_by_role("button", name=words("activity.check"))
    assert check.is_disabled()
    for index, item in enumerate(activity.cards):
        box = "everyone" if index == 0 else item.box  # one card in a wrong box on purpose
        card(page, "my_data", item.id).focus()
        page.keyboard.press("Enter")
        put_button(page, "my_data", box).focus()
        page.keyboard.press("Enter")
    check.focus()
    page.keyboard.press("Enter")
    total = len(activity.cards)
    assert page.locator(".ra-score").inner_text() == words("activity.score", right=total - 1, total=total)
    wrong = page.locator(".ra-reasons li.ra-wrong")
    assert wrong.count() == 1 and words("activities.my_data.why.password") in wrong.inner_text()
    page.get_by_role("button", name=words("activity.reset")).click()
    assert page.locator(".ra-pile .ra-card").count() == total
    assert errors == []
    context.close()


@pytest.mark.parametrize("stem", ["teach", "sort"])
def test_targets_are_big_nothing_asks_for_typing_and_nothing_is_stored(browser, activity_url, stem):
    context, page, errors, _ = open_activity(browser, activity_url, stem)
    small = page.eval_on_selector_all(
        ".raicourse-activity button",
        "buttons => buttons.map(b => b.getBoundingClientRect()).filter(r => r.width < 44 || r.height < 44).length")
    assert small == 0
    assert page.locator(".raicourse-activity input, .raicourse-activity textarea, .raicourse-activity [contenteditable]").count() == 0
    stored = "() => [Object.entries(localStorage), Object.entries(sessionStorage), document.cookie]"
    before = page.evaluate(stored)  # the theme's own light/dark choice, if any
    first = page.locator(".ra-pile .ra-card").first
    first.tap()
    page.locator(".ra-put").first.tap()
    assert page.evaluate(stored) == before
    assert errors == []
    context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_serious_accessibility_violation(browser, activity_url, theme):
    context, page, _, _ = open_activity(browser, activity_url, "sort")
    page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
    page.locator(".ra-pile .ra-card").first.tap()
    assert axe_serious_violations(page) == []
    context.close()


def test_the_card_sheet_prints_on_one_a4_page_in_black_and_white_with_nothing_cut_off(browser, activity_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{activity_url}/book/sheet.html", wait_until="networkidle")
    pdf = page.pdf(print_background=False, **A4_ONE_CM)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1
    page.emulate_media(media="print")
    overflow = page.evaluate("""() => {
      const sheet = document.querySelector('.ra-sheet');
      const cards = [...sheet.querySelectorAll('.ra-sheet-card')];
      return cards.filter(c => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1).length
        + (sheet.scrollWidth > sheet.clientWidth + 1 ? 1 : 0);
    }""")
    assert overflow == 0
    activity = load_activity("fruit_robot")
    assert page.locator(".ra-sheet-card").count() == len(activity.cards) + len(activity.new_cards) + len(activity.boxes)
    assert card_sheet_html("fruit_robot", "en").count("ra-sheet-card") == page.locator(".ra-sheet-card").count()
    context.close()


def _youth_print_pages() -> list[str]:
    from conftest import REPO

    toc = (REPO / "_toc.yml").read_text(encoding="utf-8")
    return sorted(set(re.findall(r"file: (book/youth/\w+_print)\b", toc)))


@pytest.mark.parametrize("docname", _youth_print_pages())
def test_a_workshops_materials_print_as_a_summary_page_then_one_page_per_card_sheet(new_page, book_url, docname):
    """What a volunteer prints: the one-page summary, then each card sheet on its own A4 page, nothing cut off."""
    page, record = new_page("desktop")
    page.goto(f"{book_url}/{docname}.html", wait_until="networkidle")
    sheets = page.locator(".ra-sheet").count()
    assert page.locator(".ra-summary").count() == 1 and sheets >= 1
    pdf = page.pdf(print_background=False, **A4_ONE_CM)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1 + sheets
    page.emulate_media(media="print")
    cut = page.evaluate("""() => [...document.querySelectorAll('.ra-summary, .ra-sheet, .ra-sheet-card')]
        .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length""")
    assert cut == 0
    assert record.external_requests == []
