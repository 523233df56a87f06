"""One table of quiz cases (cases.yaml) through both implementations of the quiz's rules.

Python: :mod:`raicourse.quiz.scoring` (the assessment grader) and
:func:`raicourse.quiz.widget.inline_tokens` (the readable fallback). JavaScript: the shipped
``raicourse-quiz-rules.js``, run under node by ``run_rules.mjs``. Each side must give the
table's expected result; any difference between the two sides fails too. Node is needed:
without it the JavaScript half is skipped locally, and fails in CI (``CI`` set), like the
browser tests.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from raicourse._widget import static_file, widget_module_source
from raicourse.quiz.schema import parse_bank
from raicourse.quiz.scoring import normalise_text, parse_number, score_answer
from raicourse.quiz.widget import _question_data, displayed_choices, inline_tokens

HERE = Path(__file__).parent
TABLE = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
STEM = "rules-table"
LABELS = {"true": "True", "false": "False"}
VERDICT_DEFAULTS = {"feedback": [], "missing": 0, "extra": 0}


def _case_id(prefix: str, index: int, case: dict) -> str:
    return f"{prefix}{index}-{case.get('language', '')}-{case.get('text', case.get('response'))!r}"[:80]


def _question_cases() -> list[tuple[Any, Any, dict]]:
    """(bank, question, response case) for every response of the table."""
    cases = []
    for entry in TABLE["questions"]:
        bank = parse_bank({"version": 1, "shuffle": entry.get("shuffle", False), "questions": [entry["question"]]},
                          "cases.yaml")
        for response in entry["responses"]:
            cases.append((bank, bank.questions[0], response))
    return cases


QUESTION_CASES = _question_cases()


def _page_response(bank, question, case: dict) -> Any:
    """The response as the self-check page holds it: choices by their key c<bank position>."""
    response = case["response"]
    if case.get("raw") or question.type not in ("single", "multiple"):
        return response
    return f"c{response}" if question.type == "single" else [f"c{index}" for index in response]


def _recorded_response(bank, question, case: dict) -> Any:
    """The response as an answer file holds it: choices by their displayed position r<n>."""
    response = case["response"]
    if case.get("raw") or question.type not in ("single", "multiple"):
        return response
    keys = {id(choice): key for key, choice in displayed_choices(STEM, bank, question)}
    key_of = lambda index: keys[id(question.choices[index])]  # noqa: E731
    return key_of(response) if question.type == "single" else [key_of(index) for index in response]


def _number(value: float) -> float | str | None:
    if math.isnan(value):
        return None
    return value if math.isfinite(value) else ("Infinity" if value > 0 else "-Infinity")


def _python_results() -> dict[str, list]:
    questions = []
    for bank, question, case in QUESTION_CASES:
        verdict = score_answer(STEM, bank, question, _recorded_response(bank, question, case), LABELS,
                               case.get("language", "en"))
        questions.append({"outcome": verdict.outcome, "feedback": list(verdict.feedback),
                          "missing": verdict.missing, "extra": verdict.extra})
    return {
        "numbers": [_number(parse_number(c["text"], c.get("unit"), c["language"])) for c in TABLE["numbers"]],
        "text": [normalise_text(c["text"]) for c in TABLE["text"]],
        "inline": [inline_tokens(c["text"]) for c in TABLE["inline"]],
        "questions": questions,
    }


PYTHON = _python_results()


def node_path() -> str | None:
    return os.environ.get("RAICOURSE_NODE") or shutil.which("node") or shutil.which("nodejs")


@pytest.fixture(scope="module")
def javascript(tmp_path_factory) -> dict[str, list]:
    """The table's results from the shipped JavaScript, under node (one run for every case)."""
    node = node_path()
    if node is None:
        message = "node was not found: the quiz's JavaScript rules need it (Debian/Ubuntu: `sudo apt-get install nodejs`)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("quiz-rules")
    rules = folder / "raicourse-quiz-rules.mjs"
    shutil.copyfile(static_file("raicourse-quiz-rules.js"), rules)
    widget = folder / "raicourse-quiz.mjs"
    widget.write_text(widget_module_source("raicourse-quiz.js"), encoding="utf-8")
    request = {
        "numbers": TABLE["numbers"],
        "text": TABLE["text"],
        "inline": TABLE["inline"],
        "questions": [{"question": _question_data(STEM, bank, question), "response": _page_response(bank, question, case),
                       "language": case.get("language", "en")} for bank, question, case in QUESTION_CASES],
    }
    (folder / "request.json").write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([node, str(HERE / "run_rules.mjs"), str(rules), str(widget), str(folder / "request.json")],
                         capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _both(javascript: dict, kind: str, index: int, expected: Any) -> None:
    python, js = PYTHON[kind][index], javascript[kind][index]
    assert python == js, f"Python and JavaScript differ: {python!r} vs {js!r}"
    assert python == expected


def test_the_table_covers_every_question_type():
    from raicourse.quiz.schema import QUESTION_TYPES

    assert {question.type for _, question, _ in QUESTION_CASES} == set(QUESTION_TYPES)
    assert {case["language"] for case in TABLE["numbers"]} == {"en", "fr"}


@pytest.mark.parametrize("index", range(len(TABLE["numbers"])),
                         ids=[_case_id("n", i, c) for i, c in enumerate(TABLE["numbers"])])
def test_numbers_python_matches_the_table(index):
    assert PYTHON["numbers"][index] == TABLE["numbers"][index]["expect"]


@pytest.mark.parametrize("index", range(len(TABLE["numbers"])),
                         ids=[_case_id("n", i, c) for i, c in enumerate(TABLE["numbers"])])
def test_numbers_javascript_matches_python(javascript, index):
    _both(javascript, "numbers", index, TABLE["numbers"][index]["expect"])


@pytest.mark.parametrize("index", range(len(TABLE["text"])), ids=[_case_id("t", i, c) for i, c in enumerate(TABLE["text"])])
def test_text_both_sides(javascript, index):
    assert PYTHON["text"][index] == TABLE["text"][index]["expect"]
    _both(javascript, "text", index, TABLE["text"][index]["expect"])


@pytest.mark.parametrize("index", range(len(TABLE["inline"])), ids=[_case_id("m", i, c) for i, c in enumerate(TABLE["inline"])])
def test_inline_markdown_both_sides(javascript, index):
    assert PYTHON["inline"][index] == TABLE["inline"][index]["expect"]
    _both(javascript, "inline", index, TABLE["inline"][index]["expect"])


@pytest.mark.parametrize("index", range(len(QUESTION_CASES)),
                         ids=[f"{q.id}-{_case_id('', i, c)}" for i, (_, q, c) in enumerate(QUESTION_CASES)])
def test_verdicts_both_sides(javascript, index):
    expected = {**VERDICT_DEFAULTS, **QUESTION_CASES[index][2]["expect"]}
    assert PYTHON["questions"][index] == expected
    _both(javascript, "questions", index, expected)


def test_the_shipped_quiz_module_loads_without_a_dom(javascript):
    # anywidget's convention: a default export with render, nothing else the page relies on.
    assert javascript["widget_renders"] is True
    assert javascript["widget_exports"] == ["default"]
