"""The plain-language gate (issue #14): no sentence over 35 words, no glossary term unlinked at its
first use, in the learner-visible prose of every page of the book.

Today's offences are listed in ``tests/readability_baseline.yaml``, which may only shrink: a new
offence fails, and so does a listed offence that no longer exists (remove it from the file).
The frame pages (intro, learning path, run the exercises, progress, about) are never in it.
``make readability`` prints the whole report (mean sentence length, sentences over 30 words,
unlinked terms, jargon).
"""

from __future__ import annotations

import textwrap
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from raicourse.readability import (
    GATE_WORDS,
    toc_pages,
    glossary_terms,
    jargon,
    page_report,
    report_pages,
    sentence_key,
    sentences,
)
from raicourse.readability.__main__ import main
from raicourse.readability.prose import passages, words

REPO = Path(__file__).resolve().parents[1]
BASELINE_FILE = REPO / "tests" / "readability_baseline.yaml"
FRAME_PAGES = [
    "book/intro.md", "book/learning_path.md", "book/run_exercises.md", "book/progress.md",
    *sorted(p.relative_to(REPO).as_posix() for p in (REPO / "book" / "about").glob("*.md")),
]
PAGES = [path.relative_to(REPO).as_posix() for path in toc_pages(REPO)]


@lru_cache(maxsize=1)
def reports() -> dict:
    """The report of every page, computed once per session (on first use, not at collection)."""
    return {report.page: report for report in report_pages(REPO)}


def baseline() -> dict:
    return yaml.safe_load(BASELINE_FILE.read_text(encoding="utf-8")) or {}


# -- the gate on the book -----------------------------------------------------------------------


@pytest.mark.parametrize("page", sorted(PAGES))
def test_no_offence_beyond_the_baseline(page):
    allowed = baseline().get("pages", {}).get(page, {})
    for kind, found in reports()[page].offences().items():
        new = [item for item in found if item not in allowed.get(kind, [])]
        assert new == [], (
            f"{page}: {kind.replace('_', ' ')} not allowed (sentences over {GATE_WORDS} words: split them; "
            f"glossary terms: link the first use with {{term}}): {new}. `make readability` shows the lines."
        )


@pytest.mark.parametrize("page", sorted(baseline().get("pages", {})))
def test_the_baseline_only_shrinks(page):
    assert page in reports(), f"{page} is in tests/readability_baseline.yaml but not in the book: remove it"
    found = reports()[page].offences()
    for kind, listed in baseline()["pages"][page].items():
        fixed = [item for item in listed if item not in found.get(kind, [])]
        assert fixed == [], f"{page}: fixed, so remove from tests/readability_baseline.yaml ({kind}): {fixed}"


@pytest.mark.parametrize("page", FRAME_PAGES)
def test_frame_pages_pass_the_gate_with_no_baseline(page):
    assert page in reports()
    assert page not in baseline().get("pages", {})
    assert reports()[page].offences() == {}


def test_the_report_covers_every_page_of_the_toc():
    assert "book/intro.md" in reports() and "book/ethics/fairness_metrics.md" in reports()
    assert sorted(reports()) == sorted(PAGES)
    assert all(report.sentences for page, report in reports().items() if page != "book/references.md")


def test_make_readability_prints_the_report(capsys):
    assert main([str(REPO)]) == 0
    out = capsys.readouterr().out
    assert "book/intro.md:" in out and "mean" in out and "sentences" in out
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "\nreadability:" in makefile and "-m raicourse.readability" in makefile


# -- what counts as learner-visible prose -------------------------------------------------------

PAGE = textwrap.dedent('''\
    ---
    exercises: 10
    ---
    (demo)=
    # A demo lesson

    :::{admonition} Questions
    - Why do we count words?
    :::

    A {term}`model <machine learning model>` learns from data {cite:p}`someone2020`.
    The model has one {term}`label`.

    ```{code-cell} ipython3
    print("code is not prose")
    ```

    > "Article 1 of a law, quoted word for word, can be a very long sentence that the course must not rewrite, because it is the law's own text."

    :::{admonition} Instructor note
    :class: instructor
    Trainers only: not on the learner's page.
    :::

    :::{going-further} Another view
    Optional depth in a collapsed block.
    :::

    :::{about-the-sources}
    We could not open the record.
    :::

    | a | b |
    |---|---|
    | cell text | more |
    ''')


def test_passages_skip_code_trainers_blocks_and_citations():
    found = passages(PAGE)
    texts = [p.text for p in found]
    # The citation is gone, the role shows its text; the two lines make one paragraph.
    assert "A model learns from data. The model has one label." in texts
    assert not any("code is not prose" in t or "Trainers only" in t for t in texts)
    title = next(p for p in found if p.text == "A demo lesson")
    assert title.kind == "heading" and title.line == 5 and not title.checked
    assert next(p for p in found if p.text.startswith("A model")).line == 11


