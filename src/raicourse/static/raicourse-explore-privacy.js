// The privacy explorer: a count published with the Laplace mechanism; epsilon vs accuracy vs risk.
//
// One ES module for every host (anywidget convention `export default { render }`): live,
// anywidget runs it and `epsilon` syncs back to Python; in the static book raicourse-loader.js
// runs it against an in-page model built from the same JSON state. Python precomputed, for
// each epsilon of the grid, a seeded set of published answers; this module draws the set of
// the chosen epsilon as a histogram and states the typical error and the risk bound.
// Every string comes from the catalogue in `strings` (locales/explore.yaml), set as text.
// Its one import (the shared helpers) is inlined by raicourse._widget.widget_module_source:
// anywidget cannot resolve relative imports.

import { chooseStrings, element, format, svgElement } from "./raicourse-shared.js";

const BINS = 40;
// For Laplace noise of scale b, P(|noise| > b·ln 20) = 1/20: 95% of answers are within it.
const INTERVAL_95_FACTOR = Math.log(20);

let instanceCounter = 0;

// ---------------------------------------------------------------- text and numbers

// The same formats as raicourse.explore._common (the Python fallback).
function numberFormatter(strings) {
  const mark = (text) => text.replace(".", strings.decimal_mark);
  const fixed = (value, digits) => mark((value + 0).toFixed(digits));
  return {
    fixed,
    significant: (value) => mark(String(Number(value.toPrecision(3)))),
    factor: (value) => fixed(value, value < 10 ? 2 : 0),
    percent: (rate) => format(strings.percent, { value: fixed(100 * rate, 0) }),
  };
}

function nearestIndex(values, value) {
  // The grid is log-spaced: compare on a log scale.
  let best = 0;
  for (let index = 1; index < values.length; index += 1) {
    if (Math.abs(Math.log(values[index] / value)) < Math.abs(Math.log(values[best] / value))) best = index;
  }
  return best;
}

// ---------------------------------------------------------------- figures

function histogram(answers, low, high) {
  const counts = new Array(BINS).fill(0);
  let outside = 0;
  const width = (high - low) / BINS;
  for (const answer of answers) {
    if (answer < low || answer > high) {
      outside += 1;
    } else {
      counts[Math.min(BINS - 1, Math.floor((answer - low) / width))] += 1;
    }
  }
  return { counts, outside };
}

function meanAbsoluteError(answers, truth) {
  return answers.reduce((total, answer) => total + Math.abs(answer - truth), 0) / Math.max(1, answers.length);
}

// ---------------------------------------------------------------- widget

