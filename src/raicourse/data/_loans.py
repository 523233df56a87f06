"""Loan applications decided by a bank's past rules."""

from __future__ import annotations

import numpy as np
import pandas as pd

from raicourse.data._common import make_rng, sigmoid

__all__ = ["load_loans"]

_AREAS = ("centre", "north", "south", "east", "west")


def load_loans(n: int = 4000, seed: int | None = None) -> pd.DataFrame:
    """Loan applications and the decisions of a bank's past credit rules.

    Datasheet
    ---------
    Purpose
        Discuss credit scoring: which features are fair to use, selective labels
        (we only learn whether approved loans were repaid), and fairness by sex and age.
    Rows
        One per application: ``n`` rows (4,000 by default), about half women.
    Columns
        ``application_id`` (int), ``sex`` ("F" or "M"), ``age`` (18–75), ``income``
        (yearly, euros), ``loan_amount`` (euros), ``credit_history_years`` (years since
        the first credit), ``area`` (five areas of the town), ``approved`` (1 if the
        bank's past rules approved the loan), ``repaid`` (1 repaid, 0 defaulted, missing
        when the loan was refused: nobody knows what would have happened).
    How it was made
        Synthetic, seeded numpy draws; nothing is real or downloaded. Each applicant
        has a hidden ability to repay, which depends on income, debt load and a random
        shock; ``repaid`` is drawn from it for approved loans only.
    Known (injected) biases
        * Structural: women's incomes are drawn about 15 % lower (a pay gap), so a rule
          based on income approves fewer women with the same ability to repay.
        * Thin files: young applicants have short credit histories, which the past rules
          reward, although history length does not change repayment here.
        * Selective labels: ``repaid`` exists only for approved loans, so a model trained
          on it learns nothing about the people the bank always refused.

    Parameters
    ----------
    n : int
        Number of applications.
    seed : int, optional
        Seed of the random generator. Default: the course seed.

    Returns
    -------
    pandas.DataFrame
    """
    rng = make_rng(seed)
    sex = np.where(rng.random(n) < 0.5, "F", "M")
    age = np.clip(np.round(rng.gamma(4.0, 5.0, n) + 18), 18, 75).astype(int)
    base_income = rng.lognormal(np.log(32000), 0.4, n) * np.where(sex == "F", 0.85, 1.0)
    income = np.round(base_income * (1 + 0.01 * np.minimum(age - 18, 30)), -2)
    loan_amount = np.round(rng.lognormal(np.log(15000), 0.6, n), -2)
    credit_history_years = np.clip(np.round(rng.uniform(0.1, 0.9, n) * (age - 18)), 0, None).astype(int)
    area = rng.choice(_AREAS, size=n, p=(0.25, 0.2, 0.2, 0.2, 0.15))

    debt_ratio = loan_amount / income
    repay_probability = sigmoid(2.2 - 2.5 * debt_ratio + rng.normal(0, 0.6, n))
    rule_score = 0.00004 * income - 1.8 * debt_ratio + 0.08 * credit_history_years - 0.5
    approved = (rng.random(n) < sigmoid(2.0 * rule_score)).astype(int)
    repaid = np.where(approved == 1, (rng.random(n) < repay_probability).astype(float), np.nan)

    return pd.DataFrame(
        {
            "application_id": np.arange(1, n + 1),
            "sex": pd.array(sex, dtype="str"),
            "age": age,
            "income": income,
            "loan_amount": loan_amount,
            "credit_history_years": credit_history_years,
            "area": pd.array(area, dtype="str"),
            "approved": approved,
            "repaid": pd.array(repaid, dtype="Int64"),
        }
    )
