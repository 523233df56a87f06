"""The synthetic workforce table: deterministic for a seed, documented, and carrying the
patterns its datasheet announces (the exercise and the lesson rely on them)."""

from __future__ import annotations

import pandas as pd
import pytest

from raicourse import data
from raicourse.data import load_workforce
from raicourse.data._workforce import LEVELS


def test_same_seed_same_table_other_seed_other_table():
    pd.testing.assert_frame_equal(load_workforce(seed=7), load_workforce(seed=7))
    assert not load_workforce(seed=7).equals(load_workforce(seed=8))
    pd.testing.assert_frame_equal(load_workforce(), load_workforce(seed=data.DEFAULT_SEED))


def test_exported_and_documented():
    assert "load_workforce" in data.__all__
    assert "load_workforce" in data.__doc__
    doc = load_workforce.__doc__
    for section in ("Purpose", "Rows", "Columns", "How it was made", "Known (planted) patterns", "Returns"):
        assert section in doc, section
    assert "Synthetic" in doc
    for name in load_workforce().columns:
        assert f"``{name}``" in doc, name


def test_columns_and_values():
    staff = load_workforce()
    assert len(staff) == 656
    assert staff["employee_id"].is_unique
    assert set(staff["level"]) == set(LEVELS)
    assert set(staff["gender"]) == {"woman", "man", "non-binary"}
    assert set(staff["disability"]) == {"yes", "no", "not declared"}
    assert set(staff["left_in_2025"]) == {0, 1}
    assert staff["hired_year"].between(2008, 2024).all()
    assert staff["level"].value_counts().to_dict() == {"junior": 230, "mid": 210, "senior": 140, "lead": 60, "director": 16}


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_leaky_pipeline_with_the_largest_drop_between_mid_and_senior(seed):
    staff = load_workforce(seed=seed)
    share = (staff["gender"] == "woman").groupby(staff["level"]).mean().reindex(LEVELS)
    assert share.is_monotonic_decreasing
    assert share.diff().idxmin() == "senior"
    assert share["junior"] == pytest.approx(0.40)
    assert share["director"] == pytest.approx(0.125)
    assert (staff["gender"] == "non-binary").sum() == 3


def test_planted_values_of_the_default_seed():
    """The lesson and the exercise quote these numbers."""
    staff = load_workforce()
    assert (staff["gender"] == "woman").mean() == pytest.approx(211 / 656)
    attrition = staff.groupby("gender")["left_in_2025"].mean()
    assert attrition["woman"] == pytest.approx(41 / 211)
    assert attrition["man"] == pytest.approx(36 / 442)
    assert attrition["non-binary"] == pytest.approx(2 / 3)
    counts = staff["disability"].value_counts()
    assert counts.to_dict() == {"no": 424, "not declared": 207, "yes": 25}


@pytest.mark.parametrize("seed", range(5))
def test_women_leave_more_often_and_not_declared_is_not_no(seed):
    staff = load_workforce(seed=seed)
    attrition = staff.groupby("gender")["left_in_2025"].mean()
    assert attrition["woman"] > attrition["man"] + 0.03
    answered = staff[staff["disability"] != "not declared"]
    among_answers = (answered["disability"] == "yes").mean()
    among_all = (staff["disability"] == "yes").mean()
    assert among_all < among_answers < 0.08
    assert 0.25 < (staff["disability"] == "not declared").mean() < 0.40
