"""The what_is_ai checker: the expected values agree with a second computation, the numbers
the lesson quotes hold, and typical mistakes get a helpful message.

What every checker must do is tested for all of them in test_every_checker.py."""

from __future__ import annotations

import pytest
from sklearn.dummy import DummyClassifier
from sklearn.metrics import accuracy_score
from sklearn.tree import DecisionTreeClassifier

from raicourse.checks import what_is_ai as exercise
from raicourse.data import load_loans

from checkers import assert_wrong_answers_fail, solved_namespace


@pytest.fixture(scope="module")
def solved() -> dict:
    """The notebook's variables after its setup, its given cells and every reference solution."""
    return solved_namespace(exercise)


def test_expected_values_agree_with_a_second_computation(solved):
    """Recompute with plain loops and scikit-learn's own baseline, independently of the checker."""
    loans = load_loans()
    approved = list(loans["approved"])
    assert exercise.q1.evaluate(sum(approved) / len(approved)).correct
    small = solved["small"]
    right = sum(1 for a, p in zip(small["approved"], small["predicted"], strict=True) if a == p)
    assert exercise.q2.evaluate(right / len(small)).correct
    baseline = DummyClassifier(strategy="constant", constant=1).fit(solved["X_train"], solved["y_train"])
    assert exercise.q3.evaluate(baseline.score(solved["X_test"], solved["y_test"])).correct


def test_the_numbers_the_lesson_quotes(solved):
    """book/innovation/what_is_ai.md quotes these values of the course data; keep them true."""
    loans = load_loans()
    assert len(loans) == 4000 and round(loans["approved"].mean(), 3) == 0.706
    X_train, X_test, y_train, y_test = (solved[name] for name in ("X_train", "X_test", "y_train", "y_test"))
    assert (len(X_train), len(X_test)) == (3000, 1000)
    assert round(float(y_test.mean()), 3) == 0.695
    for depth, train, test in [(2, 0.809, 0.781), (3, 0.825, 0.802), (None, 1.0, 0.797)]:
        tree = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X_train, y_train)
        assert round(accuracy_score(y_train, tree.predict(X_train)), 3) == train, depth
        assert round(accuracy_score(y_test, tree.predict(X_test)), 3) == test, depth
    # The hand-written rule of the lesson: approve when the loan is at most 60% of the income.
    rule = (loans["loan_amount"] <= 0.6 * loans["income"]).astype(int)
    assert round(float((rule == loans["approved"]).loc[X_test.index].mean()), 2) == 0.77
    # The depth-2 tree approves women less often than men, although it never sees the column sex.
    tree = DecisionTreeClassifier(max_depth=2, random_state=0).fit(X_train, y_train)
    by_sex = loans.loc[X_test.index].assign(predicted=tree.predict(X_test)).groupby("sex")["predicted"].mean()
    assert round(by_sex["F"], 2) == 0.81 and round(by_sex["M"], 2) == 0.87


def _whole_table(solved) -> float:
    """A learner's slip: the depth-3 tree scored on every row, training rows included."""
    tree = DecisionTreeClassifier(max_depth=3, random_state=0).fit(solved["X_train"], solved["y_train"])
    return accuracy_score(solved["y"], tree.predict(solved["X"]))


def _wrong_answers(solved) -> dict[str, list[tuple[object, str]]]:
    loans, small, y_test, y_train = solved["loans"], solved["small"], solved["y_test"], solved["y_train"]
    return {
        "q1": [
            (loans["approved"].sum(), "looks like a count, not a rate"),
            (loans["approved"].mean() * 100, "percentage"),
            (1 - loans["approved"].mean(), "share of refused applications"),
            (y_test.mean(), "test set only"),
            (loans["approved"].median(), "not the share of 1s"),
            (loans["approved"], "one number"),
        ],
        "q2": [
            ((small["approved"] == small["predicted"]).sum(), "looks like a count, not a rate"),
            ((small["approved"] != small["predicted"]).mean(), "error rate"),
            (small["predicted"].mean(), "predicts as approved"),
            (((small["approved"] == 1) & (small["predicted"] == 1)).mean(), "both columns say 1"),
            ("0.7", "Remove the quotes"),
        ],
        "q3": [
            (1 - y_test.mean(), "always refuses"),
            (y_train.mean(), "training set"),
            (loans["approved"].mean(), "whole table"),
            ((y_test == 1).sum(), "looks like a count, not a rate"),
        ],
        "q4": [
            (0.825, "training set"),
            (0.781, "another depth"),
            (0.797, "another depth"),
            (_whole_table(solved), "all 4,000 rows"),
            (80.2, "percentage"),
        ],
        "q5": [
            (-solved["overfit_gap"], "wrong sign"),
            (0.825 - 0.802, "small tree of question 4"),
            (0.797, "test accuracy of the big tree"),
            (1.0, "training accuracy of the big tree"),
            (20.3, "percentage"),
        ],
        "q6": [("a", "not the best choice"), ("b", "not the best choice"), ("d", "not the best choice"),
               ("e", "Choose one of")],
        "q7": [("", "at least"), ("Yes, use it.", "at least"), (42, "text")],
    }


def test_typical_wrong_answers_fail_with_a_helpful_message(solved):
    assert_wrong_answers_fail(exercise, _wrong_answers(solved))


@pytest.mark.parametrize("rounded", [0.706, 0.71])
def test_a_rounded_base_rate(rounded):
    """Three decimals are accepted; two decimals are too rough to be told apart from the training set's rate."""
    assert exercise.q1.evaluate(rounded).correct is (rounded == 0.706)


def test_every_numeric_question_has_three_targeted_mistakes():
    """Targeted = the question's own ``mistakes``, each with its own message in both languages."""
    for question in (exercise.q1, exercise.q2, exercise.q3, exercise.q4, exercise.q5):
        assert len(question.mistakes) >= 3, question.name


def test_the_targeted_messages_are_french_in_french(solved):
    from raicourse.i18n import set_language

    set_language("fr")
    try:
        message = exercise.q2.evaluate(0.5).message
    finally:
        set_language("en")
    assert message.startswith("Vous avez compté seulement les lignes où les deux colonnes valent 1") and "refusé\u00a0:" in message
