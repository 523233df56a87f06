"""The privacy exercise checker (named test_privacy_exercise.py, not test_privacy.py, because
tests/explore/test_privacy.py already owns that module name): the numbers the lesson quotes,
agreement with the course's Laplace mechanism, and typical mistakes get a helpful message.

What every checker must do is tested for all of them in test_every_checker.py."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from raicourse import i18n
from raicourse.checks import privacy as exercise
from raicourse.checks._compare import compare_number
from raicourse.data import load_town
from raicourse.explore import laplace_mechanism, laplace_scale

from checkers import assert_wrong_answers_fail, solved_namespace


@pytest.fixture(scope="module")
def solved() -> dict:
    """The notebook's variables after its setup and every reference solution."""
    return solved_namespace(exercise)


def test_the_numbers_the_lesson_quotes():
    """The lesson and the notebook quote these values of the course town: keep them in sync."""
    town = load_town()
    assert len(town) == 3000
    assert round(exercise.q1.expected, 3) == 0.988
    assert exercise.q2.expected == 1
    assert exercise.q4.expected == 12
    assert (town["diagnosis"] == "HIV").sum() == 67
    assert exercise.q5.expected == 2


def test_noisy_count_agrees_with_the_course_laplace_mechanism():
    true_count = int((load_town()["diagnosis"] == "HIV").sum())
    assert laplace_scale(1, exercise.EPSILON) == exercise.q5.expected
    published = laplace_mechanism(true_count, exercise.EPSILON, seed=exercise.NOISE_SEED)
    assert exercise.q6.evaluate(float(published)).correct


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    town, sizes = solved["town"], solved["group_sizes"]
    generalised = solved["generalised"]
    true_count = solved["true_count"]
    return {
        "q1": [
            ((sizes == 1).sum(), "number of unique residents"),
            ((town.groupby(["postcode", "birth_date", "sex"]).size() == 1).mean(), "per combination"),
            ((sizes > 1).mean(), "the opposite"),
            ((sizes == 1).mean() * 100, "percentage"),
            ((town.groupby(["postcode", "sex"])["sex"].transform("size") == 1).mean(), "left out the column birth_date"),
            ((town.groupby(["postcode", "birth_date"])["sex"].transform("size") == 1).mean(), "left out the column sex"),
            (sizes.mean(), "average size"),
            ((town.groupby(["postcode", "birth_date", "sex", "diagnosis"])["sex"].transform("size") == 1).mean(),
             "also grouped by the diagnosis"),
        ],
        "q2": [
            (solved["with_year"].groupby(["postcode", "birth_year", "sex"]).size().max(), "largest group"),
            (len(solved["with_year"].groupby(["postcode", "birth_year", "sex"])), "number of groups"),
            (solved["with_year"].groupby(["postcode", "birth_year", "sex"]).size().mean(), "minimum, not the mean"),
            ("1", "Remove the quotes"),
        ],
        "q3": [
            (lambda table: table, "returned"),
            (lambda table: table.assign(postcode_area=table["postcode"].str[:2] + "**"), "returned"),
            (lambda table: pd.DataFrame({"postcode_area": table["postcode"].str[:3] + "*",
                                         "birth_year": table["birth_date"].dt.year,
                                         "sex": table["sex"], "diagnosis": table["diagnosis"]}), "three characters"),
            (lambda table: pd.DataFrame({"postcode_area": table["postcode"].str[:2],
                                         "birth_year": table["birth_date"].dt.year,
                                         "sex": table["sex"], "diagnosis": table["diagnosis"]}), "no stars"),
            (lambda table: pd.DataFrame({"postcode_area": table["postcode"].str[2:] + "**",
                                         "birth_year": table["birth_date"].dt.year,
                                         "sex": table["sex"], "diagnosis": table["diagnosis"]}), "last two characters"),
            (lambda table: pd.DataFrame({"postcode_area": table["postcode"].str[:2] + "**",
                                         "birth_year": table["birth_date"],
                                         "sex": table["sex"], "diagnosis": table["diagnosis"]}), "full birth date"),
            (lambda table: table.assign(postcode_area=table["postcode"].str[:2] + "**",
                                        birth_year=table["birth_date"].dt.year // 10 * 10)
             [["postcode_area", "birth_year", "sex", "diagnosis"]], "the decade"),
            (lambda table: pd.DataFrame({"postcode_area": table["postcode"].str[:2] + "**",
                                         "birth_year": table["birth_date"].dt.year,
                                         "sex": table["sex"]}), "no diagnosis column"),
            (lambda table: table["birth_date"].dt.year, "returned"),
            (lambda table: table["zip"], "KeyError"),
            (solved["generalised"], "function"),
        ],
        "q4": [
            (generalised.groupby(["postcode_area", "birth_year", "sex"]).size().max(), "largest group"),
            (len(generalised.groupby(["postcode_area", "birth_year", "sex"])), "number of groups"),
            (generalised.groupby(["postcode_area", "birth_year", "sex", "diagnosis"]).size().min(), "sensitive"),
            (generalised.groupby(["postcode_area", "birth_year"]).size().min(), "left out the sex"),
        ],
        "q5": [
            (0.5, "epsilon itself"),
            (true_count / 0.5, "sensitivity is not the size"),
            (1.0, "too low"),
            (4.0, "sensitivity of 2"),
            (len(town) / 0.5, "number of residents"),
            ([2], "one number"),
        ],
        "q6": [
            (true_count, "true count"),
            (true_count + np.random.default_rng(2026).laplace(0, 0.5), "used epsilon"),
            (np.random.default_rng(2026).laplace(0, 2.0), "noise alone"),
            (true_count - np.random.default_rng(2026).laplace(0, 2.0), "subtracted"),
            (true_count + np.random.default_rng(0).laplace(0, 2.0), "too"),
        ],
        "q7": [("a", "not the best choice"), ("c", "not the best choice"), ("d", "Choose one of")],
        "q8": [("", "at least"), ("Do not publish it.", "at least"), (42, "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))


def _engine_alone_says_too_high_or_low(question, wrong) -> bool:
    """True when, without the question's own mistakes, the engine would only say "too high" or
    "too low": the mistake is not one it recognises by itself (decimal comma, rounding, a count or
    a percentage for a rate, a wrong sign, an inverted fraction)."""
    message = compare_number(wrong, float(question.expected), **question.tolerances)
    return message in (i18n.t("checks.number.too_high"), i18n.t("checks.number.too_low"))


@pytest.mark.parametrize("name", ["q1", "q2", "q4", "q5", "q6"])
def test_every_numeric_question_has_three_targeted_mistakes(name):
    """Targeted = the question's own ``mistakes``, each with its own message, beyond what the engine
    already recognises; each is recognised with its message when the learner gives it."""
    question = getattr(exercise, name)
    targeted = [(wrong, key) for wrong, key, *_ in question.mistakes
                if _engine_alone_says_too_high_or_low(question, wrong)]
    assert len(targeted) >= 3, (name, [key for _, key in targeted])
    for wrong, key in targeted:
        result = question.evaluate(wrong)
        assert not result.correct
        assert result.message == question._recognised_mistake(wrong), key


def test_the_function_question_has_three_targeted_mistakes():
    """q3: each typical wrong function gets its own message, not the generic one."""
    question = exercise.q3
    assert len(question.mistakes) >= 3
    messages = set()
    for wrong, key in question.mistakes:
        result = question.evaluate(wrong)
        assert not result.correct, key
        assert result.message == i18n.t(f"checks.privacy.{key}"), key
        messages.add(result.message)
    assert len(messages) == len(question.mistakes)


def test_the_targeted_messages_are_french_in_french():
    i18n.set_language("fr")
    try:
        message = exercise.q5.evaluate(4.0).message
    finally:
        i18n.set_language("en")
    assert message.startswith("Vous avez pris une sensibilité de 2") and "plus 1\u00a0: la sensibilité" in message


def test_the_exercise_has_its_own_messages_for_typical_mistakes():
    """Both languages of every key are tested in test_every_checker.py; here, that there are many."""
    keys = [key for key in i18n.catalogue() if key.startswith("checks.privacy.")]
    assert len(keys) > 20
