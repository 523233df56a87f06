"""What every exercise checker must do, tested on every module of ``raicourse.checks``
(a new checker module is covered without writing anything): the reference solutions pass
on the course data, the placeholder reads as not attempted, no value at all can make a
check raise, and every message, hint and option exists in English and French.

The tests of one exercise (tests/checks/test_<exercise>.py) keep what is its own: typical
wrong answers and their messages, the numbers the lesson quotes, agreement with other
libraries."""

from __future__ import annotations

import copy
import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from raicourse import i18n
from raicourse.checks import ChoiceQuestion, ReflectionQuestion, Outcome, ____, answer_from, evaluate_answers, questions_of

from checkers import ANYTHING, exercise_modules, shaped_like, solved_namespace

EXERCISES = [pytest.param(module, id=module.__name__.rsplit(".", 1)[-1]) for module in exercise_modules()]
QUESTIONS = [
    pytest.param(module, question, id=f"{module.__name__.rsplit('.', 1)[-1]}-{question.name}")
    for module in exercise_modules()
    for question in questions_of(module)
]


def _stem(exercise) -> str:
    return exercise.__name__.rsplit(".", 1)[-1]


#: The notebook's variables after every reference solution, computed once per exercise.
_solved = functools.cache(solved_namespace)


def test_every_exercise_module_is_found():
    stems = [_stem(module) for module in exercise_modules()]
    assert stems == sorted(stems) and "fairness_metrics" in stems and not any(s.startswith("_") for s in stems)


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_reference_solution_passes_on_the_course_data(exercise):
    results = evaluate_answers(exercise, solved_namespace(exercise))
    # A reflection has no right answer: a thoughtful one is recorded, never "correct".
    expected = [Outcome.RECORDED if isinstance(q, ReflectionQuestion) else Outcome.CORRECT for q in questions_of(exercise)]
    assert [r.outcome for r in results] == expected, results


@pytest.mark.parametrize(("exercise", "question"), QUESTIONS)
def test_placeholder_is_not_attempted(exercise, question):
    assert question.evaluate(____).outcome is Outcome.NOT_ATTEMPTED
    assert answer_from(question, {}) is ____


@pytest.fixture
def reference_answer(exercise, question):
    """A copy of the reference answer, for wrong answers of its shape."""
    return copy.deepcopy(answer_from(question, _solved(exercise)))


@pytest.mark.parametrize(("exercise", "question"), QUESTIONS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=st.data())
def test_no_answer_makes_a_check_raise(exercise, question, reference_answer, data, capsys):
    answer = data.draw(st.one_of(ANYTHING, shaped_like(reference_answer)), label="answer")
    result = question.check(answer)
    assert result.outcome in set(Outcome)
    assert isinstance(result.message, str) and result.message
    assert result.outcome is not Outcome.ERROR, result.message


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_message_of_the_exercise_exists_in_english_and_french(exercise):
    catalogue = i18n.catalogue()
    keys = [key for key in catalogue if key.startswith(f"checks.{_stem(exercise)}.")]
    assert len(keys) > len(questions_of(exercise))
    for key in keys:
        assert set(catalogue[key]) >= {"en", "fr"}, key
        assert catalogue[key]["en"] and catalogue[key]["fr"], key
        assert catalogue[key]["en"] != catalogue[key]["fr"], key
        assert i18n.placeholders(catalogue[key]["en"]) == i18n.placeholders(catalogue[key]["fr"]), key


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_hint_and_option_exists_in_both_languages(exercise, language, monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", language)
    for question in questions_of(exercise):
        assert question.exercise == _stem(exercise), question
        hints = question.hints()
        assert hints, question.name
        assert all(text and "checks." not in text for text in hints), (question.name, hints)
        if isinstance(question, ChoiceQuestion):
            texts = question.option_texts()
            assert texts and all(text and "checks." not in text for text in texts), (question.name, texts)


@pytest.mark.parametrize("exercise, question", QUESTIONS)
def test_solution_comments_read_in_the_notebooks_language(exercise, question):
    """A French notebook's ``qN.solution()`` and the French answer key show the reference code
    with French comments: each comment of the code has its message, in English (the comment
    itself, word for word) and in French; the code around it is unchanged."""
    import ast
    import io
    import tokenize

    from raicourse.checks._questions import solution_comments

    keys = i18n.catalogue()
    stem = _stem(exercise)
    for number, (_, _, text) in enumerate(solution_comments(question.solution_code), start=1):
        key = f"checks.{stem}.{question.name}.comment{number}"
        assert key in keys, f"{stem}.{question.name}: comment {number} ({text!r}) has no message {key}"
        assert keys[key]["en"] == text, f"{key}: the English message is not the comment in the code"
        assert keys[key].get("fr"), f"{key}: no French"
    french = question.solution_text("fr")
    ast.parse(french)

    def code_tokens(code: str) -> list[str]:
        return [token.string for token in tokenize.generate_tokens(io.StringIO(code).readline)
                if token.type != tokenize.COMMENT]
    assert code_tokens(french) == code_tokens(question.solution_code)
    for _, _, text in solution_comments(question.solution_code):
        assert text not in french, f"{stem}.{question.name}: English comment left in French: {text!r}"


def test_solution_comments_are_found_by_the_tokenizer():
    from raicourse.checks._questions import solution_comments

    code = 'url = "https://x.org/#part"  # the page\n# a whole line\nx = 1'
    assert [text for _, _, text in solution_comments(code)] == ["the page", "a whole line"]
    assert solution_comments("x = (") == []  # unfinished code: no comment, no error
