"""Checks of the exercise notebook ``exercises/what_is_ai.ipynb``.

The notebook works on :func:`raicourse.data.load_loans` (default seed): loan applications
and the decisions (``approved``) of a bank's past credit rules. The learner measures the
base rate, computes accuracy by hand, compares a model with an "always approve" baseline,
trains a small decision tree and sees overfitting. Hints, option texts, the messages for
typical mistakes and the model answer live in ``raicourse/locales/checks/what_is_ai.yaml``.

Usage in the notebook::

    from raicourse.checks.what_is_ai import q1, q2, q3, q4, q5, q6, q7, ____
    q1.check(approval_rate)
"""

from __future__ import annotations

from functools import lru_cache

from raicourse.checks._exercise import Exercise
from raicourse.checks._questions import ChoiceQuestion, NumberQuestion, ReflectionQuestion


#: What the notebook runs before the questions; tests use it to run solutions alone.
SETUP_CODE = "from raicourse.data import load_loans\nloans = load_loans()"

#: The notebook's given cells, in order: the small table of question 2, then the
#: features, the label and the train/test split used from question 3 on.
GIVEN_CODE = '''
import pandas as pd

# Ten applications: what the bank decided, and what a model predicted.
small = pd.DataFrame({
    "approved":  [1, 1, 0, 1, 0, 1, 1, 0, 1, 1],
    "predicted": [1, 0, 0, 1, 1, 1, 1, 0, 1, 0],
})

from sklearn.model_selection import train_test_split

features = ["income", "loan_amount", "credit_history_years"]
X = loans[features]          # what the model may look at
y = loans["approved"]        # what it must learn to predict
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
'''

exercise = Exercise(__name__, setup=SETUP_CODE, given=GIVEN_CODE)

#: Depth of the tree of question 4 (question 5 lets the tree grow without limit).
TREE_DEPTH = 3

# Accuracies on 1,000 or 3,000 rows move in steps of 0.001 or less; a learner who rounds
# to three decimals is still right, the neighbouring wrong answers are further away.
_TOLERANCE = {"abs_tol": 0.0006}


def _notebook() -> dict:
    """The notebook's variables after its setup and given cells (run once)."""
    return exercise.setup()


@lru_cache(maxsize=None)
def _tree_accuracies(depth: int | None) -> tuple[float, float]:
    """Train and test accuracy of a decision tree of the given depth (None: no limit)."""
    from sklearn.metrics import accuracy_score
    from sklearn.tree import DecisionTreeClassifier

    data = _notebook()
    tree = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(data["X_train"], data["y_train"])
    return (
        float(accuracy_score(data["y_train"], tree.predict(data["X_train"]))),
        float(accuracy_score(data["y_test"], tree.predict(data["X_test"]))),
    )


def _approval_rate() -> float:
    return float(_notebook()["loans"]["approved"].mean())


def _small_accuracy() -> float:
    small = _notebook()["small"]
    return float((small["approved"] == small["predicted"]).mean())


def _both_approve() -> float:
    """The share of rows where both columns say 1: the right refusals are forgotten."""
    small = _notebook()["small"]
    return float(((small["approved"] == 1) & (small["predicted"] == 1)).mean())


def _whole_table_accuracy(depth: int) -> float:
    """Accuracy of the tree of ``depth`` on all 4,000 rows, training rows included."""
    from sklearn.tree import DecisionTreeClassifier

    data = _notebook()
    tree = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(data["X_train"], data["y_train"])
    return float((tree.predict(data["X"]) == data["y"]).mean())


def _always_yes_accuracy() -> float:
    return float((_notebook()["y_test"] == 1).mean())


def _overfit_gap() -> float:
    train, test = _tree_accuracies(None)
    return train - test


