"""The answer key is balanced: position or "False everywhere" does not pass a quiz.

The rules, over what the pages show (the assessment edition with no class seed and with
other class seeds, and the self-check edition):

* In a bank with two or more single-choice questions, no position holds the right answer of
  more than half of them.
* Over the course, no position holds more than 35% of the single-choice right answers (with
  mostly four choices, chance is about 26%).
* No bank is passed by "first option / False" on its single-choice and true/false questions.
* Over the course, between 35% and 65% of the true/false statements are true.
* A class of 24 learners who each tick the first option (single and multiple choice) and
  "False" everywhere in the assessment edition, each on their own order, scores near chance
  level when the real grader scores their answer files.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest

from raicourse.grading.quizzes import grade_quiz_exports
from raicourse.quiz.loader import bank_stems, load_bank
from raicourse.quiz.widget import (
    CLASS_SEED_VARIABLE,
    MODE_CHECK,
    MODE_RECORD,
    bank_fingerprint,
    displayed_choices,
    learner_order,
    learner_seed,
)

BANKS = {stem: load_bank(stem)[1] for stem in bank_stems()}
CLASS_SEEDS = ["", "lyon-spring-2027", "groupe B", "2026-12-04", "Atelier éthique"]


def right_positions(mode: str) -> dict[str, list[int]]:
    """Per bank, the displayed position of each single-choice question's right answer."""
    positions: dict[str, list[int]] = {}
    for stem, bank in BANKS.items():
        for question in bank.questions:
            if question.type == "single":
                shown = [choice.correct for _, choice in displayed_choices(stem, bank, question, mode)]
                positions.setdefault(stem, []).append(shown.index(True))
    return positions


def pages() -> list[tuple[str, str]]:
    return [(MODE_RECORD, seed) for seed in CLASS_SEEDS] + [(MODE_CHECK, "")]


@pytest.mark.parametrize(("mode", "seed"), pages())
def test_no_position_holds_more_than_its_share_of_right_answers(monkeypatch, mode, seed):
    monkeypatch.setenv(CLASS_SEED_VARIABLE, seed)
    positions = right_positions(mode)
    for stem, found in positions.items():
        if len(found) >= 2:
            position, count = Counter(found).most_common(1)[0]
            assert count <= len(found) // 2 or count == 1, (
                f"{stem}: position {position + 1} holds {count} of {len(found)} right answers ({mode}, seed {seed!r})")
    everything = [position for found in positions.values() for position in found]
    assert len(everything) >= 40
    position, count = Counter(everything).most_common(1)[0]
    assert count / len(everything) <= 0.35, f"position {position + 1} holds {count} of {len(everything)}"


@pytest.mark.parametrize(("mode", "seed"), pages())
def test_first_option_and_false_never_pass_a_bank(monkeypatch, mode, seed):
    monkeypatch.setenv(CLASS_SEED_VARIABLE, seed)
    for stem, bank in BANKS.items():
        right = total = 0
        for question in bank.questions:
            if question.type == "single":
                total += 1
                right += displayed_choices(stem, bank, question, mode)[0][1].correct
            elif question.type == "truefalse":
                total += 1
                right += question.answer is False
        assert total == 0 or right < total, f"{stem}: first option / False gets {right} of {total} ({mode}, {seed!r})"


def test_true_false_statements_are_balanced():
    answers = [q.answer for bank in BANKS.values() for q in bank.questions if q.type == "truefalse"]
    assert len(answers) >= 16
    share = sum(answers) / len(answers)
    assert 0.35 <= share <= 0.65, f"{sum(answers)} of {len(answers)} true/false statements are true"


def test_every_bank_shuffles_in_the_self_check_edition_too():
    """The bank files list the right choice first: a bank that does not shuffle shows that order."""
    assert [stem for stem, bank in BANKS.items() if not bank.shuffle] == []


def test_a_learner_gets_an_order_of_their_own():
    orders = {tuple(learner_order(learner_seed(name), "privacy", "article-5-principle", 4))
              for name in ("Alice Martin", "Éloïse N'Diaye", "Bob", "Chen Wei", "Dana", "Eve")}
    assert len(orders) >= 3
    assert learner_seed("  Éloïse   N'DIAYE ") == learner_seed("éloïse n'diaye")


def first_option_everywhere(learner: str) -> dict:
    """The answer file of a learner who ticks the first option they see and "False" everywhere."""
    seed = learner_seed(learner)
    quizzes = {}
    for stem, bank in BANKS.items():
        answers: dict[str, object] = {}
        for question in bank.questions:
            if question.type in ("single", "multiple"):
                page = displayed_choices(stem, bank, question, MODE_RECORD)
                first_key = page[learner_order(seed, stem, question.id, len(page))[0]][0]
                answers[question.id] = first_key if question.type == "single" else [first_key]
            elif question.type == "truefalse":
                answers[question.id] = "false"
        quizzes[stem] = {"version": bank.version, "fingerprint": bank_fingerprint(stem, bank), "submitted": True,
                         "answers": answers}
    return {"format": "raicourse-answers", "format_version": 1, "course": "raicourse", "learner": learner,
            "language": "en", "exported_at": "2026-12-04T10:00:00Z", "quizzes": quizzes}


def chance_level() -> tuple[float, int]:
    """Expected score of that strategy on a random order, and the number of questions it answers."""
    expected, count = 0.0, 0
    for bank in BANKS.values():
        for question in bank.questions:
            if question.type in ("single", "multiple"):
                right = sum(choice.correct for choice in question.choices)
                expected += (right == 1) / len(question.choices)  # ticking one is right only if one is right
                count += 1
            elif question.type == "truefalse":
                expected += 0.5
                count += 1
    return expected, count


def simulate_class(tmp_path: Path, size: int = 24) -> tuple[float, float, int]:
    exports = tmp_path / "exports"
    exports.mkdir()
    for number in range(1, size + 1):
        learner = f"Learner {number:02d}"
        (exports / f"{number:02d}.json").write_text(json.dumps(first_option_everywhere(learner)), encoding="utf-8")
    grades = grade_quiz_exports(exports, tmp_path / "out", language="en")
    assert grades.problems == [] and len(grades.learners) == size
    expected, count = chance_level()
    scores = [total["correct"] for total in grades.totals().values()]
    return sum(scores) / size / count, expected / count, count


def test_a_class_that_always_ticks_the_first_option_scores_at_chance(tmp_path, monkeypatch):
    monkeypatch.delenv(CLASS_SEED_VARIABLE, raising=False)
    mean, chance, count = simulate_class(tmp_path)
    print(f"first option / False, 24 learners: mean {mean:.1%} of {count} questions; chance {chance:.1%}")
    assert math.isclose(mean, chance, abs_tol=0.05), (mean, chance)
