"""Rubrics: every shipped rubric loads; malformed ones fail naming file, criterion and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from raicourse.rubrics import (
    LEVELS,
    RubricError,
    load_competencies,
    load_rubric,
    load_rubric_file,
    parse_competencies,
    rubric_stems,
    validate_all_rubrics,
)

FIXTURES = Path(__file__).parent / "rubric_fixtures"
REPO = Path(__file__).resolve().parents[2]


def test_every_shipped_rubric_loads():
    rubrics = validate_all_rubrics()
    assert rubrics, "the course should ship rubrics"
    for stem, rubric in rubrics.items():
        assert rubric.exercise == stem
        for criterion in rubric.criteria:
            assert [getattr(criterion.levels, level) for level in LEVELS]


def test_each_exercise_with_a_reflection_has_a_rubric():
    # A reflection is never marked by a checker: a trainer needs a rubric for it.
    from raicourse.checks._exercise import exercise_names, load_exercise, questions_of
    from raicourse.checks._questions import ReflectionQuestion

    notebooks = {path.stem for path in (REPO / "exercises").glob("*.ipynb")}
    missing = [
        stem for stem in exercise_names()
        if stem in notebooks
        and any(isinstance(question, ReflectionQuestion) for question in questions_of(load_exercise(stem)))
        and stem not in rubric_stems()
    ]
    assert not missing, f"exercises with a reflection but no rubric in src/raicourse/rubrics/: {missing}"


def test_competencies_name_their_framework_and_the_issue_codes():
    competencies = load_competencies()
    codes = {c.code for c in competencies.competencies if c.framework == "rncp37827"}
    assert {"C4", "C6", "C10", "C14", "C17", "C20"} <= codes
    for framework in competencies.frameworks:
        assert framework.status, "each framework says how far its wording was verified"


def test_load_rubric_by_unknown_stem_names_known_rubrics():
    with pytest.raises(RubricError, match="no rubric named 'nope'.*known rubrics"):
        load_rubric("nope")


@pytest.mark.parametrize(
    ("fixture", "criterion", "field", "problem"),
    [
        ("unknown_competency", "data", "competencies", "unknown competency 'rncp37827-c99'"),
        ("missing_level", "advice", "levels.exceeds", "required"),
        ("typo_field", "gap", "levels.exeeds", "unknown field"),
        ("duplicate_id", "same", "id", "used twice"),
        ("wrong_stem", None, "exercise", "file's stem"),
        ("empty_competencies", "lonely", "competencies", "must not be empty"),
    ],
)
def test_malformed_rubric_names_file_criterion_and_field(fixture, criterion, field, problem):
    with pytest.raises(RubricError) as caught:
        load_rubric_file(FIXTURES / f"{fixture}.yaml")
    error = caught.value
    message = str(error)
    assert f"{fixture}.yaml" in message
    assert error.item_id == criterion
    assert error.field == field
    assert problem in message
    if criterion is not None:
        assert f"criterion {criterion!r}" in message
    assert f"field {field!r}" in message


def test_not_yaml_names_the_file():
    with pytest.raises(RubricError, match=r"not_yaml\.yaml: not valid YAML"):
        load_rubric_file(FIXTURES / "not_yaml.yaml")


def test_competency_with_unknown_framework_is_refused():
    data = {
        "frameworks": [{"id": "esco", "name": "ESCO", "url": "https://esco.ec.europa.eu", "status": "unverified"}],
        "competencies": [{"id": "x-1", "framework": "onet", "code": "1", "label": "something"}],
    }
    with pytest.raises(RubricError, match=r"competency list c\.yaml, competency 'x-1', field 'framework'"):
        parse_competencies(data, "c.yaml")


def test_a_malformed_rubric_fails_the_build_at_its_start(tmp_path, monkeypatch):
    import shutil

    from sphinx.errors import ExtensionError

    from raicourse import instructor
    from raicourse.rubrics import loader, rubrics_folder

    shutil.copy(rubrics_folder() / "competencies.yaml", tmp_path / "competencies.yaml")
    shutil.copy(FIXTURES / "unknown_competency.yaml", tmp_path / "unknown_competency.yaml")
    monkeypatch.setattr(loader, "rubrics_folder", lambda: tmp_path)
    with pytest.raises(ExtensionError, match=r"unknown_competency\.yaml, criterion 'data', field 'competencies'"):
        instructor._validate_rubrics(None)


def test_rubric_table_has_a_caption_headings_and_a_row_heading_per_criterion():
    from docutils import nodes

    from raicourse.instructor import rubric_table

    rubric = load_rubric("privacy")
    table = rubric_table("privacy")
    assert rubric.title in table.next_node(nodes.title).astext()
    headings = [entry.astext() for entry in table.next_node(nodes.thead).findall(nodes.entry)]
    assert headings == ["Criterion (where to look)", "Not yet", "Meets", "Exceeds", "Competencies"]
    rows = list(table.next_node(nodes.tbody).findall(nodes.row))
    assert len(rows) == len(rubric.criteria)
    for row, criterion in zip(rows, rubric.criteria):
        text = row.astext()
        assert criterion.criterion in text and criterion.levels.meets in text
    assert table.next_node(nodes.colspec)["stub"] == 1
