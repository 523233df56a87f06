// Card activities of the youth workshops: put picture cards into boxes, by touch, mouse or keys.
//
// One ES module for every host (anywidget convention `export default { render }`): live in
// Jupyter and in the static book, against the same JSON state (raicourse.activities).
// Two kinds:
//   sort  — every card has a right box; "Check" says which cards are right, with a reason;
//   teach — the child sorts example cards (some come already sorted); then a small sorter
//           guesses the box of new cards, copying the example that shares the most features
//           (the first on a tie; raicourse.activities.guess does the same), and shows it as its reason.
// A card moves in two ways, so that every child can play: tap (or Enter) a card, then tap a box;
// or drag it onto a box. No typing anywhere. Nothing is stored: no name, no answer.
// Every string comes from `strings` (locales/activity.yaml and locales/activities/<id>.yaml).

import { chooseStrings, element, format } from "./raicourse-shared.js";

let instanceCounter = 0;
// A pointer that moves less than this (px) is a tap, not a drag.
const DRAG_DISTANCE = 10;

function render({ model, el }) {
  instanceCounter += 1;
  const prefix = `ra-${instanceCounter}`;
  const strings = chooseStrings(model);
  const kind = model.get("kind") === "teach" ? "teach" : "sort";
  const boxes = model.get("boxes") || [];
  const features = model.get("features") || [];
  const cards = model.get("cards") || [];
  const newCards = model.get("new_cards") || [];
  const word = (key) => strings[key] ?? key;
  const cardText = (card) => word(`card.${card.id}`);

  // Where each card is: a box id, or null (still in the pile). Examples given in advance start in their box.
  const placed = new Map(cards.map((card) => [card.id, kind === "teach" && card.box ? card.box : null]));
  let selected = null;
  let checked = false;

  const root = element("div", "raicourse-activity");
  root.setAttribute("role", "group");
  const title = element("p", "ra-title", word("title"));
  title.id = `${prefix}-title`;
  root.setAttribute("aria-labelledby", title.id);
  root.append(title, element("p", "ra-intro", word("intro")));

  const status = element("p", "ra-status");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");

  const pileSection = element("div", "ra-pile");
  const pileLabel = element("p", "ra-pile-label", word("pile_label"));
  const pileCards = element("div", "ra-cards");
  pileSection.append(pileLabel, pileCards);

  const boxRow = element("div", "ra-boxes");
  const boxViews = new Map();
  for (const box of boxes) {
    const view = element("section", "ra-box");
    view.dataset.box = box;
    const heading = element("p", "ra-box-name", word(`box.${box}`));
    heading.id = `${prefix}-box-${box}`;
    view.setAttribute("aria-labelledby", heading.id);
    const target = element("button", "ra-put");
    target.type = "button";
    target.dataset.box = box;
    target.textContent = format(word("put_here"), { box: word(`box.${box}`) });
    target.addEventListener("click", () => placeSelected(box));
    const inside = element("div", "ra-cards");
    view.append(heading, inside, target);
    boxViews.set(box, { view, inside, target });
    boxRow.append(view);
  }

  const actions = element("div", "ra-actions");
  const checkButton = element("button", "ra-check", word("check"));
  checkButton.type = "button";
  const resetButton = element("button", "ra-reset", word("reset"));
  resetButton.type = "button";
  if (kind === "sort") actions.append(checkButton);
  actions.append(resetButton);
  const result = element("div", "ra-result");

  root.append(pileSection, boxRow, status, actions, result);

  // ---------------------------------------------------------------- cards

  const cardButtons = new Map();
  for (const card of cards) {
    const button = element("button", "ra-card");
    button.type = "button";
    button.dataset.card = card.id;
    button.setAttribute("aria-pressed", "false");
    const picture = element("span", "ra-picture", card.picture);
    picture.setAttribute("aria-hidden", "true");
    const text = element("span", "ra-card-text", cardText(card));
    const mark = element("span", "ra-mark");
    button.append(picture, text, mark);
    button.addEventListener("click", () => {
      if (button.dataset.dragged === "1") return;
      select(selected === card.id ? null : card.id);
    });
    enableDrag(button, card.id);
    cardButtons.set(card.id, button);
  }

  function select(cardId) {
    selected = cardId;
    for (const [id, button] of cardButtons) button.setAttribute("aria-pressed", String(id === cardId));
    for (const { target } of boxViews.values()) target.disabled = cardId === null;
    root.classList.toggle("ra-choosing", cardId !== null);
    if (cardId !== null) {
      const card = cards.find((c) => c.id === cardId);
      status.textContent = format(word("selected"), { card: cardText(card) });
    }
  }

  function placeSelected(box) {
    if (selected === null) return;
    place(selected, box);
  }

  function place(cardId, box) {
    placed.set(cardId, box);
    checked = false;
    const card = cards.find((c) => c.id === cardId);
    select(null);
    layout();
    status.textContent = format(word("placed"), { card: cardText(card), box: word(`box.${box}`) });
    cardButtons.get(cardId).focus({ preventScroll: true });
  }

  // ---------------------------------------------------------------- drag and drop (pointer events)

  function enableDrag(button, cardId) {
    let start = null;
    let ghost = null;
    const boxAt = (x, y) => {
      const found = document.elementFromPoint(x, y)?.closest?.(".ra-box");
      return found && root.contains(found) ? found.dataset.box : null;
    };
    button.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      start = { x: event.clientX, y: event.clientY, id: event.pointerId };
      button.dataset.dragged = "0";
    });
    button.addEventListener("pointermove", (event) => {
      if (!start || event.pointerId !== start.id) return;
      const dx = event.clientX - start.x;
      const dy = event.clientY - start.y;
      if (!ghost && Math.hypot(dx, dy) < DRAG_DISTANCE) return;
      if (!ghost) {
        button.setPointerCapture?.(event.pointerId);
        ghost = button.cloneNode(true);
        ghost.classList.add("ra-ghost");
        ghost.setAttribute("aria-hidden", "true");
        ghost.style.width = `${button.offsetWidth}px`;
        root.append(ghost);
        button.classList.add("ra-dragging");
        button.dataset.dragged = "1";
      }
      ghost.style.left = `${event.clientX - button.offsetWidth / 2}px`;
      ghost.style.top = `${event.clientY - 20}px`;
      for (const [box, { view }] of boxViews) view.classList.toggle("ra-over", box === boxAt(event.clientX, event.clientY));
      event.preventDefault();
    });
    const finish = (event, drop) => {
      if (!start) return;
      const box = drop && ghost ? boxAt(event.clientX, event.clientY) : null;
      ghost?.remove();
      ghost = null;
      start = null;
      button.classList.remove("ra-dragging");
      for (const { view } of boxViews.values()) view.classList.remove("ra-over");
      if (box) place(cardId, box);
      // A click follows pointerup: let it through only when this was a tap.
      setTimeout(() => { button.dataset.dragged = "0"; }, 0);
    };
    button.addEventListener("pointerup", (event) => finish(event, true));
    button.addEventListener("pointercancel", (event) => finish(event, false));
  }

  // ---------------------------------------------------------------- views

  function layout() {
    for (const card of cards) {
      const button = cardButtons.get(card.id);
      const box = placed.get(card.id);
      (box ? boxViews.get(box).inside : pileCards).append(button);
      const mark = button.querySelector(".ra-mark");
      mark.textContent = "";
      button.classList.remove("ra-right", "ra-wrong");
      if (checked && box) {
        const right = box === card.box;
        button.classList.add(right ? "ra-right" : "ra-wrong");
        mark.textContent = right ? word("mark_right") : word("mark_wrong");
      }
    }
    const left = cards.filter((card) => placed.get(card.id) === null).length;
    pileLabel.textContent = left ? format(word("pile_label"), { count: left }) : word("pile_empty");
    pileSection.classList.toggle("ra-empty", left === 0);
    checkButton.disabled = left > 0;
    renderResult(left);
  }

  function renderResult(left) {
    result.replaceChildren();
    if (kind === "sort") {
      if (!checked) return;
      const right = cards.filter((card) => placed.get(card.id) === card.box).length;
      result.append(element("p", "ra-score", format(word("score"), { right, total: cards.length })));
      const list = element("ul", "ra-reasons");
      for (const card of cards) {
        const item = element("li", placed.get(card.id) === card.box ? "ra-right" : "ra-wrong");
        const right = placed.get(card.id) === card.box;
        item.append(
          element("strong", "", `${right ? word("mark_right") : word("mark_wrong")} ${cardText(card)}`),
          document.createTextNode(" — "),
          document.createTextNode(format(word("right_box"), { box: word(`box.${card.box}`) })),
          document.createTextNode(" "),
          document.createTextNode(word(`why.${card.id}`)),
        );
        list.append(item);
      }
      result.append(list);
      return;
    }
    // teach: once every example is in a box, the sorter guesses the new cards.
    if (left > 0) {
      result.append(element("p", "ra-wait", word("teach_wait")));
      return;
    }
    result.append(element("p", "ra-guess-title", word("teach_done")));
    const list = element("ul", "ra-guesses");
    for (const card of newCards) {
      const { box, example, shared } = guess(card);
      const item = element("li", "ra-guess");
      item.dataset.card = card.id;
      item.dataset.guess = box;
      const picture = element("span", "ra-picture", card.picture);
      picture.setAttribute("aria-hidden", "true");
      const because = shared.length
        ? format(word("because"), { example: cardText(example), shared: shared.map((f) => word(`value.${f}.${card.features[f]}`)).join(", ") })
        : format(word("because_nothing"), { example: cardText(example) });
      item.append(
        picture,
        element("span", "ra-guess-card", cardText(card)),
        element("strong", "ra-guess-box", format(word("guess"), { box: word(`box.${box}`) })),
        element("span", "ra-because", because),
      );
      list.append(item);
    }
    result.append(list);
  }

  // The same rule as raicourse.activities.guess: most shared feature values, first example on a tie.
  function guess(card) {
    let best = null;
    let bestShared = [];
    for (const example of cards) {
      if (placed.get(example.id) === null) continue;
      const shared = features.filter((f) => example.features[f] === card.features[f]);
      if (best === null || shared.length > bestShared.length) {
        best = example;
        bestShared = shared;
      }
    }
    return { box: placed.get(best.id), example: best, shared: bestShared };
  }

  checkButton.addEventListener("click", () => {
    checked = true;
    layout();
    const right = cards.filter((card) => placed.get(card.id) === card.box).length;
    status.textContent = format(word("score"), { right, total: cards.length });
  });
  resetButton.addEventListener("click", () => {
    for (const card of cards) placed.set(card.id, kind === "teach" && card.box ? card.box : null);
    checked = false;
    select(null);
    layout();
    status.textContent = word("reset_done");
  });

  select(null);
  layout();
  status.textContent = "";
  el.append(root);
  return () => root.remove();
}

export default { render };
