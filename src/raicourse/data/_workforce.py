"""The tech staff of a fictional company, for diversity and inclusion statistics."""

from __future__ import annotations

import numpy as np
import pandas as pd

from raicourse.data._common import make_rng

__all__ = ["LEVELS", "load_workforce"]

#: Career levels, from the first job to the top.
LEVELS = ("junior", "mid", "senior", "lead", "director")

# How many people work at each level (fixed, so every seed has the same pyramid).
_HEADCOUNT = {"junior": 230, "mid": 210, "senior": 140, "lead": 60, "director": 16}

# How many women work at each level (fixed): the "leaky pipeline", 40% of juniors
# but 12.5% of directors, with the largest drop between mid and senior.
_WOMEN = {"junior": 92, "mid": 76, "senior": 31, "lead": 10, "director": 2}
# A handful of non-binary people (fixed): a group too small for percentages.
_NON_BINARY = {"junior": 2, "mid": 1, "senior": 0, "lead": 0, "director": 0}

_TEAMS = ("software engineering", "data science", "data engineering", "IT operations", "product and design")
_TEAM_SHARES = (0.34, 0.18, 0.18, 0.18, 0.12)

_AGE_BANDS = ("under 30", "30-39", "40-49", "50 and over")
# Age bands by level: few people over 50 anywhere.
_AGE_SHARES = {
    "junior": (0.70, 0.24, 0.05, 0.01),
    "mid": (0.25, 0.55, 0.16, 0.04),
    "senior": (0.05, 0.52, 0.33, 0.10),
    "lead": (0.0, 0.40, 0.45, 0.15),
    "director": (0.0, 0.25, 0.50, 0.25),
}
# Years of service at the snapshot date (1 January 2025) by level: 0 to this maximum.
_MAX_SERVICE = {"junior": 3, "mid": 7, "senior": 11, "lead": 14, "director": 16}

SNAPSHOT_YEAR = 2025

# Probability of leaving during 2025: women leave more often than men, most of all
# at the mid and senior levels (the leak in the pipeline).
_LEAVE_MAN = {"junior": 0.14, "mid": 0.12, "senior": 0.10, "lead": 0.08, "director": 0.06}
_LEAVE_WOMAN_EXTRA = {"junior": 0.03, "mid": 0.10, "senior": 0.09, "lead": 0.04, "director": 0.04}

# Disability: the true rate (hidden) and how often people choose not to answer.
_DISABILITY_RATE = 0.08
_NOT_DECLARED_IF_DISABLED = 0.50
_NOT_DECLARED_OTHERWISE = 0.30


def load_workforce(seed: int | None = None) -> pd.DataFrame:
    """The tech staff of a fictional company on 1 January 2025, one row per employee.

    Datasheet
    ---------
    Purpose
        The skills-pillar lesson on diversity and inclusion: compute who works in
        tech and at which level, see a "leaky pipeline" (the share of women falls as
        seniority rises), compare how often groups leave, and practise two habits of
        honest diversity statistics: do not publish a percentage computed on a handful
        of people, and never treat "not declared" as "no".
    Rows
        One per employee on the staff list on 1 January 2025: 656 rows. The number of
        people at each level is fixed (230 junior, 210 mid, 140 senior, 60 lead,
        16 director); who they are changes with the seed.
    Columns
        ``employee_id`` (int), ``team`` (software engineering, data science, data
        engineering, IT operations, product and design), ``level`` (junior, mid,
        senior, lead, director), ``gender`` ("woman", "man" or "non-binary", as the
        person declared it), ``age_band`` ("under 30", "30-39", "40-49",
        "50 and over"), ``disability`` ("yes", "no" or "not declared": the answer to a
        voluntary question), ``hired_year`` (int), ``left_in_2025`` (1 if the person
        left the company during 2025, else 0).
    How it was made
        **Synthetic**: the company, its people and every number are invented, drawn
        with numpy's seeded generator; nothing is real and nothing is downloaded.
        The number of people of each level and gender is fixed; team, age band, years
        of service, disability and leaving are drawn with the probabilities below.
    Known (planted) patterns
        The patterns are put there on purpose, to be found in the exercise. They echo
        patterns reported for the tech sector (women are a minority of ICT specialists
        in the EU), but their sizes are the course's choice, not measurements.

        * Leaky pipeline: women are 92 of 230 juniors (40%), 76 of 210 mid-level staff
          (36%), 31 of 140 seniors (22%), 10 of 60 leads (17%) and 2 of 16 directors
          (12.5%); the largest drop is between mid and senior.
        * Attrition: women leave more often than men, mostly at mid and senior level
          (for men, 0.06 to 0.14 a year depending on the level; for women, 0.03 to 0.10
          more).
        * Small numbers: only 3 people declared themselves non-binary, and the
          director level has 16 people, 2 of them women, so any percentage on these
          groups moves a lot when one person arrives or leaves.
        * "Not declared" is not "no": about 8% of staff have a disability, but half of
          them, and 30% of the others, chose not to answer. So the share of "yes" among
          all staff understates the true rate, and "not declared" must not be counted
          as "no".
        * Age: few people are 50 or over.

    Parameters
    ----------
    seed : int, optional
        Seed of the random generator; the same seed gives the same table with the
        pinned library versions. Default: the course seed.

    Returns
    -------
    pandas.DataFrame
    """
    rng = make_rng(seed)
    frames = []
    for level in LEVELS:
        n = _HEADCOUNT[level]
        men = n - _WOMEN[level] - _NON_BINARY[level]
        gender = rng.permutation(
            np.array(["woman"] * _WOMEN[level] + ["non-binary"] * _NON_BINARY[level] + ["man"] * men)
        )
        team = rng.choice(_TEAMS, size=n, p=_TEAM_SHARES)
        age_band = rng.choice(_AGE_BANDS, size=n, p=_AGE_SHARES[level])
        service = rng.integers(0, _MAX_SERVICE[level] + 1, size=n)
        disabled = rng.random(n) < _DISABILITY_RATE
        silent = rng.random(n) < np.where(disabled, _NOT_DECLARED_IF_DISABLED, _NOT_DECLARED_OTHERWISE)
        disability = np.where(silent, "not declared", np.where(disabled, "yes", "no"))
        leave = _LEAVE_MAN[level] + _LEAVE_WOMAN_EXTRA[level] * (gender != "man")
        left = (rng.random(n) < leave).astype(int)
        frames.append(
            pd.DataFrame(
                {
                    "team": team,
                    "level": level,
                    "gender": gender,
                    "age_band": age_band,
                    "disability": disability,
                    "hired_year": SNAPSHOT_YEAR - 1 - service,
                    "left_in_2025": left,
                }
            )
        )
    staff = pd.concat(frames, ignore_index=True)
    # Shuffle the rows so that the table is not sorted by level, then number them.
    staff = staff.iloc[rng.permutation(len(staff))].reset_index(drop=True)
    staff.insert(0, "employee_id", np.arange(1001, 1001 + len(staff)))
    staff["hired_year"] = staff["hired_year"].astype(int)
    return staff
