"""Card activities for the youth workshops: sort picture cards into boxes, by touch, mouse or keys.

Two kinds, one front-end module (``raicourse/static/raicourse-activity.js``):

* ``sort``: every card has a right box; the child places them all, then "Check" says which
  are right, with a short reason per card ("Who can see my data?").
* ``teach``: the child sorts example cards (some may come already sorted, as "decisions from the
  past"); then a small sorter guesses the box of new cards. It copies the box of the example
  card that shares the most features with the new card (the first one on a tie) and shows that
  card as its reason: learning from examples, and its limits, at a child's level.

An activity is a structure file ``raicourse/activities/<id>.yaml`` (cards, boxes, features;
no words) and its words, in English and French, in ``raicourse/locales/activities/<id>.yaml``
(so the French edition's drift gate covers them with the package's other messages).
Nothing is stored: the activity keeps no answer and no name beyond the page being open.

Lessons need one line: ``show_activity("team_picker")``. ``show_card_sheet("team_picker")``
shows the same cards as a sheet to print and cut out (black and white, A4).
"""

from __future__ import annotations

import html
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import traitlets
import yaml
from pydantic import Field, ValidationError, model_validator

from raicourse._schema import AuthorFileError, StrictModel
from raicourse._widget import CourseWidget, display_static, in_static_build, static_file, static_html, widget_module_source
from raicourse.i18n import LANGUAGES, catalogue, get_language
from raicourse.quiz.widget import ui_strings

__all__ = [
    "ACTIVITY_CSS",
    "ACTIVITY_MODULE",
    "Activity",
    "ActivityFileError",
    "CardActivity",
    "activity_ids",
    "activity_state",
    "card_sheet_html",
    "guess",
    "load_activity",
    "show_activity",
    "show_card_sheet",
]

ACTIVITY_MODULE = "raicourse-activity.js"
ACTIVITY_CSS = "raicourse-activity.css"
#: The words of an activity: ``locales/activities/<id>.yaml``, keys ``activities.<id>.<key>``.
WORDS_DOMAIN = "activities"
_ID = r"^[a-z][a-z0-9_]*$"


class ActivityFileError(AuthorFileError):
    """An activity file does not follow its schema, or lacks words for one of its cards."""

    def __init__(self, path: str, item_id: str | None, field: str | None, problem: str) -> None:
        super().__init__("activity", path, "card", item_id, field, problem)


class Card(StrictModel):
    id: str = Field(pattern=_ID)
    #: A picture that needs no file: one emoji (the words under it carry the meaning).
    picture: str = Field(min_length=1, max_length=16)
    #: ``teach``: the card's features (``{feature: value}``).
    features: dict[str, str] = Field(default_factory=dict)
    #: ``sort``: the right box. ``teach``: a box given in advance (an example already sorted).
    box: str | None = None


class Activity(StrictModel):
    kind: Literal["sort", "teach"]
    boxes: list[str] = Field(min_length=2, max_length=4)
    #: ``teach``: the features the sorter compares, in the order it explains them.
    features: list[str] = Field(default_factory=list)
    cards: list[Card] = Field(min_length=2)
    #: ``teach``: the new cards the sorter guesses once every example is sorted.
    new_cards: list[Card] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Activity:
        ids = [card.id for card in self.cards + self.new_cards]
        if len(ids) != len(set(ids)):
            raise ValueError(f"two cards share an id: {sorted({i for i in ids if ids.count(i) > 1})}")
        for card in self.cards + self.new_cards:
            if card.box is not None and card.box not in self.boxes:
                raise ValueError(f"card {card.id!r}: box {card.box!r} is not one of {self.boxes}")
        if self.kind == "sort":
            missing = [card.id for card in self.cards if card.box is None]
            if missing:
                raise ValueError(f"a sort activity gives every card its right box; missing for {missing}")
            if self.new_cards or self.features:
                raise ValueError("a sort activity has no features and no new_cards")
        else:
            if not self.features or not self.new_cards:
                raise ValueError("a teach activity lists its features and its new_cards")
            for card in self.cards + self.new_cards:
                if sorted(card.features) != sorted(self.features):
                    raise ValueError(f"card {card.id!r}: its features must be exactly {self.features}")
        return self


def _structure_dir():
    return resources.files("raicourse") / "activities"


