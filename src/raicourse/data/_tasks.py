"""Occupations, their tasks and how exposed each task is to AI."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from raicourse.data._common import make_rng

__all__ = ["load_tasks"]

# Mean (automation exposure, augmentation exposure) of each task type: routine
# cognitive tasks are the most exposed to generative AI, manual and interpersonal
# tasks the least; analytic tasks are more often helped (augmented) than replaced.
_TASK_TYPES = {
    "routine_cognitive": (0.65, 0.55),
    "routine_manual": (0.35, 0.15),
    "non_routine_analytic": (0.25, 0.7),
    "non_routine_interpersonal": (0.1, 0.35),
    "non_routine_manual": (0.08, 0.2),
}


@lru_cache(maxsize=1)
def _occupations() -> dict:
    text = (resources.files("raicourse.data") / "tasks.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)["occupations"]


def load_tasks(seed: int | None = None) -> pd.DataFrame:
    """Occupations broken down into tasks, with illustrative AI exposure scores per task.

    Datasheet
    ---------
    Purpose
        The skills pillar: reason about AI at the level of *tasks*, not whole jobs
        (most jobs mix exposed and sheltered tasks), and tell automation (the task is
        done by the system) from augmentation (the worker does it better or faster).
    Rows
        One per (occupation, task): 34 rows for 8 occupations.
    Columns
        ``occupation`` (text), ``task`` (text), ``task_type`` (routine_cognitive,
        routine_manual, non_routine_analytic, non_routine_interpersonal,
        non_routine_manual), ``hours_share`` (share of the working week, summing to 1
        per occupation), ``automation_exposure`` and ``augmentation_exposure`` (0–1),
        ``employment_thousands`` (illustrative size of the occupation).
    How it was made
        The occupations and tasks are written by hand in ``raicourse/data/tasks.yaml``
        (English only). Each score is drawn with numpy's seeded generator around the
        mean of the task's type (standard deviation 0.08, clipped to 0–1). The means
        follow the routine/non-routine task framework (Autor, Levy and Murnane 2003) and
        the finding that language-heavy tasks are the most exposed to large language
        models (Eloundou et al. 2024). These are **illustrative scores, not measurements**.
    Known limitations
        * Eight occupations only; employment figures are made up.
        * Exposure is not destiny: a high score says a task *could* be affected, not
          that jobs will disappear.

    Parameters
    ----------
    seed : int, optional
        Seed of the random generator. Default: the course seed.

    Returns
    -------
    pandas.DataFrame
    """
    rng = make_rng(seed)
    rows = []
    for occupation, details in _occupations().items():
        for entry in details["tasks"]:
            automation_mean, augmentation_mean = _TASK_TYPES[entry["type"]]
            rows.append(
                {
                    "occupation": occupation,
                    "task": entry["task"],
                    "task_type": entry["type"],
                    "hours_share": float(entry["hours"]),
                    "automation_exposure": float(np.clip(rng.normal(automation_mean, 0.08), 0, 1).round(2)),
                    "augmentation_exposure": float(np.clip(rng.normal(augmentation_mean, 0.08), 0, 1).round(2)),
                    "employment_thousands": int(details["employment"]),
                }
            )
    return pd.DataFrame(rows)
