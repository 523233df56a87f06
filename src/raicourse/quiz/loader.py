"""Find, read and validate quiz banks.

Banks are package data (``raicourse/quiz/banks/<stem>.yaml``) so that a quiz also works in
a notebook on Colab or Binder, where only the installed package is available.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import yaml

from raicourse.quiz.schema import Bank, QuizBankError, parse_bank

__all__ = ["bank_stems", "banks_folder", "display_path", "load_bank", "load_bank_file", "validate_all_banks"]


def banks_folder() -> Path:
    """Return the folder of the package's quiz banks."""
    return Path(str(resources.files("raicourse") / "quiz" / "banks"))


def display_path(path: Path) -> str:
    """Show ``path`` relative to the current folder when it is inside it (shorter messages)."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def bank_stems() -> list[str]:
    """Return the stems of every bank shipped in the package, sorted."""
    return sorted(entry.stem for entry in banks_folder().glob("*.yaml"))


def load_bank_file(path: str | os.PathLike[str], language: str = "en", strict: bool | None = None) -> Bank:
    """Read and validate one bank file.

    Parameters
    ----------
    path : str or path-like
        A ``.yaml`` quiz bank.
    language : str, optional
        ``"fr"``: the bank's texts come from its French catalogue
        (``raicourse/locales/fr/quiz/<stem>.po``, see :mod:`raicourse.translations.quizzes`);
        ids, version, answers and the order of choices stay the same. A string without
        current French stays English, unless ``RAICOURSE_STRICT_TRANSLATIONS`` is set (the
        French book's build), where it is an error naming the bank and the question.

    Raises
    ------
    QuizBankError
        When the file is missing, is not YAML, or does not follow the schema.
    """
    file = Path(path)
    shown = display_path(file)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QuizBankError(shown, None, None, "file not found") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise QuizBankError(shown, None, None, f"not valid YAML: {exc}") from None
    if language != "en" and isinstance(data, dict):
        from raicourse.translations.quizzes import IncompleteTranslation, has_catalogue, translate_bank_data

        if strict is None:
            strict = bool(os.environ.get("RAICOURSE_STRICT_TRANSLATIONS"))
        if has_catalogue(file.stem) or strict:
            try:
                data = translate_bank_data(file.stem, data, shown, strict)
            except IncompleteTranslation as error:
                raise QuizBankError(shown, None, None, str(error)) from None
    return parse_bank(data, shown)


def load_bank(stem_or_path: str | os.PathLike[str], language: str = "en", strict: bool | None = None) -> tuple[str, Bank]:
    """Load a bank by lesson stem (``"intro"``) or by file path.

    Parameters
    ----------
    stem_or_path : str or path-like
        A stem of a bank shipped in the package, or the path of a ``.yaml`` file
        (used by tests and by authors previewing a new bank).
    language : str, optional
        ``"en"`` (the source) or ``"fr"`` (see :func:`load_bank_file`).
    strict : bool, optional
        Whether a missing French string is an error (default: ``RAICOURSE_STRICT_TRANSLATIONS``).

    Returns
    -------
    (str, Bank)
        The bank's stem (its key in the learner's stored progress) and the bank.
    """
    text = os.fspath(stem_or_path)
    if text.endswith((".yaml", ".yml")) or os.sep in text or "/" in text:
        path = Path(text)
        return path.stem, load_bank_file(path, language, strict)
    path = banks_folder() / f"{text}.yaml"
    if not path.exists():
        known = ", ".join(bank_stems()) or "none"
        raise QuizBankError(display_path(path), None, None, f"no quiz bank named {text!r} (known banks: {known})")
    return text, load_bank_file(path, language, strict)


def validate_all_banks() -> dict[str, Bank]:
    """Validate every bank of the package; return them by stem.

    Raises
    ------
    QuizBankError
        For the first malformed bank.
    """
    return {stem: load_bank(stem)[1] for stem in bank_stems()}
