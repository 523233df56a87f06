"""The plain-language gate for French, on every page published in French: no sentence over
35 words (the English gate's limit), in the page and in its quiz. Sentences that quote a legal
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
