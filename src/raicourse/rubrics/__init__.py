"""Rubrics for the parts of the exercises that no checker can mark, mapped to competencies.

Each rubric is package data (``raicourse/rubrics/<stem>.yaml``), validated when the book
builds; ``competencies.yaml`` defines the competencies (RNCP37827, ESCO) they name.
"""

from raicourse.rubrics.loader import (
    COMPETENCIES_FILE,
    load_competencies,
    load_rubric,
    load_rubric_file,
    rubric_stems,
    rubrics_folder,
    validate_all_rubrics,
)
from raicourse.rubrics.schema import (
    LEVELS,
    Competencies,
    Competency,
    Criterion,
    Framework,
    Levels,
    Rubric,
    RubricError,
    parse_competencies,
    parse_rubric,
)

__all__ = [
    "COMPETENCIES_FILE",
    "LEVELS",
    "Competencies",
    "Competency",
    "Criterion",
    "Framework",
    "Levels",
    "Rubric",
    "RubricError",
    "load_competencies",
    "load_rubric",
    "load_rubric_file",
    "parse_competencies",
    "parse_rubric",
    "rubric_stems",
    "rubrics_folder",
    "validate_all_rubrics",
]
