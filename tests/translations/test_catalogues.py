"""The French edition's catalogues: the drift gate on the real course, and each of its rules on
small examples (markup kept, typography, a changed English sentence named by file and line)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po, write_po

from conftest import MYST_PAGE_HEADER, REPO
from raicourse.translations import book, gate, notebooks, package, published_pages, read_catalogue, translated
from raicourse.translations.gate import block_start_problems, code_cell_problems, fix_typography, markup_problems, typography_problems


@pytest.fixture(scope="module")
def extracted():
    """The English book's strings (one run of Sphinx's gettext builder, ~10 s)."""
    return book.extract(REPO)


def test_every_page_published_in_french_is_complete_and_in_sync(extracted):
    found = gate.problems(REPO, extracted)
    assert found == [], f"{len(found)} problems; the first ones:\n" + "\n".join(found[:30])


def test_the_frame_is_published():
    # The frame is the French site's skeleton (its root page, the glossary every lesson links to).
    published = set(published_pages(REPO))
    frame = {"book/intro", "book/learning_path", "book/progress", "book/run_exercises", "book/glossary",
             "book/references", "book/about/privacy_statement", "book/about/accessibility_statement"}
    assert frame <= published


def test_catalogues_match_the_english_sources(extracted):
    """`make translations` was run after the last English edit: every English string of every page
    is in its catalogue (translated or not), so translators see all of them."""
    for docname, entries in extracted.items():
        catalog = read_catalogue(book.book_catalogue_dir(REPO) / f"{docname}.po")
        missing = [e.msgid[:60] for e in entries if catalog.get(e.msgid, context=e.context) is None]
        assert missing == [], f"{docname}: run `make translations`; not in the catalogue: {missing[:3]}"


def test_package_messages_have_current_french():
    assert package.problems() == []


@pytest.mark.parametrize("docname", [d for d in published_pages(REPO) if (REPO / "exercises" / f"{d.rsplit('/', 1)[-1]}.ipynb").exists()])
def test_french_notebook_is_what_its_catalogue_generates(docname):
    stem = docname.rsplit("/", 1)[-1]
    committed = notebooks.french_path(REPO, stem)
    assert committed.exists(), f"{committed} missing: run `make translations`"
    assert committed.read_text(encoding="utf-8") == notebooks.french_notebook(REPO, REPO / "exercises" / f"{stem}.ipynb"), \
        f"{committed} is out of date: run `make translations`"
    english = json.loads((REPO / "exercises" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    french = json.loads(committed.read_text(encoding="utf-8"))
    assert len(english["cells"]) == len(french["cells"])
    assert 'set_language("fr")' in "".join("".join(c["source"]) for c in french["cells"] if c["cell_type"] == "code")
    for en_cell, fr_cell in zip(english["cells"], french["cells"]):
        assert en_cell["cell_type"] == fr_cell["cell_type"] and en_cell.get("metadata") == fr_cell.get("metadata")
        assert fr_cell.get("outputs", []) == [] and fr_cell.get("execution_count") is None
        if en_cell["cell_type"] == "code":
            # Code stays English: the same lines once comments are set aside.
            code = lambda cell: [line.split("#")[0].rstrip() for line in "".join(cell["source"]).splitlines()
                                 if line.split("#")[0].strip()]
            extra = {"from raicourse import set_language", 'set_language("fr")'}
            assert [line for line in code(fr_cell) if line not in extra] == code(en_cell)


# -- the rules, on small examples ----------------------------------------------------------

@pytest.mark.parametrize("english, french, problem", [
    ("The {term}`label` is `approved`.", "L'{term}`étiquette <label>` est `approved`.", None),
    ("The {term}`label` is `approved`.", "L'étiquette est `approved`.", "roles differ"),
    ("See {ref}`what_is_ai`.", "Voir {ref}`la leçon <fairness_metrics>`.", "cross-reference targets differ"),
    ("The column `approved`.", "La colonne `approuvé`.", "inline code differs"),
    ("Run `set_language(\"fr\")`. *En français :* `set_language(\"fr\")`.", "Exécutez `set_language(\"en\")`.", None),
    ("Run `q1.hint()`.", "Exécutez `q2.hint()`.", "inline code differs"),
    ("Read [the Act](https://eur-lex.europa.eu/x).", "Lisez [le règlement](https://example.org/).", "link addresses differ"),
    ("Accuracy is $150 / 200 = 0.75$.", "L'exactitude vaut $150 / 200 = 0{,}75$.", None),
    ("Accuracy is $150 / 200$.", "L'exactitude vaut $150 / 300$.", "math differs"),
    ("$262 / 0.22 \\approx 1{,}191$ million", "$262 / 0{,}22 \\approx 1\\,191$ millions", None),
    ("$262 / 0.22 \\approx 1{,}191$ million", "$262 / 0{,}22 \\approx 1{,}191$ millions", "math differs"),
    ("A **model**.", "Un **modèle.", "bold markers"),
])
def test_markup_must_survive_translation(english, french, problem):
    found = markup_problems(english, french)
    if problem is None:
        assert found == []
    else:
        assert any(problem in item for item in found), found


@pytest.mark.parametrize("french, bad", [
    ("1. idée et cadrage du problème", True),
    ("- une liste", True),
    ("## Un titre", True),
    ("1\\. idée et cadrage du problème", False),
    ("2026 : l'année des règles", False),
    ("L'étape 1. vient d'abord", False),
])
def test_a_page_string_must_not_turn_into_a_list(french, bad):
    """Sphinx parses each French page string again: a table cell "1. idée" would become a list and
    Sphinx would then keep the English without a warning."""
    assert bool(block_start_problems(french)) is bad


@pytest.mark.parametrize("code, problem", [
    ('loans["approved"].mean()', None),
    ('show_quiz("what_is_ai")', None),
    ('show_activity("fruit_robot_youth_band_one")', None),
    ('pd.Series({"always_approve": 0.695, "tree": 0.781})', None),
    ('x = 1  # what the model may look at', "the comment"),
    ('# 25% of the rows go to the test set.\nx = 1', "the comment"),
    ('print(correct, "correct out of", total, "so the accuracy is", accuracy)', "the text"),
    ('print("The accuracy of the tree is", accuracy)', "the text"),
    ('def f(raw):\n    """One spelling for every customer ID."""\n    return raw', "the text"),
    ('%matplotlib inline\nx = (', None),
])
def test_a_french_page_code_cell_carries_no_english_prose(tmp_path, code, problem):
    """Code cells of a page are not translated: a comment or a sentence in a string would stay English
    on the French page, so the gate asks for it in the prose."""
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "page.md").write_text(f"# Page\n\n```{{code-cell}} ipython3\n:tags: [read-only-code]\n{code}\n```\n",
                                               encoding="utf-8")
    found = code_cell_problems(tmp_path, "book/page")
    if problem is None:
        assert found == []
    else:
        assert found and all(problem in item and "book/page.md, line " in item for item in found), found


def test_pages_published_in_french_have_no_english_prose_in_their_code():
    assert [p for d in published_pages(REPO) for p in code_cell_problems(REPO, d)] == []


def test_typography_is_fixed_outside_code_and_links():
    text = 'Attention : voir « ceci » ! Le code `a:b` et https://x.org/?q=1 ; 14:30'
    fixed = fix_typography(text)
    assert fixed == ('Attention\u00a0: voir «\u202fceci\u202f»\u202f! Le code `a:b` et https://x.org/?q=1\u202f; 14:30')
    assert typography_problems(fixed) == []
    assert typography_problems(text) != []


def test_a_fenced_code_block_in_markdown_is_code_for_typography():
    text = 'Par exemple :\n\n```python\n{"who": "un atelier", "when": "mars 2017"}\n```'
    fixed = fix_typography(text)
    assert fixed == text.replace("exemple :", "exemple\u00a0:")
    assert typography_problems(fixed) == []


@pytest.mark.parametrize("french, fixed", [
    ("et l'{term}`étiquette <label>` d'un jeu", "et l\u2019{term}`étiquette <label>` d'un jeu"),
    ("c'est l'**autonomie**", "c'est l\u2019**autonomie**"),
    ("la colonne l'`approved`", "la colonne l\u2019`approved`"),
    ("le code `x = 'a'` reste", "le code `x = 'a'` reste"),
])
def test_an_apostrophe_before_markup_becomes_typographic(french, fixed):
    """Sphinx's smart quotes read l'**mot** as a closing quote and print l”mot on a French page."""
    assert fix_typography(french) == fixed
    assert typography_problems(fixed) == []
    assert (typography_problems(french) != []) is (french != fixed)


# -- the gate on a small book: a changed English sentence is named -------------------------

PAGE = MYST_PAGE_HEADER + "\n# A page\n\nThe first sentence.\n\nA second paragraph with a {term}`word`.\n"
GLOSSARY = "# Glossary\n\n:::{glossary}\nword\n  A word.\n:::\n"


def _fixture_book(root: Path) -> Path:
    shutil.copy(REPO / "_config.yml", root / "_config.yml")
    shutil.copytree(REPO / "book" / "static", root / "book" / "static")
    shutil.copy(REPO / "book" / "references.bib", root / "book" / "references.bib")
    (root / "book" / "page.md").write_text(PAGE, encoding="utf-8")
    (root / "book" / "glossary.md").write_text(GLOSSARY, encoding="utf-8")
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/page\nparts:\n  - caption: Part\n    chapters:\n"
                                   "      - file: book/glossary\n", encoding="utf-8")
    (root / "locales" / "fr").mkdir(parents=True)
    (root / "locales" / "fr" / "published.yaml").write_text("pages:\n  - book/page\n  - book/glossary\n")
    return root


def _translate_all(po: Path, keep_english: frozenset[str] = frozenset()) -> None:
    """Give every string of ``po`` (but ``keep_english``) a made-up current French."""
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    for message in catalog:
        if message.id and message.id not in keep_english:
            message.string = fix_typography(message.id.replace("sentence", "phrase").replace("{term}`word`", "{term}`mot <word>`"))
            message.flags.discard("fuzzy")
    with po.open("wb") as handle:
        write_po(handle, catalog, width=0)


def test_the_gate_names_a_changed_english_sentence(tmp_path):
    from raicourse.translations.__main__ import update

    root = _fixture_book(tmp_path)
    update(root)
    for po in (root / "locales" / "fr" / "LC_MESSAGES").rglob("*.po"):
        _translate_all(po)
    assert gate.problems(root) == []

    page = root / "book" / "page.md"
    page.write_text(PAGE.replace("The first sentence.", "The first sentence, changed."), encoding="utf-8")
    found = gate.problems(root)
    assert len(found) == 1 and "book/page.md:" in found[0] and "The first sentence, changed." in found[0], found
    # After `make translations` the old French is kept as fuzzy: still not current.
    update(root)
    catalog = read_catalogue(root / "locales" / "fr" / "LC_MESSAGES" / "book" / "page.po")
    message = catalog.get("The first sentence, changed.")
    assert message is not None and message.fuzzy and message.string == "The first phrase."
    assert not translated(message)
    found = gate.problems(root)
    assert len(found) == 1 and "fuzzy" in found[0] and "book/page.md:" in found[0]


#: Package messages whose colon belongs to code they quote (a slice, a format field), not to French prose.
_CODE_COLONS = {
    "checks.fairness_metrics.q6.hint2", "checks.privacy.q3.hint2", "checks.privacy.q3.hint3", "checks.privacy.q6.hint1",
    "checks.responsible_ai_audit.q11.figures_not_dict", "checks.transparency.q4.hint2",
    "checks.transparency.q6.figures_not_dict", "instructor.schedule.total_minutes",
}


def test_package_messages_follow_french_typography():
    """Quiz buttons, checker messages, activity cards: the same French typography as the pages
    (a no-break space before ; : ! ? and inside « »), which `fix_typography` writes."""
    from raicourse.i18n import catalogue

    found = {key: typography_problems(texts["fr"]) for key, texts in catalogue().items()
             if key not in _CODE_COLONS and typography_problems(texts.get("fr", ""))}
    assert found == {}


# -- trainers' material: extracted from the instructor edition, required only for trainers ----

TRAINER_NOTE = "\n:::{admonition} Instructor note\n:class: instructor\nAsk the group first.\n:::\n"
TRAINER_PAGE = "# Guide for trainers\n\nPlan the session.\n"


def _book_with_trainers(root: Path) -> Path:
    _fixture_book(root)
    (root / "book" / "page.md").write_text(PAGE + TRAINER_NOTE, encoding="utf-8")
    (root / "book" / "instructor").mkdir()
    (root / "book" / "instructor" / "guide.md").write_text(TRAINER_PAGE, encoding="utf-8")
    (root / "book" / "instructor" / "_toc_part.yml").write_text(
        "caption: For trainers\nchapters:\n  - file: book/instructor/guide\n", encoding="utf-8")
    return root


def test_trainers_strings_are_required_only_where_published_for_trainers(tmp_path):
    from raicourse.translations.__main__ import update

    root = _book_with_trainers(tmp_path)
    update(root)
    locale = root / "locales" / "fr" / "LC_MESSAGES"
    page = read_catalogue(locale / "book" / "page.po")
    assert page.get("Ask the group first.") is not None, "the trainers' block is extracted"
    assert page.get("The first sentence.") is not None
    assert read_catalogue(locale / "book" / "instructor" / "guide.po").get("Plan the session.") is not None
    assert read_catalogue(locale / "site.po").get("For trainers", context="toc caption") is not None
    # The learner edition is complete without the trainers' strings.
    trainer_strings = {"Ask the group first.", "Instructor note", "Plan the session.", "Guide for trainers"}
    for po in locale.rglob("*.po"):
        _translate_all(po, frozenset(trainer_strings))
    assert gate.problems(root) == []
    assert book.trainer_edition_pages(root) == ["book/glossary"], "a page with English trainers' text is not in the French instructor edition"
    # Published for trainers: the gate names the trainers' strings that have no French.
    (root / "locales" / "fr" / "published.yaml").write_text(
        "pages:\n  - book/page\n  - book/glossary\ntrainers:\n  - book/page\n  - book/instructor/guide\n")
    found = gate.problems(root)
    assert any("book/page.md:" in problem and "Ask the group first." in problem for problem in found), found
    assert any("book/instructor/guide.md:" in problem and "Plan the session." in problem for problem in found), found
    assert not any("The first sentence." in problem for problem in found)
    for po in locale.rglob("*.po"):
        _translate_all(po)
    assert gate.problems(root) == []
    assert book.trainer_edition_pages(root) == ["book/page", "book/glossary", "book/instructor/guide"]


def test_a_lesson_published_for_trainers_is_published_for_learners(tmp_path):
    from raicourse.translations.__main__ import update

    root = _book_with_trainers(tmp_path)
    (root / "locales" / "fr" / "published.yaml").write_text("pages:\n  - book/glossary\ntrainers:\n  - book/page\n")
    update(root)
    for po in (root / "locales" / "fr" / "LC_MESSAGES").rglob("*.po"):
        _translate_all(po)
    found = gate.problems(root)
    assert len(found) == 1 and "book/page is under trainers: but not under pages:" in found[0], found


def test_a_translation_may_mark_words_left_in_english():
    english = "A report for Dell: *The Next Era of Human|Machine Partnerships* {cite:p}`iftf`."
    french = "Un rapport pour Dell : *{en}`The Next Era of Human|Machine Partnerships`* {cite:p}`iftf`."
    assert markup_problems(english, french) == []
    assert markup_problems(english, french.replace("{cite:p}`iftf`", "")) != []


def test_a_table_in_a_collapsed_block_is_extracted(tmp_path):
    # MyST leaves such cells without a source, and Sphinx then skipped them: the French page showed
    # the table in English while the gate said "complete" (sphinx-design issue #234).
    root = _fixture_book(tmp_path)
    (root / "book" / "page.md").write_text(
        PAGE + "\n:::{going-further} More\n| dimension | question |\n|---|---|\n| uniqueness | Is each thing recorded once? |\n:::\n",
        encoding="utf-8")
    strings = {entry.msgid for entry in book.extract(root)["book/page"]}
    assert {"dimension", "uniqueness", "Is each thing recorded once?"} <= strings
