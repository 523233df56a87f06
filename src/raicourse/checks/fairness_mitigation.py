"""Checks of the exercise notebook ``exercises/fairness_mitigation.ipynb``.

The notebook trains a screening model on last year's applicants
(:func:`raicourse.data.load_hiring`, default seed) with the past recruiters' decisions
(``past_hired``) as the label, then checks it on this year's applicants
(``load_hiring(seed=1)``). It measures the gap, computes one reweighing weight by hand,
and compares the model with a post-processed version (fairlearn's ``ThresholdOptimizer``).

The notebook's setup and given cells are :data:`SETUP_CODE`; the expected values are
computed by running that same code once, so the checker and the notebook cannot drift
apart. Hints, options and the model answer live in
``raicourse/locales/checks/fairness_mitigation.yaml``.

Usage in the notebook::

    from raicourse.checks.fairness_mitigation import q1, q2, q3, q4, q5, q6, q7, ____
    q1.check(baseline_rates)
"""

from __future__ import annotations


import pandas as pd

from raicourse.checks._exercise import Exercise
from raicourse.checks._questions import (
    ChoiceQuestion,
    NumberQuestion,
    ReflectionQuestion,
    SeriesQuestion,
    close,
)


#: What the notebook runs before the questions (its setup cells, in order).
SETUP_CODE = '''
import pandas as pd
from sklearn.linear_model import LogisticRegression
from raicourse.data import load_hiring

past = load_hiring()        # last year's applicants: the model learns from them
new = load_hiring(seed=1)   # this year's applicants: we check the model on them


def features(applicants):
    """The columns the model may use, as numbers. The model never sees the column group."""
    table = pd.DataFrame(
        {
            "years_experience": applicants["years_experience"] / 10,
            "education": applicants["education"].map({"secondary": 0, "bachelor": 1, "master": 2}),
            "test_score": applicants["test_score"].fillna(50) / 100,   # a missing score becomes 50...
            "test_missing": applicants["test_score"].isna().astype(int),  # ...and is flagged
        }
    )
    postcodes = pd.get_dummies(applicants["postcode"], prefix="postcode", dtype=int)
    return table.join(postcodes)


X_past = features(past)
X_new = features(new)

# The baseline: a model that learns to imitate last year's recruiters.
baseline = LogisticRegression().fit(X_past, past["past_hired"])
new["baseline"] = baseline.predict(X_new)
'''

#: The given cell between questions 3 and 4: the post-processed decisions.
GIVEN_CODE = '''
from fairlearn.postprocessing import ThresholdOptimizer

postprocessor = ThresholdOptimizer(
    estimator=baseline,                 # the model we already trained
    constraints="demographic_parity",   # equal selection rates in every group
    predict_method="predict_proba",     # use the model's scores, not its yes/no answers
    prefit=True,                        # do not train the model again
)
postprocessor.fit(X_past, past["past_hired"], sensitive_features=past["group"])
new["postprocessed"] = postprocessor.predict(X_new, sensitive_features=new["group"], random_state=0)
'''

exercise = Exercise(__name__, setup=SETUP_CODE, given=GIVEN_CODE)


def _notebook() -> dict:
    """The notebook's variables after its setup and given cells (run once)."""
    return exercise.setup()


def _rates(column: str) -> pd.Series:
    new = _notebook()["new"]
    return new.groupby("group")[column].mean()


def _accuracy(column: str) -> float:
    new = _notebook()["new"]
    return float((new[column] == new["qualified"]).mean())


def _weight(table: pd.DataFrame, group: str = "B", label: int = 1) -> float:
    """The reweighing weight of the people of ``group`` with ``label`` in ``table``."""
    share_group = (table["group"] == group).mean()
    share_label = (table["past_hired"] == label).mean()
    share_pair = ((table["group"] == group) & (table["past_hired"] == label)).mean()
    return float(share_group * share_label / share_pair)


def _weight_b_hired() -> float:
    return _weight(_notebook()["past"])


# -- typical beginner mistakes, each with its own message (locales/checks/fairness_mitigation.yaml)
def _q1_mistakes() -> list[tuple]:
    new, past = _notebook()["new"], _notebook()["past"]
    return [
        (_rates("qualified"), "q1.wrong_column", {"column": "qualified"}),
        (_rates("selected"), "q1.wrong_column", {"column": "selected"}),
        (past.groupby("group")["past_hired"].mean(), "q1.past_hired"),
        (new.groupby("group")["baseline"].sum() / len(new), "q1.share_of_all"),
        (new.loc[new["baseline"] == 1, "group"].value_counts(normalize=True), "q1.composition"),
        (1 - _rates("baseline"), "q1.not_selected"),
    ]


def _true_positive_rates(column: str) -> pd.Series:
    new = _notebook()["new"]
    return new[new["qualified"] == 1].groupby("group")[column].mean()


def _q2_mistakes() -> list[tuple]:
    rates, tpr, qualified = _rates("baseline"), _true_positive_rates("baseline"), _rates("qualified")
    return [
        (float(rates.min() / rates.max()), "q2.ratio_not_difference"),
        (float(tpr.max() - tpr.min()), "q2.tpr_not_selection"),
        (float(qualified.max() - qualified.min()), "q2.wrong_column"),
        (lambda answer: isinstance(answer, pd.Series), "q2.several_numbers"),
    ]


