"""The learner's local progress: a small JSON file in their home folder.

Nothing is sent anywhere. The file is ``~/.raicourse/progress.json`` unless the
``RAICOURSE_PROGRESS_FILE`` environment variable names another one (set it to an
empty string to record nothing). Writing never raises: progress is a convenience,
a read-only home folder must not break a learner's notebook.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

__all__ = ["progress_file", "read_progress", "record_outcome"]

_RANK = {"error": 0, "not_attempted": 1, "incorrect": 2, "recorded": 3, "correct": 3}


def progress_file() -> Path | None:
    """Return the progress file, or None when recording is switched off."""
    configured = os.environ.get("RAICOURSE_PROGRESS_FILE")
    if configured is not None:
        return Path(configured).expanduser() if configured.strip() else None
    return Path.home() / ".raicourse" / "progress.json"


def read_progress() -> dict:
    """Return the recorded progress ``{"exercises": {exercise: {question: {...}}}}``."""
    path = progress_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path else {}
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict) or not isinstance(data.get("exercises"), dict):
        data = {"exercises": {}}
    return data


def record_outcome(exercise: str, question: str, outcome: str) -> None:
    """Add one check outcome to the progress file; silently give up on any failure."""
    try:
        path = progress_file()
        if path is None:
            return
        data = read_progress()
        questions = data["exercises"].setdefault(exercise, {})
        entry = questions.get(question)
        if not isinstance(entry, dict):
            entry = {}
        best = entry.get("best", "error")
        entry["attempts"] = int(entry.get("attempts", 0)) + 1
        entry["last"] = outcome
        entry["best"] = outcome if _RANK.get(outcome, 0) >= _RANK.get(best, 0) else best
        entry["updated"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        questions[question] = entry
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write to a temporary file and rename it, so a crash never leaves half a file.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".progress-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, indent=1, sort_keys=True)
        os.replace(temporary, path)
    except Exception:  # noqa: BLE001 - progress must never break a notebook
        return
