"""The synthetic datasets: deterministic for a seed, documented, and carrying the
biases their datasheets announce (summary statistics pinned with tolerances)."""

from __future__ import annotations

import pandas as pd
import pytest

from raicourse import data
from raicourse.data import load_hiring, load_loans, load_patients, load_tasks, load_town

# Every loader the package exports, so that a new data set is covered without editing this file.
LOADERS = [getattr(data, name) for name in data.__all__ if name.startswith("load_")]


def tables(result) -> dict[str, pd.DataFrame]:
    """A loader returns one table, or several by name (e.g. one per department)."""
    return result if isinstance(result, dict) else {"table": result}


@pytest.mark.parametrize("loader", LOADERS, ids=lambda f: f.__name__)
def test_same_seed_same_table_other_seed_other_table(loader):
    same, again = tables(loader(seed=7)), tables(loader(seed=7))
    assert same.keys() == again.keys()
    for name in same:
        pd.testing.assert_frame_equal(same[name], again[name])
    if loader is not load_tasks:
        other = tables(loader(seed=8))
        assert any(not same[name].equals(other[name]) for name in same)
    default, seeded = tables(loader()), tables(loader(seed=data.DEFAULT_SEED))
    for name in default:
        pd.testing.assert_frame_equal(default[name], seeded[name])


@pytest.mark.parametrize("loader", LOADERS, ids=lambda f: f.__name__)
def test_every_loader_has_a_datasheet(loader):
    doc = loader.__doc__
    for section in ("Purpose", "Rows", "Columns", "How it was made", "Returns"):
        assert section in doc, (loader.__name__, section)
    assert "bias" in doc.lower() or "Known" in doc
    for table in tables(loader()).values():
        for name in table.columns:
            assert f"``{name}``" in doc, (loader.__name__, name)


def test_hiring_shares_historical_bias_and_proxy():
    hiring = load_hiring()
    assert len(hiring) == 5000
    assert hiring["group"].value_counts(normalize=True)["B"] == pytest.approx(0.3, abs=0.02)
    rates = hiring.groupby("group")["selected"].mean()
    assert rates["A"] == pytest.approx(0.44, abs=0.03)
    assert rates["B"] == pytest.approx(0.32, abs=0.03)
    assert 0.6 < rates["B"] / rates["A"] < 0.8  # fails the four-fifths rule
    # Qualification is the same in both groups: the gap is not explained by skill.
    qualified = hiring.groupby("group")["qualified"].mean()
    assert abs(qualified["A"] - qualified["B"]) < 0.03
    tpr = hiring[hiring["qualified"] == 1].groupby("group")["selected"].mean()
    assert tpr["A"] - tpr["B"] > 0.1
    past = hiring.groupby("group")["past_hired"].mean()
    assert past["A"] - past["B"] > 0.1
    # Postcode is a proxy: group B lives mostly in 1050 and 1060.
    far = hiring["postcode"].isin(["1050", "1060"])
    assert far[hiring["group"] == "B"].mean() > 0.6 > far[hiring["group"] == "A"].mean()
    # Test scores are missing more often in group B (missing not at random).
    missing = hiring["test_score"].isna().groupby(hiring["group"]).mean()
    assert missing["B"] > 1.5 * missing["A"]


def test_loans_pay_gap_and_selective_labels():
    loans = load_loans()
    assert len(loans) == 4000
    income = loans.groupby("sex")["income"].median()
    assert 0.75 < income["F"] / income["M"] < 0.95
    approval = loans.groupby("sex")["approved"].mean()
    assert approval["M"] > approval["F"]
    assert loans.loc[loans["approved"] == 0, "repaid"].isna().all()
    assert loans.loc[loans["approved"] == 1, "repaid"].notna().all()
    assert loans["age"].between(18, 75).all()


def test_patients_cost_is_a_biased_proxy_for_need():
    patients = load_patients()
    assert len(patients) == 6000
    need = patients.groupby("group")["chronic_conditions"].mean()
    assert abs(need["A"] - need["B"]) < 0.15  # same need
    cost = patients.groupby("group")["past_cost"].mean()
    assert cost["B"] < 0.8 * cost["A"]  # less spent on B
    sickest = patients["chronic_conditions"] >= patients["chronic_conditions"].quantile(0.9)
    share_b_sickest = (patients.loc[sickest, "group"] == "B").mean()
    share_b_enrolled = (patients.loc[patients["enrolled"] == 1, "group"] == "B").mean()
    assert share_b_enrolled < 0.6 * share_b_sickest
    assert patients["enrolled"].mean() == pytest.approx(0.1, abs=0.01)


def test_town_quasi_identifiers_single_out_most_residents():
    town = load_town()
    assert len(town) == 3000
    sizes = town.groupby(["postcode", "birth_date", "sex"]).size()
    assert (sizes == 1).mean() > 0.95
    assert set(town["diagnosis"]) == {"none", "asthma", "diabetes", "depression", "heart disease", "HIV"}
    assert (town["diagnosis"] == "HIV").mean() == pytest.approx(0.02, abs=0.01)


def test_tasks_hours_and_exposure_scores():
    tasks = load_tasks()
    assert tasks.shape == (34, 7)
    assert tasks.groupby("occupation")["hours_share"].sum().round(6).eq(1).all()
    for name in ("automation_exposure", "augmentation_exposure"):
        assert tasks[name].between(0, 1).all()
    by_type = tasks.groupby("task_type")["automation_exposure"].mean()
    assert by_type["routine_cognitive"] > by_type["non_routine_interpersonal"] + 0.3
