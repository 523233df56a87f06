"""Schema of a rubric (``raicourse/rubrics/<stem>.yaml``) and of the competency list, checked with pydantic v2.

A rubric describes, in three levels, what an assessor looks for in the parts of an
exercise that no checker can mark (reflections, open questions, the capstone). Each
criterion points at competencies defined once in ``competencies.yaml``.

A file that does not fit raises :class:`RubricError`, whose message names the file, the
criterion id and the field, so that an author can fix it without reading Python::

    rubric src/raicourse/rubrics/privacy.yaml, criterion 'risk', field 'competencies':
    unknown competency 'rncp37827-c99' (known: ...)
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, ValidationError

from raicourse._schema import AuthorFileError, StrictModel

__all__ = [
    "LEVELS",
    "Competencies",
    "Competency",
    "Criterion",
    "Framework",
    "Levels",
    "Rubric",
    "RubricError",
    "parse_competencies",
    "parse_rubric",
]

#: The three levels of every criterion, in the order they are shown.
LEVELS = ("not_yet", "meets", "exceeds")

NonEmptyText = Annotated[str, Field(min_length=1)]
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]


class RubricError(AuthorFileError):
    """A rubric or the competency list does not follow the schema.

    Parameters
    ----------
    path : str
        The file, as shown to the author.
    item_id : str or None
        The id of the faulty criterion (or competency); None for a file-level problem.
    field : str or None
        The faulty field (dotted for nested fields, e.g. ``levels.meets``).
    problem : str
        What is wrong, in plain words.
    item_kind : str
        ``"criterion"`` for a rubric, ``"competency"`` for the competency list.
    """

    def __init__(self, path: str, item_id: str | None, field: str | None, problem: str,
                 item_kind: str = "criterion") -> None:
        kind_of_file = "competency list" if item_kind == "competency" else "rubric"
        super().__init__(kind_of_file, path, item_kind, item_id, field, problem)


class Levels(StrictModel):
    """What a learner's work shows at each level: observable behaviour, one or two sentences."""

    not_yet: NonEmptyText
    meets: NonEmptyText
    exceeds: NonEmptyText


class Criterion(StrictModel):
    """One thing the assessor judges, where to look, its three levels and its competencies."""

    id: Identifier
    criterion: NonEmptyText
    evidence: NonEmptyText
    levels: Levels
    competencies: Annotated[list[Identifier], Field(min_length=1)]


class Rubric(StrictModel):
    """A rubric: one per exercise stem (``exercises/<stem>.ipynb``, the lesson's stem)."""

    exercise: Identifier
    title: NonEmptyText
    criteria: Annotated[list[Criterion], Field(min_length=1)]


class Framework(StrictModel):
    """A competency framework: the French certification, ESCO."""

    id: Identifier
    name: NonEmptyText
    url: NonEmptyText
    status: NonEmptyText


class Competency(StrictModel):
    """One competency a rubric criterion can name.

    ``label`` is the wording as published (French for RNCP, English for ESCO's preferred
    label); ``gloss`` is a plain English rendering for readers who do not read French.
    """

    id: Identifier
    framework: Identifier
    code: NonEmptyText
    label: NonEmptyText
    gloss: str | None = None
    uri: str | None = None


class Competencies(StrictModel):
    """The list of competencies the course supports, with their frameworks."""

    frameworks: Annotated[list[Framework], Field(min_length=1)]
    competencies: Annotated[list[Competency], Field(min_length=1)]

    def by_id(self) -> dict[str, Competency]:
        """Every competency by its id."""
        return {competency.id: competency for competency in self.competencies}

    def framework(self, framework_id: str) -> Framework:
        """The framework with this id."""
        return next(framework for framework in self.frameworks if framework.id == framework_id)


