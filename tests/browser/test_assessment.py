"""The assessment edition in the browser: a quiz that records, by keyboard, then its export graded.

A small fixture book is built with ``RAICOURSE_EDITION=assessment`` and the course's real
configuration: a page with the intro quiz, a hint, a solution and a trainer's note, and the
"My progress" page. The learner answers every question with the keyboard, submits, hears
"recorded" and sees nothing that tells right from wrong; the file exported from My progress
is then scored by the trainer's grader.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import MYST_PAGE_HEADER, REPO, axe_serious_violations, build_fixture_book, serving
from raicourse.quiz import load_bank
from raicourse.quiz.widget import MODE_RECORD, displayed_choices, learner_order, learner_seed

pytestmark = pytest.mark.browser

QUIZ_PAGE = MYST_PAGE_HEADER + """
# Assessment fixture

:::{hint}
HINT-SECRET: look at the selection rates.
:::

:::{admonition} Solution
:class: dropdown solution
SOLUTION-SECRET: the rate is 0.25.
:::

:::{admonition} Instructor note
:class: instructor
INSTRUCTOR-SECRET: the debrief.
:::

:::{admonition} Solution to the warm-up
:class: dropdown
DROPDOWN-SECRET: 12 of 40.
:::

::::{dropdown} Hint
DESIGN-DROPDOWN-SECRET: count the rows.
::::

:::{note}
VISIBLE-NOTE: an ordinary note stays.
:::

```{exercise}
:label: fixture-exercise
Compute the rate.
```

```{solution} fixture-exercise
EXERCISE-SOLUTION-SECRET: divide.
```

```{code-cell} ipython3
:tags: [remove-input]
from raicourse.quiz import show_quiz
show_quiz("intro")
```
"""

PROGRESS_PAGE = MYST_PAGE_HEADER + """
# My progress

```{code-cell} ipython3
:tags: [remove-input]
from raicourse.quiz import show_progress
show_progress()
```
"""

SECRETS = ("HINT-SECRET", "SOLUTION-SECRET", "INSTRUCTOR-SECRET", "EXERCISE-SOLUTION-SECRET", "DROPDOWN-SECRET",
           "DESIGN-DROPDOWN-SECRET")
#: Words that would tell the learner whether an answer is right.
VERDICTS = ("✓", "✗", "Correct.", "Not quite", "Explanation", "The answer:", "A model answer", "Score:", "Show the answer")


LESSON_PAGE = """# Privacy

## Hands-on

```{launch-links}
```
"""


@pytest.fixture(scope="module")
def assessment_book(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("assessment-book")
    # A lesson with launch links needs its exercise notebook (which holds solution() lines).
    (root / "exercises").mkdir()
    shutil.copy(REPO / "exercises" / "privacy.ipynb", root / "exercises" / "privacy.ipynb")
    with pytest.MonkeyPatch.context() as patch:
        # The build's kernels inherit the edition, as with `make build-assessment`; no class seed.
        patch.setenv("RAICOURSE_EDITION", "assessment")
        patch.delenv("RAICOURSE_CLASS_SEED", raising=False)
        return build_fixture_book(root, {"quiz": QUIZ_PAGE, "progress": PROGRESS_PAGE, "privacy": LESSON_PAGE})


@pytest.fixture(scope="module")
def assessment_url(assessment_book):
    with serving(assessment_book) as url:
        yield url


def test_hints_solutions_and_trainer_notes_are_not_in_the_html(assessment_book):
    texts = [p.read_text(encoding="utf-8") for p in assessment_book.rglob("*.html") if "_static" not in p.parts]
    texts.append((assessment_book / "searchindex.js").read_text(encoding="utf-8"))
    for secret in SECRETS:
        assert not any(secret in text for text in texts), secret
    page = (assessment_book / "book" / "quiz.html").read_text(encoding="utf-8")
    assert "VISIBLE-NOTE" in page and "Compute the rate." in page, "only answers are removed"
    sources = [p for p in (assessment_book / "_sources").rglob("*") if p.suffix in {".md", ".txt"}]
    assert sources == [], "page sources (with every removed block) are not published"
    assert "download-source-button" not in page, "no link to a source that is not there"
    assert '"mode":"record"' in page and "systematic difference" not in page


def test_no_exercise_notebook_is_offered(assessment_book):
    """The notebooks' checks and solution() give the answers: no download, no launch link."""
    page = (assessment_book / "book" / "privacy.html").read_text(encoding="utf-8")
    assert "raicourse-launch-assessment" in page and "does not offer the exercise notebook" in page
    assert "mybinder" not in page and "colab" not in page.lower() and "_downloads" not in page
    notebooks = [p for p in assessment_book.rglob("*.ipynb")]
    assert notebooks == [], "no notebook is published with the assessment edition"
    assert not any("solution()" in p.read_text(encoding="utf-8", errors="ignore")
                   for p in assessment_book.rglob("*") if p.is_file() and p.suffix in {".html", ".js", ".json", ".txt"})


def question(page, question_id):
    return page.locator(f"fieldset[id$='-{question_id}']")


