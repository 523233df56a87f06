"""Fixtures of the checker tests: English messages, and no progress file written."""

from __future__ import annotations

import pytest

from raicourse import i18n


@pytest.fixture(autouse=True)
def english_and_no_progress(monkeypatch):
    monkeypatch.setenv("RAICOURSE_PROGRESS_FILE", "")
    monkeypatch.setattr(i18n, "_chosen", "en")
