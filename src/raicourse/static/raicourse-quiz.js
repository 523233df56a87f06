// The course's quiz: one ES module for every host (anywidget convention `export default { render }`).
//
// Live, anywidget runs it and `results` syncs back to Python. In the static book,
// raicourse-loader.js runs it against an in-page model built from the same JSON state.
// All checking happens here, in the browser. Answers are kept in localStorage only.
//
// Two modes (state `mode`): "check" explains every answer; "record" (the assessment
// edition) has no answer data at all: it records the learner's answers, under their own
// localStorage prefix (state `store`), until they submit, and reveals nothing.
//
// The rules (reading a typed number in the page's language, judging an answer, the inline
// Markdown subset) are in raicourse-quiz-rules.js, tested against the Python grader's.
// Safety: bank text is never parsed as HTML. `renderInline` builds DOM nodes from the rules'
// inline Markdown tokens, so any HTML in a bank shows up as inert text.

import { evaluate, inlineTokens, isEmpty, parseNumber } from "./raicourse-quiz-rules.js";
import { chooseStrings, element, format, pageLanguage, storage } from "./raicourse-shared.js";

let instanceCounter = 0;

// ---------------------------------------------------------------- text and strings

// Bank text through the rules' inline Markdown: DOM nodes, never HTML.
function renderInline(text, parent) {
  appendTokens(inlineTokens(text), parent);
}

function appendTokens(tokens, parent) {
  for (const token of tokens) {
    if (typeof token === "string") {
      parent.append(token);
    } else if (token.code !== undefined) {
      parent.append(element("code", "", token.code));
    } else if (token.math !== undefined) {
      // Readable as $...$ where nothing typesets it; the static book's loader typesets it.
      const node = element("span", "raicourse-math", `$${token.math}$`);
      node.dataset.tex = token.math;
      parent.append(node);
    } else if (token.strong !== undefined) {
      parent.append(appendTokens(token.strong, element("strong")));
    } else if (token.em !== undefined) {
      parent.append(appendTokens(token.em, element("em")));
    } else {
      const node = element("a");
      node.href = token.href;
      if (/^https?:/i.test(token.href)) node.rel = "noopener noreferrer";
      parent.append(appendTokens(token.link, node));
    }
  }
  return parent;
}

// Paragraphs (blank-line separated) as block spans, which are allowed inside <legend> and <label>.
function renderText(text, parent) {
  for (const paragraph of String(text ?? "").split(/\n\s*\n/)) {
    const node = document.createElement("span");
    node.className = "rq-para";
    renderInline(paragraph.trim(), node);
    parent.append(node);
  }
  return parent;
}

// ---------------------------------------------------------------- storage

function storageKey(course, stem, questionId) {
  return `${course}:${stem}:${questionId}`;
}

function readSaved(key, version) {
  try {
    const saved = JSON.parse(storage()?.getItem(key) ?? "null");
    if (saved && saved.version === version) return saved;
    if (saved) storage()?.removeItem(key); // answers to an older version of the quiz
  } catch {
    storage()?.removeItem(key);
  }
  return null;
}

function writeSaved(key, value) {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: keep going without saving.
  }
}

// ---------------------------------------------------------------- a learner's own order

// Record mode shows each learner the choices in an order of their own, seeded by the name they
// typed on "My progress" (kept at `<store>:_learner`). Answers are recorded by choice key, so
// the order never matters to the grader. raicourse.quiz.widget.learner_order is the same
// function in Python (the class simulation and the browser test compare the two).

