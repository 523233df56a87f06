// Brings the course's widgets to life in the static book, with no kernel and no network.
// This module only defines `mountAll`. The book inlines it, with the page's widget modules,
// in one inline module per page (see raicourse.sphinxext: no request to make before a quiz
// can start); raicourse-loader.js imports it as a file for hand-written pages.
//
// Each `.raicourse-widget` container holds the widget's JSON state and names its front-end
// module (`data-raicourse-module`). The loader builds a tiny model with the anywidget API
// ({get, set, on, off, save_changes, send}) and calls the module's `render({model, el})`:
// the SAME module runs live in Jupyter as an anywidget. Every URL is resolved next to this
// file (or, inlined, next to where the book keeps it), so nothing comes from another host.

// A module or stylesheet name, never a path: the page cannot be made to load other files.
const FILE_NAME = /^[a-z0-9][a-z0-9-]*\.(js|css)$/;
const MATH_CLASS = "raicourse-math";

// The folder of the course's static files: this file's URL, or the one `mountAll` is given
// when the book has inlined this module in a page.
let staticBase = import.meta.url;

function createModel(initialState) {
  const state = { ...initialState };
  const listeners = new Map();
  const emit = (event, ...args) => {
    for (const callback of listeners.get(event) || []) callback(...args);
  };
  return {
    get: (name) => state[name],
    set(name, value) {
      state[name] = value;
      emit(`change:${name}`, value);
      emit("change", name, value);
    },
    on(event, callback) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(callback);
    },
    off(event, callback) {
      if (!event) listeners.clear();
      else if (!callback) listeners.delete(event);
      else listeners.get(event)?.delete(callback);
    },
    // There is no kernel to sync with in the static book.
    save_changes() {},
    send() {},
  };
}

const stylesheets = new Map();

function loadStylesheet(name) {
  // The book puts each widget's stylesheet in the page head (inlined, marked with its
  // name): nothing to add then.
  const linked =
    [...document.querySelectorAll("style[data-raicourse-css]")].some((style) => style.dataset.raicourseCss === name) ||
    [...document.querySelectorAll('link[rel="stylesheet"]')].some(
      (link) => new URL(link.href).pathname.split("/").pop() === name,
    );
  if (linked) return null;
  if (!stylesheets.has(name)) {
    stylesheets.set(
      name,
      new Promise((resolve) => {
        const link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = new URL(name, staticBase).href;
        // A missing stylesheet must not keep the widget from working.
        link.addEventListener("load", resolve);
        link.addEventListener("error", resolve);
        document.head.append(link);
      }),
    );
  }
  return stylesheets.get(name);
}

let mathJaxReady = null;

// Sphinx adds MathJax only to pages whose source has math; a quiz may bring math to a page
// without it, so load the book's self-hosted copy then.
function ensureMathJax() {
  if (!mathJaxReady) {
    mathJaxReady = new Promise((resolve, reject) => {
      const whenStarted = () => {
        if (window.MathJax?.startup?.promise) {
          window.MathJax.startup.promise.then(() => resolve(window.MathJax), reject);
          return true;
        }
        return false;
      };
      if (whenStarted()) return;
      const existing = document.querySelector('script[src*="mathjax"]');
      const listen = (script) => {
        script.addEventListener("load", () => whenStarted() || reject(new Error("MathJax did not start")));
        script.addEventListener("error", () => reject(new Error("MathJax could not be loaded")));
      };
      if (existing) {
        listen(existing);
        return;
      }
      // Math is an enhancement (it reads as $...$ meanwhile): load MathJax only after the
      // page's load event, so that it never delays the page or the quiz.
      const inject = () => {
        const script = document.createElement("script");
        script.src = new URL("vendor/mathjax/tex-mml-chtml.js", staticBase).href;
        script.async = true;
        listen(script);
        document.head.append(script);
      };
      if (document.readyState === "complete") inject();
      else window.addEventListener("load", inject, { once: true });
    });
  }
  return mathJaxReady;
}

// Modules mark math as <span class="raicourse-math" data-tex="...">$...$</span>, readable
// as text where nothing typesets it; here it becomes \(...\) and MathJax typesets it.
// The book renders the widgets' math to MathML at build time (raicourse.phone), in a JSON
// map from TeX to MathML: browsers show MathML natively and screen readers read it.
let builtMathML = null;
function mathMLFor(tex) {
  if (builtMathML === null) {
    const map = document.getElementById("raicourse-mathml");
    builtMathML = map ? JSON.parse(map.textContent) : {};
  }
  return Object.hasOwn(builtMathML, tex) ? builtMathML[tex] : null;
}

function typesetMath(root) {
  let pending = [...root.querySelectorAll(`.${MATH_CLASS}:not([data-raicourse-typeset])`)];
  for (const span of pending) {
    const mathml = mathMLFor(span.dataset.tex ?? "");
    if (mathml !== null) {
      span.innerHTML = mathml;
      span.dataset.raicourseTypeset = "1";
    }
  }
  pending = pending.filter((span) => !span.dataset.raicourseTypeset);
  if (pending.length === 0) return;
  for (const span of pending) {
    span.textContent = `\\(${span.dataset.tex ?? ""}\\)`;
    span.dataset.raicourseTypeset = "1";
  }
  ensureMathJax()
    .then((MathJax) => MathJax.typesetPromise(pending))
    .catch((error) => console.warn("raicourse: math left as text:", error.message));
}

function watchMath(root) {
  let scheduled = false;
  typesetMath(root);
  new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      typesetMath(root);
    });
  }).observe(root, { childList: true, subtree: true });
}

async function mount(container, imported) {
  if (container.dataset.raicourseMounted) return;
  container.dataset.raicourseMounted = "1";
  const moduleName = container.dataset.raicourseModule || "";
  if (!FILE_NAME.test(moduleName)) throw new Error(`not a course module: ${moduleName}`);
  const stateElement = container.querySelector(":scope > script.raicourse-state");
  const model = createModel(JSON.parse(stateElement.textContent));
  const cssName = container.dataset.raicourseCss;
  const stylesheet = cssName && FILE_NAME.test(cssName) ? loadStylesheet(cssName) : null;
  // A module the page imported already renders at once, before DOMContentLoaded; others
  // are fetched next to this file.
  const module = imported[moduleName] ?? (await import(new URL(moduleName, staticBase).href));
  if (stylesheet) await stylesheet;
  const widget = module.default ?? module;
  const element = document.createElement("div");
  container.append(element);
  if (typeof widget.initialize === "function") await widget.initialize({ model });
  await widget.render({ model, el: element });
  // The readable fallback goes only once the widget is up.
  container.querySelector(":scope > .raicourse-fallback")?.remove();
  watchMath(element);
}

/**
 * Start every course widget of the page.
 *
 * @param {Object<string, object>} imported - widget modules the page has already,
 *   by file name (e.g. {"raicourse-quiz.js": module}); any other is imported on demand.
 * @param {string} [base] - URL of a file in the folder of the course's static files, when
 *   this module runs inlined in a page (default: this module's own URL).
 */
export function mountAll(imported = {}, base = undefined) {
  if (base) staticBase = base;
  for (const container of document.querySelectorAll(".raicourse-widget")) {
    // One broken widget must not stop the others; its readable fallback stays in place.
    mount(container, imported).catch((error) => console.error("raicourse: widget failed to start:", error));
  }
}
