"""The class run sheet (raicourse.runsheet): every session fits its half-day, from the lessons'
computed minutes and the instructor notes' own timings. No build needed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import REPO
from raicourse.lessons import lessons
from raicourse.runsheet import SESSIONS_FILE, group_activity, in_class_steps, instructor_note, run_sheet

LESSONS = lessons(REPO)
SHEETS = run_sheet(REPO)
DATA = yaml.safe_load((REPO / SESSIONS_FILE).read_text(encoding="utf-8"))


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda sheet: f"session-{sheet.number}")
def test_every_session_fits_its_slot(sheet):
    assert sheet.planned <= sheet.slot, (
        f"session {sheet.number} needs {sheet.planned} minutes for a {sheet.slot}-minute slot: "
        f"move a notebook to homework or a lesson to another session in {SESSIONS_FILE}"
    )
    assert sum(block.minutes for block in sheet.blocks) == sheet.slot


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda sheet: f"session-{sheet.number}")
def test_clock_times_run_without_gaps_from_start_to_end(sheet):
    expected_start = DATA["starts"][sheet.half]
    assert sheet.start == expected_start
    end_of = {"9:00": "12:30", "13:30": "17:00"}
    assert sheet.end == end_of[expected_start]
    for before, after in zip(sheet.blocks, sheet.blocks[1:]):
        assert before.end == after.start
    kinds = [block.kind for block in sheet.blocks]
    assert kinds[0] == "welcome" and kinds[-1] == "wrap_up" and kinds.count("break") == 1


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda sheet: f"session-{sheet.number}")
def test_the_break_falls_between_two_lessons_near_the_middle(sheet):
    index = next(i for i, block in enumerate(sheet.blocks) if block.kind == "break")
    before, after = sheet.blocks[index - 1], sheet.blocks[index + 1]
    assert before.lesson is not after.lesson or before.lesson is None
    minutes_before = sum(block.minutes for block in sheet.blocks[:index])
    assert 45 <= minutes_before <= 150, f"session {sheet.number}: break after {minutes_before} minutes"


def test_every_lesson_is_scheduled_once_in_course_order():
    scheduled = [lesson.stem for sheet in SHEETS for lesson in sheet.lessons]
    assert scheduled == [lesson.stem for lesson in LESSONS]


def test_every_notebook_is_in_class_or_homework_with_its_computed_minutes():
    for lesson in LESSONS:
        sheet = next(sheet for sheet in SHEETS if lesson in sheet.lessons)
        in_class = [block.minutes for block in sheet.blocks
                    if block.lesson is not None and block.lesson.stem == lesson.stem and block.kind in {"notebook", "exercise"}]
        homework = [minutes for found, minutes in sheet.homework if found.stem == lesson.stem]
        assert len(in_class) + len(homework) == 1, lesson.stem
        assert (in_class or homework)[0] == lesson.exercises


def test_a_notebook_row_names_a_notebook_that_exists_and_a_lesson_without_one_has_its_exercise_on_the_page():
    rows = [block for sheet in SHEETS for block in sheet.blocks if block.kind in {"notebook", "exercise"}]
    assert {block.kind for block in rows} == {"notebook", "exercise"}
    for block in rows:
        notebook = REPO / "exercises" / f"{block.lesson.stem}.ipynb"
        assert notebook.is_file() == (block.kind == "notebook"), block.what
        if block.kind == "exercise":
            assert "notebook" not in block.what.lower().replace("no notebook", "")


def test_the_first_session_holds_the_diagnostic_quiz():
    assert any("Diagnostic quiz" in block.what for block in SHEETS[0].blocks)


def test_five_half_days_cannot_hold_the_lessons_as_the_instructor_notes_time_them():
    # The honest answer the run sheet gives: more sessions. Even with every notebook as homework,
    # the lessons' presentation, activity and quiz, kept whole and in course order, cannot be
    # packed into five slots less welcome, break and wrap-up (the best packing is computed).
    per_session = DATA["slot_minutes"] - DATA["welcome"] - DATA["break"] - DATA["wrap_up"]
    minutes = [sum(step.minutes for step in in_class_steps(instructor_note(lesson.path)) if step.kind != "notebook")
               for lesson in LESSONS]

    def longest_session(count: int, start: int = 0) -> float:
        # The smallest possible longest session when lessons start..end go into `count` sessions.
        if count == 1:
            return sum(minutes[start:])
        return min(max(sum(minutes[start:cut]), longest_session(count - 1, cut))
                   for cut in range(start + 1, len(minutes) - count + 2))

    assert longest_session(5) > per_session
    assert len(SHEETS) >= 6


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.stem)
def test_every_instructor_note_gives_timed_steps_and_a_group_activity_with_roles(lesson):
    note = instructor_note(lesson.path)
    steps = in_class_steps(note)
    kinds = {step.kind for step in steps}
    assert {"teach", "activity"} <= kinds, f"{lesson.stem}: its Timing paragraph lacks a presentation or an activity"
    activity = group_activity(note)
    assert activity is not None, f"{lesson.stem}: no **Group activity (N min): name.** heading"
    assert len(activity.roles) >= 3, f"{lesson.stem}: {activity.roles}"
    # The two places of a note that time the activity agree.
    assert [step.minutes for step in steps if step.kind == "activity"] == [activity.minutes]
    assert activity.steps, f"{lesson.stem}: the activity has no Steps: line"


def test_steps_are_read_from_the_first_clause_and_the_lower_bound():
    note = (
        "**Timing (about 50 minutes in class).**\n"
        "The case: 10 min.\n"
        "The AI Act: tiers, duties: 15 min.\n"
        "Group activity: 15 min, debrief included.\n"
        "Quiz: 5 min; exercise notebook: 20–25 min (in class or as homework).\n"
        "Quiz and exercise: as homework, or 20 min more in class.\n"
        "Exercise notebook: 55 min (in pairs).\n"
        "\n"
        "**Group activity (15 min): the meeting.**\n"
        "Groups of three.\n\n"
        "- *The chair* opens the meeting.\n"
        "- *The critic* asks questions.\n\n"
        "Steps: 2 min to read; 13 min to decide.\n\n"
        "**Debrief questions.**\n"
    )
    assert [(step.label, step.minutes, step.kind) for step in in_class_steps(note)] == [
        ("The case", 10, "teach"),
        ("The AI Act: tiers, duties", 15, "teach"),
        ("Group activity", 15, "activity"),
        ("Quiz", 5, "quiz"),
        ("Exercise notebook", 55, "notebook"),
    ]
    activity = group_activity(note)
    assert activity.name == "the meeting" and activity.minutes == 15 and activity.setup == "Groups of three."
    assert [role.name for role in activity.roles] == ["The chair", "The critic"]
    assert activity.steps == "2 min to read; 13 min to decide."


def test_an_overfull_session_is_caught(tmp_path):
    # The fit test is real: a plan with every notebook of two long lessons in one session fails it.
    data = dict(DATA)
    data["sessions"] = [
        {"day": 1, "half": "morning", "lessons": [lesson.stem for lesson in LESSONS],
         "notebooks_in_class": [lesson.stem for lesson in LESSONS]},
    ]
    root = _copy_book(tmp_path, data)
    sheets = run_sheet(root)
    assert sheets[0].planned > sheets[0].slot


def _copy_book(tmp_path: Path, data: dict) -> Path:
    import shutil

    root = tmp_path / "book-root"
    shutil.copytree(REPO / "book", root / "book")
    shutil.copy(REPO / "_toc.yml", root / "_toc.yml")
    shutil.copy(REPO / "_config.yml", root / "_config.yml")
    (root / SESSIONS_FILE).write_text(yaml.safe_dump(data), encoding="utf-8")
    return root