def tab_to(page, question_id, presses=4):
    """Press Tab until the first input of a question has the focus."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id").endswith(f"{question_id}-input"):
            return
    pytest.fail(f"Tab never reached the question {question_id}")


def test_record_by_keyboard_submit_export_and_grade(new_page, assessment_url, tmp_path):
    page, record = new_page("desktop", accept_downloads=True)
    page.goto(f"{assessment_url}/book/quiz.html", wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz.rq-record")
    quiz = page.locator(".raicourse-quiz")
    assert quiz.locator(".rq-check, .rq-reveal, .rq-retry, .rq-reset").count() == 0
    assert "self-check" not in quiz.inner_text() and "Your trainer scores the answers" in quiz.inner_text()
    assert "type your name on the “My progress” page" in quiz.locator(".rq-name-first").inner_text()
    announcer = quiz.locator(".rq-footer .rq-announcer")

    # Submitting too early says what is missing and moves to it.
    submit = page.get_by_role("button", name="Submit my answers")
    submit.focus()
    page.keyboard.press("Enter")
    assert "Not answered yet: question 1, 2, 3, 4, 5, 6." in announcer.inner_text()
    assert announcer.get_attribute("aria-live") == "polite"
    first_input = question(page, "what-is-bias").locator("input").first
    assert page.evaluate("document.activeElement.id") == first_input.get_attribute("id")

    # The choices are shuffled (no name typed yet: the class's order): pick them by their text.
    labels = question(page, "what-is-bias").locator("label").all_inner_texts()
    page.keyboard.press("Space")  # the first option
    for _ in range(labels.index("Algorithmic bias")):
        page.keyboard.press("ArrowDown")  # arrows move and select within the radio group
    page.keyboard.press("Tab")  # to the multiple-select question
    for label in question(page, "personal-data").locator("label").all_inner_texts():
        if label != "The average temperature in Paris last July":
            page.keyboard.press("Space")  # email, location history
        page.keyboard.press("Tab")  # the temperature is left unticked
    # Now on True / False
    page.keyboard.press("Space")  # True
    tab_to(page, "selection-rate")  # past the prompt's formula, which MathJax makes focusable
    page.keyboard.type("0,25")
    page.keyboard.press("Enter")  # Enter checks nothing in record mode
    page.keyboard.press("Tab")
    page.keyboard.type("Model card")
    page.keyboard.press("Tab")
    page.keyboard.type("A translation app could assume genders.")
    assert "6 of 6 questions answered" in quiz.locator(".rq-score").inner_text()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('rq-submit')")
    page.keyboard.press("Enter")

    assert "Your answers were recorded" in announcer.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('rq-announcer')"), "the message is read out"
    for feedback in quiz.locator(".rq-feedback").all():
        assert feedback.inner_text() == "Answer recorded."
    text = quiz.inner_text()
    assert not [word for word in VERDICTS if word in text]
    assert quiz.locator("input:not([disabled]), textarea:not([disabled])").count() == 0
    keys = [key for key in page.evaluate("Object.keys(localStorage)") if key.startswith("raicourse")]
    assert len(keys) == 7, keys  # six answers and the submission
    assert all(key.startswith("raicourse-assessment:intro:") for key in keys), "never mixed with self-check progress"
    violations = axe_serious_violations(page)
    assert violations == [], "\n".join(violations)

    page.reload(wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz.rq-record")
    assert question(page, "what-is-bias").get_by_label("Algorithmic bias").is_checked()
    assert "Submitted" in page.locator(".rq-score").inner_text()

    page.goto(f"{assessment_url}/book/progress.html", wait_until="networkidle")
    page.wait_for_selector(".raicourse-progress.rq-record")
    progress = page.locator(".raicourse-progress")
    assert "Submitted: 6 of 6 answered" in progress.locator("tr[data-stem='intro'] td").inner_text()
    assert "Nothing is sent anywhere" in progress.inner_text() and "correct" not in progress.inner_text()
    export = page.get_by_role("button", name="Download my answers")
    export.press("Enter")
    assert "Type your name" in progress.locator(".rq-announcer").inner_text()
    assert page.evaluate("document.activeElement.classList.contains('rq-name')")
    page.keyboard.type("Alice Martin")
    with page.expect_download() as download_info:
        export.press("Enter")
    exports = tmp_path / "exports"
    exports.mkdir()
    saved = exports / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["format"] == "raicourse-answers" and data["format_version"] == 1
    assert data["language"] == "en", "the grader reads typed numbers in the page's language"
    assert data["learner"] == "Alice Martin" and data["quizzes"]["intro"]["submitted"] is True
    assert data["quizzes"]["intro"]["answers"]["selection-rate"] == "0,25"
    assert record.external_requests == [] and record.page_errors == []

    from raicourse.grading.quizzes import grade_quiz_exports

    grades = grade_quiz_exports(exports, tmp_path / "graded")
    scored = {row.question: row for row in grades.rows if row.quiz == "intro"}
    assert grades.problems == []
    assert sum(int(row.score) for row in scored.values() if row.score) == 5
    assert scored["your-expectations"].correct == "to_mark"
    assert "5 of 5 correct" in (tmp_path / "graded" / "feedback" / "Alice-Martin.md").read_text(encoding="utf-8")


def test_each_learner_sees_their_own_order_and_the_grader_reads_it_exactly(new_page, assessment_url, tmp_path):
    """Decoding checked against the real page: what the learner saw first is what the grader scores."""
    name = "Éloïse N'Diaye"
    page, record = new_page("desktop", accept_downloads=True)
    page.goto(f"{assessment_url}/book/progress.html", wait_until="networkidle")
    page.wait_for_selector(".raicourse-progress.rq-record")
    page.locator(".rq-name").fill(name)

    page.goto(f"{assessment_url}/book/quiz.html", wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz.rq-record")
    assert page.locator(".rq-name-first").count() == 0
    _, bank = load_bank("intro")
    seen = {}
    for data in bank.questions:
        if data.type in ("single", "multiple"):
            shown = question(page, data.id).locator("label").all_inner_texts()
            class_order = [choice.text for _, choice in displayed_choices("intro", bank, data, MODE_RECORD)]
            mine = [class_order[i] for i in learner_order(learner_seed(name), "intro", data.id, len(class_order))]
            assert shown == mine, f"{data.id}: the page and raicourse.quiz.widget.learner_order agree"
            seen[data.id] = shown[0]
    # "First option / False everywhere", and something in the other fields.
    question(page, "what-is-bias").locator("input").first.check()
    question(page, "personal-data").locator("input").first.check()
    question(page, "ai-act-exists").get_by_label("False").check()
    question(page, "selection-rate").locator("input").fill("0.5")
    question(page, "model-card").locator("input").fill("datasheet")
    question(page, "your-expectations").locator("textarea").fill("No idea yet.")
    page.get_by_role("button", name="Submit my answers").click()
    page.wait_for_function("document.querySelector('.rq-footer .rq-announcer').textContent.includes('recorded')")

    page.goto(f"{assessment_url}/book/progress.html", wait_until="networkidle")
    page.wait_for_selector(".raicourse-progress.rq-record")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my answers").click()
    assert download_info.value.suggested_filename == "raicourse-answers-Éloïse-N-Diaye.json"
    exports = tmp_path / "exports"
    exports.mkdir()
    download_info.value.save_as(exports / download_info.value.suggested_filename)
    assert record.external_requests == [] and record.page_errors == []

    from raicourse.grading.quizzes import grade_quiz_exports

    grades = grade_quiz_exports(exports, tmp_path / "graded")
    assert grades.problems == []
    rows = {row.question: row for row in grades.rows}
    right = {q.id: next(c.text for c in q.choices if c.correct) for q in bank.questions if q.type == "single"}
    assert rows["what-is-bias"].answer == seen["what-is-bias"]
    assert rows["what-is-bias"].correct == ("yes" if seen["what-is-bias"] == right["what-is-bias"] else "no")
    assert rows["personal-data"].answer == seen["personal-data"] and rows["personal-data"].correct == "no"
    assert rows["ai-act-exists"].answer == "False" and rows["ai-act-exists"].correct == "no"
    assert (tmp_path / "graded" / "feedback" / "Éloïse-N-Diaye.md").is_file()


def test_an_answers_file_is_not_a_progress_file(new_page, book_url, tmp_path):
    """The learner edition's My progress refuses an assessment export (the two never mix)."""
    page, _ = new_page("desktop")
    page.goto(f"{book_url}/book/progress.html", wait_until="networkidle")
    page.wait_for_selector(".raicourse-progress")
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"format": "raicourse-answers", "format_version": 1, "course": "raicourse",
                                   "learner": "A", "quizzes": {}}), encoding="utf-8")
    page.get_by_label("Load a progress file").set_input_files(str(answers))
    page.wait_for_function("document.querySelector('.rq-announcer').textContent.includes('not a progress file')")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_record_mode_on_a_phone_is_axe_clean(new_page, assessment_url, theme):
    page, record = new_page("phone", color_scheme=theme)
    page.goto(f"{assessment_url}/book/quiz.html", wait_until="networkidle")
    page.wait_for_selector(".raicourse-quiz.rq-record")
    question(page, "what-is-bias").locator("input").first.check()
    page.get_by_role("button", name="Submit my answers").click()
    assert "Not answered yet: question 2, 3, 4, 5, 6." in page.locator(".rq-footer .rq-announcer").inner_text()
    violations = axe_serious_violations(page)
    assert violations == [], "\n".join(violations)
    page.goto(f"{assessment_url}/book/progress.html", wait_until="networkidle")
    page.wait_for_selector(".raicourse-progress.rq-record")
    assert "Not submitted yet: 1 of 6 answered" in page.locator("tr[data-stem='intro'] td").inner_text()
    violations = axe_serious_violations(page)
    assert violations == [], "\n".join(violations)
    assert record.external_requests == [] and record.page_errors == []
