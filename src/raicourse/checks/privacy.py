"""Checks of the exercise notebook ``exercises/privacy.ipynb``.

The notebook works on :func:`raicourse.data.load_town` (default seed): 3,000 synthetic
residents with a postcode, a birth date, a sex and a diagnosis. Each question names the
notebook variable that holds its answer, its reference solution (code) and how to compute
the expected value from the course data. Hints, option texts, the messages for typical
mistakes and the model answer live in ``raicourse/locales/checks/privacy.yaml``.

Usage in the notebook::

    from raicourse.checks.privacy import q1, q2, q3, q4, q5, q6, q7, q8, ____
    q1.check(unique_share)
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from raicourse.checks._exercise import Exercise
from raicourse.checks._questions import (
    Case,
    ChoiceQuestion,
    FunctionQuestion,
    NumberQuestion,
    ReflectionQuestion,
)


#: What the notebook runs before the questions; tests use it to run solutions alone.
SETUP_CODE = "import numpy as np\nimport pandas as pd\nfrom raicourse.data import load_town\ntown = load_town()"

exercise = Exercise(__name__, setup=SETUP_CODE)

#: The quasi-identifiers of the town table, before and after generalisation.
QUASI_IDENTIFIERS = ["postcode", "birth_date", "sex"]
GENERALISED_QUASI_IDENTIFIERS = ["postcode_area", "birth_year", "sex"]

#: The privacy budget and the seed of the noisy count (questions 5 and 6).
EPSILON = 0.5
NOISE_SEED = 2026
SENSITIVE_VALUE = "HIV"


def _town() -> pd.DataFrame:
    return exercise.setup()["town"]


def _group_sizes(table: pd.DataFrame, columns: list[str]) -> pd.Series:
    """For each row, how many rows share its values in ``columns``."""
    return table.groupby(columns)[columns[0]].transform("size")


def _reference_generalise(table: pd.DataFrame) -> pd.DataFrame:
    # Keep the first two characters of the postcode, the year of birth, the sex and the diagnosis.
    return pd.DataFrame(
        {
            "postcode_area": table["postcode"].str[:2] + "**",
            "birth_year": table["birth_date"].dt.year,
            "sex": table["sex"],
            "diagnosis": table["diagnosis"],
        }
    )


def _unique_share() -> float:
    return float((_group_sizes(_town(), QUASI_IDENTIFIERS) == 1).mean())


def _with_birth_year() -> pd.DataFrame:
    return _town().assign(birth_year=_town()["birth_date"].dt.year)


def _k_birth_year() -> int:
    return int(_with_birth_year().groupby(["postcode", "birth_year", "sex"]).size().min())


def _k_generalised() -> int:
    return int(_reference_generalise(_town()).groupby(GENERALISED_QUASI_IDENTIFIERS).size().min())


def _true_count() -> int:
    return int((_town()["diagnosis"] == SENSITIVE_VALUE).sum())


def _noise_scale() -> float:
    return 1 / EPSILON


def _noise(scale: float) -> float:
    return float(np.random.default_rng(NOISE_SEED).laplace(0.0, scale))


def _unique_share_mistakes() -> list[tuple]:
    sizes = _group_sizes(_town(), QUASI_IDENTIFIERS)
    groups = _town().groupby(QUASI_IDENTIFIERS).size()
    one_column_missing = [
        (float((_group_sizes(_town(), [c for c in QUASI_IDENTIFIERS if c != left_out]) == 1).mean()),
         "q1.column_missing", {"column": left_out})
        for left_out in QUASI_IDENTIFIERS
    ]
    return [
        (float((sizes == 1).sum()), "q1.count_not_share"),
        (float((groups == 1).mean()), "q1.share_of_groups"),
        (float((sizes > 1).mean()), "q1.not_unique"),
        (float(sizes.mean()), "q1.mean_of_sizes"),
        (float((_group_sizes(_town(), [*QUASI_IDENTIFIERS, "diagnosis"]) == 1).mean()), "q1.diagnosis_included"),
        *one_column_missing,
    ]


def _k_birth_year_mistakes() -> list[tuple[float, str]]:
    sizes = _with_birth_year().groupby(["postcode", "birth_year", "sex"]).size()
    return [
        (float(sizes.max()), "q2.largest_group"),
        (float(len(sizes)), "q2.number_of_groups"),
        (float(sizes.mean()), "q2.average_group"),
    ]


def _k_generalised_mistakes() -> list[tuple[float, str]]:
    generalised = _reference_generalise(_town())
    sizes = generalised.groupby(GENERALISED_QUASI_IDENTIFIERS).size()
    with_diagnosis = generalised.groupby([*GENERALISED_QUASI_IDENTIFIERS, "diagnosis"]).size()
    without_sex = generalised.groupby(["postcode_area", "birth_year"]).size()
    return [
        (float(sizes.max()), "q4.largest_group"),
        (float(len(sizes)), "q4.number_of_groups"),
        (float(with_diagnosis.min()), "q4.diagnosis_is_not_a_quasi_identifier"),
        (float(without_sex.min()), "q4.sex_is_missing"),
    ]


def _noise_scale_mistakes() -> list[tuple[float, str]]:
    return [
        (EPSILON, "q5.scale_is_not_epsilon"),
        (float(_true_count()) / EPSILON, "q5.count_is_not_sensitivity"),
        (float(len(_town())) / EPSILON, "q5.residents_are_not_sensitivity"),
        (2 / EPSILON, "q5.sensitivity_two"),
    ]


def _noisy_count_mistakes() -> list[tuple[float, str]]:
    count = float(_true_count())
    return [
        (count, "q6.no_noise"),
        (count + _noise(EPSILON), "q6.scale_epsilon"),
        (_noise(_noise_scale()), "q6.noise_only"),
        (count - _noise(_noise_scale()), "q6.wrong_sign"),
    ]


def _generalise_with(**changes) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """The reference generalisation with some columns computed another way (a typical mistake)."""

    def generalise(table: pd.DataFrame) -> pd.DataFrame:
        result = _reference_generalise(table)
        for column, compute in changes.items():
            if compute is None:
                result = result.drop(columns=column)
            else:
                result[column] = compute(table)
        return result

    return generalise


def _generalise_mistakes() -> list[tuple[Callable, str]]:
    return [
        (_generalise_with(postcode_area=lambda table: table["postcode"].str[:2]), "q3.area_without_stars"),
        (_generalise_with(postcode_area=lambda table: table["postcode"].str[:3] + "*"), "q3.area_three_digits"),
        (_generalise_with(postcode_area=lambda table: table["postcode"].str[2:] + "**"), "q3.area_last_digits"),
        (_generalise_with(birth_year=lambda table: table["birth_date"]), "q3.date_not_year"),
        (_generalise_with(birth_year=lambda table: table["birth_date"].dt.year // 10 * 10), "q3.decade_not_year"),
        (_generalise_with(diagnosis=None), "q3.diagnosis_missing"),
    ]


def _generalise_cases() -> list[Case]:
    # A small table a learner can check by hand (two postcodes, a leap day, a resident
    # id that must go), then 30 rows of the town.
    small = pd.DataFrame(
        {
            "resident_id": [1, 2, 3, 4],
            "postcode": pd.array(["4100", "4150", "7501", "4100"], dtype="str"),
            "birth_date": pd.to_datetime(["1980-02-29", "1980-12-31", "2001-01-01", "1935-06-15"]),
            "sex": pd.array(["F", "M", "F", "M"], dtype="str"),
            "diagnosis": pd.array(["none", "HIV", "asthma", "none"], dtype="str"),
        }
    )
    # Rows of the course town, not the whole table: the frame comparison looks every label
    # up one by one, and 3,000 rows would make the check take minutes.
    sample = _town().iloc[100:130]
    return [Case((small,), _reference_generalise(small)), Case((sample,), _reference_generalise(sample))]


q1 = NumberQuestion(
    exercise, "q1",
    answer="unique_share",
    solution='''
        group_sizes = town.groupby(["postcode", "birth_date", "sex"])["resident_id"].transform("size")
        unique_share = (group_sizes == 1).mean()
    ''',
    expected=_unique_share,
    mistakes=_unique_share_mistakes,
    is_rate=True,
)

q2 = NumberQuestion(
    exercise, "q2",
    answer="k_birth_year",
    solution='''
        with_year = town.assign(birth_year=town["birth_date"].dt.year)
        k_birth_year = with_year.groupby(["postcode", "birth_year", "sex"]).size().min()
    ''',
    expected=_k_birth_year,
    mistakes=_k_birth_year_mistakes,
)

q3 = FunctionQuestion(
    exercise, "q3",
    answer="generalise",
    solution='''
        def generalise(table):
            """Coarsen the quasi-identifiers: postcode area, year of birth, sex; keep the diagnosis."""
            return pd.DataFrame(
                {
                    "postcode_area": table["postcode"].str[:2] + "**",
                    "birth_year": table["birth_date"].dt.year,
                    "sex": table["sex"],
                    "diagnosis": table["diagnosis"],
                }
            )
    ''',
    cases=_generalise_cases,
    mistakes=_generalise_mistakes,
)

q4 = NumberQuestion(
    exercise, "q4",
    answer="k_generalised",
    solution='''
        generalised = generalise(town)
        k_generalised = generalised.groupby(["postcode_area", "birth_year", "sex"]).size().min()
    ''',
    expected=_k_generalised,
    mistakes=_k_generalised_mistakes,
)

q5 = NumberQuestion(
    exercise, "q5",
    answer="noise_scale",
    solution='''
        epsilon = 0.5
        sensitivity = 1   # one person changes a count by at most 1
        noise_scale = sensitivity / epsilon
    ''',
    expected=_noise_scale,
    mistakes=_noise_scale_mistakes,
)

q6 = NumberQuestion(
    exercise, "q6",
    answer="noisy_count",
    solution='''
        true_count = (town["diagnosis"] == "HIV").sum()
        rng = np.random.default_rng(2026)
        noisy_count = true_count + rng.laplace(0, noise_scale)
    ''',
    expected=lambda: _true_count() + _noise(_noise_scale()),
    mistakes=_noisy_count_mistakes,
    rel_tol=1e-6,
)

q7 = ChoiceQuestion(
    exercise, "q7",
    answer="true_statement",
    solution='true_statement = "b"',
    options=("a", "b", "c"),
    correct="b",
)

q8 = ReflectionQuestion(
    exercise, "q8",
    answer="reflection",
    solution='reflection = """I would not publish the table: removing names is not enough, because the postcode, '
             'birth date and sex single out almost everyone. I would publish counts with differential privacy, '
             'and ask the data protection officer first."""',
    min_words=8,
)

exercise.publish(globals())
