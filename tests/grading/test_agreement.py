"""The grader agrees with the notebook: an answer the learner checked under a name of their
own (``q1.check(my_rates)``) is graded as the notebook showed it, not "not attempted"."""

from __future__ import annotations

from pathlib import Path

import nbformat

from raicourse.checks import fairness_metrics
from raicourse.grading import NOTEBOOK_ROW, grade_submissions

EXERCISE = Path(__file__).parents[2] / "exercises" / "fairness_metrics.ipynb"


def _own_names_notebook(target: Path) -> None:
    """q1 answered under another name and checked with it; q2 answered in its own variable
    but checked with a wrong value; q3 checked with a wrong value, its variable left blank."""
    notebook = nbformat.read(EXERCISE, as_version=4)
    for index, cell in enumerate(notebook.cells):
        tags = cell.metadata.get("tags", [])
        if "answer:q1" in tags:
            cell.source = 'my_rates = hiring.groupby("group")["selected"].mean()'
            notebook.cells[index + 1].source = "q1.check(my_rates)"
        elif "answer:q2" in tags:
            cell.source = "dp_difference = my_rates.max() - my_rates.min()"
            notebook.cells[index + 1].source = "q2.check(0.5)"
        elif "answer:q3" in tags:
            notebook.cells[index + 1].source = "q3.check(0.5)"
    target.parent.mkdir(parents=True)
    nbformat.write(notebook, target)


def test_the_grader_keeps_the_better_of_the_variable_and_the_checked_value(tmp_path):
    submissions = tmp_path / "submissions"
    _own_names_notebook(submissions / "dana" / "fairness_metrics.ipynb")
    rows = grade_submissions(submissions, tmp_path / "out", timeout=30, language="en", jobs=1)
    outcome = {row.question: row.outcome for row in rows if row.question != NOTEBOOK_ROW}
    assert outcome["q1"] == "correct"          # checked as my_rates: "Correct" in the notebook too
    assert outcome["q2"] == "correct"          # its variable is right, whatever check() was given
    assert outcome["q3"] == "incorrect"        # only a wrong value was ever given
    assert outcome["q4"] == "not_attempted"
    assert len(outcome) == len(fairness_metrics.QUESTIONS)
