"""What the course's YAML schemas share (quiz banks, rubrics, the competency list).

An author's file that does not fit raises a subclass of :class:`AuthorFileError`, whose
message names the file, the item (question, criterion, competency) and the field, so
that the author can fix it without reading Python. Models refuse unknown keys.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["AuthorFileError", "StrictModel"]


class AuthorFileError(ValueError):
    """A file written by a course author does not follow its schema.

    Parameters
    ----------
    file_kind : str
        What the file is, in words ("quiz bank", "rubric").
    path : str
        The file, as shown to the author.
    item_kind : str
        What the file lists ("question", "criterion").
    item_id : str or None
        The id of the faulty item; None for a problem of the whole file.
    field : str or None
        The faulty field (dotted for nested fields, e.g. ``choices.2.text``).
    problem : str
        What is wrong, in plain words.
    """

    def __init__(self, file_kind: str, path: str, item_kind: str, item_id: str | None, field: str | None,
                 problem: str) -> None:
        self.path = path
        self.item_id = item_id
        self.field = field
        self.problem = problem
        where = [f"{file_kind} {path}"]
        if item_id is not None:
            where.append(f"{item_kind} {item_id!r}")
        if field is not None:
            where.append(f"field {field!r}")
        super().__init__(f"{', '.join(where)}: {problem}")


class StrictModel(BaseModel):
    """A frozen pydantic model that refuses unknown keys, so that a typo in a field name
    ("explantion", "exeeds") fails loudly instead of vanishing."""

    model_config = ConfigDict(extra="forbid", frozen=True)
