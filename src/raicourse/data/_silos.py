"""Three departments of a public water service, each with its own table about the same customers."""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from raicourse.data._common import make_rng

__all__ = ["load_silos"]

#: How many distinct customers the customer-relations table describes.
N_CUSTOMERS = 60
#: Customers typed in twice with another spelling of their ID (near duplicates).
N_NEAR_DUPLICATES = 4
#: Rows copied twice, identical in every column (exact duplicates).
N_EXACT_DUPLICATES = 2
#: Billing accounts that the customer-relations table does not know (closed or mistyped).
N_UNKNOWN_ACCOUNTS = 3
MONTHS = ("2026-07", "2026-08", "2026-09", "2026-10")
POSTCODES = ("38100", "38400", "38600", "38130", "38000")
TOPICS = ("bill", "leak", "meter reading", "water quality", "moving house")

_FIRST_NAMES = ("Amina", "Bruno", "Chloé", "David", "Elodie", "Farid", "Gaëlle", "Hugo", "Inès", "Jules",
                "Karim", "Léa", "Marc", "Nadia", "Olivier", "Pauline", "Quentin", "Rania", "Samuel", "Thi")
_LAST_NAMES = ("Martin", "Bernard", "Diallo", "Nguyen", "Petit", "Moreau", "Lefebvre", "Haddad", "Garcia",
               "Roux", "Fontaine", "Benali", "Mercier", "Lambert", "Chevalier")
# The department's own spelling of one tariff, then the variants people typed over the years.
_TARIFF_SPELLINGS = {
    "standard": ("standard", "Standard", "STD", "standard "),
    "social": ("social", "Social", "social tariff"),
    "business": ("business", "Business", "PRO"),
}


def _crm_id(number: int, rng: np.random.Generator) -> str:
    """The customer-relations ID "C-0012", sometimes typed with a space, in lower case or without the dash."""
    variant = rng.choice(["C-{:04d}", " C-{:04d}", "c-{:04d}", "C{:04d}"], p=(0.8, 0.07, 0.07, 0.06))
    return str(variant).format(number)


def _other_spelling(customer_id: str) -> str:
    """How a second clerk typed the same customer's ID (never the exact same text)."""
    number = int("".join(character for character in customer_id if character.isdigit()))
    spellings = [f"c{number:04d}", f"C-{number:04d} ", f"C{number:04d}"]
    return next(spelling for spelling in spellings if spelling != customer_id)


def _date_text(dates: np.ndarray) -> list[str]:
    """Dates written as text, day first, the way the customer-relations software exports them."""
    return [pd.Timestamp(date).strftime("%d/%m/%Y") for date in dates]


