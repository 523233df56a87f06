"""A small synthetic town: quasi-identifiers and one sensitive attribute."""

from __future__ import annotations

import numpy as np
import pandas as pd

from raicourse.data._common import make_rng

__all__ = ["load_town"]

POSTCODES = ("4100", "4110", "4120", "4130", "4140", "4150")
DIAGNOSES = ("none", "asthma", "diabetes", "depression", "heart disease", "HIV")
_DIAGNOSIS_SHARES = (0.62, 0.1, 0.09, 0.1, 0.07, 0.02)


def load_town(n: int = 3000, seed: int | None = None) -> pd.DataFrame:
    """The residents of a small synthetic town, for re-identification and privacy lessons.

    Datasheet
    ---------
    Purpose
        Show that "anonymous" records can be re-identified by joining quasi-identifiers
        (Sweeney 2000: postcode, birth date and sex single out most people), and practise
        k-anonymity, generalisation and differential privacy on a table with no real person.
    Rows
        One per resident: ``n`` rows (3,000 by default).
    Columns
        ``resident_id`` (int, the key a data holder would remove), ``postcode`` (six
        postcodes), ``birth_date`` (datetime, 1935–2007), ``sex`` ("F" or "M"), and the
        sensitive attribute ``diagnosis`` (one of "none", "asthma", "diabetes",
        "depression", "heart disease", "HIV").
    How it was made
        Synthetic, seeded numpy draws; nothing is real or downloaded. Postcodes have
        unequal sizes; birth dates are uniform over the years; diagnoses are drawn with
        fixed shares, independently of the other columns.
    Known properties
        * Almost every resident is unique on (postcode, birth date, sex): k = 1 for
          nearly everyone before generalisation.
        * Rare diagnoses (HIV, 2 %) make small groups easy to attack even after
          generalisation (the homogeneity attack that motivates l-diversity).

    Parameters
    ----------
    n : int
        Number of residents.
    seed : int, optional
        Seed of the random generator. Default: the course seed.

    Returns
    -------
    pandas.DataFrame
    """
    rng = make_rng(seed)
    postcode = rng.choice(POSTCODES, size=n, p=(0.3, 0.22, 0.18, 0.14, 0.1, 0.06))
    first_day = np.datetime64("1935-01-01")
    days = rng.integers(0, (np.datetime64("2007-12-31") - first_day).astype(int) + 1, n)
    birth_date = first_day + days.astype("timedelta64[D]")
    sex = np.where(rng.random(n) < 0.51, "F", "M")
    diagnosis = rng.choice(DIAGNOSES, size=n, p=_DIAGNOSIS_SHARES)
    return pd.DataFrame(
        {
            "resident_id": np.arange(1, n + 1),
            "postcode": pd.array(postcode, dtype="str"),
            "birth_date": pd.to_datetime(birth_date).astype("datetime64[ns]"),
            "sex": pd.array(sex, dtype="str"),
            "diagnosis": pd.array(diagnosis, dtype="str"),
        }
    )
