// The quiz's rules: how an answer is read and judged, and which inline Markdown bank text may use.
//
// The quiz module imports them (inlined by raicourse._widget.widget_module_source, as the
// shared helpers are). Python has the same rules for the trainer's grader and the readable
// fallback (raicourse.quiz.scoring, raicourse.quiz.widget.inline_tokens): one table of cases,
// tests/quiz/cases.yaml, runs through both (tests/quiz/run_rules.mjs under node), and any
// difference fails. Nothing here touches the DOM: node imports this file as it is.

// ---------------------------------------------------------------- inline Markdown

// `code`, $math$, **strong**, *em*, [text](url) and \-escapes; everything else is text.
const INLINE = /\\([\\`*_$[\]])|`([^`]+)`|\$([^$\n]+?)\$|\*\*(.+?)\*\*|\*([^*\s](?:[^*]*[^*\s])?)\*|\[([^\]]+)\]\(([^()\s]+)\)/;

/** A link target if it is http(s) or relative; null for any other scheme or a host switch. */
export function safeHref(url) {
  const href = url.trim();
  if (/[\u0000-\u001f\\]/.test(href)) return null;
  if (/^https?:\/\//i.test(href)) return href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("//")) return null;
  return href;
}

/**
 * Bank text as a list of tokens: a string is text; {code}, {math} hold text; {strong}, {em}
 * and {link, href} hold tokens. Adjacent text is one string. Nothing is ever HTML.
 */
export function inlineTokens(text) {
  const tokens = [];
  const pushText = (piece) => {
    if (!piece) return;
    if (typeof tokens[tokens.length - 1] === "string") tokens[tokens.length - 1] += piece;
    else tokens.push(piece);
  };
  let rest = String(text ?? "");
  while (rest) {
    const match = INLINE.exec(rest);
    if (!match) {
      pushText(rest);
      break;
    }
    pushText(rest.slice(0, match.index));
    const [whole, escaped, code, tex, strong, em, linkText, linkUrl] = match;
    if (escaped !== undefined) pushText(escaped);
    else if (code !== undefined) tokens.push({ code });
    else if (tex !== undefined) tokens.push({ math: tex });
    else if (strong !== undefined) tokens.push({ strong: inlineTokens(strong) });
    else if (em !== undefined) tokens.push({ em: inlineTokens(em) });
    else {
      const href = safeHref(linkUrl);
      if (href === null) pushText(whole);
      else tokens.push({ link: inlineTokens(linkText), href });
    }
    rest = rest.slice(match.index + whole.length);
  }
  return tokens;
}

// ---------------------------------------------------------------- reading answers

/** Lower case, no accents, punctuation and runs of spaces turned into one space. */
export function normaliseText(text) {
  return String(text)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// English groups thousands with commas in threes after a first group of 1-3 digits (not 0).
const ENGLISH_GROUPS = /^[1-9]\d{0,2}(,\d{3})+(\.\d*)?$/;

function count(text, mark) {
  return text.split(mark).length - 1;
}

/**
 * Read a typed number the way the page's language writes it; NaN when it is not one.
 * The rule (also in raicourse.quiz.scoring.parse_number and CONTRIBUTING.md):
 * spaces (also no-break and narrow no-break) are dropped, so they may group thousands in both
 * languages; the unit may follow; a sign (+, -, U+2212) and an exponent (1e-3) are allowed.
 * English ("en", and any language other than French): the dot is the decimal mark and commas
 * may group thousands (1,190 = 1190; 1,190.5). French ("fr"): the comma is the decimal mark
 * (0,25). Ambiguous input: a single mark that the language does not use as its decimal mark
 * and that does not group thousands the language's way is read as the decimal mark: English
 * 1,5 = 1.5 and 0,25 = 0.25; French 1.190 = 1.19 and 0.25 = 0.25 (French never groups with
 * dots). Anything else (two decimal marks, 1,19,0, both marks in French) is not a number.
 */
export function parseNumber(raw, unit, language) {
  let text = String(raw ?? "").replace(/[\s\u00a0\u2009\u202f]+/g, "");
  const compactUnit = String(unit || "").replace(/\s+/g, "");
  if (compactUnit && text.toLowerCase().endsWith(compactUnit.toLowerCase())) {
    text = text.slice(0, text.length - compactUnit.length);
  }
  const match = /^([+\-\u2212]?)([\d.,]+)(e[+-]?\d+)?$/i.exec(text);
  if (!match) return Number.NaN;
  const sign = match[1] === "\u2212" ? "-" : match[1];
  let digits = match[2];
  if (language === "fr") {
    if (digits.includes(".")) {
      if (digits.includes(",") || count(digits, ".") > 1) return Number.NaN;
      digits = digits.replace(".", ",");
    }
    digits = digits.replace(",", ".");
  } else if (digits.includes(",")) {
    if (ENGLISH_GROUPS.test(digits)) digits = digits.replaceAll(",", "");
    else if (!digits.includes(".") && count(digits, ",") === 1) digits = digits.replace(",", ".");
    else return Number.NaN;
  }
  if (!/^(\d+\.?\d*|\.\d+)$/.test(digits)) return Number.NaN;
  return Number(sign + digits + (match[3] || ""));
}

// ---------------------------------------------------------------- judging answers

/** True when the learner gave nothing: no choice, no ticked box, or only spaces. */
export function isEmpty(response) {
  if (response === null || response === undefined) return true;
  if (Array.isArray(response)) return response.length === 0;
  return String(response).trim() === "";
}

/**
 * Judge a response to a question (the question as the page holds it, choices keyed).
 *
 * @returns {{outcome: string, feedback: string[], missing: number, extra: number}}
 *   outcome: "correct", "incorrect", "unanswered", "invalid" (not an answer this question can
 *   take: a number that is not one, an unknown choice) or "to_mark" (a reflection);
 *   feedback: the bank's feedback for that answer; missing/extra: how many right choices a
 *   multiple-choice answer left out, and how many wrong ones it ticked.
 */
export function evaluate(question, response, language) {
  const verdict = (outcome, feedback = [], missing = 0, extra = 0) => ({ outcome, feedback, missing, extra });
  if (isEmpty(response)) return verdict("unanswered");
  const type = question.type;
  const choices = question.choices || [];
  if (type === "single") {
    const choice = choices.find((c) => c.key === response);
    if (!choice) return verdict("invalid");
    return verdict(choice.correct ? "correct" : "incorrect", choice.feedback ? [choice.feedback] : []);
  }
  if (type === "multiple") {
    if (!Array.isArray(response) || !response.every((key) => choices.some((c) => c.key === key))) return verdict("invalid");
    const ticked = new Set(response);
    const missing = choices.filter((c) => c.correct && !ticked.has(c.key)).length;
    const extra = choices.filter((c) => !c.correct && ticked.has(c.key)).length;
    const correct = missing === 0 && extra === 0;
    // Counts only when wrong: saying which choice is wrong would give the answer away.
    const feedback = correct ? choices.filter((c) => ticked.has(c.key) && c.feedback).map((c) => c.feedback) : [];
    return verdict(correct ? "correct" : "incorrect", feedback, missing, extra);
  }
  if (type === "truefalse") {
    if (response !== "true" && response !== "false") return verdict("invalid");
    const said = response === "true";
    const note = said ? question.feedback_true : question.feedback_false;
    return verdict(said === question.answer ? "correct" : "incorrect", note ? [note] : []);
  }
  if (typeof response !== "string" && typeof response !== "number") return verdict("invalid");
  if (type === "numeric") {
    const value = parseNumber(response, question.unit, language);
    if (Number.isNaN(value)) return verdict("invalid");
    // A hair of slack so that 0.1 + 0.2-style rounding never fails a right answer.
    const slack = (question.tolerance || 0) + 1e-9 * Math.max(1, Math.abs(question.answer));
    return verdict(Math.abs(value - question.answer) <= slack ? "correct" : "incorrect");
  }
  if (type === "text") {
    const given = normaliseText(response);
    return verdict(question.answers.some((answer) => normaliseText(answer) === given) ? "correct" : "incorrect");
  }
  return verdict("to_mark");
}