function render({ model, el }) {
  instanceCounter += 1;
  const prefix = `rx-privacy-${instanceCounter}`;
  const strings = chooseStrings(model);
  const number = numberFormatter(strings);
  const epsilons = model.get("epsilons") || [];
  const truth = Number(model.get("true_count"));
  const sensitivity = Number(model.get("sensitivity")) || 1;
  // The same standard Laplace draws, scaled for each epsilon (published_answers() in Python).
  const noise = model.get("noise") || [];
  const allAnswers = epsilons.map((epsilon) => noise.map((draw) => truth + (sensitivity / epsilon) * draw));
  const halfWidth = Number(model.get("chart_half_width")) || 20 * sensitivity;
  const low = truth - halfWidth;
  const high = truth + halfWidth;
  const draws = allAnswers.length ? allAnswers[0].length : 0;
  // One vertical scale for every epsilon, so that bar heights compare across the slider.
  const tallest = Math.max(1, ...allAnswers.map((answers) => Math.max(...histogram(answers, low, high).counts)));

  const root = element("div", "raicourse-explore rx-privacy");
  root.setAttribute("role", "group");
  const title = element("p", "rx-title", model.get("title") || strings.privacy_title);
  title.id = `${prefix}-title`;
  root.setAttribute("aria-labelledby", title.id);
  const trueText = number.fixed(truth, 0);
  root.append(
    title,
    element("p", "rx-query", model.get("query") || strings.privacy_query_default),
    element("p", "rx-intro", format(strings.privacy_intro, { true_count: trueText, draws })),
  );

  // ---- the epsilon slider (log scale: it moves along the grid's positions)
  const controls = element("div", "rx-controls");
  const wrapper = element("div", "rx-slider");
  const input = element("input");
  input.type = "range";
  input.id = `${prefix}-epsilon`;
  input.min = "0";
  input.max = String(Math.max(0, epsilons.length - 1));
  input.step = "1";
  const label = element("label", "", strings.epsilon_label);
  label.htmlFor = input.id;
  const output = element("output", "rx-value");
  output.htmlFor = input.id;
  output.setAttribute("aria-hidden", "true");
  const row = element("div", "rx-slider-row");
  row.append(input, output);
  wrapper.append(label, row);
  controls.append(wrapper);
  root.append(controls);

  // ---- text summary, read out when it changes
  const summary = element("p", "rx-summary");
  summary.setAttribute("role", "status");
  summary.setAttribute("aria-live", "polite");
  root.append(summary);

  // ---- histogram
  const width = 360;
  const plotHeight = 150;
  const axisHeight = 40;
  const barWidth = width / BINS;
  const chartLabel = format(strings.privacy_chart_label, {
    draws,
    true_count: trueText,
    low: number.fixed(low, 0),
    high: number.fixed(high, 0),
  });
  const svg = svgElement("svg", { viewBox: `0 0 ${width} ${plotHeight + axisHeight}`, role: "img", "aria-label": chartLabel, class: "rx-chart", focusable: "false" });
  svg.append(svgElement("line", { x1: 0, y1: plotHeight, x2: width, y2: plotHeight, class: "rx-axis" }));
  const bars = [];
  for (let index = 0; index < BINS; index += 1) {
    const bar = svgElement("rect", { x: index * barWidth + 0.5, y: plotHeight, width: barWidth - 1, height: 0, class: "rx-bar rx-bar-0" });
    bars.push(bar);
    svg.append(bar);
  }
  // The true answer: a dashed line and its written value (not colour alone).
  const trueX = width / 2;
  svg.append(svgElement("line", { x1: trueX, y1: 0, x2: trueX, y2: plotHeight, class: "rx-true-line" }));
  const ticks = [
    [0, "start", number.fixed(low, 0)],
    [trueX, "middle", format(strings.privacy_true_marker, { true_count: trueText })],
    [width, "end", number.fixed(high, 0)],
  ];
  for (const [x, anchor, text] of ticks) {
    const tick = svgElement("text", { x, y: plotHeight + 18, "text-anchor": anchor, class: "rx-chart-label" });
    tick.textContent = text;
    svg.append(tick);
  }
  const figure = element("div", "rx-figure");
  figure.append(svg);
  const outsideNote = element("p", "rx-outside");
  root.append(figure, outsideNote);

  // ---- figures
  const list = element("dl", "rx-gaps rx-privacy-figures");
  const values = {};
  for (const key of ["epsilon", "scale", "error", "observed", "interval", "factor"]) {
    const value = element("dd", "rx-gap-value");
    value.dataset.figure = key;
    values[key] = value;
    list.append(element("dt", "", strings[`privacy_figure_${key}`]), value);
  }
  root.append(list);
  const risk = element("p", "rx-risk");
  root.append(risk);

  // ---------------------------------------------------------------- updates

  let index = nearestIndex(epsilons, Number(model.get("epsilon")) || 1);

  function updateView() {
    const epsilon = epsilons[index];
    const answers = allAnswers[index] || [];
    const scale = sensitivity / epsilon;
    const fields = {
      epsilon: number.significant(epsilon),
      scale: number.significant(scale),
      error: number.significant(scale),
      interval: number.significant(scale * INTERVAL_95_FACTOR),
      true_count: trueText,
      factor: number.factor(Math.exp(epsilon)),
      posterior: number.percent(1 / (1 + Math.exp(-epsilon))),
    };
    input.value = String(index);
    output.textContent = `ε = ${fields.epsilon}`;
    input.setAttribute("aria-valuetext", format(strings.epsilon_valuetext, { epsilon: fields.epsilon }));

    const { counts, outside } = histogram(answers, low, high);
    counts.forEach((count, bin) => {
      const height = (count / tallest) * (plotHeight - 6);
      bars[bin].setAttribute("y", String(plotHeight - height));
      bars[bin].setAttribute("height", String(height));
    });
    outsideNote.textContent = outside ? format(strings.privacy_outside, { count: outside, draws }) : "";
    outsideNote.hidden = outside === 0;

    values.epsilon.textContent = fields.epsilon;
    values.scale.textContent = fields.scale;
    values.error.textContent = format(strings.privacy_plus_minus, { value: fields.error });
    values.observed.textContent = format(strings.privacy_plus_minus, { value: number.significant(meanAbsoluteError(answers, truth)) });
    values.interval.textContent = format(strings.privacy_plus_minus, { value: fields.interval });
    values.factor.textContent = format(strings.privacy_factor_value, { factor: fields.factor });
    risk.textContent = format(strings.privacy_risk, fields);
    const text = format(strings.privacy_summary, fields);
    if (summary.textContent !== text) summary.textContent = text;
  }

  let writing = false;
  input.addEventListener("input", () => {
    index = Number(input.value);
    writing = true;
    try {
      model.set("epsilon", epsilons[index]);
      model.save_changes();
    } finally {
      writing = false;
    }
    updateView();
  });

  // Python may set `explorer.epsilon` live: follow it.
  const onModelChange = () => {
    if (writing) return;
    index = nearestIndex(epsilons, Number(model.get("epsilon")) || 1);
    updateView();
  };
  model.on("change:epsilon", onModelChange);

  updateView();
  el.append(root);
  return () => {
    model.off("change:epsilon", onModelChange);
    root.remove();
  };
}

export default { render };