def _describe(error: dict) -> str:
    """Turn one pydantic error into a sentence for a course author."""
    kind = error["type"]
    if kind == "missing":
        return "this field is required"
    if kind == "extra_forbidden":
        return "unknown field (a typo?)"
    if kind == "string_pattern_mismatch":
        return "ids use only lowercase letters, digits, '-' and '_'"
    if kind == "too_short":
        return "this list must not be empty"
    return str(error["msg"]).removeprefix("Value error, ")


def _first_error(exc: ValidationError, data: dict, path: str, list_key: str, item_kind: str) -> RubricError:
    error = exc.errors(include_url=False)[0]
    location = [str(part) if not isinstance(part, int) else part for part in error["loc"]]
    if len(location) >= 2 and location[0] == list_key and isinstance(location[1], int):
        index = location[1]
        items = data.get(list_key) or []
        raw = items[index] if index < len(items) else None
        item_id = str(raw["id"]) if isinstance(raw, dict) and raw.get("id") is not None else f"#{index + 1}"
        rest = [str(part) for part in location[2:]]
        if error["type"] in {"dict_type", "model_type"} and not rest:
            return RubricError(path, item_id, None, f"each {item_kind} is a mapping of fields", item_kind)
        return RubricError(path, item_id, ".".join(rest) or None, _describe(error), item_kind)
    field = ".".join(str(part) for part in location) or None
    return RubricError(path, None, field, _describe(error), item_kind)


def parse_competencies(data: object, path: str) -> Competencies:
    """Validate the parsed YAML of ``competencies.yaml``.

    Parameters
    ----------
    data : object
        What ``yaml.safe_load`` returned for the file.
    path : str
        The file, named in error messages.

    Raises
    ------
    RubricError
        On the first problem, naming the file, the competency and the field.
    """
    if not isinstance(data, dict):
        raise RubricError(path, None, None, "the competency list is a mapping with 'frameworks' and 'competencies'",
                          "competency")
    try:
        result = Competencies.model_validate(data)
    except ValidationError as exc:
        raise _first_error(exc, data, path, "competencies", "competency") from None
    frameworks = {framework.id for framework in result.frameworks}
    seen: set[str] = set()
    for competency in result.competencies:
        if competency.id in seen:
            raise RubricError(path, competency.id, "id", "this id is used twice; ids must be unique", "competency")
        seen.add(competency.id)
        if competency.framework not in frameworks:
            raise RubricError(path, competency.id, "framework",
                              f"unknown framework {competency.framework!r} (known: {', '.join(sorted(frameworks))})",
                              "competency")
    return result


def parse_rubric(data: object, path: str, competencies: Competencies, stem: str | None = None) -> Rubric:
    """Validate the parsed YAML of a rubric against the schema and the competency list.

    Parameters
    ----------
    data : object
        What ``yaml.safe_load`` returned for the file.
    path : str
        The file, named in error messages.
    competencies : Competencies
        The known competencies; a criterion naming another id is an error.
    stem : str, optional
        The file's stem; when given, ``exercise`` must equal it (one stem per topic).

    Raises
    ------
    RubricError
        On the first problem, naming the file, the criterion and the field.
    """
    if not isinstance(data, dict):
        raise RubricError(path, None, None, "a rubric is a mapping with 'exercise', 'title' and 'criteria'")
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        raise _first_error(exc, data, path, "criteria", "criterion") from None
    if stem is not None and rubric.exercise != stem:
        raise RubricError(path, None, "exercise",
                          f"the exercise {rubric.exercise!r} must be the file's stem {stem!r} (one stem per topic)")
    known = competencies.by_id()
    seen: set[str] = set()
    for criterion in rubric.criteria:
        if criterion.id in seen:
            raise RubricError(path, criterion.id, "id", "this id is used twice; ids must be unique in a rubric")
        seen.add(criterion.id)
        for competency_id in criterion.competencies:
            if competency_id not in known:
                raise RubricError(path, criterion.id, "competencies",
                                  f"unknown competency {competency_id!r} (known: {', '.join(sorted(known))})")
    return rubric