function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function mulberry32(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The learner's name as the seed: NFC, spaces collapsed, lower case ("" when none). */
function learnerSeed(name) {
  return String(name ?? "").normalize("NFC").trim().split(/\s+/).join(" ").toLowerCase();
}

/** Positions 0..n-1 in the order a learner sees them: seed `learner:stem:question id`. */
function learnerOrder(seed, stem, questionId, n) {
  const order = Array.from({ length: n }, (_, index) => index);
  const random = mulberry32(fnv1a(`${seed}:${stem}:${questionId}`));
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

// ---------------------------------------------------------------- one question

class Question {
  constructor(data, context) {
    this.data = data;
    this.context = context;
    this.uid = `${context.uid}-${data.id}`;
    this.key = storageKey(context.store, context.stem, data.id);
    this.record = context.record;
    this.state = this.record ? { response: null } : { attempts: 0, correct: false, answered: false, revealed: false, response: null };
    this.node = this.build();
  }

  get strings() {
    return this.context.strings;
  }

  build() {
    const { data, strings } = this;
    const fieldset = element("fieldset", `rq-question rq-${data.type}`);
    fieldset.id = this.uid;
    const legend = element("legend");
    legend.append(
      element("span", "rq-number", format(strings.question_label || "", this.context.position(data.id))),
    );
    renderText(data.prompt, legend);
    fieldset.append(legend);

    this.inputs = [];
    const body = element("div", "rq-body");
    if (data.type === "single" || data.type === "multiple") {
      if (data.type === "multiple") body.append(element("p", "rq-hint", strings.multiple_hint));
      for (const choice of this.context.choiceOrder(data)) {
        body.append(this.option(data.type === "single" ? "radio" : "checkbox", choice.key, (label) => renderInline(choice.text, label)));
      }
    } else if (data.type === "truefalse") {
      body.append(this.option("radio", "true", (label) => label.append(strings.label_true)));
      body.append(this.option("radio", "false", (label) => label.append(strings.label_false)));
    } else if (data.type === "numeric" || data.type === "text") {
      const id = `${this.uid}-input`;
      const label = element("label", "rq-label", data.type === "numeric" ? strings.numeric_label : strings.text_label);
      label.htmlFor = id;
      const input = element("input", "rq-input");
      input.type = "text";
      input.id = id;
      input.autocomplete = "off";
      input.spellcheck = false;
      if (data.type === "numeric") input.inputMode = "decimal";
      const row = element("div", "rq-row");
      row.append(label, input);
      if (data.unit) {
        const unit = element("span", "rq-unit", data.unit);
        unit.id = `${id}-unit`;
        input.setAttribute("aria-describedby", unit.id);
        row.append(unit);
      }
      input.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          if (!this.record) this.check();
        }
      });
      this.inputs.push(input);
      body.append(row);
    } else if (data.type === "reflection") {
      const id = `${this.uid}-input`;
      // In record mode the text goes to the trainer: the label must not say it stays here.
      const label = element("label", "rq-label", this.record ? strings.record_reflection_label : strings.reflection_label);
      label.htmlFor = id;
      const area = element("textarea", "rq-input rq-textarea");
      area.id = id;
      area.rows = 4;
      this.inputs.push(area);
      body.append(label, area);
    }
    fieldset.append(body);

    if (this.record) {
      // Every change is kept at once (a reload loses nothing); nothing is checked.
      for (const input of this.inputs) {
        input.addEventListener(input.type === "radio" || input.type === "checkbox" ? "change" : "input", () => this.keepDraft());
      }
      // Not a live region: on submit the quiz's one announcement says it for every question,
      // instead of "Answer recorded." read out once per question.
      this.feedback = element("div", "rq-feedback");
      fieldset.append(this.feedback);
      return fieldset;
    }

    const actions = element("div", "rq-actions");
    this.checkButton = element("button", "rq-button rq-check", data.type === "reflection" ? strings.reflection_save : strings.check);
    this.checkButton.type = "button";
    this.checkButton.addEventListener("click", () => this.check());
    this.revealButton = element("button", "rq-button rq-secondary rq-reveal", strings.show_answer);
    this.revealButton.type = "button";
    this.revealButton.addEventListener("click", () => this.reveal());
    this.retryButton = element("button", "rq-button rq-secondary rq-retry", strings.try_again);
    this.retryButton.type = "button";
    this.retryButton.addEventListener("click", () => this.retry());
    actions.append(this.checkButton, this.revealButton, this.retryButton);
    fieldset.append(actions);

    this.triesNode = element("p", "rq-tries");
    // Feedback is announced by screen readers as it appears.
    this.feedback = element("div", "rq-feedback");
    this.feedback.setAttribute("role", "status");
    this.feedback.setAttribute("aria-live", "polite");
    fieldset.append(this.feedback, this.triesNode);
    return fieldset;
  }

  option(type, value, fillLabel) {
    const id = `${this.uid}-${value}`;
    const row = element("div", "rq-option");
    const input = element("input");
    input.type = type;
    input.id = id;
    input.name = this.uid;
    input.value = value;
    const label = element("label");
    label.htmlFor = id;
    fillLabel(label);
    row.append(input, label);
    this.inputs.push(input);
    return row;
  }

  response() {
    const { type } = this.data;
    if (type === "single" || type === "truefalse") return this.inputs.find((input) => input.checked)?.value ?? null;
    if (type === "multiple") return this.inputs.filter((input) => input.checked).map((input) => input.value);
    return this.inputs[0].value;
  }

  setResponse(value) {
    const { type } = this.data;
    if (type === "single" || type === "truefalse") {
      for (const input of this.inputs) input.checked = input.value === value;
    } else if (type === "multiple") {
      const ticked = new Set(value || []);
      for (const input of this.inputs) input.checked = ticked.has(input.value);
    } else {
      this.inputs[0].value = value ?? "";
    }
  }

  // Judge a response with the quiz's rules: {valid, correct, lines: [{message} | {text}]}.
  judge(response) {
    const { strings } = this;
    const verdict = evaluate(this.data, response, this.context.language);
    if (verdict.outcome === "invalid") {
      return { valid: false, lines: this.data.type === "numeric" ? [{ message: strings.numeric_invalid }] : [] };
    }
    const lines = verdict.feedback.map((text) => ({ text }));
    if (verdict.missing) lines.push({ message: format(strings.multiple_missing, { count: verdict.missing }) });
    if (verdict.extra) lines.push({ message: format(strings.multiple_extra, { count: verdict.extra }) });
    return { valid: true, correct: verdict.outcome === "correct", lines };
  }

  answerText() {
    const { data, strings } = this;
    if (data.type === "single" || data.type === "multiple") {
      return format(strings.answer_is, { answer: data.choices.filter((c) => c.correct).map((c) => c.text).join(" · ") });
    }
    if (data.type === "truefalse") return format(strings.answer_is, { answer: data.answer ? strings.label_true : strings.label_false });
    if (data.type === "numeric") {
      const answer = data.unit ? `${data.answer} ${data.unit}` : String(data.answer);
      if (data.tolerance) return format(strings.answer_numeric, { answer, tolerance: data.tolerance });
      return format(strings.answer_is, { answer });
    }
    if (data.type === "text") return format(strings.answer_is, { answer: data.answers[0] });
    return "";
  }

  check() {
    const response = this.response();
    if (isEmpty(response)) {
      this.showFeedback({ status: "neutral", lines: [{ message: this.strings.empty_answer }] });
      return;
    }
    if (this.data.type === "reflection") {
      this.state = { ...this.state, answered: true, response };
      this.save();
      this.renderState();
      return;
    }
    const result = this.judge(response);
    if (!result.valid) {
      this.showFeedback({ status: "neutral", lines: result.lines });
      return;
    }
    this.state = {
      ...this.state,
      attempts: this.state.attempts + 1,
      answered: true,
      correct: result.correct,
      response,
    };
    this.save();
    this.renderState();
  }

  reveal() {
    this.state = { ...this.state, revealed: true };
    this.save();
    this.renderState();
    // The "Show the answer" button just hid itself: keep keyboard focus in this question.
    this.retryButton.focus();
  }

  retry() {
    this.state = { attempts: 0, correct: false, answered: false, revealed: false, response: null };
    this.setResponse(null);
    storage()?.removeItem(this.key);
    this.renderState();
    this.context.changed();
    this.inputs[0]?.focus();
  }

  save() {
    writeSaved(this.key, { version: this.context.version, ...this.state });
    this.context.changed();
  }

  restore() {
    const saved = readSaved(this.key, this.context.version);
    if (!saved) return false;
    const { attempts = 0, correct = false, answered = false, revealed = false, response = null } = saved;
    this.state = { attempts, correct, answered, revealed, response };
    this.setResponse(response);
    this.renderState();
    return answered || revealed;
  }

  reset() {
    storage()?.removeItem(this.key);
    this.state = { attempts: 0, correct: false, answered: false, revealed: false, response: null };
    this.setResponse(null);
    this.renderState();
  }

  // Feedback, buttons and tries from the current state (also after a reload).
  renderState() {
    const { state, data, strings } = this;
    const reflection = data.type === "reflection";
    if (reflection) {
      if (state.answered) {
        this.showFeedback({
          status: "neutral",
          lines: [{ message: strings.reflection_saved }],
          model: data.model_answer,
          explanation: data.explanation,
        });
      } else this.showFeedback(null);
    } else if (state.revealed && !state.correct) {
      this.showFeedback({ status: "revealed", lines: [{ message: this.answerText(), rich: true }], explanation: data.explanation });
    } else if (state.answered && state.response !== null) {
      const result = this.judge(state.response);
      const lines = [...result.lines];
      if (!state.correct) lines.push({ message: strings.try_hint });
      this.showFeedback({ status: state.correct ? "correct" : "incorrect", lines, explanation: state.correct ? data.explanation : null });
    } else {
      this.showFeedback(null);
    }
    const finished = state.correct || state.revealed;
    this.revealButton.hidden = reflection || finished || state.attempts < this.context.showAnswerAfter;
    this.retryButton.hidden = reflection || !finished;
    this.triesNode.textContent = !reflection && state.attempts ? format(strings.tries, { count: state.attempts }) : "";
    this.node.dataset.status = reflection ? (state.answered ? "answered" : "open") : state.correct ? "correct" : state.revealed ? "revealed" : state.answered ? "incorrect" : "open";
  }

  showFeedback(feedback) {
    this.feedback.replaceChildren();
    this.feedback.className = "rq-feedback";
    if (!feedback) return;
    const { strings } = this;
    this.feedback.classList.add(`rq-${feedback.status}`);
    const statusText = { correct: strings.correct, incorrect: strings.incorrect, revealed: strings.revealed }[feedback.status];
    if (statusText) this.feedback.append(element("p", "rq-status", statusText));
    for (const line of feedback.lines) {
      const paragraph = element("p");
      // Catalogue messages may embed bank text (the answer): rendered, never as HTML.
      if (line.message !== undefined) renderInline(line.message, paragraph);
      else renderText(line.text, paragraph);
      this.feedback.append(paragraph);
    }
    if (feedback.model) {
      const block = element("div", "rq-model");
      block.append(element("p", "rq-heading", strings.model_answer));
      block.append(renderText(feedback.model, element("p")));
      this.feedback.append(block);
    }
    if (feedback.explanation) {
      const block = element("div", "rq-explanation");
      block.append(element("p", "rq-heading", strings.explanation));
      block.append(renderText(feedback.explanation, element("p")));
      this.feedback.append(block);
    }
  }

  result() {
    if (this.record) return { answered: !isEmpty(this.response()), submitted: this.context.isSubmitted() };
    const { attempts, correct, answered, revealed } = this.state;
    return { attempts, correct, answered, revealed };
  }

  // ------------------------------------------------ record mode (assessment edition)

  keepDraft() {
    const response = this.response();
    this.state = { response: isEmpty(response) ? null : response };
    writeSaved(this.key, { version: this.context.version, fingerprint: this.context.fingerprint, ...this.state });
    this.context.changed();
  }

  restoreRecorded() {
    const saved = readSaved(this.key, this.context.version);
    if (!saved || saved.fingerprint !== this.context.fingerprint) return false;
    this.state = { response: saved.response ?? null };
    this.setResponse(this.state.response);
    return this.state.response !== null;
  }

  lock(submitted) {
    for (const input of this.inputs) input.disabled = submitted;
    this.node.dataset.status = submitted ? "recorded" : "open";
    this.feedback.className = submitted ? "rq-feedback rq-recorded" : "rq-feedback";
    this.feedback.textContent = submitted ? this.strings.recorded : "";
  }
}