def load_silos(seed: int | None = None) -> dict[str, pd.DataFrame]:
    """Three tables about the same customers, kept by three departments that never agreed on a format.

    Datasheet
    ---------
    Purpose
        The innovation pillar: see why data kept in departmental "silos" is hard to combine,
        and practise the first steps of a shared data platform on a small table you can read
        whole: normalise keys, find duplicates, measure completeness, join tables and count
        what does not match, spot stale records, and keep only the columns a purpose needs
        (data minimisation, GDPR Article 5(1)(c)).
    Story
        A public water service, "Eau du Val", serves households of five postcodes. Its
        customer-relations team, its billing team and its customer service each keep
        their own table. Nobody is wrong in their own table; the trouble starts when the
        three are put together.
    Rows
        A dictionary of three tables:

        ``"crm"`` (customer relations), 66 rows: 60 customers, 4 of them typed in twice
        with another spelling of their ID, and 2 rows copied twice.
        ``"billing"`` (finance), one invoice per customer account and month, July to
        October 2026: 216 rows with the default seed.
        ``"support"`` (customer service), one row per ticket: 80 rows.
    Columns
        ``crm``: ``customer_id`` (text, "C-0012" in the department's own format),
        ``full_name``, ``email``, ``phone``, ``birth_date`` (text, "YYYY-MM-DD"),
        ``postcode`` (text), ``tariff`` (text: "standard", "social" or "business", with
        variant spellings), ``last_updated`` (text, "DD/MM/YYYY": the last time someone
        checked the record).
        ``billing``: ``invoice_id`` (int), ``account`` (text, the customer's ID in the
        finance format "C0012"), ``month`` (text, "YYYY-MM"), ``amount_eur`` (float),
        ``status`` ("paid" or "unpaid").
        ``support``: ``ticket_id`` (int), ``customer`` (text, "c-0012 " as customer
        service types it), ``opened_on`` (text, "YYYY-MM-DD"), ``topic`` (one of "bill",
        "leak", "meter reading", "water quality", "moving house"), ``caller_phone`` (text).
    How it was made
        Synthetic, with numpy's seeded generator: no real person, nothing downloaded. Names
        are drawn from short lists of common French first and last names; every other value
        is drawn at random. The problems below were planted on purpose and are pinned by the
        course's tests (``tests/data/test_silos.py``).
    Known (planted) quality problems
        * Inconsistent keys: the same customer is "C-0012" in ``crm`` (sometimes " C-0012",
          "c-0012" or "C0012"), "C0012" or "c0012" in ``billing`` and "c-0012 " in
          ``support``. Only after normalising (strip spaces, upper case, drop the dash) do
          the three tables join.
        * Duplicates: 2 exact duplicate rows in ``crm`` (``crm.duplicated()`` finds them)
          and 4 near duplicates, the same customer typed again with another spelling of the
          ID and sometimes a missing e-mail (only a normalised key finds them): 6 rows too many.
        * Missing values: ``email``, ``phone``, ``birth_date`` and ``postcode`` are
          sometimes empty (NaN); ``customer_id``, ``full_name``, ``tariff`` and
          ``last_updated`` never are. Some ``billing`` amounts are missing.
        * Inconsistent codes: ``tariff`` has variant spellings ("Standard", "STD",
          "social tariff", "PRO"...).
        * Dates stored as text, in two formats: ``last_updated`` is day first
          ("05/03/2021"), ``opened_on`` and ``birth_date`` are year first.
        * Stale records: some ``last_updated`` dates are years old (before 2024).
        * Unmatched rows: ``billing`` has 3 accounts that ``crm`` does not know (12
          invoices), and a few customers have support tickets but no invoice.
        * Personal data not needed for most analyses: ``full_name``, ``email``, ``phone``,
          ``birth_date`` and ``caller_phone`` (data minimisation).

    Parameters
    ----------
    seed : int, optional
        Seed of the random generator; the same seed gives the same tables with the pinned
        library versions. Default: the course seed.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``{"crm": ..., "billing": ..., "support": ...}``; each call returns new tables.
    """
    rng = make_rng(seed)
    numbers = np.sort(rng.choice(np.arange(1, 400), size=N_CUSTOMERS + N_UNKNOWN_ACCOUNTS, replace=False))
    rng.shuffle(numbers)
    customers, unknown = numbers[:N_CUSTOMERS], numbers[N_CUSTOMERS:]

    # -- customer relations -------------------------------------------------------------
    first = rng.choice(_FIRST_NAMES, size=N_CUSTOMERS)
    last = rng.choice(_LAST_NAMES, size=N_CUSTOMERS)
    full_name = [f"{f} {name}" for f, name in zip(first, last, strict=True)]
    email = [f"{_plain(f)}.{_plain(name)}{number}@example.org" for f, name, number in zip(first, last, customers, strict=True)]
    phone = [f"06 {rng.integers(10, 100)} {rng.integers(10, 100)} {rng.integers(10, 100)} {rng.integers(10, 100)}"
             for _ in range(N_CUSTOMERS)]
    birth = np.datetime64("1940-01-01") + rng.integers(0, 365 * 64, N_CUSTOMERS).astype("timedelta64[D]")
    tariff_kind = rng.choice(list(_TARIFF_SPELLINGS), size=N_CUSTOMERS, p=(0.7, 0.2, 0.1))
    tariff = [str(rng.choice(_TARIFF_SPELLINGS[kind], p=_spelling_shares(len(_TARIFF_SPELLINGS[kind]))))
              for kind in tariff_kind]
    # Most records were checked in the last two years; about one in six long before.
    recent = np.datetime64("2024-03-01") + rng.integers(0, 970, N_CUSTOMERS).astype("timedelta64[D]")
    old = np.datetime64("2018-01-01") + rng.integers(0, 5 * 365, N_CUSTOMERS).astype("timedelta64[D]")
    last_updated = np.where(rng.random(N_CUSTOMERS) < 0.17, old, recent)

    crm = pd.DataFrame(
        {
            "customer_id": [_crm_id(int(number), rng) for number in customers],
            "full_name": full_name,
            "email": email,
            "phone": phone,
            "birth_date": [pd.Timestamp(day).strftime("%Y-%m-%d") for day in birth],
            "postcode": rng.choice(POSTCODES, size=N_CUSTOMERS, p=(0.3, 0.25, 0.2, 0.15, 0.1)),
            "tariff": tariff,
            "last_updated": _date_text(last_updated),
        }
    )
    for column, share in (("email", 0.1), ("phone", 0.2), ("birth_date", 0.05), ("postcode", 0.08)):
        crm.loc[rng.random(N_CUSTOMERS) < share, column] = np.nan

    # Near duplicates: a second clerk typed the customer again, with another ID spelling,
    # a fresher check date, and (for half of them) no e-mail.
    again = crm.iloc[rng.choice(N_CUSTOMERS, size=N_NEAR_DUPLICATES, replace=False)].copy()
    again["customer_id"] = [_other_spelling(customer_id) for customer_id in again["customer_id"]]
    again.loc[again.index[: N_NEAR_DUPLICATES // 2], "email"] = np.nan
    # Exact duplicates: the same rows exported twice.
    copied = crm.iloc[rng.choice(N_CUSTOMERS, size=N_EXACT_DUPLICATES, replace=False)]
    crm = pd.concat([crm, again, copied])
    crm = crm.iloc[rng.permutation(len(crm))].reset_index(drop=True)
    crm = crm.astype({column: "str" for column in crm.columns})

    # -- billing --------------------------------------------------------------------------
    # Customers who joined recently have no invoice yet; unknown accounts are billed anyway.
    billed = np.concatenate([customers[rng.random(N_CUSTOMERS) < 0.9], unknown])
    rows = []
    for number in billed:
        account = f"c{number:04d}" if rng.random() < 0.1 else f"C{number:04d}"
        for month in MONTHS:
            rows.append(
                {
                    "account": account,
                    "month": month,
                    "amount_eur": float(np.round(rng.gamma(6.0, 7.0), 2)),
                    "status": "unpaid" if rng.random() < 0.12 else "paid",
                }
            )
    billing = pd.DataFrame(rows).sample(frac=1, random_state=int(rng.integers(2**31))).reset_index(drop=True)
    billing.loc[rng.random(len(billing)) < 0.04, "amount_eur"] = np.nan
    billing.insert(0, "invoice_id", np.arange(10001, 10001 + len(billing)))
    billing = billing.astype({"account": "str", "month": "str", "status": "str"})

    # -- customer service -------------------------------------------------------------------
    n_tickets = 80
    callers = rng.choice(customers, size=n_tickets)
    opened = np.datetime64("2026-07-01") + rng.integers(0, 120, n_tickets).astype("timedelta64[D]")
    support = pd.DataFrame(
        {
            "ticket_id": np.arange(501, 501 + n_tickets),
            "customer": [f"c-{number:04d} " for number in callers],
            "opened_on": [pd.Timestamp(day).strftime("%Y-%m-%d") for day in opened],
            "topic": rng.choice(TOPICS, size=n_tickets, p=(0.35, 0.25, 0.2, 0.1, 0.1)),
            "caller_phone": [f"06 {rng.integers(10, 100)} {rng.integers(10, 100)} {rng.integers(10, 100)} "
                             f"{rng.integers(10, 100)}" for _ in range(n_tickets)],
        }
    ).sort_values("opened_on", kind="stable").reset_index(drop=True)
    support["ticket_id"] = np.arange(501, 501 + n_tickets)
    support = support.astype({"customer": "str", "opened_on": "str", "topic": "str", "caller_phone": "str"})

    return {"crm": crm, "billing": billing, "support": support}


def _plain(word: str) -> str:
    """A name as it appears in an e-mail address: lower case, no accents."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii").lower()


def _spelling_shares(count: int) -> np.ndarray:
    """The department's own spelling most of the time, each variant now and then."""
    shares = np.full(count, 0.3 / (count - 1))
    shares[0] = 0.7
    return shares
