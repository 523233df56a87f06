"""The package's own messages (``raicourse/locales/**/*.yaml``): French beside English, kept in sync.

These catalogues hold ``key: {en: ..., fr: ...}`` (see :mod:`raicourse.i18n`): the two texts
sit side by side, so a reviewer sees both in one diff. What a diff does not show is that
the English changed *after* the French was written. ``raicourse/locales/fr/checked.yaml``
records, for each key, a short hash of the English text that its French was checked
against; the drift gate fails when the English no longer has that hash (or the French is
missing), naming the file and the key. After updating the French, record it with
``python -m raicourse.translations confirm KEY`` (or ``--all`` after a review of the diff).
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

import yaml

from raicourse.i18n import catalogue

__all__ = ["CHECKED_FILE", "confirm", "english_hash", "problems"]

CHECKED_FILE = "checked.yaml"


def _path() -> Path:
    return Path(str(resources.files("raicourse") / "locales" / "fr" / CHECKED_FILE))


def english_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _checked() -> dict[str, str]:
    path = _path()
    if not path.exists():
        return {}
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def _file_of(key: str) -> str:
    parts = key.split(".")
    if parts[0] == "checks" and len(parts) > 2:
        return f"src/raicourse/locales/checks/{parts[1]}.yaml"
    return f"src/raicourse/locales/{parts[0]}.yaml"


def problems() -> list[str]:
    """Every package message whose French is missing or older than its English."""
    checked = _checked()
    found = []
    for key, texts in sorted(catalogue().items()):
        english = texts.get("en")
        if not english:
            continue
        short = key.split(".", 2)[-1] if key.startswith("checks.") else key.split(".", 1)[-1]
        if not texts.get("fr"):
            found.append(f"{_file_of(key)}: key {short!r} has no French")
        elif checked.get(key) != english_hash(english):
            found.append(f"{_file_of(key)}: key {short!r}: the English changed since its French was checked "
                         f"(update the French, then `python -m raicourse.translations confirm {key}`)")
    return found


def confirm(keys: list[str] | None = None) -> int:
    """Record that the French of ``keys`` (all keys with French when None) matches their English."""
    checked = _checked()
    messages = catalogue()
    count = 0
    for key in keys if keys is not None else list(messages):
        texts = messages.get(key)
        if texts is None:
            raise KeyError(f"no message {key!r} in raicourse/locales")
        if texts.get("en") and texts.get("fr"):
            checked[key] = english_hash(texts["en"])
            count += 1
    header = ("# Hash of the English text that each message's French was checked against (see\n"
              "# raicourse/translations/package.py). Written by `python -m raicourse.translations confirm`.\n")
    _path().write_text(header + yaml.safe_dump(dict(sorted(checked.items())), sort_keys=False), encoding="utf-8")
    return count
