"""Checks of the exercise notebook ``exercises/data_platforms.ipynb``.

The notebook works on :func:`raicourse.data.load_silos` (default seed): the customer
relations (``crm``), billing and customer-service (``support``) tables of a public water
service, each with its own spelling of the customer's ID. Hints, option texts, the
messages of question 6 and the model answer live in
``raicourse/locales/checks/data_platforms.yaml``.

Usage in the notebook::

    from raicourse.checks.data_platforms import q1, q2, q3, q4, q5, q6, q7, q8, ____
    q1.check(normalise_id)
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

import pandas as pd

from raicourse.checks._exercise import Exercise
from raicourse.checks._questions import (
    Case,
    ChoiceQuestion,
    FunctionQuestion,
    NumberQuestion,
    PredicateQuestion,
    ReflectionQuestion,
    SeriesQuestion,
)


#: What the notebook runs before the questions; tests use it to run solutions alone.
SETUP_CODE = (
    "import pandas as pd\n"
    "from raicourse.data import load_silos\n"
    "silos = load_silos()\n"
    'crm, billing, support = silos["crm"], silos["billing"], silos["support"]'
)

exercise = Exercise(__name__, setup=SETUP_CODE)

#: A customer record not checked since this day counts as stale (the exercise's rule).
STALE_BEFORE = pd.Timestamp("2024-01-01")
#: The columns of ``crm`` that the purpose of question 6 needs: the key to join, and the area.
NEEDED_FOR_UNPAID_BY_AREA = frozenset({"customer_id", "postcode"})
#: Columns that identify or contact a person: the purpose of question 6 needs none of them.
PERSONAL_COLUMNS = frozenset({"full_name", "email", "phone", "birth_date"})


class _Exact:
    """An expected text compared exactly: case and spaces count, since fixing them is the task.

    (The course's text comparison forgives case and extra spaces, which suits free answers
    but not a key-cleaning function.)
    """

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return type(other) is str and other == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return repr(self.text)


def _normalise_id(raw: str) -> str:
    return raw.strip().upper().replace("-", "")


def _normalise_cases() -> list[Case]:
    # The spellings found in the three tables, plus spaces on both sides.
    raws = ["C-0012", " C-0012", "c-0012", "C0012", "c0012", "c-0399 ", "  C-0140  "]
    return [Case((raw,), _Exact(_normalise_id(raw))) for raw in raws]


def _silos() -> dict[str, pd.DataFrame]:
    return exercise.setup()["silos"]


def _keys(table: str, column: str) -> pd.Series:
    return _silos()[table][column].map(_normalise_id)


def _duplicate_rows() -> int:
    return int(_keys("crm", "customer_id").duplicated().sum())


def _completeness() -> pd.Series:
    return _silos()["crm"].notna().mean()


def _unmatched_invoices() -> int:
    return int((~_keys("billing", "account").isin(set(_keys("crm", "customer_id")))).sum())


def _stale_records() -> int:
    checked = pd.to_datetime(_silos()["crm"]["last_updated"], format="%d/%m/%Y")
    return int((checked < STALE_BEFORE).sum())


# -- typical beginner mistakes, each with its own message (locales/checks/data_platforms.yaml)
def _exactly(function):
    """A wrong key-cleaning function whose results are compared exactly, like the expected ones."""
    return lambda raw: _Exact(function(raw))


def _q1_mistakes() -> list[tuple]:
    return [
        (_exactly(lambda raw: raw.upper().replace("-", "")), "q1.spaces"),
        (_exactly(lambda raw: raw.strip().replace("-", "")), "q1.case"),
        (_exactly(lambda raw: raw.strip().lower().replace("-", "")), "q1.lower"),
        (_exactly(lambda raw: raw.strip().upper()), "q1.dash"),
    ]


def _q2_mistakes() -> list[tuple]:
    keys = _keys("crm", "customer_id")
    return [
        (int(_silos()["crm"].duplicated().sum()), "q2.exact_only"),
        (int(keys.duplicated(keep=False).sum()), "q2.keep_false"),
        (int(keys.nunique()), "q2.unique_count"),
    ]


def _q3_mistakes() -> list[tuple]:
    crm = _silos()["crm"]
    return [
        (crm.isna().mean(), "q3.missing_share"),
        (crm.notna().mean(axis=1), "q3.by_row"),
        (_silos()["billing"].notna().mean(), "q3.wrong_table"),
    ]


def _q4_mistakes() -> list[tuple]:
    silos = _silos()
    keys, billing_keys = _keys("crm", "customer_id"), _keys("billing", "account")
    unmatched = ~billing_keys.isin(set(keys))
    return [
        (int((~silos["billing"]["account"].isin(silos["crm"]["customer_id"])).sum()), "q4.not_normalised"),
        (int(billing_keys[unmatched].nunique()), "q4.accounts"),
        (int((~unmatched).sum()), "q4.matched"),
        (int((~keys.drop_duplicates().isin(set(billing_keys))).sum()), "q4.reversed"),
    ]


def _q5_mistakes() -> list[tuple]:
    crm = _silos()["crm"]
    checked = pd.to_datetime(crm["last_updated"], format="%d/%m/%Y")
    month_first = pd.to_datetime(crm["last_updated"], format="%m/%d/%Y", errors="coerce")
    return [
        (int((month_first < STALE_BEFORE).sum()), "q5.month_first"),
        (int((crm["last_updated"] < "01/01/2024").sum()), "q5.text"),
        (int((checked >= STALE_BEFORE).sum()), "q5.recent"),
        (int((checked[~_keys("crm", "customer_id").duplicated()] < STALE_BEFORE).sum()), "q5.unique_customers"),
        (_stale_records() / len(crm), "q5.share"),
    ]


def _columns_for_unpaid_by_area(answer: Any) -> str | None:
    """None when the answer names exactly the columns the purpose needs, else a message key."""
    if isinstance(answer, str) or not isinstance(answer, list | tuple | Set | pd.Index):
        return f"{exercise.name}.q6.not_a_list"
    names = list(answer)
    if not all(isinstance(name, str) for name in names):
        return f"{exercise.name}.q6.not_a_list"
    chosen = {name.strip() for name in names}
    if chosen & PERSONAL_COLUMNS:
        return f"{exercise.name}.q6.personal_data"
    if "customer_id" not in chosen:
        return f"{exercise.name}.q6.missing_key"
    if "postcode" not in chosen:
        return f"{exercise.name}.q6.missing_postcode"
    if chosen - NEEDED_FOR_UNPAID_BY_AREA:
        return f"{exercise.name}.q6.not_needed"
    return None


q1 = FunctionQuestion(
    exercise, "q1",
    answer="normalise_id",
    solution='''
        def normalise_id(raw):
            """One spelling for every customer ID: no spaces around it, upper case, no dash."""
            return raw.strip().upper().replace("-", "")
    ''',
    cases=_normalise_cases,
    mistakes=_q1_mistakes,
)

q2 = NumberQuestion(
    exercise, "q2",
    answer="duplicate_rows",
    solution='''
        crm_keys = crm["customer_id"].map(normalise_id)
        duplicate_rows = int(crm_keys.duplicated().sum())
    ''',
    expected=_duplicate_rows,
    mistakes=_q2_mistakes,
)

q3 = SeriesQuestion(
    exercise, "q3",
    answer="completeness",
    solution="completeness = crm.notna().mean()",
    expected=_completeness,
    mistakes=_q3_mistakes,
    is_rate=True,
    abs_tol=0.0015,
)

q4 = NumberQuestion(
    exercise, "q4",
    answer="unmatched_invoices",
    solution='''
        billing_keyed = billing.assign(customer_key=billing["account"].map(normalise_id))
        crm_keyed = crm.assign(customer_key=crm["customer_id"].map(normalise_id))
        crm_keyed = crm_keyed.drop_duplicates(subset="customer_key")
        joined = billing_keyed.merge(crm_keyed, on="customer_key", how="left", indicator=True)
        unmatched_invoices = int((joined["_merge"] == "left_only").sum())
    ''',
    expected=_unmatched_invoices,
    mistakes=_q4_mistakes,
)

q5 = NumberQuestion(
    exercise, "q5",
    answer="stale_records",
    solution='''
        checked_on = pd.to_datetime(crm["last_updated"], format="%d/%m/%Y")
        stale_records = int((checked_on < "2024-01-01").sum())
    ''',
    expected=_stale_records,
    mistakes=_q5_mistakes,
)

q6 = PredicateQuestion(
    exercise, "q6",
    answer="columns_needed",
    solution='columns_needed = ["customer_id", "postcode"]',
    predicate=_columns_for_unpaid_by_area,
)

q7 = ChoiceQuestion(
    exercise, "q7",
    answer="who_decides",
    solution='who_decides = "b"',
    options=("a", "b", "c", "d"),
    correct="b",
)

q8 = ReflectionQuestion(
    exercise, "q8",
    answer="reflection",
    solution='reflection = """Before building the platform I would agree one customer ID for all departments, '
             'name an owner for each table, and write down what each use of the data is for."""',
    min_words=8,
)

exercise.publish(globals())
