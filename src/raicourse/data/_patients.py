"""Patients ranked for a care programme by their predicted health-care cost."""

from __future__ import annotations

import numpy as np
import pandas as pd

from raicourse.data._common import make_rng

__all__ = ["load_patients"]


def load_patients(n: int = 6000, seed: int | None = None) -> pd.DataFrame:
    """Patients ranked for an extra-care programme by a score that predicts cost, not need.

    Datasheet
    ---------
    Purpose
        Show measurement bias through a proxy label, with the mechanism found by
        Obermeyer, Powers, Vogeli and Mullainathan (2019), "Dissecting racial bias in an
        algorithm used to manage the health of populations", *Science* 366(6464):447–453,
        doi:10.1126/science.aax2342: an algorithm predicted health-care *cost* and was
        used as if cost measured health *need*.
    Rows
        One per patient: ``n`` rows (6,000 by default); about 20 % in group B.
    Columns
        ``patient_id`` (int), ``group`` ("A" or "B"; in the study, B stands for Black
        patients and A for white patients), ``age`` (int), ``sex`` ("F" or "M"),
        ``chronic_conditions`` (number of active chronic illnesses: the real health
        need), ``past_cost`` (last year's health-care spending, euros), ``risk_score``
        (0–100 percentile of the algorithm's predicted cost), ``enrolled`` (1 if the
        score is in the top 10 %, which gives access to the extra-care programme).
    How it was made
        Synthetic, seeded numpy draws; nothing is real or downloaded. The number of
        chronic conditions is drawn from the same distribution in both groups. Cost
        grows with need, but group B receives about 30 % less care for the same need
        (less access to care). The risk score predicts next year's cost from past cost.
    Known (injected) biases
        * Measurement / proxy-label bias: at the same ``risk_score``, patients of group B
          have more chronic conditions; so group B is under-represented among the
          enrolled compared with its share of the sickest patients.

    Parameters
    ----------
    n : int
        Number of patients.
    seed : int, optional
        Seed of the random generator. Default: the course seed.

    Returns
    -------
    pandas.DataFrame
    """
    rng = make_rng(seed)
    group = np.where(rng.random(n) < 0.2, "B", "A")
    age = np.clip(np.round(rng.normal(52, 15, n)), 18, 95).astype(int)
    sex = np.where(rng.random(n) < 0.52, "F", "M")
    chronic_conditions = rng.poisson(0.6 + 0.03 * (age - 18) * rng.uniform(0.5, 1.5, n))
    access = np.where(group == "B", 0.7, 1.0)
    past_cost = np.round(access * (900 + 2300 * chronic_conditions) * rng.lognormal(0, 0.35, n), -1)
    predicted_cost = past_cost * rng.lognormal(0, 0.15, n)
    risk_score = np.round(pd.Series(predicted_cost).rank(pct=True).to_numpy() * 100, 1)
    enrolled = (risk_score > 90).astype(int)

    return pd.DataFrame(
        {
            "patient_id": np.arange(1, n + 1),
            "group": pd.array(group, dtype="str"),
            "age": age,
            "sex": pd.array(sex, dtype="str"),
            "chronic_conditions": chronic_conditions.astype(int),
            "past_cost": past_cost,
            "risk_score": risk_score,
            "enrolled": enrolled,
        }
    )
