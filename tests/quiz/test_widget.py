"""The quiz's two renderings: the live widget and the static text/html form."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from raicourse import _widget
from raicourse.quiz import Quiz, load_bank, show_quiz
from raicourse.quiz.widget import fallback_html, inline_html
from raicourse.quiz.progress import progress_state, show_progress

FIXTURES = Path(__file__).parent / "fixtures"


def state_from_html(markup: str) -> dict:
    match = re.search(r'<script type="application/json" class="raicourse-state">(.*?)</script>', markup, re.S)
    assert match, "the container holds its JSON state"
    return json.loads(match.group(1))


@pytest.fixture
def displayed(monkeypatch):
    """Capture what IPython.display.display is given."""
    shown = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda obj, **kwargs: shown.append(obj))
    return shown


def test_static_build_shows_html_and_creates_no_widget(monkeypatch, displayed):
    monkeypatch.setenv("RAICOURSE_STATIC", "1")
    created = []
    monkeypatch.setattr(Quiz, "__init__", lambda *a, **k: created.append(a))
    show_quiz("intro")
    assert created == [], "no widget (no comm, no widget state) in the static build"
    [shown] = displayed
    assert isinstance(shown, _widget.StaticHTML)
    markup = shown._repr_html_()
    assert markup.startswith('<div class="raicourse-widget" data-raicourse-module="raicourse-quiz.js"')
    state = state_from_html(markup)
    # A static page is in one language, the build's: its state holds that language's strings only.
    assert state["language"] == "en" and state["stem"] == "intro"
    assert list(state["strings"]) == ["en"]
    assert 'class="raicourse-fallback"' in markup


def test_static_french_page_holds_french_strings_only(monkeypatch, displayed):
    monkeypatch.setenv("RAICOURSE_STATIC", "1")
    monkeypatch.setenv("RAICOURSE_LANG", "fr")
    show_quiz("intro")
    state = state_from_html(displayed[0]._repr_html_())
    assert state["language"] == "fr" and list(state["strings"]) == ["fr"]
    assert state["strings"]["fr"]["check"] != "Check"


def test_live_shows_the_widget(monkeypatch, displayed):
    monkeypatch.delenv("RAICOURSE_STATIC", raising=False)
    show_quiz("intro", language="fr")
    [shown] = displayed
    assert isinstance(shown, Quiz) and shown.language == "fr"
    shown.close()


def test_hostile_bank_text_cannot_close_the_script_or_add_markup():
    quiz = Quiz(FIXTURES / "valid" / "xss.yaml")
    try:
        markup = quiz.to_static_html()
    finally:
        quiz.close()
    # Exactly one <script> element: the JSON state; bank text could not end it or add another.
    assert markup.count("<script") == 1 and markup.count("</script>") == 1
    assert "<img" not in markup and "<svg" not in markup and "<iframe" not in markup
    state = state_from_html(markup)
    assert state["bank"]["questions"][0]["prompt"].startswith("<img src=x onerror=")


def test_widget_bundle_has_the_widget_view_and_the_html_fallback():
    quiz = Quiz("intro")
    try:
        data, _ = quiz._repr_mimebundle_()
    finally:
        quiz.close()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert "raicourse-widget" in data["text/html"]


def test_results_and_score_come_from_the_front_end():
    quiz = Quiz("intro")
    try:
        assert quiz.score == (0, 5)
        quiz.results = {
            "what-is-bias": {"attempts": 2, "correct": True, "answered": True, "revealed": False},
            "selection-rate": {"attempts": 1, "correct": False, "answered": True, "revealed": False},
            "your-expectations": {"attempts": 0, "correct": False, "answered": True, "revealed": False},
        }
        assert quiz.score.correct == 1 and quiz.score.total == 5
    finally:
        quiz.close()


def test_progress_lists_every_bank():
    state = progress_state("en")
    stems = [quiz["stem"] for quiz in state["quizzes"]]
    assert "intro" in stems
    intro = state["quizzes"][stems.index("intro")]
    assert intro["title"] == "What do you already know?" and len(intro["questions"]) == 6


def test_show_progress_displays_static_html(displayed):
    show_progress()
    [shown] = displayed
    assert 'data-raicourse-module="raicourse-progress.js"' in shown._repr_html_()


def test_static_files_are_shipped():
    for name in ("raicourse-loader.js", "raicourse-quiz.js", "raicourse-quiz.css", "raicourse-progress.js"):
        assert _widget.static_file(name).is_file()
    quiz_module = _widget.static_file("raicourse-quiz.js").read_text(encoding="utf-8")
    # Bank text must never meet innerHTML in the front-end.
    assert ".innerHTML" not in quiz_module and "insertAdjacentHTML" not in quiz_module
    assert "http" not in _widget.static_file("raicourse-loader.js").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("which **personal data**?", "which <strong>personal data</strong>?"),
        ("an *overfitted* model", "an <em>overfitted</em> model"),
        ("call `check(q1)` <now>", "call <code>check(q1)</code> &lt;now&gt;"),
        ("a share $\\frac{30}{120}$", "a share $\\frac{30}{120}$"),
        ("\\*not emphasis\\*", "*not emphasis*"),
        ("[the Act](https://eur-lex.europa.eu/a?b=1&c=2)",
         '<a href="https://eur-lex.europa.eu/a?b=1&amp;c=2" rel="noopener noreferrer">the Act</a>'),
        ("[glossary](../glossary.html)", '<a href="../glossary.html">glossary</a>'),
        ("[click](javascript:alert(1))", "[click](javascript:alert(1))"),
        ('<img src=x onerror="alert(1)">', "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"),
    ],
)
def test_fallback_renders_the_same_inline_markdown_as_the_quiz(text, expected):
    assert inline_html(text) == expected


def test_fallback_shows_markdown_as_formatting_not_as_marks():
    _, bank = load_bank("intro")
    markup = fallback_html(bank, "en", "intro")
    assert "<strong>personal data</strong>" in markup
    assert "**" not in markup


def test_self_check_and_record_mode_show_shuffled_choices_in_one_order():
    from raicourse.quiz.schema import parse_bank
    from raicourse.quiz.widget import _question_data, displayed_choices

    choices = [{"text": f"choice {n}", "correct": n == 0, "feedback": f"about {n}"} for n in range(6)]
    bank = parse_bank({"version": 1, "shuffle": True, "questions": [{"id": "q", "type": "single", "prompt": "p",
                                                                      "choices": choices}]}, "test")
    question = bank.questions[0]
    page = [(choice["key"], choice["text"]) for choice in _question_data("stem", bank, question)["choices"]]
    recorded = [choice.text for _, choice in displayed_choices("stem", bank, question)]
    assert [text for _, text in page] == recorded != [c["text"] for c in choices], "shuffled, in one order"
    # Self-check keys name the bank position, whatever the order shown.
    assert all(key == f"c{text.split()[-1]}" for key, text in page)
