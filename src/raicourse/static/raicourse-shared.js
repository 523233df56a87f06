// Helpers shared by the course's widget modules (quiz, progress, explorers).
//
// A widget module imports what it needs: `import { format, element } from "./raicourse-shared.js";`.
// Loaded as a file (hand-written pages, tests), the browser resolves that import next to the module.
// Live (anywidget) and inlined in the book's pages, a module cannot import anything: the
// course inlines this file in its place (raicourse._widget.widget_module_source), so each
// widget still runs as one self-contained module. Keep this file free of DOM work at import
// time and of imports of its own.

const SVG_NS = "http://www.w3.org/2000/svg";

/** Fill `{name}` fields of a catalogue message; unknown fields stay as they are. */
export function format(template, fields) {
  return String(template ?? "").replace(/\{(\w+)\}/g, (whole, name) => (name in fields ? String(fields[name]) : whole));
}

/** The widget's language: its `language` state, or the page's `<html lang>` when that is "auto". */
export function pageLanguage(model) {
  const language = model.get("language") || "en";
  if (language !== "auto") return language;
  return (document.documentElement.lang || "en").slice(0, 2).toLowerCase();
}

/** The widget's UI strings in its language (English when the catalogue lacks it). */
export function chooseStrings(model) {
  const catalogue = model.get("strings") || {};
  return catalogue[pageLanguage(model)] || catalogue.en || {};
}

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function svgElement(tag, attributes = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** The browser's localStorage, or null when it is blocked (private mode, sandboxed frame):
 * the widgets still work then, without saving. */
export function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
