"""The trainers' pages in French: what the build assembles from the lessons (run sheet, role
cards, handouts) comes from the lessons' own French, and never falls back to English."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from conftest import REPO
from raicourse.i18n import t
from raicourse.instructor import _translated_block, lesson_summary
from raicourse.runsheet import group_activity, run_sheet, translated_activity

NOTE = """**Group activity (15 min): is this AI?**
Groups of four.

- *The lawyer* reads Article 3(1).
- *The tester* proposes a baseline.

Steps: 2 min to read the roles; 8 min to fill the table.
"""

FRENCH = {
    "**Group activity (15 min): is this AI?** Groups of four.": "**Activité de groupe (15 min) : est-ce de l'IA ?** Groupes de quatre.",
    "*The lawyer* reads Article 3(1).": "*La juriste* lit l'article 3, paragraphe 1.",
    "*The tester* proposes a baseline.": "*Le testeur* propose une référence.",
    "Steps: 2 min to read the roles; 8 min to fill the table.": "Étapes : 2 min pour lire les rôles ; 8 min pour remplir le tableau.",
}


def _catalogue(root: Path, docname: str, strings: dict[str, str]) -> None:
    catalog = Catalog(locale="fr")
    for english, french in strings.items():
        catalog.add(english, french)
    path = root / "locales" / "fr" / "LC_MESSAGES" / f"{docname}.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)


def test_a_group_activity_is_read_from_its_french(tmp_path):
    activity = group_activity(NOTE)
    assert activity is not None and len(activity.roles) == 2
    _catalogue(tmp_path, "book/lesson", FRENCH)
    french = translated_activity(tmp_path, "book/lesson", activity)
    assert french is not None
    assert french.name == "est-ce de l'IA ?" and french.minutes == 15 and french.setup == "Groupes de quatre."
    assert [role.name for role in french.roles] == ["La juriste", "Le testeur"]
    assert french.roles[0].task == "lit l'article 3, paragraphe 1."
    assert french.steps == "2 min pour lire les rôles ; 8 min pour remplir le tableau."


def test_a_group_activity_without_all_its_french_is_not_translated(tmp_path):
    activity = group_activity(NOTE)
    _catalogue(tmp_path, "book/lesson", {k: v for k, v in FRENCH.items() if "tester" not in k})
    assert translated_activity(tmp_path, "book/lesson", activity) is None


def test_a_summary_block_is_given_in_french_item_by_item():
    body = "By the end you can:\n- say what a {term}`label` is;\n- compute an accuracy\n  by hand."
    french = {"By the end you can:": "À la fin, vous savez :", "say what a {term}`label` is;": "dire ce qu'est une {term}`étiquette <label>` ;",
              "compute an accuracy by hand.": "calculer une exactitude à la main."}
    assert _translated_block(body, french) == ("À la fin, vous savez :\n- dire ce qu'est une {term}`étiquette <label>` ;\n"
                                               "- calculer une exactitude à la main.")
    del french["compute an accuracy by hand."]
    assert _translated_block(body, french) is None


def test_a_published_lesson_has_a_french_handout():
    summary = lesson_summary(REPO / "book" / "innovation" / "what_is_ai.md", REPO,
                             __import__("raicourse.translations.book", fromlist=["x"]).page_translations(REPO, "book/innovation/what_is_ai"))
    assert summary is not None and set(summary) == {"Questions", "Objectives", "Key points"}
    assert "Qu'est-ce que l'IA" in summary["Questions"] or "IA" in summary["Questions"]
    assert "What is AI" not in summary["Questions"]


def test_the_french_run_sheet_has_the_same_times_and_no_english_label():
    english, french = run_sheet(REPO), run_sheet(REPO, "fr")
    def french_clock(clock: str) -> str:
        hours, minutes = clock.split(":")
        return f"{hours}\u00a0h\u00a0{minutes}"

    assert [(french_clock(s.start), french_clock(s.end), len(s.blocks)) for s in english] == \
        [(s.start, s.end, len(s.blocks)) for s in french]
    assert french[0].start == "9\u00a0h\u00a000"
    for sheet_en, sheet_fr in zip(english, french):
        for block_en, block_fr in zip(sheet_en.blocks, sheet_fr.blocks):
            assert (french_clock(block_en.start), block_en.minutes, block_en.kind) == (block_fr.start, block_fr.minutes, block_fr.kind)
            if block_en.kind in {"welcome", "break", "buffer", "wrap_up", "quiz", "notebook", "activity", "teach", "extra"}:
                assert block_fr.what != block_en.what, f"English row in the French run sheet: {block_fr.what}"
    assert french[0].blocks[0].what == t("instructor.runsheet.row.welcome", "fr")


def test_a_rubric_is_given_in_french_from_its_catalogue(tmp_path, monkeypatch):
    import pytest
    import yaml

    from raicourse.rubrics import RubricError, load_competencies, load_rubric, rubrics_folder
    from raicourse.translations import rubrics
    from raicourse.translations.gate import rubric_entries

    monkeypatch.setattr(rubrics, "catalogue_path", lambda stem: tmp_path / f"{stem}.po")
    entries = rubric_entries("what_is_ai")
    assert {entry.context for entry in entries} >= {"title", "accuracy|criterion", "accuracy|evidence", "accuracy|not_yet",
                                                     "accuracy|meets", "accuracy|exceeds"}
    # Strict (the French book): a rubric without its French stops the build, naming the file and the fields.
    monkeypatch.setenv("RAICOURSE_STRICT_TRANSLATIONS", "1")
    with pytest.raises(RubricError, match=r"what_is_ai.*accuracy\|criterion"):
        load_rubric("what_is_ai", "fr")
    catalog = Catalog(locale="fr")
    for entry in entries:
        catalog.add(entry.msgid, "FR " + entry.msgid, context=entry.context)
    with (tmp_path / "what_is_ai.po").open("wb") as handle:
        write_po(handle, catalog)
    rubric = load_rubric("what_is_ai", "fr")
    assert rubric.title.startswith("FR ") and all(c.criterion.startswith("FR ") and c.levels.meets.startswith("FR ")
                                                  for c in rubric.criteria)
    english = yaml.safe_load((rubrics_folder() / "what_is_ai.yaml").read_text(encoding="utf-8"))
    assert [c.id for c in rubric.criteria] == [c["id"] for c in english["criteria"]], "ids and competencies stay"
    # The French certification's wording is French already: never in the catalogue.
    from raicourse.translations.gate import competency_entries

    contexts = {entry.context for entry in competency_entries()}
    assert "rncp37827-c14|gloss" in contexts and "rncp37827-c14|label" not in contexts
    assert "esco-data-protection|label" in contexts
    monkeypatch.delenv("RAICOURSE_STRICT_TRANSLATIONS")
    assert load_competencies(language="fr").by_id()["rncp37827-c14"].label.startswith("Analyser le besoin")


def test_numbered_steps_of_an_activity_come_in_french_too():
    # data_platforms gives its steps as a numbered list under "Steps:": each item is its own string.
    from raicourse.runsheet import instructor_note

    docname = "book/innovation/data_platforms"
    activity = group_activity(instructor_note(REPO / f"{docname}.md"))
    french = translated_activity(REPO, docname, activity)
    assert french is not None and french.steps.startswith("1. ") and " 2. " in french.steps and " 3. " in french.steps
    assert "each person reads" not in french.steps
