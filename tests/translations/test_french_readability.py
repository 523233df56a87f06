"""The plain-language gate for French, on every page published in French: no sentence over
35 words (the English gate's limit), in the page and in its quiz (like the English gate, not in
the trainers' notes). Sentences that quote a legal
text between « » are exempt, as quotes of legal texts are in English."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from raicourse.readability import GATE_WORDS, _segmenter
from raicourse.readability.prose import words
from raicourse.translations import book_catalogue_dir, published_pages, read_catalogue, translated
from raicourse.translations.quizzes import catalogue_path

_ROLE = re.compile(r"\{[\w:.-]+\}`([^`<]*)(?:<[^`]*>)?`")
_MARKS = re.compile(r"[*_`]|\$[^$]*\$|\]\([^)]*\)|\[")


def _plain(text: str) -> str:
    return _MARKS.sub("", _ROLE.sub(r"\1", text)).replace("\n", " ")


def long_sentences(path) -> list[str]:
    found = []
    for message in read_catalogue(path):
        if not message.id or not translated(message) or message.context == "code comment":
            continue
        if "for trainers (instructor edition)" in message.auto_comments:
            continue  # as in English: trainers' notes are not learner prose (raicourse.readability.prose)
        for sentence in _segmenter("fr").segment(_plain(message.string)):
            sentence = sentence.strip()
            if words(sentence) > GATE_WORDS and not (sentence.count("«") and sentence.count("»")
                                                     and words(re.sub(r"«[^»]*»", "", sentence)) <= GATE_WORDS):
                found.append(f"{words(sentence)} words: {sentence[:120]}")
    return found


@pytest.mark.parametrize("docname", published_pages(REPO))
def test_no_french_sentence_is_over_the_limit(docname):
    stem = docname.rsplit("/", 1)[-1]
    paths = [book_catalogue_dir(REPO) / f"{docname}.po", catalogue_path(stem),
             book_catalogue_dir(REPO) / "exercises" / f"{stem}.po"]
    found = [f"{path.name}: {item}" for path in paths if path.exists() for item in long_sentences(path)]
    assert found == [], f"{docname}: French sentences over {GATE_WORDS} words:\n" + "\n".join(found)


# -- words for children (the youth workshops): the children's limit in French too ------------------


def _children_msgids(docname: str) -> set[str]:
    """The page's English paragraphs that sit in a ``{say}`` block (what the volunteer says to children)."""
    from raicourse.readability.prose import passages

    source = (REPO / f"{docname}.md").read_text(encoding="utf-8")
    return {" ".join(p.text.split()) for p in passages(source) if p.children}


def _over_child_limit(text: str) -> list[str]:
    from raicourse.readability import CHILD_WORDS

    return [f"{words(s.strip())} words: {s.strip()[:100]}" for s in _segmenter("fr").segment(_plain(text))
            if words(s.strip()) > CHILD_WORDS]


@pytest.mark.parametrize("docname", [d for d in published_pages(REPO) if d.startswith("book/youth/")])
def test_french_words_said_to_children_are_short(docname):
    said = _children_msgids(docname)
    found = []
    for message in read_catalogue(book_catalogue_dir(REPO) / f"{docname}.po"):
        if message.id and translated(message) and " ".join(_plain(message.id).split()) in {" ".join(_plain(s).split()) for s in said}:
            found += _over_child_limit(message.string)
    quiz = catalogue_path(docname.rsplit("/", 1)[-1])  # a workshop's exit quiz (same stem)
    if quiz.exists():
        found += [item for message in read_catalogue(quiz) if message.id and translated(message)
                  for item in _over_child_limit(message.string)]
    assert found == [], f"{docname}: French sentences for children over the limit:\n" + "\n".join(found)


def test_some_french_words_for_children_are_checked():
    """The matching of the page's {say} paragraphs with the catalogue works (not vacuously empty)."""
    docname = "book/youth/teach_the_robot"
    said = {" ".join(_plain(s).split()) for s in _children_msgids(docname)}
    matched = [m for m in read_catalogue(book_catalogue_dir(REPO) / f"{docname}.po")
               if m.id and " ".join(_plain(m.id).split()) in said]
    assert len(matched) >= 5