q1 = NumberQuestion(
    exercise, "q1",
    answer="approval_rate",
    solution='approval_rate = loans["approved"].mean()',
    expected=_approval_rate,
    mistakes=lambda: [
        (1 - _approval_rate(), "q1.refused_share"),
        (float(_notebook()["y_test"].mean()), "q1.test_set"),
        (1.0, "q1.not_a_share"),
    ],
    is_rate=True,
    **_TOLERANCE,
)

q2 = NumberQuestion(
    exercise, "q2",
    answer="accuracy_by_hand",
    solution='''
        correct = (small["approved"] == small["predicted"]).sum()
        total = len(small)
        accuracy_by_hand = correct / total
    ''',
    expected=_small_accuracy,
    mistakes=lambda: [
        (1 - _small_accuracy(), "q2.error_rate"),
        (float(_notebook()["small"]["predicted"].mean()), "q2.predicted_share"),
        (_both_approve(), "q2.only_approvals"),
    ],
    is_rate=True,
    **_TOLERANCE,
)

q3 = NumberQuestion(
    exercise, "q3",
    answer="always_yes_accuracy",
    solution='''
        always_yes = [1] * len(y_test)          # approve every application of the test set
        correct = (y_test == always_yes).sum()
        always_yes_accuracy = correct / len(y_test)
    ''',
    expected=_always_yes_accuracy,
    mistakes=lambda: [
        (1 - _always_yes_accuracy(), "q3.always_no"),
        (float(_notebook()["y_train"].mean()), "q3.training_set"),
        (_approval_rate(), "q3.whole_table"),
    ],
    is_rate=True,
    **_TOLERANCE,
)

q4 = NumberQuestion(
    exercise, "q4",
    answer="test_accuracy",
    solution='''
        from sklearn.metrics import accuracy_score
        from sklearn.tree import DecisionTreeClassifier

        tree = DecisionTreeClassifier(max_depth=3, random_state=0)
        tree.fit(X_train, y_train)
        test_accuracy = accuracy_score(y_test, tree.predict(X_test))
    ''',
    expected=lambda: _tree_accuracies(TREE_DEPTH)[1],
    mistakes=lambda: [
        (_tree_accuracies(TREE_DEPTH)[0], "q4.training_accuracy"),
        (_tree_accuracies(2)[1], "q4.wrong_depth"),
        (_tree_accuracies(None)[1], "q4.wrong_depth"),
        (_whole_table_accuracy(TREE_DEPTH), "q4.whole_table"),
    ],
    is_rate=True,
    **_TOLERANCE,
)

q5 = NumberQuestion(
    exercise, "q5",
    answer="overfit_gap",
    solution='''
        from sklearn.metrics import accuracy_score
        from sklearn.tree import DecisionTreeClassifier

        big_tree = DecisionTreeClassifier(random_state=0)   # no max_depth: it grows until it fits every row
        big_tree.fit(X_train, y_train)
        train_accuracy_big = accuracy_score(y_train, big_tree.predict(X_train))
        test_accuracy_big = accuracy_score(y_test, big_tree.predict(X_test))
        overfit_gap = train_accuracy_big - test_accuracy_big
    ''',
    expected=_overfit_gap,
    mistakes=lambda: [
        (_tree_accuracies(TREE_DEPTH)[0] - _tree_accuracies(TREE_DEPTH)[1], "q5.small_tree"),
        (_tree_accuracies(None)[1], "q5.test_only"),
        (_tree_accuracies(None)[0], "q5.train_only"),
    ],
    is_rate=True,
    **_TOLERANCE,
)

q6 = ChoiceQuestion(
    exercise, "q6",
    answer="not_ai",
    solution='not_ai = "c"',
    options=("a", "b", "c", "d"),
    correct="c",
)

q7 = ReflectionQuestion(
    exercise, "q7",
    answer="reflection",
    solution='reflection = """The tree copies what the bank decided in the past, not who could repay. '
             'Before using it I would ask how the past decisions were made, check the approval rate of '
             'women and men, and keep a person who can overrule it."""',
    min_words=12,
)

exercise.publish(globals())
