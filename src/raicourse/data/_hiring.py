"""Job applicants screened by a past hiring process."""

from __future__ import annotations

import numpy as np
import pandas as pd

from raicourse.data._common import make_rng, sigmoid

__all__ = ["load_hiring"]

POSTCODES = ("1010", "1020", "1030", "1040", "1050", "1060")
# Where each group lives: group B mostly in the eastern postcodes 1050 and 1060.
_POSTCODE_SHARES = {
    "A": (0.24, 0.24, 0.2, 0.16, 0.1, 0.06),
    "B": (0.04, 0.06, 0.1, 0.15, 0.3, 0.35),
}
_FAR_FROM_TEST_CENTRE = ("1050", "1060")


def load_hiring(n: int = 5000, seed: int | None = None) -> pd.DataFrame:
    """Job applicants screened by a past hiring process and by a model trained on it.

    Datasheet
    ---------
    Purpose
        Practise fairness metrics (selection rate, demographic parity, the four-fifths
        rule, true-positive rate per group) on a case where we *know* how bias entered.
    Rows
        One per applicant: ``n`` rows (5,000 by default). About 70 % belong to group A
        and 30 % to group B.
    Columns
        ``applicant_id`` (int), ``group`` ("A" or "B", a protected characteristic),
        ``postcode`` (text, six areas), ``years_experience`` (int), ``education``
        ("secondary", "bachelor", "master"), ``test_score`` (0–100, float, missing for
        some), ``qualified`` (1 if an independent assessment later judged the person
        able to do the job, the "ground truth"), ``past_hired`` (1 if recruiters hired
        the person in the past process), ``model_score`` (0–1, a screening model's score),
        ``selected`` (1 if the model shortlists the person: ``model_score >= 0.5``).
    How it was made
        Synthetic, with numpy's seeded generator: nothing is real and nothing is
        downloaded. Each person gets a hidden skill level drawn from the *same*
        distribution in both groups. ``qualified`` depends on skill only. Experience,
        education and the test score are noisy readings of skill. The past decision
        and the model add the biases below.
    Known (injected) biases
        * Historical bias: at equal skill, past recruiters hired group B less often
          (``past_hired``).
        * Proxy: the model never sees ``group``, but it learnt from past decisions that
          applicants from postcodes 1050 and 1060, where most of group B lives, were
          rarely hired; it penalises those postcodes. So ``selected`` still differs by
          group: selection rate about 0.44 for A and 0.32 for B (ratio about 0.72, below 4/5), and
          qualified people of group B are shortlisted less often (lower true-positive rate).
        * Missing data not at random: ``test_score`` is missing more often for people
          far from the test centre (postcodes 1050, 1060, so mostly group B) and for
          people with low skill, who skipped the test.

    Parameters
    ----------
    n : int
        Number of applicants.
    seed : int, optional
        Seed of the random generator; the same seed gives the same table with the
        pinned library versions. Default: the course seed.

    Returns
    -------
    pandas.DataFrame
    """
    rng = make_rng(seed)
    group = np.where(rng.random(n) < 0.3, "B", "A")
    postcode = np.empty(n, dtype=object)
    for name, shares in _POSTCODE_SHARES.items():
        members = group == name
        postcode[members] = rng.choice(POSTCODES, size=members.sum(), p=shares)
    skill = rng.normal(0.0, 1.0, n)

    years_experience = np.clip(np.round(rng.normal(6 + 2.0 * skill, 3.0)), 0, 35).astype(int)
    education_level = np.digitize(skill + rng.normal(0, 0.8, n), [-0.4, 0.9])
    education = np.array(["secondary", "bachelor", "master"])[education_level]
    test_score = np.clip(62 + 12 * skill + rng.normal(0, 6, n), 0, 100).round(1)
    far = np.isin(postcode, _FAR_FROM_TEST_CENTRE)
    missing_probability = 0.03 + 0.15 * far + 0.08 * (skill < -0.5)
    test_score = np.where(rng.random(n) < missing_probability, np.nan, test_score)

    qualified = (skill + rng.normal(0, 0.5, n) > 0.3).astype(int)
    past_hired = (rng.random(n) < sigmoid(1.8 * skill - 1.1 * (group == "B") - 0.6)).astype(int)

    # What a model trained on past decisions learns: skill (through the test score and
    # experience) and a penalty for the postcodes where past recruiters hired few people.
    share_of_b = {code: _POSTCODE_SHARES["B"][i] * 0.3 / (_POSTCODE_SHARES["B"][i] * 0.3 + _POSTCODE_SHARES["A"][i] * 0.7)
                  for i, code in enumerate(POSTCODES)}
    postcode_penalty = np.array([share_of_b[code] for code in postcode])
    model_score = sigmoid(1.6 * skill + rng.normal(0, 0.5, n) - 2.2 * postcode_penalty + 0.25).round(3)
    selected = (model_score >= 0.5).astype(int)

    return pd.DataFrame(
        {
            "applicant_id": np.arange(1, n + 1),
            "group": pd.array(group, dtype="str"),
            "postcode": pd.array(postcode.astype(str), dtype="str"),
            "years_experience": years_experience,
            "education": pd.array(education, dtype="str"),
            "test_score": test_score,
            "qualified": qualified,
            "past_hired": past_hired,
            "model_score": model_score,
            "selected": selected,
        }
    )
