// The what-if explorer: one decision of an interpretable model (a logistic regression),
// explained feature by feature.
//
// One ES module for every host (anywidget convention `export default { render }`): live,
// anywidget runs it and `values` syncs back to Python; in the static book raicourse-loader.js
// runs it against an in-page model built from the same JSON state.
// The model adds up points: the reference (average) applicant's `base_points`, plus, for each
// feature, coefficient × (value − reference). The logistic curve turns the total into a score;
// a score at or above `threshold` means approved. Python's raicourse.explore.whatif_figures
// computes the same numbers (the tests compare them).
// Every string comes from the catalogue in `strings` (locales/explore.yaml) and is set as
// text, never as HTML. Its one import (the shared helpers) is inlined by
// raicourse._widget.widget_module_source: anywidget cannot resolve relative imports.

import { chooseStrings, element, format, svgElement } from "./raicourse-shared.js";

const MINUS = "\u2212";

let instanceCounter = 0;

// ---------------------------------------------------------------- text and numbers

function numberFormatter(strings) {
  const defined = (value) => typeof value === "number" && Number.isFinite(value);
  // toFixed rounds half away from zero on the exact value; Python's fallback does the same.
  const fixed = (value, digits) => (defined(value) ? (value + 0).toFixed(digits).replace(".", strings.decimal_mark) : strings.not_defined);
  // Points carry their sign: "+0.84" pushes the score up, "−0.31" pushes it down.
  const points = (value) => {
    const text = fixed(Math.abs(value), 2);
    if (!defined(value) || text === fixed(0, 2)) return text;
    return `${value > 0 ? "+" : MINUS}${text}`;
  };
  return { fixed, points };
}

function logistic(points) {
  if (points >= 0) return 1 / (1 + Math.exp(-points));
  const small = Math.exp(points);
  return small / (1 + small);
}

// ---------------------------------------------------------------- charts

function addStripes(svg, id) {
  const defs = svgElement("defs");
  const pattern = svgElement("pattern", { id, width: 8, height: 8, patternUnits: "userSpaceOnUse" });
  pattern.append(
    svgElement("rect", { width: 8, height: 8, class: "rx-pattern-ground" }),
    svgElement("path", { d: "M-2,10 L10,-2 M-2,2 L2,-2 M6,10 L10,6", class: "rx-pattern-ink" }),
  );
  defs.append(pattern);
  svg.append(defs);
}

const WIDTH = 360;

function buildScoreChart(strings, number, threshold) {
  const svg = svgElement("svg", { viewBox: `0 0 ${WIDTH} 46`, role: "img", class: "rx-chart", focusable: "false" });
  const left = 8;
  const span = WIDTH - 2 * left;
  const track = svgElement("rect", { x: left, y: 4, width: span, height: 18, class: "rx-track" });
  const bar = svgElement("rect", { x: left, y: 4, width: 0, height: 18, class: "rx-bar rx-bar-0" });
  const x = left + threshold * span;
  const mark = svgElement("line", { x1: x, x2: x, y1: 0, y2: 26, class: "rx-true-line" });
  const markLabel = svgElement("text", { x, y: 42, "text-anchor": "middle", class: "rx-chart-label" });
  markLabel.textContent = format(strings.whatif_threshold_marker, { threshold: number.fixed(threshold, 2) });
  const zero = svgElement("text", { x: left, y: 42, class: "rx-chart-label" });
  zero.textContent = number.fixed(0, 0);
  const one = svgElement("text", { x: left + span, y: 42, "text-anchor": "end", class: "rx-chart-label" });
  one.textContent = number.fixed(1, 0);
  svg.append(track, bar, mark, markLabel, zero, one);
  return { svg, bar, span };
}

function buildPointsChart(features, strings, prefix) {
  const labelHeight = 20;
  const barHeight = 16;
  const valueHeight = 20;
  const gap = 10;
  const rowHeight = labelHeight + barHeight + valueHeight + gap;
  const svg = svgElement("svg", {
    viewBox: `0 0 ${WIDTH} ${rowHeight * features.length}`,
    role: "img",
    "aria-label": strings.whatif_points_chart_label,
    class: "rx-chart",
    focusable: "false",
  });
  const stripes = `${prefix}-stripes`;
  addStripes(svg, stripes);
  const centre = WIDTH / 2;
  const half = WIDTH / 2 - 4;
  const rows = {};
  features.forEach((feature, index) => {
    const top = index * rowHeight;
    const label = svgElement("text", { x: 0, y: top + 15, class: "rx-chart-heading" });
    const track = svgElement("rect", { x: centre - half, y: top + labelHeight, width: 2 * half, height: barHeight, class: "rx-track" });
    const bar = svgElement("rect", { x: centre, y: top + labelHeight, width: 0, height: barHeight, class: "rx-bar" });
    const axis = svgElement("line", { x1: centre, x2: centre, y1: top + labelHeight - 3, y2: top + labelHeight + barHeight + 3, class: "rx-axis" });
    const value = svgElement("text", { x: 0, y: top + labelHeight + barHeight + 15, class: "rx-chart-value" });
    svg.append(label, track, bar, axis, value);
    rows[feature.name] = { label, bar, value, centre, half };
  });
  return { svg, rows, stripes };
}