def activity_ids() -> list[str]:
    """Every activity shipped with the course (``raicourse/activities/<id>.yaml``)."""
    return sorted(entry.name[: -len(".yaml")] for entry in _structure_dir().iterdir() if entry.name.endswith(".yaml"))


def _words_needed(activity: Activity) -> list[str]:
    keys = ["title", "intro"] + [f"box.{box}" for box in activity.boxes]
    keys += [f"card.{card.id}" for card in activity.cards + activity.new_cards]
    if activity.kind == "sort":
        keys += [f"why.{card.id}" for card in activity.cards]
    else:
        keys += ["teach_done"]
        keys += sorted({f"value.{feature}.{card.features[feature]}" for card in activity.cards + activity.new_cards
                        for feature in activity.features})
    return keys


@lru_cache(maxsize=None)
def load_activity(activity_id: str) -> Activity:
    """Read and check an activity; a faulty file names the file, the card and the field."""
    path = f"raicourse/activities/{activity_id}.yaml"
    entry = _structure_dir() / f"{activity_id}.yaml"
    if not entry.is_file():
        raise ActivityFileError(path, None, None, f"there is no such activity; the course has {activity_ids()}")
    try:
        data = yaml.safe_load(entry.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ActivityFileError(path, None, None, f"not valid YAML ({error})") from None
    try:
        activity = Activity.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        location = [str(part) for part in first["loc"]]
        card = None
        if len(location) >= 2 and location[0] in ("cards", "new_cards") and location[1].isdigit():
            cards = (data or {}).get(location[0]) or []
            index = int(location[1])
            card = str(cards[index].get("id", f"#{index + 1}")) if index < len(cards) and isinstance(cards[index], dict) else f"#{index + 1}"
            location = location[2:]
        raise ActivityFileError(path, card, ".".join(location) or None, first["msg"]) from None
    words = catalogue()
    for key in _words_needed(activity):
        texts = words.get(f"{WORDS_DOMAIN}.{activity_id}.{key}", {})
        for language in LANGUAGES:
            if not str(texts.get(language, "")).strip():
                raise ActivityFileError(f"raicourse/locales/activities/{activity_id}.yaml", None, f"{key}.{language}",
                                        "this text is missing")
    return activity


def _words(activity_id: str, language: str) -> dict[str, str]:
    prefix = f"{WORDS_DOMAIN}.{activity_id}."
    return {key[len(prefix):]: texts[language] for key, texts in catalogue().items() if key.startswith(prefix)}


def guess(activity: Activity, sorted_boxes: dict[str, str], card_id: str) -> tuple[str, str, list[str]]:
    """The sorter's guess for a new card: ``(box, example card id, shared features)``.

    It copies the box of the example that shares the most feature values with the new card;
    on a tie, the example that comes first in the activity. ``sorted_boxes`` maps each example
    card to the box it was put in (given in advance, or by the child).
    """
    card = next(c for c in activity.new_cards if c.id == card_id)
    best, best_shared = None, []
    for example in activity.cards:
        if example.id not in sorted_boxes:
            continue
        shared = [f for f in activity.features if example.features[f] == card.features[f]]
        if best is None or len(shared) > len(best_shared):
            best, best_shared = example, shared
    if best is None:
        raise ValueError("no example card is sorted yet")
    return sorted_boxes[best.id], best.id, best_shared


def activity_state(activity_id: str, language: str | None = None) -> dict[str, Any]:
    """The state the front-end module reads: the activity's structure and its words."""
    activity = load_activity(activity_id)
    languages = [language] if language in LANGUAGES else list(LANGUAGES)
    strings = {lang: {**ui_strings("activity")[lang], **_words(activity_id, lang)} for lang in languages}
    return {
        "activity": activity_id,
        "kind": activity.kind,
        "boxes": activity.boxes,
        "features": activity.features,
        "cards": [card.model_dump() for card in activity.cards],
        "new_cards": [card.model_dump() for card in activity.new_cards],
        "strings": strings,
        "language": language or "auto",
    }


def _escaped(text: str) -> str:
    return html.escape(str(text), quote=True)


def fallback_html(state: dict[str, Any]) -> str:
    """Readable, non-interactive form: the task, the boxes and the cards as lists."""
    language = state["language"] if state["language"] in LANGUAGES else get_language()
    words = state["strings"].get(language) or next(iter(state["strings"].values()))
    boxes = "".join(f"<li>{_escaped(words[f'box.{box}'])}</li>" for box in state["boxes"])
    cards = "".join("<li>" + _escaped(card["picture"]) + " " + _escaped(words["card." + card["id"]]) + "</li>"
                    for card in state["cards"])
    return (f"<p><strong>{_escaped(words['title'])}</strong></p><p>{_escaped(words['intro'])}</p>"
            f"<p>{_escaped(words['boxes_label'])}</p><ul>{boxes}</ul>"
            f"<p>{_escaped(words['cards_label'])}</p><ul>{cards}</ul>")


def card_sheet_html(activity_id: str, language: str | None = None) -> str:
    """The cards of an activity as a sheet to print and cut out (no script: it prints anywhere)."""
    activity = load_activity(activity_id)
    language = language if language in LANGUAGES else get_language()
    words = {**ui_strings("activity")[language], **_words(activity_id, language)}

    def card(item: Card) -> str:
        return ('<div class="ra-sheet-card"><span class="ra-picture" aria-hidden="true">' + _escaped(item.picture)
                + "</span><span>" + _escaped(words["card." + item.id]) + "</span></div>")

    boxes = "".join('<div class="ra-sheet-card ra-sheet-box"><span>' + _escaped(words["box." + box]) + "</span></div>"
                    for box in activity.boxes)
    label = _escaped(words["sheet_label"] + ": " + words["title"])
    parts = [f'<section class="ra-sheet" data-raicourse-css="{ACTIVITY_CSS}" aria-label="{label}">',
             f'<p class="ra-sheet-title">{_escaped(words["title"])}</p>',
             f'<p class="ra-sheet-help">{_escaped(words["sheet_help"])}</p>',
             f'<div class="ra-sheet-grid">{boxes}{"".join(card(c) for c in activity.cards)}</div>']
    if activity.new_cards:
        parts.append(f'<p class="ra-sheet-help">{_escaped(words["sheet_new_cards"])}</p>'
                     f'<div class="ra-sheet-grid">{"".join(card(c) for c in activity.new_cards)}</div>')
    parts.append("</section>")
    return "".join(parts)


class CardActivity(CourseWidget):
    """A card activity, live in Jupyter (the same module as in the static book).

    Parameters
    ----------
    activity_id : str
        The activity (``raicourse/activities/<id>.yaml``).
    language : str, optional
        ``"en"`` or ``"fr"``; defaults to :func:`raicourse.get_language`.
    """

    _esm = widget_module_source(ACTIVITY_MODULE)
    _css = static_file(ACTIVITY_CSS)
    _module_name = ACTIVITY_MODULE
    _css_name = ACTIVITY_CSS

    activity = traitlets.Unicode("").tag(sync=True)
    kind = traitlets.Unicode("sort").tag(sync=True)
    boxes = traitlets.List().tag(sync=True)
    features = traitlets.List().tag(sync=True)
    cards = traitlets.List().tag(sync=True)
    new_cards = traitlets.List().tag(sync=True)
    strings = traitlets.Dict().tag(sync=True)
    language = traitlets.Unicode("en").tag(sync=True)

    def __init__(self, activity_id: str, *, language: str | None = None, **kwargs: Any) -> None:
        super().__init__(**activity_state(activity_id, language or get_language()), **kwargs)

    def static_state(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in
                ("activity", "kind", "boxes", "features", "cards", "new_cards", "strings", "language")}

    def fallback_html(self) -> str:
        return fallback_html(self.static_state())


def show_activity(activity_id: str, *, language: str | None = None) -> None:
    """Show a card activity in a page: the one line a workshop page needs."""
    from IPython.display import display

    if in_static_build():
        state = activity_state(activity_id, language)
        display_static(static_html(ACTIVITY_MODULE, state, fallback_html(state), ACTIVITY_CSS))
        return
    display(CardActivity(activity_id, language=language))


def show_card_sheet(activity_id: str, *, language: str | None = None) -> None:
    """Show an activity's cards as a sheet to print (A4, black and white)."""
    from IPython.display import HTML, display

    display(HTML(card_sheet_html(activity_id, language)))