def _q3_mistakes() -> list[tuple]:
    past = _notebook()["past"]
    share_b = (past["group"] == "B").mean()
    share_hired = (past["past_hired"] == 1).mean()
    share_b_and_hired = ((past["group"] == "B") & (past["past_hired"] == 1)).mean()
    return [
        (_weight(past, "B", 0), "q3.not_hired"),
        (_weight(past, "A", 1), "q3.group_a"),
        (float(share_b * share_hired), "q3.expected_only"),
        (float(share_b_and_hired), "q3.observed_only"),
        (_weight_b_hired() * len(past), "q3.counts"),
        (_weight(_notebook()["new"]), "q3.this_year"),
    ]


def _q4_mistakes() -> list[tuple]:
    new = _notebook()["new"]
    return [
        (lambda answer: type(answer).__name__ == "MetricFrame", "q4.metricframe"),
        (lambda answer: isinstance(answer, pd.DataFrame) and len(answer.columns) == 1, "q4.one_column_table"),
        (lambda answer, overall=float(new["postprocessed"].mean()): close(answer, overall), "q4.overall"),
        (_rates("baseline"), "q4.baseline"),
        (_rates("qualified"), "q4.swapped"),
        (_true_positive_rates("postprocessed"), "q4.tpr"),
    ]


q1 = SeriesQuestion(
    exercise, "q1",
    answer="baseline_rates",
    solution='baseline_rates = new.groupby("group")["baseline"].mean()',
    expected=lambda: _rates("baseline"),
    mistakes=_q1_mistakes,
    is_rate=True,
)

q2 = NumberQuestion(
    exercise, "q2",
    answer="baseline_dp",
    solution="baseline_dp = baseline_rates.max() - baseline_rates.min()",
    expected=lambda: float(_rates("baseline").max() - _rates("baseline").min()),
    mistakes=_q2_mistakes,
    is_rate=True,
)

q3 = NumberQuestion(
    exercise, "q3",
    answer="weight_b_hired",
    solution='''
        share_b = (past["group"] == "B").mean()
        share_hired = (past["past_hired"] == 1).mean()
        share_b_and_hired = ((past["group"] == "B") & (past["past_hired"] == 1)).mean()
        weight_b_hired = share_b * share_hired / share_b_and_hired
    ''',
    expected=_weight_b_hired,
    mistakes=_q3_mistakes,
    rel_tol=1e-4,
)

q4 = SeriesQuestion(
    exercise, "q4",
    answer="postprocessed_rates",
    solution='''
        from fairlearn.metrics import MetricFrame, selection_rate

        frame = MetricFrame(
            metrics=selection_rate,
            y_true=new["qualified"],
            y_pred=new["postprocessed"],
            sensitive_features=new["group"],
        )
        postprocessed_rates = frame.by_group
    ''',
    expected=lambda: _rates("postprocessed"),
    mistakes=_q4_mistakes,
    is_rate=True,
)


def _change_against(label: str) -> float:
    new = _notebook()["new"]
    return float((new["postprocessed"] == new[label]).mean() - (new["baseline"] == new[label]).mean())


def _accuracy_change() -> float:
    return _accuracy("postprocessed") - _accuracy("baseline")


def _accuracy_change_mistakes() -> list[tuple]:
    # On the course data, the change measured against past_hired (the biased label) happens
    # to be the exact opposite of the change measured against qualified, so a wrong sign has
    # two usual causes; its message names both.
    new = _notebook()["new"]
    return [
        (-_accuracy_change(), "q5.wrong_sign_or_label"),
        *((_change_against(label), "q5.wrong_label", {"label": label}) for label in ("past_hired", "selected")),
        (_accuracy("postprocessed"), "q5.after_only"),
        (_accuracy("baseline"), "q5.before_only"),
        (float((new["postprocessed"] == new["baseline"]).mean()), "q5.models_compared"),
        (float(new["postprocessed"].mean() - new["baseline"].mean()), "q5.selection_change"),
    ]


q5 = NumberQuestion(
    exercise, "q5",
    answer="accuracy_change",
    solution='''
        from sklearn.metrics import accuracy_score

        accuracy_before = accuracy_score(new["qualified"], new["baseline"])
        accuracy_after = accuracy_score(new["qualified"], new["postprocessed"])
        accuracy_change = accuracy_after - accuracy_before
    ''',
    expected=_accuracy_change,
    mistakes=_accuracy_change_mistakes,
    abs_tol=1e-6,
)

q6 = ChoiceQuestion(
    exercise, "q6",
    answer="do_not_deploy_when",
    solution='do_not_deploy_when = "c"',
    options=("a", "b", "c", "d"),
    correct="c",
)

q7 = ReflectionQuestion(
    exercise, "q7",
    answer="reflection",
    solution='reflection = """I would not choose on numbers alone. The post-processed model closes most of the gap, '
             'but it uses the group at decision time and draws lots near the threshold. '
             'I would ask a lawyer, the recruiters and the applicants\' representatives first."""',
    min_words=8,
)

exercise.publish(globals())
