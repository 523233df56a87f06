// Runs the cases of tests/quiz/cases.yaml through the quiz's rules as they ship in the pages.
//
// Usage: node run_rules.mjs RULES_MODULE WIDGET_MODULE REQUEST.json
//   RULES_MODULE: raicourse-quiz-rules.js, byte for byte (test_rules_table.py copies it as .mjs,
//     so that every node version reads it as an ES module);
//   WIDGET_MODULE: raicourse-quiz.js as anywidget and the book run it (shared helpers and rules
//     inlined by raicourse._widget.widget_module_source); imported to show that it loads
//     without a DOM and exports `render`;
//   REQUEST.json: {numbers: [...], text: [...], inline: [...], questions: [{question, response, language}]}.
// Prints the results as JSON, in the order of the request. A number that is NaN prints as null.

import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [rulesPath, widgetPath, requestPath] = process.argv.slice(2);
const rules = await import(pathToFileURL(rulesPath).href);
const widget = await import(pathToFileURL(widgetPath).href);
const request = JSON.parse(readFileSync(requestPath, "utf-8"));

const number = (value) => (Number.isNaN(value) ? null : Number.isFinite(value) ? value : String(value));

const results = {
  widget_exports: Object.keys(widget).sort(),
  widget_renders: typeof widget.default?.render === "function",
  numbers: request.numbers.map((c) => number(rules.parseNumber(c.text, c.unit, c.language))),
  text: request.text.map((c) => rules.normaliseText(c.text)),
  inline: request.inline.map((c) => rules.inlineTokens(c.text)),
  questions: request.questions.map((c) => rules.evaluate(c.question, c.response, c.language)),
};
process.stdout.write(JSON.stringify(results));
