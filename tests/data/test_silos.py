"""The departments' tables of load_silos: deterministic for a seed, documented, and carrying
the quality problems their datasheet announces (the lesson and the exercise quote these counts)."""

from __future__ import annotations

import pandas as pd
import pytest

from raicourse import data
from raicourse.data import load_silos

TABLES = ("crm", "billing", "support")


def _key(ids: pd.Series) -> pd.Series:
    """The normalised customer key: no spaces, upper case, no dash ("c-0012 " -> "C0012")."""
    return ids.str.strip().str.upper().str.replace("-", "", regex=False)


@pytest.fixture(scope="module")
def silos() -> dict[str, pd.DataFrame]:
    return load_silos()


def test_same_seed_same_tables_other_seed_other_tables():
    first, again, other = load_silos(seed=7), load_silos(seed=7), load_silos(seed=8)
    for name in TABLES:
        pd.testing.assert_frame_equal(first[name], again[name])
        assert not first[name].equals(other[name])
        pd.testing.assert_frame_equal(load_silos()[name], load_silos(seed=data.DEFAULT_SEED)[name])


def test_each_call_returns_new_tables():
    first = load_silos()
    first["crm"].loc[0, "customer_id"] = "changed"
    assert load_silos()["crm"].loc[0, "customer_id"] != "changed"


def test_the_datasheet_names_every_table_and_column(silos):
    doc = load_silos.__doc__
    for section in ("Purpose", "Rows", "Columns", "How it was made", "Known (planted) quality problems", "Returns"):
        assert section in doc, section
    for name, table in silos.items():
        assert f'``"{name}"``' in doc
        for column in table.columns:
            assert f"``{column}``" in doc, (name, column)


def test_shapes_and_columns(silos):
    assert list(silos) == list(TABLES)
    assert silos["crm"].shape == (66, 8)
    assert silos["billing"].shape == (216, 5)
    assert silos["support"].shape == (80, 5)
    assert list(silos["crm"].columns) == ["customer_id", "full_name", "email", "phone", "birth_date", "postcode",
                                          "tariff", "last_updated"]
    assert silos["billing"]["invoice_id"].is_unique and silos["support"]["ticket_id"].is_unique


def test_keys_differ_between_departments_until_normalised(silos):
    crm, billing, support = silos["crm"], silos["billing"], silos["support"]
    # Raw keys: the three tables hardly share a single ID.
    assert support["customer"].isin(crm["customer_id"]).sum() == 0
    assert billing["account"].isin(crm["customer_id"]).mean() < 0.1
    # Several spellings inside the customer-relations table itself.
    spellings = crm["customer_id"].str.replace(r"\d", "9", regex=True).unique()
    assert {"C-9999", " C-9999", "c-9999", "C9999"} <= set(spellings)
    # Normalised keys: every ticket finds its customer.
    assert _key(support["customer"]).isin(_key(crm["customer_id"])).all()


def test_duplicates_exact_and_near(silos):
    crm = silos["crm"]
    assert crm.duplicated().sum() == 2
    assert crm["customer_id"].duplicated().sum() == 2
    assert _key(crm["customer_id"]).duplicated().sum() == 6
    assert _key(crm["customer_id"]).nunique() == 60


def test_missing_values_where_the_datasheet_says(silos):
    completeness = silos["crm"].notna().mean()
    for column in ("customer_id", "full_name", "tariff", "last_updated"):
        assert completeness[column] == 1
    for column in ("email", "phone", "birth_date", "postcode"):
        assert completeness[column] < 1
    assert completeness["email"] == pytest.approx(54 / 66)
    assert completeness["phone"] < 0.9
    assert silos["billing"]["amount_eur"].isna().sum() > 0


def test_unmatched_invoices_and_tickets(silos):
    crm, billing, support = silos["crm"], silos["billing"], silos["support"]
    unmatched = ~_key(billing["account"]).isin(_key(crm["customer_id"]))
    assert unmatched.sum() == 12
    assert _key(billing.loc[unmatched, "account"]).nunique() == 3
    assert (~_key(support["customer"]).isin(_key(billing["account"]))).sum() > 0


def test_dates_are_text_and_some_records_are_stale(silos):
    crm = silos["crm"]
    assert pd.api.types.is_string_dtype(crm["last_updated"])
    checked = pd.to_datetime(crm["last_updated"], format="%d/%m/%Y")
    assert (checked < "2024-01-01").sum() == 11
    assert checked.max() < pd.Timestamp("2026-12-01")
    # Day-first text: at least one date cannot be read month first.
    assert (crm["last_updated"].str[:2].astype(int) > 12).any()


def test_tariff_codes_are_inconsistent(silos):
    tariffs = silos["crm"]["tariff"]
    assert tariffs.nunique() > 3
    cleaned = tariffs.str.strip().str.lower().replace({"std": "standard", "social tariff": "social", "pro": "business"})
    assert set(cleaned) == {"standard", "social", "business"}


def test_no_real_e_mail_domain(silos):
    assert silos["crm"]["email"].dropna().str.endswith("@example.org").all()