def test_collapsed_blocks_are_not_core_and_quotes_are_not_checked():
    found = {p.text: p for p in passages(PAGE)}
    assert not found["Optional depth in a collapsed block."].core
    assert not found["Another view"].core
    assert not found["We could not open the record."].core
    assert found["Optional depth in a collapsed block."].checked  # still learner-visible prose
    quote = next(p for p in found.values() if p.text.startswith('"Article 1'))
    assert quote.kind == "quote" and quote.core and not quote.checked
    assert found["cell text"].kind == "table" and not found["cell text"].checked


def test_definition_terms_are_titles_and_instructor_only_passages_are_skipped():
    found = passages("Reading\n: Time to read.\n\n```{only} edition_instructor\nFor trainers.\n```\n")
    assert [(p.text, p.kind) for p in found] == [("Reading", "heading"), ("Time to read.", "text")]


def test_glossary_links_are_located_in_the_passage():
    passage = next(p for p in passages(PAGE) if p.text.startswith("A model"))
    assert [(passage.text[start:end], target) for start, end, target in passage.terms] == [
        ("model", "machine learning model"), ("label", "label")]


def test_words_and_sentences():
    assert words("In 2024, 4,000 people didn't say e.g. this.") == 8
    passage = passages("First one, e.g. with an abbreviation. Second one? Third.\n")[0]
    assert [s.text for s in sentences(passage)] == ["First one, e.g. with an abbreviation.", "Second one?", "Third."]
    french = passages("M. Dupont lit la leçon. Elle est courte.\n")[0]
    assert [s.words for s in sentences(french, "fr")] == [5, 3]


def test_a_sentence_over_the_gate_is_an_offence():
    long = " ".join(["word"] * (GATE_WORDS + 1)) + "."
    report = page_report(f"# Title\n\n{long}\nShort one.\n", "p.md", terms=[])
    assert report.offences() == {"long_sentences": [sentence_key(long)]}
    assert [s.words for s in report.long_sentences()] == [GATE_WORDS + 1]
    assert report.mean_sentence_words == (GATE_WORDS + 1 + 2) / 2
    quoted = page_report(f"# Title\n\n> {long}\n", "p.md", terms=[])
    assert quoted.offences() == {}


def test_a_term_must_be_linked_at_its_first_use():
    terms = ["label", "key", "machine learning model"]
    unlinked = page_report("The label is the answer.\nThe {term}`label` again.\n", "p.md", terms)
    assert unlinked.unlinked_terms == [("label", 1)]
    linked = page_report("The {term}`labels <label>` are answers.\nThe label again.\n", "p.md", terms)
    assert linked.unlinked_terms == []
    # "key points" is an everyday phrase, not the data term "key".
    everyday = page_report("Read the key points again.\n", "p.md", terms)
    assert everyday.unlinked_terms == []
    assert page_report("Each row has a key.\n", "p.md", terms).unlinked_terms == [("key", 1)]
    # The glossary defines terms instead of linking them.
    assert page_report("The label is the answer.\n", "glossary.md", terms, check_terms=False).unlinked_terms == []


def test_jargon_is_reported_with_what_to_say_instead():
    report = page_report("We leverage data, e.g. tables.\n", "p.md", terms=[])
    assert [(phrase, instead) for phrase, instead, _ in report.jargon] == [("e.g.", "for example"), ("leverage", "use")]
    assert jargon("fr") and all(phrase and instead for phrase, instead in jargon("fr"))


def test_glossary_terms_come_from_the_glossary_page():
    terms = glossary_terms(REPO / "book" / "glossary.md")
    assert "demographic parity" in terms and "GDPR" in terms and len(terms) > 100


# -- words for children (the youth workshops, issue #19) ---------------------------------------


def test_words_said_to_children_are_held_to_the_childrens_limit():
    from raicourse.readability import CHILD_WORDS

    sixteen = " ".join(["word"] * 15) + " end."
    page = f"# Workshop\n\nThe volunteer reads this long adult sentence of sixteen words: {sixteen}\n\n:::{{say}}\n{sixteen}\n\nShort one.\n:::\n"
    report = page_report(page, "book/youth/demo.md", [])
    flagged = report.offences()["long_sentences"]
    assert len(flagged) == 1 and [s.children for s in report.sentences if s.words > CHILD_WORDS] == [False, True]
    assert all(s.children for s in report.sentences[-2:])
