"""The trainers' part: only in the instructor edition; schedule, answer keys and handouts
generated from the course's own data.

The built-book tests read ``_build/html`` (learner) and ``_build/instructor/_build/html``
(both built by ``make test``); ``RAICOURSE_BOOK_HTML`` / ``RAICOURSE_INSTRUCTOR_HTML`` point
them elsewhere. The other tests need no build.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import BOOK_HTML, REPO
from raicourse.instructor import instructor_pages, lesson_summary, plan_sessions
from raicourse.lessons import lessons

INSTRUCTOR_HTML = Path(os.environ.get("RAICOURSE_INSTRUCTOR_HTML", REPO / "_build" / "instructor" / "_build" / "html"))
CAPTION, INSTRUCTOR_DOCS = instructor_pages(REPO)


def built(root: Path, docname: str) -> Path:
    return root / f"{docname}.html"


def page_text(path: Path) -> str:
    """The visible text of a built page's article, tags removed, whitespace collapsed."""
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make test`, which builds both editions")
    source = path.read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", source, re.S)
    text = re.sub(r"<[^>]+>", " ", article.group(0) if article else source)
    return " ".join(html.unescape(text).split())


def words(text: str) -> str:
    """Letters and digits only, lowercase: compares Markdown source with rendered HTML
    (emphasis, links, typographic quotes and math markup differ, the words do not)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [label](target) -> label
    text = re.sub(r"\{[a-z:]+\}`([^`<]*)(?:<[^>]*>)?`", r"\1", text)  # {term}`label <target>` -> label
    return " ".join(re.sub(r"[^0-9a-zà-ÿ]+", " ", text.lower()).split())


# -- the pages exist only in the instructor edition ----------------------------------------


def test_the_instructor_part_lists_its_pages():
    assert CAPTION == "For trainers"
    assert [Path(d).name for d in INSTRUCTOR_DOCS] == ["guide", "answer_keys", "handouts", "role_cards", "attendance", "rubrics"]
    for docname in INSTRUCTOR_DOCS:
        assert (REPO / f"{docname}.md").exists()


@pytest.mark.parametrize("docname", INSTRUCTOR_DOCS)
def test_instructor_page_is_built_in_the_instructor_edition(docname):
    assert built(INSTRUCTOR_HTML, docname).exists(), f"run `make test`: {INSTRUCTOR_HTML} lacks {docname}"


@pytest.mark.parametrize("docname", INSTRUCTOR_DOCS)
def test_instructor_page_is_absent_from_the_learner_edition(docname):
    if not (BOOK_HTML / "index.html").exists():
        pytest.fail(f"No built book in {BOOK_HTML}: run `make test`.")
    assert not built(BOOK_HTML, docname).exists()
    assert not (BOOK_HTML / "_sources" / f"{docname}.md").exists()


def test_learner_pages_do_not_link_to_instructor_pages():
    if not (BOOK_HTML / "index.html").exists():
        pytest.fail(f"No built book in {BOOK_HTML}: run `make test`.")
    leaking = []
    for page in BOOK_HTML.rglob("*.html"):
        source = page.read_text(encoding="utf-8")
        if "book/instructor/" in source or "instructor/guide.html" in source or CAPTION in source:
            leaking.append(page.relative_to(BOOK_HTML).as_posix())
    assert leaking == [], f"learner pages that mention the trainers' part: {leaking}"


def test_learner_search_index_has_no_instructor_page():
    index = (BOOK_HTML / "searchindex.js").read_text(encoding="utf-8")
    assert "book/instructor/" not in index
    assert "Answer keys" not in index and "Instructor guide" not in index


def test_instructor_navigation_and_search_index_have_the_part():
    intro = (INSTRUCTOR_HTML / "book" / "intro.html").read_text(encoding="utf-8")
    assert CAPTION in intro
    for docname in INSTRUCTOR_DOCS:
        assert f"{Path(docname).name}.html" in intro
    index = (INSTRUCTOR_HTML / "searchindex.js").read_text(encoding="utf-8")
    assert "book/instructor/answer_keys" in index


def page_styles(root: Path, page: Path) -> str:
    """Every stylesheet a built page uses: its <style> elements and the local files it links
    (raicourse.phone may fold the course's stylesheets into one file per kind of page)."""
    source = page.read_text(encoding="utf-8")
    styles = re.findall(r"<style[^>]*>(.*?)</style>", source, re.S)
    for href in re.findall(r'<link rel="stylesheet"[^>]*href="([^"?#]+)', source):
        if "://" not in href:
            linked = (page.parent / href).resolve()
            styles.append(f"/* {linked.name} */\n" + (linked.read_text(encoding="utf-8") if linked.is_file() else ""))
    return "\n".join(styles)


def test_print_stylesheet_only_on_pages_that_need_it():
    # The print rules (raicourse-print.css) reach a page as the file itself or folded into a bundle.
    def has_print_rules(root: Path, page: Path) -> bool:
        styles = page_styles(root, page)
        return "raicourse-print.css" in styles or "section.raicourse-handout" in styles.replace("\n", "")

    for docname in INSTRUCTOR_DOCS:
        assert has_print_rules(INSTRUCTOR_HTML, built(INSTRUCTOR_HTML, docname)), docname
    assert not has_print_rules(BOOK_HTML, BOOK_HTML / "book" / "glossary.html")


# -- the schedule ----------------------------------------------------------------------------


def test_schedule_keeps_every_lesson_once_in_order():
    found = lessons(REPO)
    plan = plan_sessions(found, 5)
    assert len(plan) == min(5, len(found))
    assert [lesson for session in plan for lesson in session.lessons] == found
    assert all(session.lessons for session in plan)


def test_schedule_totals_equal_the_sum_of_the_lessons_minutes():
    found = lessons(REPO)
    plan = plan_sessions(found, 5)
    assert sum(session.minutes for session in plan) == sum(lesson.minutes for lesson in found)
    assert sum(session.reading for session in plan) == sum(lesson.reading for lesson in found)
    assert sum(session.exercises for session in plan) == sum(lesson.exercises for lesson in found)


def test_schedule_is_as_even_as_possible():
    # With lessons of 10, 10, 10, 40 minutes in two sessions, the best split is 30 | 40.
    class Fake:
        def __init__(self, minutes):
            self.minutes, self.reading, self.exercises = minutes, minutes, 0

    fakes = [Fake(10), Fake(10), Fake(10), Fake(40)]
    plan = plan_sessions(fakes, 2)
    assert [session.minutes for session in plan] == [30, 40]


def test_schedule_picks_up_a_new_lesson(tmp_path):
    shutil.copy(REPO / "_toc.yml", tmp_path / "_toc.yml")
    for lesson in lessons(REPO):
        target = tmp_path / lesson.path.relative_to(REPO)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(lesson.path, target)
    before = plan_sessions(lessons(tmp_path), 5)
    new = tmp_path / "book" / "skills" / "a_new_lesson.md"
    # Three words of text and no quiz: 5 minutes of reading (rounded up), plus its 20 minutes of exercises.
    new.write_text("---\nexercises: 20\n---\n\n# A new lesson\n", encoding="utf-8")
    with (tmp_path / "_toc.yml").open("a", encoding="utf-8") as toc:
        toc.write("  - caption: Added\n    chapters:\n      - file: book/skills/a_new_lesson\n")
    after = plan_sessions(lessons(tmp_path), 5)
    assert sum(s.minutes for s in after) == sum(s.minutes for s in before) + 25
    assert after[-1].lessons[-1].title == "A new lesson"


@pytest.mark.parametrize("docname", ["book/instructor/guide", "book/learning_path"])
def test_built_schedule_shows_the_total_of_the_lessons(docname):
    root = INSTRUCTOR_HTML if "instructor" in docname else BOOK_HTML
    text = page_text(built(root, docname))
    found = lessons(REPO)
    total = sum(lesson.minutes for lesson in found)
    match = re.search(r"All (\d+) sessions (\d+) lessons reading (\d+) min, exercises (\d+) min (\d+)", text)
    assert match, f"{docname}: no schedule totals row"
    sessions, count, reading, exercises, minutes = map(int, match.groups())
    assert (count, minutes) == (len(found), total)
    assert reading == sum(lesson.reading for lesson in found)
    assert exercises == sum(lesson.exercises for lesson in found)
    planned = re.search(r":sessions: (\d+)", (REPO / f"{docname}.md").read_text(encoding="utf-8"))
    assert sessions == min(int(planned.group(1)) if planned else 5, len(found))
    for lesson in found:
        assert words(lesson.title) in words(text)


# -- answer keys -----------------------------------------------------------------------------


def toc_banks() -> list[str]:
    from raicourse.lessons import page_titles
    from raicourse.quiz.loader import bank_stems

    return [stem for stem in page_titles(REPO) if stem in set(bank_stems())]


@pytest.mark.parametrize("stem", toc_banks())
def test_answer_keys_hold_every_question_and_its_correct_answer(stem):
    from raicourse.quiz.loader import load_bank

    text = page_text(built(INSTRUCTOR_HTML, "book/instructor/answer_keys"))
    source = (INSTRUCTOR_HTML / "book" / "instructor" / "answer_keys.html").read_text(encoding="utf-8")
    assert f'id="key-{stem.replace("_", "-")}"' in source, f"no answer key section for {stem}"
    flat = words(text)
    _, bank = load_bank(stem)
    for question in bank.questions:
        assert question.id in text, f"{stem}: question {question.id} missing from the answer keys"
        if question.type in {"single", "multiple"}:
            for choice in question.choices:
                if choice.correct and "$" not in choice.text:
                    assert words("Correct: " + choice.text) in flat, f"{stem}/{question.id}: {choice.text!r}"
        elif question.type == "truefalse":
            assert f"Answer: {'true' if question.answer else 'false'}" in text
        elif question.type == "text":
            for answer in question.answers:
                assert words(answer) in flat
        elif question.type == "reflection":
            assert words(question.model_answer)[:60] in flat


@pytest.mark.parametrize("stem", sorted(p.stem for p in (REPO / "exercises").glob("*.ipynb")))
def test_answer_keys_hold_every_exercise_solution(stem):
    from raicourse.checks._exercise import load_exercise, questions_of

    if stem not in {lesson.stem for lesson in lessons(REPO)}:
        pytest.skip(f"{stem}'s lesson is not in _toc.yml yet")
    # Highlighted code is split into spans: compare without any whitespace.
    text = "".join(page_text(built(INSTRUCTOR_HTML, "book/instructor/answer_keys")).split())
    for question in questions_of(load_exercise(stem)):
        for line in question.solution_code.splitlines()[:2]:
            if line.strip():
                assert "".join(line.split()) in text, f"{stem}.{question.name}: {line!r} missing"


def test_answer_key_markdown_marks_each_correct_choice():
    from raicourse.instructor import _question_key
    from raicourse.quiz.schema import parse_bank

    bank = parse_bank({"version": 1, "questions": [
        {"id": "a", "type": "multiple", "prompt": "P", "choices": [
            {"text": "yes one", "correct": True, "feedback": "F1"},
            {"text": "no", "feedback": "F2"},
            {"text": "yes two", "correct": True}]},
        {"id": "b", "type": "numeric", "prompt": "N", "answer": 0.25, "tolerance": 0.01, "unit": "%"},
    ]}, "inline")
    first = "\n".join(_question_key(1, bank.questions[0]))
    assert "**Correct:** yes one — F1" in first and "**Correct:** yes two" in first and "Wrong: no — F2" in first
    second = "\n".join(_question_key(2, bank.questions[1]))
    assert "0.25 %" in second and "± 0.01 %" in second


# -- handouts ------------------------------------------------------------------------------------


def bullets(markdown: str) -> list[str]:
    return [line.lstrip("-* ").strip() for line in markdown.splitlines() if re.match(r"^\s*[-*] ", line)]


@pytest.mark.parametrize("lesson", lessons(REPO), ids=lambda lesson: lesson.stem)
def test_every_lesson_has_a_handout_with_its_key_points(lesson):
    summary = lesson_summary(lesson.path, REPO)
    assert bullets(summary.get("Key points", "")), f"{lesson.stem}: no key points to put on its handout"
    source = (INSTRUCTOR_HTML / "book" / "instructor" / "handouts.html").read_text(encoding="utf-8")
    match = re.search(rf'<section class="raicourse-handout" id="handout-{lesson.stem.replace("_", "-")}">(.*?)</section>',
                      source, re.S)
    assert match, f"no handout section for {lesson.stem}"
    handout = words(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))))
    assert words(lesson.title) in handout
    for point in bullets(summary["Key points"]):
        start = " ".join(words(re.sub(r"\$[^$]*\$", " ", point)).split()[:8])
        assert start in handout, f"{lesson.stem}: key point {point[:60]!r} missing from its handout"
