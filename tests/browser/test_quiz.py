"""The quiz in the built book: every question type, by keyboard, in a desktop and a phone viewport;
progress restored, reset, exported and imported; no external request; axe clean.

The intro page holds one question of each type (bank ``intro``). Hostile and French rendering
are checked on small fixture pages made from the package's own ``text/html`` output and the
built book's ``_static`` folder, so fixtures stay out of the published book.
"""

from __future__ import annotations

import re

import json
from pathlib import Path

import pytest

from conftest import axe_serious_violations, serve_directory

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "quiz" / "fixtures" / "valid"
INTRO = "book/intro.html"
PROGRESS = "book/progress.html"


def question(page, question_id):
    return page.locator(f"fieldset[id$='-{question_id}']")


def open_quiz(new_page, book_url, viewport="desktop", path=INTRO):
    page, record = new_page(viewport)
    page.goto(f"{book_url}/{path}", wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz, .raicourse-progress", timeout=15000)
    return page, record


def feedback(page, question_id):
    return question(page, question_id).locator(".rq-feedback")


def press_check(page):
    """From a choice or input of a question: Tab to its Check button and press Enter."""
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('rq-check')")
    page.keyboard.press("Enter")


def focus_first_input(page, question_id):
    # Equivalent to tabbing into the question: focus only, no click.
    question(page, question_id).locator("input, textarea").first.focus()


def choose(page, question_id, text):
    """Focus the choice whose label is ``text`` and press Space, as a keyboard user does
    (the banks are shuffled, so a test must not rely on a choice's position)."""
    option = question(page, question_id).locator(".rq-option").filter(has_text=re.compile(rf"^\s*{re.escape(text)}\s*$"))
    option.locator("input").focus()
    page.keyboard.press("Space")


def tab_to_check_from_last_choice(page, question_id):
    """Tab from the last choice of a question to its Check button, and press Enter."""
    question(page, question_id).locator(".rq-option input").last.focus()
    press_check(page)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_single_choice_by_keyboard(new_page, book_url, viewport):
    page, record = open_quiz(new_page, book_url, viewport)
    choose(page, "what-is-bias", "Overfitting")  # wrong
    press_check(page)
    text = feedback(page, "what-is-bias").inner_text()
    assert "✗ Not quite." in text and "Overfitting means a model learned" in text
    choose(page, "what-is-bias", "Algorithmic bias")  # right
    press_check(page)
    text = feedback(page, "what-is-bias").inner_text()
    assert "✓ Correct." in text and "Explanation" in text and "systematic difference" in text
    assert question(page, "what-is-bias").locator(".rq-tries").inner_text() == "Tries: 2"
    assert record.page_errors == [] and record.external_requests == []


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_multiple_select_says_what_is_missing_or_extra(new_page, book_url, viewport):
    page, _ = open_quiz(new_page, book_url, viewport)
    choose(page, "personal-data", "A person's email address")  # right, but the location is missing
    choose(page, "personal-data", "The average temperature in Paris last July")  # wrong
    tab_to_check_from_last_choice(page, "personal-data")
    text = feedback(page, "personal-data").inner_text()
    assert "Some right choices are not ticked yet (missing: 1)." in text
    assert "Some ticked choices are wrong (wrong: 1)." in text
    assert "It identifies" not in text and "about a city" not in text, "no per-choice hint gives it away"
    choose(page, "personal-data", "The average temperature in Paris last July")  # untick it
    choose(page, "personal-data", "A phone's location history")  # tick the location
    tab_to_check_from_last_choice(page, "personal-data")
    text = feedback(page, "personal-data").inner_text()
    assert "✓ Correct." in text and "where a phone goes" in text


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_true_false_by_keyboard(new_page, book_url, viewport):
    page, _ = open_quiz(new_page, book_url, viewport)
    choose(page, "ai-act-exists", "False")  # wrong
    press_check(page)
    assert "In fact it does" in feedback(page, "ai-act-exists").inner_text()
    choose(page, "ai-act-exists", "True")
    press_check(page)
    text = feedback(page, "ai-act-exists").inner_text()
    assert "✓ Correct." in text and "Right: the AI Act" in text


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_numeric_with_tolerance_and_decimal_comma(new_page, book_url, viewport):
    page, _ = open_quiz(new_page, book_url, viewport)
    focus_first_input(page, "selection-rate")
    page.keyboard.type("a quarter")
    page.keyboard.press("Enter")
    assert "Please type a number" in feedback(page, "selection-rate").inner_text()
    assert question(page, "selection-rate").locator(".rq-tries").inner_text() == "", "not a try"
    page.keyboard.press("Control+A")
    page.keyboard.type("30")
    page.keyboard.press("Enter")
    assert "✗ Not quite." in feedback(page, "selection-rate").inner_text()
    page.keyboard.press("Control+A")
    page.keyboard.type("0,2504")  # within the tolerance of 0.001, with a French decimal comma
    page.keyboard.press("Enter")
    text = feedback(page, "selection-rate").inner_text()
    assert "✓ Correct." in text and "25 %" in text


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_short_text_is_normalised(new_page, book_url, viewport):
    page, _ = open_quiz(new_page, book_url, viewport)
    focus_first_input(page, "model-card")
    page.keyboard.type("data sheet")
    page.keyboard.press("Enter")
    assert "✗ Not quite." in feedback(page, "model-card").inner_text()
    page.keyboard.press("Control+A")
    page.keyboard.type("  Model-CARD! ")
    page.keyboard.press("Enter")
    assert "✓ Correct." in feedback(page, "model-card").inner_text()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_reflection_shows_the_model_answer(new_page, book_url, viewport):
    page, _ = open_quiz(new_page, book_url, viewport)
    focus_first_input(page, "your-expectations")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # nothing written yet
    assert "Choose or type an answer first." in feedback(page, "your-expectations").inner_text()
    page.keyboard.press("Shift+Tab")
    page.keyboard.type("A translation app could assume genders.")
    press_check(page)
    text = feedback(page, "your-expectations").inner_text()
    assert "A model answer" in text and "translation app may turn a neutral word" in text
    stored = page.evaluate("localStorage.getItem('raicourse:intro:your-expectations')")
    assert "assume genders" in stored


def test_show_the_answer_after_two_tries(new_page, book_url):
    page, _ = open_quiz(new_page, book_url)
    reveal = question(page, "what-is-bias").locator(".rq-reveal")
    focus_first_input(page, "what-is-bias")
    page.keyboard.press("ArrowDown")
    press_check(page)
    assert reveal.is_hidden()
    page.keyboard.press("Enter")  # second try, same wrong answer
    assert reveal.is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    text = feedback(page, "what-is-bias").inner_text()
    assert "Answer shown." in text and "The answer: Algorithmic bias" in text
    retry = question(page, "what-is-bias").locator(".rq-retry")
    assert page.evaluate("document.activeElement.classList.contains('rq-retry')"), "focus stays in the question"
    retry.press("Enter")
    assert feedback(page, "what-is-bias").inner_text() == ""


def test_score_summary(new_page, book_url):
    page, _ = open_quiz(new_page, book_url)
    question(page, "what-is-bias").get_by_label("Algorithmic bias").check()
    question(page, "what-is-bias").locator(".rq-check").click()
    assert page.locator(".rq-score").inner_text() == (
        "Score: 1 of 5 questions answered correctly. Reflections answered: 0 of 1."
    )


def test_reload_restores_and_reset_clears(new_page, book_url):
    page, _ = open_quiz(new_page, book_url)
    question(page, "what-is-bias").get_by_label("Algorithmic bias").check()
    question(page, "what-is-bias").locator(".rq-check").click()
    question(page, "selection-rate").locator("input").fill("0.3")
    question(page, "selection-rate").locator(".rq-check").click()
    page.reload(wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz")
    assert "restored" in page.locator(".rq-notice").inner_text()
    assert question(page, "what-is-bias").get_by_label("Algorithmic bias").is_checked()
    assert "✓ Correct." in feedback(page, "what-is-bias").inner_text()
    assert question(page, "selection-rate").locator("input").input_value() == "0.3"
    assert "✗ Not quite." in feedback(page, "selection-rate").inner_text()
    page.locator(".rq-reset").click()
    assert "cleared" in page.locator(".rq-announcer").inner_text()
    assert not question(page, "what-is-bias").get_by_label("Algorithmic bias").is_checked()
    assert feedback(page, "what-is-bias").inner_text() == ""
    keys = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('raicourse:intro:'))")
    assert keys == []


def test_answers_to_an_older_version_are_ignored(new_page, book_url):
    page, _ = open_quiz(new_page, book_url)
    stale = {"version": 0, "attempts": 1, "correct": True, "answered": True, "revealed": False, "response": "c0"}
    page.evaluate("v => localStorage.setItem('raicourse:intro:what-is-bias', v)", json.dumps(stale))
    page.reload(wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz")
    assert feedback(page, "what-is-bias").inner_text() == ""
    assert page.evaluate("localStorage.getItem('raicourse:intro:what-is-bias')") is None


def test_progress_page_export_and_import(new_page, book_url, tmp_path):
    page, record = open_quiz(new_page, book_url)
    question(page, "what-is-bias").get_by_label("Algorithmic bias").check()
    question(page, "what-is-bias").locator(".rq-check").click()
    page.goto(f"{book_url}/{PROGRESS}", wait_until="networkidle")
    page.wait_for_selector(".raicourse-progress")
    assert "this browser only" in page.locator("main").inner_text()
    row = page.locator("tr[data-stem='intro']")
    assert row.inner_text().startswith("What do you already know?")
    assert "In progress: 1 of 6 answered, 1 correct" in row.inner_text()
    assert page.locator("tr[data-stem='fairness_metrics'] td").inner_text() == "Not started"

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my progress").press("Enter")
    saved = tmp_path / "progress.json"
    download_info.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["format"] == "raicourse-progress" and data["course"] == "raicourse"
    assert data["entries"]["raicourse:intro:what-is-bias"]["correct"] is True

    page.evaluate("localStorage.clear()")
    page.reload(wait_until="networkidle")
    page.wait_for_selector(".raicourse-progress")
    assert page.locator("tr[data-stem='intro'] td").inner_text() == "Not started"
    page.get_by_label("Load a progress file").set_input_files(str(saved))
    page.wait_for_function("document.querySelector('.rq-announcer').textContent.includes('loaded')")
    assert "In progress: 1 of 6 answered, 1 correct" in page.locator("tr[data-stem='intro'] td").inner_text()

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "something-else", "entries": {"evil": 1}}), encoding="utf-8")
    page.get_by_label("Load a progress file").set_input_files(str(bad))
    page.wait_for_function("document.querySelector('.rq-announcer').textContent.includes('not a progress file')")
    assert page.evaluate("localStorage.getItem('evil')") is None

    page.goto(f"{book_url}/{INTRO}", wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz")
    assert "✓ Correct." in feedback(page, "what-is-bias").inner_text()
    assert record.external_requests == [] and record.page_errors == []


@pytest.mark.parametrize("path", [INTRO, PROGRESS])
def test_quiz_pages_carry_no_widget_state_or_html_manager(book_html, path):
    html = (book_html / path).read_text(encoding="utf-8")
    assert "raicourse-widget" in html and "raicourse-mount.js" in html
    assert "application/vnd.jupyter.widget-state+json" not in html
    assert "html-manager" not in html and "require.js" not in html


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_quiz_with_feedback_is_axe_clean(new_page, book_url, theme):
    page, record = new_page("desktop", color_scheme=theme)
    page.goto(f"{book_url}/{INTRO}", wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz")
    question(page, "what-is-bias").get_by_label("Overfitting").check()
    question(page, "what-is-bias").locator(".rq-check").click()
    question(page, "what-is-bias").locator(".rq-check").click()  # "Show the answer" appears
    question(page, "model-card").locator("input").fill("model card")
    question(page, "model-card").locator(".rq-check").click()
    assert page.evaluate("document.documentElement.dataset.theme") == theme
    violations = axe_serious_violations(page)
    assert violations == [], "\n".join(violations)
    assert record.external_requests == []


def test_dark_theme_paints_no_light_panel_behind_the_quiz(new_page, book_url):
    """The theme paints HTML outputs light in the dark theme (for plots on white); the
    build marks outputs holding a course widget so that raicourse-page.css clears it."""
    page, _ = new_page("desktop", color_scheme="dark")
    page.goto(f"{book_url}/{INTRO}", wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz")
    output = page.locator(".output.text_html:has(> .raicourse-widget)")
    assert "raicourse-output" in output.get_attribute("class")
    assert output.evaluate("element => getComputedStyle(element).backgroundColor") == "rgba(0, 0, 0, 0)"


# ------------------------------------------------------------- fixture pages (not in the book)

FIXTURE_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Quiz fixture</title>
<script type="module" src="_static/raicourse-loader.js"></script></head>
<body><main>{body}</main></body></html>
"""


@pytest.fixture
def fixture_site(book_html, tmp_path, monkeypatch):
    """Write a page with the given quiz bank's text/html beside the built book's _static, made
    as the build of a book in ``lang`` makes it (the kernel's language is the book's)."""
    from raicourse.quiz.widget import static_quiz_html

    (tmp_path / "_static").symlink_to(book_html / "_static", target_is_directory=True)
    servers = []

    def make(bank: str, lang: str = "en") -> str:
        monkeypatch.setenv("RAICOURSE_LANG", lang)
        body = static_quiz_html(FIXTURES / bank)
        (tmp_path / "page.html").write_text(FIXTURE_PAGE.format(lang=lang, body=body), encoding="utf-8")
        server, url = serve_directory(tmp_path)
        servers.append(server)
        return f"{url}/page.html"

    yield make
    for server in servers:
        server.shutdown()
        server.server_close()


def test_hostile_bank_renders_as_inert_text(new_page, fixture_site):
    url = fixture_site("xss.yaml")
    page, record = new_page("desktop")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz")
    quiz = page.locator(".raicourse-quiz")
    assert "<script>window.__xss = 'title'</script>Hostile bank" in quiz.inner_text()
    assert "<img src=x onerror=" in quiz.inner_text()
    page.get_by_label("click me").check()
    page.locator(".rq-check").first.click()
    page.get_by_label("<iframe", exact=False).check()
    page.locator(".rq-check").first.click()
    page.locator(".rq-reveal").first.click()
    page.locator("fieldset[id$='-hostile-text'] input").fill("<script>alert(1)</script>")
    page.locator("fieldset[id$='-hostile-text'] .rq-check").click()
    assert "✓ Correct." in page.locator("fieldset[id$='-hostile-text'] .rq-feedback").inner_text()
    assert quiz.locator("script, img, svg, iframe, [onerror], [onload], [onmouseover]").count() == 0
    hrefs = quiz.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == ["https://example.org/"], "javascript: and data: links stay text"
    assert page.evaluate("window.__xss") is None
    assert dialogs == [] and record.page_errors == []


def test_math_is_typeset_from_the_self_hosted_mathjax(new_page, fixture_site):
    url = fixture_site("every_type.yaml")
    page, record = new_page("desktop")
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz")
    page.get_by_label("Demographic parity").check()
    page.locator("fieldset[id$='-pick-one'] .rq-check").click()
    page.wait_for_selector("fieldset[id$='-pick-one'] .rq-explanation mjx-container", timeout=15000)
    assert any(url.endswith("vendor/mathjax/tex-mml-chtml.js") for url in record.requests)
    assert record.external_requests == []
    link = page.locator("fieldset[id$='-pick-one'] legend a")
    assert link.get_attribute("href") == "intro.html"


def test_french_page_gets_french_strings(new_page, fixture_site):
    url = fixture_site("every_type.yaml", lang="fr")
    page, _ = new_page("phone")
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz")
    assert page.locator(".rq-check").first.inner_text() == "Vérifier"
    assert page.get_by_label("Vrai").count() == 1
    page.locator("fieldset[id$='-how-much'] input").fill("25 %")
    page.locator("fieldset[id$='-how-much'] .rq-check").click()
    assert "✓ Bonne réponse." in page.locator("fieldset[id$='-how-much'] .rq-feedback").inner_text()


def test_english_learner_may_group_thousands_with_commas(new_page, book_url):
    """checking_claims' total of jobs: "1,190" is one thousand one hundred ninety on an English page."""
    page, record = open_quiz(new_page, book_url, path="book/skills/checking_claims.html")
    focus_first_input(page, "denominator")
    page.keyboard.type("1,190")
    page.keyboard.press("Enter")
    assert "✓ Correct." in feedback(page, "denominator").inner_text()
    assert record.page_errors == [] and record.external_requests == []


def test_numbers_are_read_in_the_page_language(new_page, fixture_site):
    """On a French page the comma is the decimal mark and a space (or U+202F) groups thousands."""
    page, record = new_page("desktop")
    page.goto(fixture_site("thousands.yaml", lang="fr"), wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz")
    field = page.locator("fieldset[id$='-total-jobs'] input")
    result = page.locator("fieldset[id$='-total-jobs'] .rq-feedback")
    field.fill("1,190")  # 1.19 in French
    field.press("Enter")
    assert "✗ Pas tout à fait." in result.inner_text()
    field.fill("1\u202f190")
    field.press("Enter")
    assert "✓ Bonne réponse." in result.inner_text()
    assert record.page_errors == []


def test_a_lesson_quiz_does_not_repeat_its_section_heading(new_page, book_url):
    """The lesson's "Check your understanding" heading is shown once; the quiz keeps the words
    as its accessible name (the intro's "What do you already know?" too)."""
    page, _ = open_quiz(new_page, book_url, path="book/innovation/data_platforms.html")
    quiz = page.locator("section#check-your-understanding .raicourse-quiz")
    assert quiz.get_attribute("aria-label") == "Check your understanding"
    assert quiz.locator(".rq-title").count() == 0
    shown = page.locator("article").evaluate("a => a.innerText.split('Check your understanding').length - 1")
    assert shown == 1, f"'Check your understanding' shown {shown} times in the lesson"
    page, _ = open_quiz(new_page, book_url)
    quiz = page.locator("section#what-do-you-already-know .raicourse-quiz")
    assert quiz.get_attribute("aria-label") == "What do you already know?"
    assert quiz.locator(".rq-title").count() == 0
