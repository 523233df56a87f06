// "My progress": every quiz of the course with the learner's status, read from this
// browser's localStorage (the quiz module writes `<course>:<quiz stem>:<question id>`).
// Export writes those entries to a file the learner downloads; import reads such a file.
// Nothing is sent anywhere.
//
// In the assessment edition (state `mode: "record"`) the page lists which quizzes were
// submitted (no score: the page knows no answer) and exports the learner's answers, with
// the name they type, in a file of its own format for the trainer's grader
// (`raicourse grade-quizzes`). That file is not a progress file: it cannot be imported.

import { chooseStrings, element, format, pageLanguage, storage } from "./raicourse-shared.js";

const FILE_FORMAT = "raicourse-progress";
const FILE_FORMAT_VERSION = 1;
const ANSWERS_FORMAT = "raicourse-answers";
const ANSWERS_FORMAT_VERSION = 1;

function readEntry(key) {
  try {
    return JSON.parse(storage()?.getItem(key) ?? "null");
  } catch {
    return null;
  }
}

function quizStatus(course, quiz) {
  let answered = 0;
  let correct = 0;
  for (const id of quiz.questions) {
    const saved = readEntry(`${course}:${quiz.stem}:${id}`);
    // Answers to an older version of a quiz no longer count.
    if (!saved || saved.version !== quiz.version) continue;
    if (saved.answered || saved.revealed) answered += 1;
    if (saved.correct) correct += 1;
  }
  return { answered, correct, total: quiz.questions.length };
}

function courseEntries(course) {
  const entries = {};
  const store = storage();
  if (!store) return entries;
  for (let index = 0; index < store.length; index += 1) {
    const key = store.key(index);
    if (key && key.startsWith(`${course}:`)) {
      const value = readEntry(key);
      if (value && typeof value === "object") entries[key] = value;
    }
  }
  return entries;
}

// Returns the entries of a progress file of this course, or null if it is not one.
function parseProgressFile(text, course) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!data || data.format !== FILE_FORMAT || data.course !== course) return null;
  if (!data.entries || typeof data.entries !== "object" || Array.isArray(data.entries)) return null;
  const entries = {};
  for (const [key, value] of Object.entries(data.entries)) {
    // Only this course's quiz entries: an imported file cannot write anything else.
    if (!/^[^:]+:[^:]+:[a-z0-9-]+$/.test(key) || !key.startsWith(`${course}:`)) return null;
    if (!value || typeof value !== "object" || Array.isArray(value)) return null;
    entries[key] = value;
  }
  return entries;
}

