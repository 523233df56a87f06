"""Find, read and validate the rubrics and the competency list (package data)."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import yaml

from raicourse.rubrics.schema import Competencies, Rubric, RubricError, parse_competencies, parse_rubric

__all__ = [
    "COMPETENCIES_FILE",
    "load_competencies",
    "load_rubric",
    "load_rubric_file",
    "rubric_stems",
    "rubrics_folder",
    "validate_all_rubrics",
]

#: The competency list lives beside the rubrics; it is not a rubric.
COMPETENCIES_FILE = "competencies.yaml"


def rubrics_folder() -> Path:
    """Return the folder of the package's rubrics."""
    return Path(str(resources.files("raicourse") / "rubrics"))


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _read_yaml(path: Path, item_kind: str) -> object:
    shown = _shown(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RubricError(shown, None, None, "file not found", item_kind) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RubricError(shown, None, None, f"not valid YAML: {exc}", item_kind) from None


def load_competencies(path: str | os.PathLike[str] | None = None, language: str = "en") -> Competencies:
    """Read and validate the competency list.

    Parameters
    ----------
    path : str or path-like, optional
        Another list (tests); by default the package's ``competencies.yaml``.

    Raises
    ------
    RubricError
        When the file is missing, is not YAML or does not follow the schema.
    """
    file = Path(path) if path is not None else rubrics_folder() / COMPETENCIES_FILE
    data = _read_yaml(file, "competency")
    if language != "en":
        from raicourse.translations.rubrics import IncompleteRubricTranslation, translate_competencies

        try:
            data = translate_competencies(data, _shown(file))
        except IncompleteRubricTranslation as error:
            raise RubricError(_shown(file), None, None, str(error), "competency") from None
    return parse_competencies(data, _shown(file))


def rubric_stems() -> list[str]:
    """Return the stems of every rubric shipped in the package, sorted."""
    return sorted(entry.stem for entry in rubrics_folder().glob("*.yaml") if entry.name != COMPETENCIES_FILE)


def load_rubric_file(path: str | os.PathLike[str], competencies: Competencies | None = None, language: str = "en") -> Rubric:
    """Read and validate one rubric file.

    Parameters
    ----------
    path : str or path-like
        A ``.yaml`` rubric; its ``exercise`` must equal the file's stem.
    competencies : Competencies, optional
        The known competencies (by default the package's list).

    Raises
    ------
    RubricError
        Naming the file, the criterion and the field of the first problem.
    """
    file = Path(path)
    known = competencies if competencies is not None else load_competencies()
    data = _read_yaml(file, "criterion")
    if language != "en":
        from raicourse.translations.rubrics import IncompleteRubricTranslation, translate_rubric

        try:
            data = translate_rubric(file.stem, data, _shown(file))
        except IncompleteRubricTranslation as error:
            raise RubricError(_shown(file), None, None, str(error)) from None
    return parse_rubric(data, _shown(file), known, stem=file.stem)


def load_rubric(stem: str, language: str = "en") -> Rubric:
    """Load the package's rubric of an exercise by its stem.

    Raises
    ------
    RubricError
        When there is no such rubric, or it is malformed.
    """
    path = rubrics_folder() / f"{stem}.yaml"
    if stem == Path(COMPETENCIES_FILE).stem or not path.exists():
        known = ", ".join(rubric_stems()) or "none"
        raise RubricError(_shown(path), None, None, f"no rubric named {stem!r} (known rubrics: {known})")
    return load_rubric_file(path, language=language)


def validate_all_rubrics() -> dict[str, Rubric]:
    """Validate the competency list and every rubric; return the rubrics by stem.

    Raises
    ------
    RubricError
        For the first malformed file.
    """
    competencies = load_competencies()
    return {stem: load_rubric_file(rubrics_folder() / f"{stem}.yaml", competencies) for stem in rubric_stems()}