// ---------------------------------------------------------------- widget

function render({ model, el }) {
  instanceCounter += 1;
  const prefix = `rx-whatif-${instanceCounter}`;
  const strings = chooseStrings(model);
  const number = numberFormatter(strings);
  const features = model.get("features") || [];
  const threshold = Number(model.get("threshold") ?? 0.5);
  const basePoints = Number(model.get("base_points") || 0);
  const scale = Number(model.get("scale")) > 0 ? Number(model.get("scale")) : 1;
  const start = {};
  for (const feature of features) start[feature.name] = feature.value;

  const root = element("div", "raicourse-explore rx-whatif");
  root.setAttribute("role", "group");
  const title = element("p", "rx-title", model.get("title") || strings.whatif_title);
  title.id = `${prefix}-title`;
  root.setAttribute("aria-labelledby", title.id);
  root.append(title, element("p", "rx-intro", format(strings.whatif_intro, { threshold: number.fixed(threshold, 2) })));

  // ---- controls: one keyboard slider per feature (its position is an index on the feature's grid)
  const controls = element("div", "rx-controls");
  controls.setAttribute("role", "group");
  controls.setAttribute("aria-label", strings.whatif_controls_label);
  const positions = (feature) => Math.max(0, Math.round((feature.max - feature.min) / feature.step));
  const valueAt = (feature, index) => Number((feature.min + index * feature.step).toFixed(feature.decimals));
  const indexOf = (feature, value) => Math.min(positions(feature), Math.max(0, Math.round((value - feature.min) / feature.step)));

  const sliders = {};
  features.forEach((feature, index) => {
    const wrapper = element("div", "rx-slider");
    const input = element("input");
    input.type = "range";
    input.id = `${prefix}-feature-${index}`;
    input.min = "0";
    input.max = String(positions(feature));
    input.step = "1";
    const label = element("label", "", feature.label);
    label.htmlFor = input.id;
    const output = element("output", "rx-value");
    output.htmlFor = input.id;
    // The slider announces its own value (aria-valuetext); the output is for the eyes.
    output.setAttribute("aria-hidden", "true");
    const row = element("div", "rx-slider-row");
    row.append(input, output);
    wrapper.append(label, row);
    controls.append(wrapper);
    sliders[feature.name] = { input, output };
  });
  const reset = element("button", "rx-reset", strings.whatif_reset);
  reset.type = "button";
  // The shared stylesheet has no button style: take the explorable's own colours, so that
  // the button reads well in both themes, and make it big enough to hit on a phone.
  Object.assign(reset.style, {
    color: "var(--rx-fg)",
    background: "var(--rx-bg)",
    border: "1px solid var(--rx-border)",
    borderRadius: "0.3rem",
    padding: "0.3rem 0.8rem",
    minHeight: "2rem",
    marginTop: "0.4rem",
    font: "inherit",
    cursor: "pointer",
  });
  controls.append(reset);
  root.append(controls);

  // ---- the decision in words, read out when it changes
  const summary = element("p", "rx-summary");
  summary.setAttribute("role", "status");
  summary.setAttribute("aria-live", "polite");
  summary.id = `${prefix}-summary`;
  root.append(summary);

  // ---- score bar
  const scoreText = element("p", "rx-score-text");
  const scoreChart = buildScoreChart(strings, number, threshold);
  const scoreFigure = element("div", "rx-figure");
  scoreFigure.append(scoreChart.svg);
  root.append(scoreText, scoreFigure);

  // ---- points per feature
  root.append(element("p", "rx-subheading", strings.whatif_points_heading));
  root.append(element("p", "rx-intro", format(strings.whatif_points_intro, { base: number.points(basePoints) })));
  const pointsChart = buildPointsChart(features, strings, prefix);
  const pointsFigure = element("div", "rx-figure");
  pointsFigure.append(pointsChart.svg);
  root.append(pointsFigure);
  const total = element("p", "rx-total");
  root.append(total);

  // ---- the same figures as a table (what a screen reader can walk through)
  const tableWrap = element("div", "rx-table-wrap");
  tableWrap.tabIndex = 0;
  tableWrap.setAttribute("role", "region");
  tableWrap.setAttribute("aria-label", strings.whatif_table_caption);
  const table = element("table", "rx-table");
  table.append(element("caption", "", strings.whatif_table_caption));
  const head = element("thead");
  const headRow = element("tr");
  for (const key of ["whatif_feature_header", "whatif_value_header", "whatif_points_header"]) {
    const cell = element("th", "", strings[key]);
    cell.scope = "col";
    headRow.append(cell);
  }
  head.append(headRow);
  const body = element("tbody");
  const cells = {};
  for (const feature of features) {
    const tr = element("tr");
    const header = element("th", "", feature.label);
    header.scope = "row";
    const valueCell = element("td");
    const pointsCell = element("td");
    tr.append(header, valueCell, pointsCell);
    body.append(tr);
    cells[feature.name] = { valueCell, pointsCell };
  }
  table.append(head, body);
  tableWrap.append(table);
  root.append(tableWrap);
  root.append(element("p", "rx-intro", strings.whatif_note));

  // ---------------------------------------------------------------- state and updates

  let values = {};

  function readModel() {
    const fromModel = model.get("values") || {};
    values = {};
    for (const feature of features) {
      const wanted = Number.isFinite(fromModel[feature.name]) ? fromModel[feature.name] : feature.value;
      values[feature.name] = valueAt(feature, indexOf(feature, wanted));
    }
  }

  function figures() {
    const contributions = {};
    let points = basePoints;
    for (const feature of features) {
      contributions[feature.name] = feature.coefficient * (values[feature.name] - feature.reference);
      points += contributions[feature.name];
    }
    const score = logistic(points);
    return { contributions, points, score, approved: score >= threshold };
  }

  function summaryText(current) {
    const pairs = features.map((feature) => format(strings.whatif_value_pair, {
      feature: feature.label,
      value: number.fixed(values[feature.name], feature.decimals),
    }));
    const listed = pairs.length === 1 ? pairs[0] : format(strings.whatif_list, {
      first: pairs.slice(0, -1).join(strings.list_separator),
      last: pairs[pairs.length - 1],
    });
    return format(strings.whatif_summary, {
      values: listed,
      score: number.fixed(current.score, 2),
      decision: current.approved ? strings.whatif_approved : strings.whatif_refused,
    });
  }

  function pointsLabel(points) {
    const text = number.points(points);
    const key = text === number.fixed(0, 2) ? "whatif_points_none" : points > 0 ? "whatif_points_up" : "whatif_points_down";
    return format(strings[key], { points: text });
  }

  function updateView() {
    const current = figures();
    for (const feature of features) {
      const value = values[feature.name];
      const slider = sliders[feature.name];
      const text = number.fixed(value, feature.decimals);
      slider.input.value = String(indexOf(feature, value));
      slider.output.textContent = text;
      slider.input.setAttribute("aria-valuetext", format(strings.whatif_valuetext, { value: text }));

      const points = current.contributions[feature.name];
      const row = pointsChart.rows[feature.name];
      const length = Math.min(1, Math.abs(points) / scale) * row.half;
      row.bar.setAttribute("x", String(points >= 0 ? row.centre : row.centre - length));
      row.bar.setAttribute("width", String(length));
      // Up: solid, first colour. Down: striped, second colour. The text says it too.
      row.bar.setAttribute("class", `rx-bar ${points >= 0 ? "rx-bar-0" : "rx-bar-1"}`);
      row.bar.style.fill = points >= 0 ? "" : `url(#${pointsChart.stripes})`;
      row.label.textContent = format(strings.whatif_value_pair, { feature: feature.label, value: text });
      row.value.textContent = pointsLabel(points);
      cells[feature.name].valueCell.textContent = text;
      cells[feature.name].pointsCell.textContent = number.points(points);
    }
    const decision = current.approved ? strings.whatif_approved : strings.whatif_refused;
    const scoreFields = { score: number.fixed(current.score, 2), decision, threshold: number.fixed(threshold, 2) };
    scoreText.textContent = format(strings.whatif_score_text, scoreFields);
    scoreChart.bar.setAttribute("width", String(current.score * scoreChart.span));
    scoreChart.svg.setAttribute("aria-label", format(strings.whatif_score_chart_label, scoreFields));
    total.textContent = format(strings.whatif_total, {
      base: number.points(basePoints),
      parts: features.map((feature) => number.points(current.contributions[feature.name])).join(" "),
      points: number.points(current.points),
      score: number.fixed(current.score, 2),
    });
    const text = summaryText(current);
    // Rewriting identical text would make some screen readers repeat it.
    if (summary.textContent !== text) summary.textContent = text;
  }

  // Our own writes to the model echo back as change events: ignore them while writing.
  let writing = false;

  function commit() {
    writing = true;
    try {
      model.set("values", { ...values });
      model.save_changes();
    } finally {
      writing = false;
    }
    updateView();
  }

  for (const feature of features) {
    sliders[feature.name].input.addEventListener("input", () => {
      values[feature.name] = valueAt(feature, Number(sliders[feature.name].input.value));
      commit();
    });
  }
  reset.addEventListener("click", () => {
    for (const feature of features) values[feature.name] = valueAt(feature, indexOf(feature, start[feature.name]));
    commit();
  });

  // Python may set `explorer.values` live: follow it.
  const onModelChange = () => {
    if (writing) return;
    readModel();
    updateView();
  };
  model.on("change:values", onModelChange);

  readModel();
  updateView();
  el.append(root);
  return () => {
    model.off("change:values", onModelChange);
    root.remove();
  };
}

export default { render };