function render({ model, el }) {
  if (model.get("mode") === "record") return renderRecord({ model, el });
  const strings = chooseStrings(model);
  const course = model.get("course") || "raicourse";
  const quizzes = model.get("quizzes") || [];

  const root = element("div", "raicourse-progress");
  const table = element("table", "rq-progress-table");
  table.append(element("caption", "", strings.progress_caption));
  const head = element("thead");
  const headRow = element("tr");
  for (const label of [strings.progress_quiz, strings.progress_status]) {
    const cell = element("th", "", label);
    cell.scope = "col";
    headRow.append(cell);
  }
  head.append(headRow);
  const body = element("tbody");
  table.append(head, body);

  function refresh() {
    body.replaceChildren();
    for (const quiz of quizzes) {
      const status = quizStatus(course, quiz);
      const row = element("tr");
      row.dataset.stem = quiz.stem;
      const name = element("th", "", quiz.title);
      name.scope = "row";
      let text = strings.progress_not_started;
      if (status.answered >= status.total) text = format(strings.progress_done, status);
      else if (status.answered > 0) text = format(strings.progress_in_progress, status);
      row.append(name, element("td", "rq-status-cell", text));
      body.append(row);
    }
  }

  const announcer = element("p", "rq-announcer");
  announcer.setAttribute("role", "status");
  announcer.setAttribute("aria-live", "polite");

  const actions = element("div", "rq-actions");
  const exportButton = element("button", "rq-button rq-export", strings.progress_export);
  exportButton.type = "button";
  exportButton.addEventListener("click", () => {
    const file = {
      format: FILE_FORMAT,
      format_version: FILE_FORMAT_VERSION,
      course,
      exported_at: new Date().toISOString(),
      entries: courseEntries(course),
    };
    const blob = new Blob([JSON.stringify(file, null, 2)], { type: "application/json" });
    const link = element("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${course}-progress.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    announcer.textContent = strings.progress_exported;
  });
  actions.append(exportButton);

  const inputId = `rq-progress-import-${Math.random().toString(36).slice(2)}`;
  const importLabel = element("label", "rq-file-label", strings.progress_import);
  importLabel.htmlFor = inputId;
  const importInput = element("input", "rq-import");
  importInput.type = "file";
  importInput.id = inputId;
  importInput.accept = ".json,application/json";
  importInput.addEventListener("change", async () => {
    const file = importInput.files?.[0];
    if (!file) return;
    const entries = parseProgressFile(await file.text(), course);
    importInput.value = "";
    if (!entries) {
      announcer.textContent = strings.progress_import_error;
      return;
    }
    for (const [key, value] of Object.entries(entries)) {
      try {
        storage()?.setItem(key, JSON.stringify(value));
      } catch {
        // Storage full or blocked: import what fits.
      }
    }
    refresh();
    announcer.textContent = format(strings.progress_imported, { count: Object.keys(entries).length });
  });

  root.append(table, actions, importLabel, importInput, announcer);
  refresh();
  // Progress can change in another tab (a quiz answered there).
  window.addEventListener("storage", refresh);
  el.append(root);
  return () => {
    window.removeEventListener("storage", refresh);
    root.remove();
  };
}

// ---------------------------------------------------------------- record mode

// A quiz's recorded answers, if they belong to the bank the page was built from.
function recordedQuiz(store, quiz) {
  const fresh = (saved) => saved && saved.version === quiz.version && saved.fingerprint === quiz.fingerprint;
  const answers = {};
  for (const id of quiz.questions) {
    const saved = readEntry(`${store}:${quiz.stem}:${id}`);
    if (fresh(saved) && saved.response !== null && saved.response !== undefined) answers[id] = saved.response;
  }
  const submission = readEntry(`${store}:${quiz.stem}:_submitted`);
  const submitted = fresh(submission);
  return {
    version: quiz.version,
    fingerprint: quiz.fingerprint,
    submitted,
    submitted_at: submitted ? submission.submitted_at ?? null : null,
    answers,
  };
}

function renderRecord({ model, el }) {
  const strings = chooseStrings(model);
  const course = model.get("course") || "raicourse";
  const store = model.get("store") || "raicourse-assessment";
  const quizzes = model.get("quizzes") || [];

  const root = element("div", "raicourse-progress rq-record");
  const table = element("table", "rq-progress-table");
  table.append(element("caption", "", strings.record_progress_caption));
  const head = element("thead");
  const headRow = element("tr");
  for (const label of [strings.progress_quiz, strings.progress_status]) {
    const cell = element("th", "", label);
    cell.scope = "col";
    headRow.append(cell);
  }
  head.append(headRow);
  const body = element("tbody");
  table.append(head, body);

  function refresh() {
    body.replaceChildren();
    for (const quiz of quizzes) {
      const recorded = recordedQuiz(store, quiz);
      const fields = { answered: Object.keys(recorded.answers).length, total: quiz.questions.length };
      let text = strings.progress_not_started;
      if (recorded.submitted) text = format(strings.record_progress_submitted, fields);
      else if (fields.answered > 0) text = format(strings.record_progress_in_progress, fields);
      const row = element("tr");
      row.dataset.stem = quiz.stem;
      const name = element("th", "", quiz.title);
      name.scope = "row";
      row.append(name, element("td", "rq-status-cell", text));
      body.append(row);
    }
  }

  const announcer = element("p", "rq-announcer");
  announcer.setAttribute("role", "status");
  announcer.setAttribute("aria-live", "polite");

  const nameId = `rq-learner-name-${Math.random().toString(36).slice(2)}`;
  const nameLabel = element("label", "rq-name-label", strings.record_name_label);
  nameLabel.htmlFor = nameId;
  const nameInput = element("input", "rq-name");
  nameInput.type = "text";
  nameInput.id = nameId;
  nameInput.autocomplete = "off";
  nameInput.spellcheck = false;
  // The name is kept with the answers, so that a reload does not lose it.
  const nameKey = `${store}:_learner`;
  nameInput.value = readEntry(nameKey)?.name ?? "";
  nameInput.addEventListener("input", () => {
    try {
      storage()?.setItem(nameKey, JSON.stringify({ name: nameInput.value }));
    } catch {
      // Storage blocked: the name is typed again next time.
    }
  });
  const contents = element("p", "rq-file-contents", strings.record_file_contents);
  contents.id = `${nameId}-contents`;

  const actions = element("div", "rq-actions");
  const exportButton = element("button", "rq-button rq-export", strings.record_export);
  exportButton.type = "button";
  exportButton.setAttribute("aria-describedby", contents.id);
  exportButton.addEventListener("click", () => {
    const learner = nameInput.value.trim();
    if (!learner) {
      announcer.textContent = strings.record_name_missing;
      nameInput.focus();
      return;
    }
    const answered = {};
    for (const quiz of quizzes) {
      const recorded = recordedQuiz(store, quiz);
      // The quiz's title (its lesson's) names it in the trainer's feedback file.
      if (recorded.submitted || Object.keys(recorded.answers).length) answered[quiz.stem] = { title: quiz.title, ...recorded };
    }
    const file = {
      format: ANSWERS_FORMAT,
      format_version: ANSWERS_FORMAT_VERSION,
      course,
      learner,
      // The grader reads typed numbers the way this language writes them (1,190 vs 1,19).
      language: pageLanguage(model),
      exported_at: new Date().toISOString(),
      about: strings.record_file_contents,
      quizzes: answered,
    };
    const blob = new Blob([JSON.stringify(file, null, 2)], { type: "application/json" });
    const link = element("a");
    link.href = URL.createObjectURL(blob);
    // Letters and digits of any script are kept, accents included (NFC); other runs become
    // one "-": "Éloïse N'Diaye" gives "Éloïse-N-Diaye", as the grader names its feedback file.
    const safeName =
      learner
        .normalize("NFC")
        .replace(/[^\p{L}\p{N}_-]+/gu, "-")
        .replace(/-{2,}/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 80)
        .replace(/-+$/, "") || "learner";
    link.download = `${course}-answers-${safeName}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    announcer.textContent = strings.record_exported;
  });
  actions.append(exportButton);

  root.append(table, nameLabel, nameInput, contents, actions, announcer);
  refresh();
  window.addEventListener("storage", refresh);
  el.append(root);
  return () => {
    window.removeEventListener("storage", refresh);
    root.remove();
  };
}

export default { render };
