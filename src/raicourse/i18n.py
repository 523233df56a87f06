"""User-facing strings in English and French, from one catalogue.

Every string a learner sees (quiz buttons, checker feedback, hints' frame) lives in
``raicourse/locales/<domain>.yaml`` as ``key: {en: ..., fr: ...}``. Code looks strings
up by key with :func:`t` and never assembles sentences from fragments, so that each
message can be translated as a whole.

The language is chosen, in order, by :func:`set_language`, the ``RAICOURSE_LANG``
environment variable, then the locale (``LANG`` starting with ``fr``), else English.
"""

from __future__ import annotations

import os
import string
from functools import lru_cache
from importlib import resources

import yaml

__all__ = ["LANGUAGES", "catalogue", "get_language", "set_language", "t"]

LANGUAGES = ("en", "fr")
_FALLBACK = "en"
_chosen: str | None = None


def _language_from_environment() -> str:
    for variable in ("RAICOURSE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            code = value[:2].lower()
            return code if code in LANGUAGES else _FALLBACK
    return _FALLBACK


def get_language() -> str:
    """Return the language code ("en" or "fr") used for messages."""
    return _chosen or _language_from_environment()


def set_language(code: str) -> None:
    """Choose the language of messages for this Python session.

    Parameters
    ----------
    code : str
        ``"en"`` or ``"fr"``.
    """
    global _chosen
    if code not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {code!r}")
    _chosen = code


@lru_cache(maxsize=None)
def catalogue() -> dict[str, dict[str, str]]:
    """Return every message of the package: ``{key: {language: text}}``.

    Keys are prefixed with their domain, the catalogue file's path without suffix
    (``quiz.check`` comes from ``locales/quiz.yaml``, key ``check``;
    ``checks.fairness_metrics.q1.hint1`` from ``locales/checks/fairness_metrics.yaml``,
    key ``q1.hint1``: one file per exercise).
    """
    messages: dict[str, dict[str, str]] = {}
    root = resources.files("raicourse") / "locales"

    def read(folder, domain_prefix: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir() and entry.name in LANGUAGES:
                continue  # locales/fr/: the French edition's catalogues (raicourse.translations), not messages
            if entry.is_dir():
                read(entry, f"{domain_prefix}{entry.name}.")
            elif entry.name.endswith(".yaml"):
                domain = domain_prefix + entry.name[: -len(".yaml")]
                data = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
                for key, texts in data.items():
                    messages[f"{domain}.{key}"] = dict(texts)

    read(root, "")
    return messages


def placeholders(text: str) -> set[str]:
    """Return the ``{name}`` fields of a message template."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def t(key: str, language: str | None = None, **fields: object) -> str:
    """Translate ``key`` into the current (or given) language and fill its fields.

    A key missing in the chosen language falls back to English; an unknown key
    is returned as is, so a missing string never breaks a learner's notebook.
    """
    texts = catalogue().get(key)
    if texts is None:
        return key
    template = texts.get(language or get_language()) or texts.get(_FALLBACK, key)
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError):
        return template
