"""The message catalogue: complete in both languages, consistent, and safe to look up."""

from __future__ import annotations

import pytest

import raicourse
from raicourse import i18n


def test_every_message_exists_in_english_and_french():
    incomplete = {key: sorted(texts) for key, texts in i18n.catalogue().items() if set(texts) != set(i18n.LANGUAGES)}
    assert incomplete == {}


@pytest.mark.parametrize("key", sorted(i18n.catalogue()))
def test_translations_use_the_same_fields(key):
    texts = i18n.catalogue()[key]
    assert i18n.placeholders(texts["fr"]) == i18n.placeholders(texts["en"]), key


@pytest.mark.parametrize("key", sorted(i18n.catalogue()))
def test_no_message_is_empty(key):
    assert all(text.strip() for text in i18n.catalogue()[key].values()), key


def test_set_language_switches_messages(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", None)
    raicourse.set_language("fr")
    assert i18n.t("core.course_title").startswith("IA responsable")
    raicourse.set_language("en")
    assert i18n.t("core.course_title").startswith("Responsible AI")


def test_unknown_language_is_refused(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", None)
    with pytest.raises(ValueError, match="one of"):
        raicourse.set_language("de")


@pytest.mark.parametrize(
    ("environment", "expected"),
    [({"RAICOURSE_LANG": "fr"}, "fr"), ({"LANG": "fr_FR.UTF-8"}, "fr"), ({"LANG": "de_DE.UTF-8"}, "en"), ({}, "en")],
)
def test_default_language_comes_from_the_environment(monkeypatch, environment, expected):
    monkeypatch.setattr(i18n, "_chosen", None)
    for variable in ("RAICOURSE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert i18n.get_language() == expected


def test_unknown_key_and_missing_field_never_raise():
    assert i18n.t("no.such.key") == "no.such.key"
    assert i18n.t("core.course_title", unused="x")