// ---------------------------------------------------------------- the quiz

// A lesson's quiz sits under a heading with the same words as its title ("Check your
// understanding"): the page then shows the heading once, and the quiz keeps the title as its
// accessible name. In a notebook (no such heading around the output) the title is shown.
function titleShownAbove(el, title) {
  const heading = el.closest("section")?.querySelector(":scope > h1, :scope > h2, :scope > h3");
  const words = (text) => text.replace(/[#¶]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
  return Boolean(heading) && words(heading.textContent) === words(title);
}

function render({ model, el }) {
  if (model.get("mode") === "record") return renderRecord({ model, el });
  const strings = chooseStrings(model);
  const bank = model.get("bank");
  const questions = [];
  instanceCounter += 1;
  const context = {
    uid: `rq-${String(model.get("stem")).replace(/[^a-zA-Z0-9_-]/g, "-")}-${instanceCounter}`,
    course: model.get("course") || "raicourse",
    store: model.get("store") || model.get("course") || "raicourse",
    record: false,
    stem: model.get("stem"),
    choiceOrder: (data) => data.choices,
    language: pageLanguage(model),
    version: bank.version,
    showAnswerAfter: bank.show_answer_after || 2,
    strings,
    position: (id) => ({ n: bank.questions.findIndex((q) => q.id === id) + 1, total: bank.questions.length }),
    changed: () => update(),
  };

  const root = element("div", "raicourse-quiz");
  if (bank.title) {
    root.setAttribute("role", "group");
    root.setAttribute("aria-label", bank.title);
    if (!titleShownAbove(el, bank.title)) root.append(renderText(bank.title, element("p", "rq-title")));
  }
  const notice = element("p", "rq-notice");
  root.append(notice);
  for (const data of bank.questions) {
    const question = new Question(data, context);
    questions.push(question);
    root.append(question.node);
  }
  const footer = element("div", "rq-footer");
  const summary = element("p", "rq-score");
  const resetButton = element("button", "rq-button rq-secondary rq-reset", strings.reset);
  resetButton.type = "button";
  const announcer = element("p", "rq-announcer");
  announcer.setAttribute("role", "status");
  announcer.setAttribute("aria-live", "polite");
  footer.append(summary, resetButton, element("p", "rq-storage-note", strings.storage_note), announcer);
  root.append(footer);

  function update() {
    const scored = questions.filter((q) => q.data.type !== "reflection");
    const reflections = questions.length - scored.length;
    const fields = {
      correct: scored.filter((q) => q.state.correct).length,
      total: scored.length,
      reflections: questions.filter((q) => q.data.type === "reflection" && q.state.answered).length,
      reflection_total: reflections,
    };
    summary.textContent = format(reflections ? strings.score : strings.score_plain, fields);
    const results = {};
    for (const q of questions) results[q.data.id] = q.result();
    model.set("results", results);
    model.save_changes();
  }

  resetButton.addEventListener("click", () => {
    for (const q of questions) q.reset();
    notice.textContent = "";
    announcer.textContent = strings.reset_done;
    update();
  });

  let restored = false;
  for (const q of questions) {
    q.renderState();
    if (q.restore()) restored = true;
  }
  if (restored) notice.textContent = strings.restored;
  update();
  el.append(root);
  return () => root.remove();
}

// Record mode: answer everything, change freely, submit once; "Answer recorded", no verdict.
// The quiz's submission lives in `<store>:<stem>:_submitted` ("_" never starts a question id).
function renderRecord({ model, el }) {
  const strings = chooseStrings(model);
  const bank = model.get("bank");
  const stem = model.get("stem");
  const store = model.get("store") || "raicourse-assessment";
  const submittedKey = `${store}:${stem}:_submitted`;
  const questions = [];
  instanceCounter += 1;
  let submission = readSaved(submittedKey, bank.version);
  if (submission && submission.fingerprint !== bank.fingerprint) submission = null;
  let learner = "";
  try {
    learner = learnerSeed(JSON.parse(storage()?.getItem(`${store}:_learner`) ?? "null")?.name);
  } catch {
    learner = "";
  }
  const context = {
    uid: `rq-${String(stem).replace(/[^a-zA-Z0-9_-]/g, "-")}-${instanceCounter}`,
    course: model.get("course") || "raicourse",
    store,
    stem,
    language: pageLanguage(model),
    record: true,
    // Without a name, the class's order (the page's); with one, the learner's own.
    choiceOrder: (data) =>
      learner ? learnerOrder(learner, stem, data.id, data.choices.length).map((index) => data.choices[index]) : data.choices,
    version: bank.version,
    fingerprint: bank.fingerprint,
    strings,
    position: (id) => ({ n: bank.questions.findIndex((q) => q.id === id) + 1, total: bank.questions.length }),
    isSubmitted: () => Boolean(submission),
    changed: () => update(),
  };

  const root = element("div", "raicourse-quiz rq-record");
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", bank.title || strings.submit);
  if (bank.title && !titleShownAbove(el, bank.title)) root.append(renderText(bank.title, element("p", "rq-title")));
  root.append(element("p", "rq-intro", strings.record_intro));
  if (!learner) root.append(element("p", "rq-name-first", strings.record_name_first));
  const notice = element("p", "rq-notice");
  root.append(notice);
  for (const data of bank.questions) {
    const question = new Question(data, context);
    questions.push(question);
    root.append(question.node);
  }
  const footer = element("div", "rq-footer");
  const summary = element("p", "rq-score");
  const submitButton = element("button", "rq-button rq-submit", strings.submit);
  submitButton.type = "button";
  // Focus goes here after submitting (the button is then disabled), so the message is read.
  const announcer = element("p", "rq-announcer");
  announcer.setAttribute("role", "status");
  announcer.setAttribute("aria-live", "polite");
  announcer.tabIndex = -1;
  footer.append(
    summary,
    submitButton,
    announcer,
    element("p", "rq-storage-note", strings.record_storage_note),
    element("p", "rq-limits", strings.record_limits),
  );
  root.append(footer);

  function update() {
    const answered = questions.filter((q) => !isEmpty(q.response())).length;
    summary.textContent = submission
      ? format(strings.record_status_submitted, { total: questions.length })
      : format(strings.record_status_open, { answered, total: questions.length });
    const results = {};
    for (const q of questions) results[q.data.id] = q.result();
    model.set("results", results);
    model.save_changes();
  }

  function showSubmitted() {
    for (const q of questions) q.lock(Boolean(submission));
    submitButton.disabled = Boolean(submission);
    submitButton.hidden = Boolean(submission);
  }

  submitButton.addEventListener("click", () => {
    const missing = questions.filter((q) => isEmpty(q.response()));
    if (missing.length) {
      const numbers = missing.map((q) => context.position(q.data.id).n).join(", ");
      announcer.textContent = format(strings.submit_missing, { numbers });
      missing[0].inputs[0]?.focus();
      return;
    }
    const notANumber = questions.find((q) => q.data.type === "numeric" && Number.isNaN(parseNumber(q.response(), q.data.unit, context.language)));
    if (notANumber) {
      announcer.textContent = format(strings.submit_invalid_number, context.position(notANumber.data.id));
      notANumber.inputs[0].focus();
      return;
    }
    for (const q of questions) q.keepDraft();
    submission = { version: bank.version, fingerprint: bank.fingerprint, submitted_at: new Date().toISOString() };
    writeSaved(submittedKey, submission);
    showSubmitted();
    update();
    announcer.textContent = strings.submitted;
    announcer.focus();
  });

  let restored = false;
  for (const q of questions) if (q.restoreRecorded()) restored = true;
  if (restored) notice.textContent = strings.record_restored;
  showSubmitted();
  update();
  el.append(root);
  return () => root.remove();
}

export default { render };
