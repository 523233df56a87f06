"""The youth workshops' card activities: files that explain their own mistakes, the sorter's rule,
children's words (short sentences, both languages), the state a page embeds and the card sheet."""

from __future__ import annotations

import re

import pytest
import yaml

from raicourse import activities
from raicourse.activities import Activity, ActivityFileError, activity_ids, activity_state, card_sheet_html, guess, load_activity
from raicourse.i18n import LANGUAGES, catalogue

#: Children read these words: no sentence longer than this (issue #19).
CHILD_SENTENCE_WORDS = 15


def test_the_course_ships_sort_and_teach_activities():
    kinds = {load_activity(name).kind for name in activity_ids()}
    assert {"sort", "teach"} <= kinds


@pytest.mark.parametrize("name", activity_ids())
def test_every_activity_loads_with_words_in_both_languages(name):
    state = activity_state(name)
    assert set(state["strings"]) == set(LANGUAGES)
    for language in LANGUAGES:
        words = state["strings"][language]
        assert words["title"] and words["intro"]
        for card in state["cards"] + state["new_cards"]:
            assert words[f"card.{card['id']}"]


def _sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?…])\s+", text) if part.strip()]


@pytest.mark.parametrize("key", sorted(k for k in catalogue() if k.startswith(("activities.", "activity."))))
def test_childrens_words_use_short_sentences(key):
    for language in LANGUAGES:
        for sentence in _sentences(catalogue()[key][language]):
            count = len(re.findall(r"[\w’'-]+", sentence))
            assert count <= CHILD_SENTENCE_WORDS, f"{key} ({language}): {count} words: {sentence}"


def _activity(**changes) -> dict:
    data = {
        "kind": "teach", "boxes": ["yes", "no"], "features": ["colour", "size"],
        "cards": [
            {"id": "a", "picture": "🍎", "features": {"colour": "red", "size": "big"}},
            {"id": "b", "picture": "🍏", "features": {"colour": "green", "size": "small"}},
            {"id": "c", "picture": "🍏", "features": {"colour": "green", "size": "big"}},
        ],
        "new_cards": [{"id": "n", "picture": "🍏", "features": {"colour": "green", "size": "big"}}],
    }
    data.update(changes)
    return data


def test_the_sorter_copies_the_example_sharing_the_most_features():
    activity = Activity.model_validate(_activity())
    assert guess(activity, {"a": "yes", "b": "no", "c": "yes"}, "n") == ("yes", "c", ["colour", "size"])
    # Without the exact match, b (green) and a (big) share one feature each: the first one wins.
    assert guess(activity, {"a": "yes", "b": "no"}, "n") == ("yes", "a", ["size"])


def test_the_fruit_robot_never_saw_a_ripe_green_apple():
    """The workshop's point: sorted by what the cards say, the robot calls the ripe green apple unripe."""
    activity = load_activity("fruit_robot")
    by_text = {card.id: ("ripe" if card.features["colour"] == "red" else "not_ripe") for card in activity.cards}
    assert guess(activity, by_text, "granny")[0] == "not_ripe"
    assert guess(activity, by_text, "new_red")[0] == "ripe"


@pytest.mark.parametrize("changes, card, field, words", [
    ({"kind": "guess"}, None, "kind", "Input should be"),
    ({"boxes": ["yes"]}, None, "boxes", "at least 2"),
    ({"cards": [{"id": "a", "picture": "🍎", "features": {"colour": "red", "size": "big"}},
                {"id": "b", "pictur": "🍏", "features": {"colour": "green", "size": "small"}}]}, "b", "picture", "Field required"),
    ({"cards": [{"id": "a", "picture": "🍎", "features": {"colour": "red"}},
                {"id": "b", "picture": "🍏", "features": {"colour": "green", "size": "small"}}]}, None, None, "card 'a': its features"),
])
def test_a_faulty_activity_file_names_the_file_the_card_and_the_field(tmp_path, monkeypatch, changes, card, field, words):
    (tmp_path / "broken.yaml").write_text(yaml.safe_dump(_activity(**changes)), encoding="utf-8")
    monkeypatch.setattr(activities, "_structure_dir", lambda: tmp_path)
    load_activity.cache_clear()
    try:
        with pytest.raises(ActivityFileError) as caught:
            load_activity("broken")
    finally:
        load_activity.cache_clear()
    error = caught.value
    assert "raicourse/activities/broken.yaml" in str(error) and words in str(error)
    assert error.item_id == card and (field is None or error.field == field)


def test_an_activity_without_its_words_says_which_text_is_missing(tmp_path, monkeypatch):
    (tmp_path / "wordless.yaml").write_text(yaml.safe_dump(_activity()), encoding="utf-8")
    monkeypatch.setattr(activities, "_structure_dir", lambda: tmp_path)
    load_activity.cache_clear()
    try:
        with pytest.raises(ActivityFileError, match=r"locales/activities/wordless.yaml, field 'title.en': this text is missing"):
            load_activity("wordless")
    finally:
        load_activity.cache_clear()


def test_an_unknown_activity_lists_the_known_ones():
    with pytest.raises(ActivityFileError, match="there is no such activity.*fruit_robot"):
        load_activity("no_such_activity")


def test_a_static_page_holds_one_language_and_no_answer_store(monkeypatch):
    from raicourse import i18n
    from raicourse._widget import static_html

    monkeypatch.setattr(i18n, "_chosen", "fr")  # restored after the test, whatever it was
    markup = static_html(activities.ACTIVITY_MODULE, activity_state("my_data"), "", activities.ACTIVITY_CSS)
    assert "Mon mot de passe" in markup and "My password" not in markup
    source = activities.static_file(activities.ACTIVITY_MODULE).read_text(encoding="utf-8")
    assert "localStorage" not in source and "storage(" not in source and "fetch(" not in source


def test_the_card_sheet_holds_every_card_and_box_and_no_script():
    sheet = card_sheet_html("fruit_robot", "en")
    activity = load_activity("fruit_robot")
    assert sheet.count('class="ra-sheet-card"') == len(activity.cards) + len(activity.new_cards)
    assert sheet.count("ra-sheet-box") == len(activity.boxes)
    assert "<script" not in sheet and 'data-raicourse-css="raicourse-activity.css"' in sheet
    assert "Cut along the dashed lines" in sheet


def test_the_team_picker_copies_an_unfair_past_until_the_examples_are_fixed():
    """The 12-16 workshop's point: sorted by last year's captain (red team only), the robot leaves out
    Nour, who runs fast and passes well; once the teenagers re-sort the examples by skill, it picks her."""
    activity = load_activity("team_picker")
    past = {card.id: card.box for card in activity.cards}
    assert all((past[c.id] == "picked") == (c.features["shirt"] == "red") for c in activity.cards)
    assert guess(activity, past, "nour")[0] == "not_picked"
    by_skill = {c.id: "picked" if c.features["passing"] == "good" else "not_picked" for c in activity.cards}
    assert guess(activity, by_skill, "nour")[0] == "picked"
    assert guess(activity, by_skill, "jules")[0] == "not_picked"
