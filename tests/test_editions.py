"""Editions: the learner edition does not contain the trainers' blocks; the instructor edition does;
the assessment edition contains neither trainers' blocks nor any quiz answer.

All three are built by ``make test`` (``_build/html``, ``_build/instructor/_build/html`` and
``_build/assessment/_build/html``).
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pytest

from conftest import BOOK_HTML, REPO

INSTRUCTOR_HTML = Path(os.environ.get("RAICOURSE_INSTRUCTOR_HTML", REPO / "_build" / "instructor" / "_build" / "html"))
INSTRUCTOR_BLOCK = re.compile(r"^:::+\{admonition\}[^\n]*\n:class:[^\n]*\binstructor\b", re.M)


def lessons_with_instructor_blocks() -> list[Path]:
    return sorted(p for p in (REPO / "book").rglob("*.md") if INSTRUCTOR_BLOCK.search(p.read_text(encoding="utf-8")))


def html_of(root: Path, lesson: Path) -> str:
    page = root / lesson.relative_to(REPO).with_suffix(".html")
    if not page.exists():
        pytest.fail(f"{page} is missing: run `make test`, which builds both editions")
    return page.read_text(encoding="utf-8")


def test_some_lesson_has_an_instructor_block():
    assert lessons_with_instructor_blocks(), "the course should have instructor notes"


@pytest.mark.parametrize("lesson", lessons_with_instructor_blocks(), ids=lambda p: p.stem)
def test_learner_edition_does_not_contain_instructor_blocks(lesson):
    page = html_of(BOOK_HTML, lesson)
    assert 'class="admonition instructor' not in page
    assert "Instructor note" not in page


@pytest.mark.parametrize("lesson", lessons_with_instructor_blocks(), ids=lambda p: p.stem)
def test_instructor_edition_contains_them(lesson):
    page = html_of(INSTRUCTOR_HTML, lesson)
    assert "instructor" in page and "Instructor note" in page


def test_learner_edition_publishes_no_page_sources():
    """A page's source holds the trainers' blocks: only the instructor edition publishes sources."""
    assert not (BOOK_HTML / "_sources").exists()
    intro = (BOOK_HTML / "book" / "intro.html").read_text(encoding="utf-8")
    assert "_sources/" not in intro and "download-source-button" not in intro
    assert (INSTRUCTOR_HTML / "_sources").is_dir()


def test_learner_search_index_does_not_contain_instructor_notes():
    index = (BOOK_HTML / "searchindex.js").read_text(encoding="utf-8")
    assert "Instructor note" not in index


# ------------------------------------------------------------------ the assessment edition

ASSESSMENT_HTML = Path(os.environ.get("RAICOURSE_ASSESSMENT_HTML", REPO / "_build" / "assessment" / "_build" / "html"))
ASSESSMENT_FR_HTML = REPO / "_build" / "assessment-fr" / "_build" / "html"
QUIZ_STATE = re.compile(r'<script type="application/json" class="raicourse-state">(.*?)</script>', re.S)
#: Each assessment edition and the make target that builds it (both are part of ``make test``).
ASSESSMENT_EDITIONS = {"en": (ASSESSMENT_HTML, "build-assessment"), "fr": (ASSESSMENT_FR_HTML, "build-assessment-fr")}


@pytest.fixture(scope="session", params=sorted(ASSESSMENT_EDITIONS))
def assessment_html(request) -> Path:
    """The built assessment edition, English (``make build-assessment``) and French
    (``make build-assessment-fr``); both are part of ``make test``."""
    html_dir, target = ASSESSMENT_EDITIONS[request.param]
    if not (html_dir / "index.html").exists():
        message = f"No assessment edition in {html_dir}: run `make test` or `make {target}`."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return html_dir


def assessment_pages(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.html") if "_static" not in p.relative_to(root).parts)


def test_assessment_edition_shows_no_quiz_answer(assessment_html):
    """No explanation, feedback or model answer of any bank in any page or in the search index."""
    from raicourse.editions import leaked_answer_texts

    assert leaked_answer_texts(assessment_html) == []


def test_assessment_quizzes_record_and_hold_no_answer_field(assessment_html):
    from raicourse.lessons import lessons
    from raicourse.quiz.loader import bank_stems

    quizzes = set()
    for page in assessment_pages(assessment_html):
        for raw in QUIZ_STATE.findall(page.read_text(encoding="utf-8")):
            state = json.loads(raw)
            if "bank" not in state:
                continue  # My progress: a list of quizzes, no questions
            quizzes.add(state["stem"])
            assert state["mode"] == "record" and state["store"] == "raicourse-assessment", page.name
            for question in state["bank"]["questions"]:
                assert set(question) <= {"id", "type", "prompt", "choices", "unit"}, (page.name, question["id"])
                assert all(set(choice) == {"key", "text"} for choice in question.get("choices", []))
    expected = {lesson.stem for lesson in lessons(REPO)} & set(bank_stems())
    if assessment_html == ASSESSMENT_FR_HTML:  # the French edition holds the pages published in French
        from raicourse.translations import published_pages

        expected &= {docname.rsplit("/", 1)[-1] for docname in published_pages(REPO)}
        assert expected, "the French assessment edition has lessons with quizzes"
    assert expected <= quizzes, "every lesson's quiz is in the assessment edition, in record mode"


@pytest.mark.parametrize("lesson", lessons_with_instructor_blocks(), ids=lambda p: p.stem)
def test_assessment_edition_does_not_contain_instructor_blocks(lesson, assessment_html):
    page = html_of(assessment_html, lesson)
    assert 'class="admonition instructor' not in page and "Instructor note" not in page


def test_assessment_search_index_holds_no_trainer_notes(assessment_html):
    index = (assessment_html / "searchindex.js").read_text(encoding="utf-8")
    assert "Instructor note" not in index


def test_which_blocks_the_assessment_edition_removes():
    from docutils import nodes

    from raicourse.editions import is_answer_block

    def admonition(title: str, classes=()) -> nodes.Element:
        return nodes.admonition("", nodes.title(text=title), nodes.paragraph(text="..."), classes=list(classes))

    assert is_answer_block(nodes.hint())
    assert is_answer_block(admonition("Solution", ["dropdown"]))
    assert is_answer_block(admonition("Indice pour la question 2"))
    assert is_answer_block(admonition("Instructor note", ["instructor"]))
    assert is_answer_block(nodes.container("", nodes.rubric(text="Hint"), design_component="dropdown"))
    assert not is_answer_block(admonition("Key points"))
    assert not is_answer_block(admonition("Questions"))
    assert not is_answer_block(nodes.note())
    assert not is_answer_block(nodes.container("", nodes.rubric(text="Solution")))  # a plain rubric stays


def test_an_unknown_edition_fails_the_build(monkeypatch):
    from sphinx.errors import ExtensionError

    from raicourse import editions

    monkeypatch.setenv("RAICOURSE_EDITION", "assesment")
    with pytest.raises(ExtensionError, match="RAICOURSE_EDITION"):
        editions.setup(object())


@pytest.mark.parametrize("value, edition", [
    (None, "learner"), ("", "learner"), ("learner", "learner"), ("instructor", "instructor"), ("assessment", "assessment"),
])
def test_every_edition_value_has_one_meaning_everywhere(monkeypatch, value, edition):
    from raicourse import editions, sphinxext

    if value is None:
        monkeypatch.delenv("RAICOURSE_EDITION", raising=False)
    else:
        monkeypatch.setenv("RAICOURSE_EDITION", value)
    assert editions.current_edition() == edition
    assert editions.is_instructor() is (edition == "instructor")
    assert editions.is_assessment() is (edition == "assessment")
    assert editions.publishes_sources() is (edition == "instructor")
    assert sphinxext.is_instructor is editions.is_instructor  # the build asks the same function


@pytest.mark.parametrize("value", ["assesment", "Learner", " learner", "learner ", "instructors", "none", "0", " "])
def test_every_other_edition_value_is_an_error_naming_the_allowed_values(monkeypatch, value):
    from sphinx.errors import ExtensionError

    from raicourse import editions

    monkeypatch.setenv("RAICOURSE_EDITION", value)
    with pytest.raises(ValueError, match=r"RAICOURSE_EDITION must be one of learner, instructor, assessment \(unset or empty means learner\), not ") as error:
        editions.current_edition()
    assert repr(value) in str(error.value)
    with pytest.raises(ExtensionError, match="learner, instructor, assessment"):
        editions.setup(object())


def test_no_other_module_reads_the_edition_variable():
    """One switch: only raicourse.editions reads RAICOURSE_EDITION."""
    package = Path(__file__).resolve().parents[1] / "src" / "raicourse"
    readers = sorted(
        path.relative_to(package).as_posix() for path in package.rglob("*.py")
        if "RAICOURSE_EDITION" in path.read_text(encoding="utf-8") and path.name != "editions.py"
    )
    assert readers == []


def test_the_leak_check_finds_an_explanation_in_a_page_or_a_published_notebook(tmp_path):
    from raicourse.editions import leaked_answer_texts
    from raicourse.quiz import load_bank

    _, bank = load_bank("intro")
    explanation = next(q.explanation for q in bank.questions if q.explanation and len(q.explanation) > 40)
    (tmp_path / "searchindex.js").write_text("Search.setIndex({})", encoding="utf-8")
    (tmp_path / "clean.html").write_text("<p>A lesson.</p>", encoding="utf-8")
    assert leaked_answer_texts(tmp_path) == []
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "keys.html").write_text(f"<p>{html.escape(explanation)}</p>", encoding="utf-8")
    (tmp_path / "_sources").mkdir()
    (tmp_path / "_sources" / "keys.ipynb").write_text(json.dumps({"text": explanation}), encoding="utf-8")
    found = leaked_answer_texts(tmp_path)
    assert [line.split(":")[0] for line in found] == ["_sources/keys.ipynb", "book/keys.html"]
    assert "intro.yaml" in found[0]


def test_the_leak_check_finds_a_french_explanation(tmp_path):
    """A French page shows the bank's French texts: the leak check looks for them too."""
    from raicourse.editions import leaked_answer_texts
    from raicourse.quiz import load_bank

    english, french = load_bank("what_is_ai")[1], load_bank("what_is_ai", "fr")[1]
    explanation = next(q.explanation for q in french.questions if q.explanation and len(q.explanation) > 40)
    assert explanation not in {q.explanation for q in english.questions}
    (tmp_path / "searchindex.js").write_text("Search.setIndex({})", encoding="utf-8")
    (tmp_path / "page.html").write_text(f"<p>{html.escape(explanation)}</p>", encoding="utf-8")
    assert [line.split(":")[0] for line in leaked_answer_texts(tmp_path)] == ["page.html"]
