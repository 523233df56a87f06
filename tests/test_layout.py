"""The layout of the repository tells a newcomer where things live (CONTRIBUTING.md).

* every page under book/ is in _toc.yml, and every _toc.yml entry exists;
* a lesson (a page whose front matter has ``exercises:`` minutes; its reading time is
  computed, never declared) has the template's blocks and fits the template's length;
  a lesson with an exercise shares its stem with the exercise notebook, the checker
  module and the quiz bank;
* exercise notebooks are committed without outputs;
* file names carry no numbers: order lives in _toc.yml only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
BOOK = REPO / "book"
EXERCISES = REPO / "exercises"
CHECKS = REPO / "src" / "raicourse" / "checks"
BANKS = REPO / "src" / "raicourse" / "quiz" / "banks"
PAGE_SUFFIXES = (".md", ".ipynb")


def toc_entries() -> list[str]:
    """Every ``file`` (and the ``root``) of _toc.yml, without suffix, in order."""
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                found.append(node["file"])
            for key in ("parts", "chapters", "sections"):
                for child in node.get(key, []) or []:
                    walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(toc)
    return [entry.removesuffix(".md").removesuffix(".ipynb") for entry in found]


def page_file(entry: str) -> Path | None:
    for suffix in PAGE_SUFFIXES:
        candidate = REPO / f"{entry}{suffix}"
        if candidate.exists():
            return candidate
    return None


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n", text, re.DOTALL)
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


def book_pages() -> list[Path]:
    return sorted(p for p in BOOK.rglob("*") if p.suffix in PAGE_SUFFIXES and "static" not in p.parts)


def lessons() -> list[Path]:
    return [p for p in book_pages() if p.suffix == ".md" and "exercises" in front_matter(p)]


def test_every_toc_entry_exists():
    missing = [entry for entry in toc_entries() if page_file(entry) is None]
    assert missing == [], f"_toc.yml lists pages that do not exist: {missing}"


def test_every_page_is_in_the_toc():
    from raicourse.instructor import instructor_pages

    # The trainers' pages are listed in their own small toc part, added to the
    # instructor edition only.
    listed = set(toc_entries()) | set(instructor_pages(REPO)[1])
    orphans = [p.relative_to(REPO).as_posix() for p in book_pages() if p.relative_to(REPO).with_suffix("").as_posix() not in listed]
    assert orphans == [], f"pages missing from _toc.yml (they would not be built): {orphans}"


def test_toc_has_no_duplicates():
    entries = toc_entries()
    assert len(entries) == len(set(entries))


def test_file_names_carry_no_position_numbers():
    named = book_pages() + sorted(EXERCISES.glob("*.ipynb")) + sorted(CHECKS.glob("*.py")) + sorted(BANKS.glob("*.yaml"))
    numbered = [p.name for p in named if re.match(r"^\d", p.name) or re.search(r"(^|_)(w\d+d\d+|\d+_)", p.stem, re.I)]
    assert numbered == []


def test_stems_are_unique_across_pillars():
    stems = [p.stem for p in lessons()]
    assert len(stems) == len(set(stems)), "two lessons share a stem"


@pytest.mark.parametrize("lesson", lessons(), ids=lambda p: p.stem)
def test_lesson_follows_the_template(lesson: Path):
    meta = front_matter(lesson)
    assert isinstance(meta.get("exercises"), int) and meta["exercises"] >= 0, f"{lesson.name}: front matter needs `exercises:` minutes"
    assert "teaching" not in meta, f"{lesson.name}: remove `teaching:`: the reading time is computed from the text"
    text = lesson.read_text(encoding="utf-8")
    for block in ("Questions", "Objectives", "Key points"):
        assert re.search(rf"^:::+\{{admonition\}} {block}\s*$", text, re.M), f"{lesson.name}: missing the `{block}` block"
    assert re.search(rf"^\({re.escape(lesson.stem)}\)=\s*$", text, re.M), f"{lesson.name}: missing the label ({lesson.stem})="
    assert "{bibliography}" in text, f"{lesson.name}: missing its Sources section"


@pytest.mark.parametrize("lesson", lessons(), ids=lambda p: p.stem)
def _length_baseline() -> list[str]:
    baseline = yaml.safe_load((REPO / "tests" / "readability_baseline.yaml").read_text(encoding="utf-8")) or {}
    return baseline.get("lessons_over_their_length", [])


def _fits(lesson) -> bool:
    # The capstone is a project that reuses every lesson: one longer sitting.
    low, high = (45, 90) if lesson.path.parent.name == "capstone" else (20, 45)
    return low <= lesson.minutes <= high


def test_lessons_fit_the_template_length_or_are_in_the_shrinking_baseline():
    from raicourse.lessons import lessons as course_lessons

    course = course_lessons(REPO)
    too_long = [f"{lesson.stem} ({lesson.minutes} min)" for lesson in course if not _fits(lesson) and lesson.stem not in _length_baseline()]
    assert too_long == [], f"a lesson's computed core time is 20–45 minutes (capstone 45–90): {too_long}"
    fixed = [stem for stem in _length_baseline() if all(_fits(lesson) for lesson in course if lesson.stem == stem)]
    assert fixed == [], f"these lessons fit now: remove them from lessons_over_their_length in tests/readability_baseline.yaml: {fixed}"


@pytest.mark.parametrize("lesson", lessons(), ids=lambda p: p.stem)
def test_lesson_has_a_quiz_bank_with_its_stem(lesson: Path):
    assert (BANKS / f"{lesson.stem}.yaml").exists(), f"{lesson.stem}: no quiz bank {BANKS.relative_to(REPO)}/{lesson.stem}.yaml"
    assert f'show_quiz("{lesson.stem}")' in lesson.read_text(encoding="utf-8")


def test_every_exercise_has_a_lesson_and_a_checker_with_its_stem():
    lesson_stems = {p.stem for p in lessons()}
    for notebook in sorted(EXERCISES.glob("*.ipynb")):
        assert notebook.stem in lesson_stems, f"{notebook.name}: no lesson book/<pillar>/{notebook.stem}.md"
        assert (CHECKS / f"{notebook.stem}.py").exists(), f"{notebook.name}: no checker module checks/{notebook.stem}.py"


def test_every_checker_module_has_an_exercise():
    modules = [p for p in CHECKS.glob("*.py") if not p.name.startswith("_")]
    orphans = [p.name for p in modules if not (EXERCISES / f"{p.stem}.ipynb").exists()]
    assert orphans == []


def test_every_quiz_bank_belongs_to_a_page():
    page_stems = {p.stem for p in book_pages()}
    orphans = [p.name for p in BANKS.glob("*.yaml") if p.stem not in page_stems]
    assert orphans == [], f"quiz banks with no page of the same stem: {orphans}"


@pytest.mark.parametrize("notebook", sorted(EXERCISES.glob("*.ipynb")), ids=lambda p: p.stem)
def test_notebooks_are_committed_without_outputs(notebook: Path):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    dirty = [i for i, cell in enumerate(cells) if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count"))]
    assert dirty == [], f"{notebook.name}: cells {dirty} have outputs; strip them before committing"


def test_every_checker_module_has_its_message_file():
    locales = REPO / "src" / "raicourse" / "locales" / "checks"
    modules = [p for p in CHECKS.glob("*.py") if not p.name.startswith("_")]
    missing = [p.stem for p in modules if not (locales / f"{p.stem}.yaml").exists()]
    assert missing == [], f"checker modules without locales/checks/<stem>.yaml (hints, in English and French): {missing}"


@pytest.mark.parametrize("lesson", lessons(), ids=lambda p: p.stem)
def test_lesson_quiz_has_six_questions_of_four_types(lesson: Path):
    bank = yaml.safe_load((BANKS / f"{lesson.stem}.yaml").read_text(encoding="utf-8"))
    questions = bank["questions"]
    assert len(questions) >= 6, f"{lesson.stem}: a lesson's quiz has at least 6 questions"
    assert len({q["type"] for q in questions}) >= 4, f"{lesson.stem}: a lesson's quiz mixes at least 4 question types"


@pytest.mark.parametrize("notebook", sorted(EXERCISES.glob("*.ipynb")), ids=lambda p: p.stem)
def test_exercise_has_four_checked_questions(notebook: Path):
    import importlib

    module = importlib.import_module(f"raicourse.checks.{notebook.stem}")
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    tagged = {tag.removeprefix("answer:") for cell in cells for tag in cell.get("metadata", {}).get("tags", []) if tag.startswith("answer:")}
    names = {question.name for question in module.QUESTIONS}
    assert len(names) >= 4, f"{notebook.stem}: an exercise has at least 4 checked questions"
    assert tagged == names, f"{notebook.stem}: answer cells tagged {sorted(tagged)} but the checker defines {sorted(names)}"


@pytest.mark.parametrize("lesson", lessons(), ids=lambda p: p.stem)
def test_lesson_has_an_instructor_note_with_a_group_activity(lesson: Path):
    text = lesson.read_text(encoding="utf-8")
    match = re.search(r"^(:::+)\{admonition\} Instructor note\s*\n:class: instructor\n(.*?)^\1\s*$", text, re.M | re.S)
    assert match, f"{lesson.stem}: missing the `Instructor note` block with `:class: instructor`"
    assert re.search(r"activit", match.group(2), re.I), f"{lesson.stem}: the instructor note should describe a group activity"


def test_page_stems_are_unique_in_the_book():
    stems = [p.stem for p in book_pages()]
    repeated = sorted({stem for stem in stems if stems.count(stem) > 1})
    assert repeated == [], f"one stem per topic: these stems name several pages {repeated}"
