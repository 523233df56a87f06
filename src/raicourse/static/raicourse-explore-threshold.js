// The threshold explorer: one decision threshold per group vs accuracy and fairness gaps.
//
// One ES module for every host (anywidget convention `export default { render }`): live,
// anywidget runs it and `thresholds` / `same_threshold` sync back to Python; in the static
// book raicourse-loader.js runs it against an in-page model built from the same JSON state.
// Python precomputed the confusion counts (TP, FP, TN, FN) of each group at each threshold
// of `grid`; this module only looks them up and turns them into rates.
// Every string comes from the catalogue in `strings` (locales/explore.yaml) and is set as
// text, never as HTML. Its one import (the shared helpers) is inlined by
// raicourse._widget.widget_module_source: anywidget cannot resolve relative imports.

import { chooseStrings, element, format, svgElement } from "./raicourse-shared.js";

const METRICS = ["accuracy", "selection_rate", "tpr", "fpr", "ppv"];
// Bars of different groups differ by pattern as well as colour (colour is never the only signal).
const PATTERNS = ["solid", "stripes", "dots", "cross", "solid", "stripes"];
// Below this demographic-parity difference, both rates print the same: say they are equal.
const EQUAL_RATES = 0.005;

let instanceCounter = 0;

// ---------------------------------------------------------------- text and numbers

function numberFormatter(strings) {
  const defined = (value) => typeof value === "number" && Number.isFinite(value);
  // toFixed rounds half away from zero on the exact value; Python's fallback does the same.
  const fixed = (value, digits) => (defined(value) ? (value + 0).toFixed(digits).replace(".", strings.decimal_mark) : strings.not_defined);
  const percent = (rate) => (defined(rate) ? format(strings.percent, { value: fixed(100 * rate, 0) }) : strings.not_defined);
  return { fixed, percent };
}

// ---------------------------------------------------------------- figures

function rate(numerator, denominator) {
  return denominator > 0 ? numerator / denominator : Number.NaN;
}

function groupFigures(tp, fp, tn, fn) {
  return {
    people: tp + fp + tn + fn,
    accuracy: rate(tp + tn, tp + fp + tn + fn),
    selection_rate: rate(tp + fp, tp + fp + tn + fn),
    tpr: rate(tp, tp + fn),
    fpr: rate(fp, fp + tn),
    ppv: rate(tp, tp + fp),
  };
}

function spread(values) {
  const defined = values.filter((value) => Number.isFinite(value));
  return defined.length ? Math.max(...defined) - Math.min(...defined) : Number.NaN;
}

function nearestIndex(grid, value) {
  let best = 0;
  for (let index = 1; index < grid.length; index += 1) {
    if (Math.abs(grid[index] - value) < Math.abs(grid[best] - value)) best = index;
  }
  return best;
}

// ---------------------------------------------------------------- chart

function addPatterns(svg, prefix) {
  const defs = svgElement("defs");
  const make = (name, draw) => {
    const pattern = svgElement("pattern", { id: `${prefix}-${name}`, width: 8, height: 8, patternUnits: "userSpaceOnUse" });
    pattern.append(svgElement("rect", { width: 8, height: 8, class: "rx-pattern-ground" }), ...draw());
    defs.append(pattern);
  };
  make("stripes", () => [svgElement("path", { d: "M-2,10 L10,-2 M-2,2 L2,-2 M6,10 L10,6", class: "rx-pattern-ink" })]);
  make("dots", () => [svgElement("circle", { cx: 4, cy: 4, r: 2, class: "rx-pattern-dot" })]);
  make("cross", () => [svgElement("path", { d: "M0,4 H8 M4,0 V8", class: "rx-pattern-ink" })]);
  svg.append(defs);
}

function barFill(prefix, groupIndex) {
  const pattern = PATTERNS[groupIndex % PATTERNS.length];
  return pattern === "solid" ? null : `url(#${prefix}-${pattern})`;
}

function buildChart(names, strings, prefix) {
  const width = 360;
  const nameWidth = Math.min(150, 12 + 8.5 * Math.max(...names.map((name) => name.length)));
  const valueWidth = 52;
  const barArea = width - nameWidth - valueWidth - 12;
  const barHeight = 16;
  const rowGap = 4;
  const headingHeight = 22;
  const blockHeight = headingHeight + names.length * (barHeight + rowGap) + 8;
  const svg = svgElement("svg", {
    viewBox: `0 0 ${width} ${blockHeight * METRICS.length}`,
    role: "img",
    "aria-label": strings.chart_label,
    class: "rx-chart",
    focusable: "false",
  });
  addPatterns(svg, prefix);
  const bars = {};
  METRICS.forEach((metric, metricIndex) => {
    const top = metricIndex * blockHeight;
    const heading = svgElement("text", { x: 0, y: top + 16, class: "rx-chart-heading" });
    heading.textContent = strings[`metric_${metric}`];
    svg.append(heading);
    names.forEach((name, groupIndex) => {
      const y = top + headingHeight + groupIndex * (barHeight + rowGap);
      const label = svgElement("text", { x: nameWidth - 6, y: y + barHeight - 4, "text-anchor": "end", class: "rx-chart-label" });
      label.textContent = name;
      // The bar's frame shows the full scale (0 to 100%), so a short bar still reads as short.
      const track = svgElement("rect", { x: nameWidth, y, width: barArea, height: barHeight, class: "rx-track" });
      const bar = svgElement("rect", { x: nameWidth, y, width: 0, height: barHeight, class: `rx-bar rx-bar-${groupIndex % PATTERNS.length}` });
      const fill = barFill(prefix, groupIndex);
      if (fill) bar.style.fill = fill; // inline: wins over the class colour
      const value = svgElement("text", { x: nameWidth + barArea + 6, y: y + barHeight - 4, class: "rx-chart-value" });
      svg.append(label, track, bar, value);
      bars[`${metric}:${name}`] = { bar, value, barArea };
    });
  });
  return { svg, bars };
}

function swatch(prefix, groupIndex) {
  const svg = svgElement("svg", { viewBox: "0 0 16 16", width: 16, height: 16, class: "rx-swatch", "aria-hidden": "true", focusable: "false" });
  const rect = svgElement("rect", { x: 1, y: 1, width: 14, height: 14, class: `rx-bar rx-bar-${groupIndex % PATTERNS.length}` });
  const fill = barFill(prefix, groupIndex);
  if (fill) rect.style.fill = fill;
  svg.append(rect);
  return svg;
}

// ---------------------------------------------------------------- widget

function render({ model, el }) {
  instanceCounter += 1;
  const prefix = `rx-threshold-${instanceCounter}`;
  const strings = chooseStrings(model);
  const number = numberFormatter(strings);
  const grid = model.get("grid") || [];
  const groups = model.get("groups") || [];
  const names = groups.map((group) => group.name);

  const root = element("div", "raicourse-explore rx-threshold");
  root.setAttribute("role", "group");
  const title = element("p", "rx-title", model.get("title") || strings.threshold_title);
  title.id = `${prefix}-title`;
  root.setAttribute("aria-labelledby", title.id);
  root.append(title, element("p", "rx-intro", strings.threshold_intro));

  // ---- controls
  const controls = element("div", "rx-controls");
  const toggleRow = element("div", "rx-toggle");
  const toggle = element("input");
  toggle.type = "checkbox";
  toggle.id = `${prefix}-same`;
  const toggleLabel = element("label", "", strings.same_threshold);
  toggleLabel.htmlFor = toggle.id;
  toggleRow.append(toggle, toggleLabel);
  controls.append(toggleRow);

  function makeSlider(idSuffix, labelText) {
    const wrapper = element("div", "rx-slider");
    const input = element("input");
    input.type = "range";
    input.id = `${prefix}-${idSuffix}`;
    input.min = "0";
    input.max = String(grid.length - 1);
    input.step = "1";
    const label = element("label", "", labelText);
    label.htmlFor = input.id;
    const output = element("output", "rx-value");
    output.htmlFor = input.id;
    // The slider announces its own value (aria-valuetext); the output is for the eyes.
    output.setAttribute("aria-hidden", "true");
    const row = element("div", "rx-slider-row");
    row.append(input, output);
    wrapper.append(label, row);
    controls.append(wrapper);
    return { wrapper, input, output };
  }

  const shared = makeSlider("all", strings.threshold_all_label);
  const perGroup = names.map((name, index) => makeSlider(`group-${index}`, format(strings.threshold_group_label, { group: name })));
  root.append(controls);

  // ---- text summary, read out when it changes
  const summary = element("p", "rx-summary");
  summary.setAttribute("role", "status");
  summary.setAttribute("aria-live", "polite");
  summary.id = `${prefix}-summary`;
  root.append(summary);

  // ---- chart
  const chart = buildChart(names, strings, prefix);
  const figure = element("div", "rx-figure");
  figure.append(chart.svg);
  root.append(figure);

  // ---- table (metrics as rows, groups as columns: it stays narrow on a phone)
  const tableWrap = element("div", "rx-table-wrap");
  // Focusable so that keyboard users can scroll it when it overflows on a narrow screen.
  tableWrap.tabIndex = 0;
  tableWrap.setAttribute("role", "region");
  tableWrap.setAttribute("aria-label", strings.table_region_label);
  const table = element("table", "rx-table");
  table.append(element("caption", "", strings.table_caption));
  const head = element("thead");
  const headRow = element("tr");
  const corner = element("th", "", strings.metric_header);
  corner.scope = "col";
  headRow.append(corner);
  names.forEach((name, index) => {
    const cell = element("th");
    cell.scope = "col";
    cell.append(swatch(prefix, index), document.createTextNode(` ${name}`));
    headRow.append(cell);
  });
  head.append(headRow);
  const body = element("tbody");
  const cells = {};
  for (const row of ["threshold", "people", ...METRICS]) {
    const tr = element("tr");
    const header = element("th", "", strings[`metric_${row}`]);
    header.scope = "row";
    tr.append(header);
    for (const name of names) {
      const cell = element("td");
      cells[`${row}:${name}`] = cell;
      tr.append(cell);
    }
    body.append(tr);
  }
  table.append(head, body);
  tableWrap.append(table);
  root.append(tableWrap);

  // ---- gaps between groups
  root.append(element("p", "rx-subheading", strings.differences_heading));
  const gapList = element("dl", "rx-gaps");
  const gapValues = {};
  for (const key of ["dp", "eo", "eodds"]) {
    const value = element("dd", "rx-gap-value");
    value.dataset.gap = key;
    gapValues[key] = value;
    gapList.append(element("dt", "", strings[`difference_${key}`]), value);
  }
  root.append(gapList);

  // ---- definitions, in plain words
  const details = element("details", "rx-definitions");
  details.append(element("summary", "", strings.definitions_toggle));
  const definitions = element("ul");
  for (const key of [...METRICS, "dp", "eo", "eodds"]) definitions.append(element("li", "", strings[`define_${key}`]));
  details.append(definitions);
  root.append(details);

  // ---------------------------------------------------------------- state and updates

  let thresholds = {};
  let same = true;

  function readModel() {
    const fromModel = model.get("thresholds") || {};
    thresholds = {};
    for (const name of names) thresholds[name] = grid[nearestIndex(grid, fromModel[name] ?? 0.5)];
    same = Boolean(model.get("same_threshold"));
  }

  function figures() {
    const perGroupFigures = {};
    for (const group of groups) {
      const index = nearestIndex(grid, thresholds[group.name]);
      perGroupFigures[group.name] = {
        threshold: grid[index],
        ...groupFigures(group.tp[index], group.fp[index], group.tn[index], group.fn[index]),
      };
    }
    const all = Object.values(perGroupFigures);
    const tprGap = spread(all.map((f) => f.tpr));
    const fprGap = spread(all.map((f) => f.fpr));
    return {
      groups: perGroupFigures,
      dp: spread(all.map((f) => f.selection_rate)),
      eo: tprGap,
      // As fairlearn's equalized_odds_difference: the larger of the two gaps.
      eodds: Number.isFinite(tprGap) && Number.isFinite(fprGap) ? Math.max(tprGap, fprGap) : Number.NaN,
    };
  }

  function summaryText(current) {
    const ranked = names.filter((name) => Number.isFinite(current.groups[name].selection_rate));
    ranked.sort((a, b) => current.groups[b].selection_rate - current.groups[a].selection_rate);
    const most = ranked[0];
    const least = ranked[ranked.length - 1];
    const fields = {
      dp: number.fixed(current.dp, 2),
      eo: number.fixed(current.eo, 2),
      eodds: number.fixed(current.eodds, 2),
    };
    let first;
    if (most === undefined || current.dp < EQUAL_RATES) {
      first = format(strings.threshold_summary_equal, { ...fields, rate: number.percent(most === undefined ? Number.NaN : current.groups[most].selection_rate) });
    } else {
      Object.assign(fields, {
        most,
        least,
        most_rate: number.percent(current.groups[most].selection_rate),
        least_rate: number.percent(current.groups[least].selection_rate),
        threshold: number.fixed(current.groups[most].threshold, 2),
        most_threshold: number.fixed(current.groups[most].threshold, 2),
        least_threshold: number.fixed(current.groups[least].threshold, 2),
      });
      first = format(same ? strings.threshold_summary_same : strings.threshold_summary_each, fields);
    }
    return `${first} ${format(strings.threshold_summary_gaps, fields)}`;
  }

  function setSlider(slider, value) {
    slider.input.value = String(nearestIndex(grid, value));
    const text = number.fixed(value, 2);
    slider.output.textContent = text;
    slider.input.setAttribute("aria-valuetext", format(strings.threshold_valuetext, { threshold: text }));
  }

  function updateView() {
    toggle.checked = same;
    shared.wrapper.hidden = !same;
    for (const slider of perGroup) slider.wrapper.hidden = same;
    setSlider(shared, thresholds[names[0]]);
    names.forEach((name, index) => setSlider(perGroup[index], thresholds[name]));

    const current = figures();
    for (const name of names) {
      const groupFigures = current.groups[name];
      cells[`threshold:${name}`].textContent = number.fixed(groupFigures.threshold, 2);
      cells[`people:${name}`].textContent = String(groupFigures.people);
      for (const metric of METRICS) {
        const text = number.percent(groupFigures[metric]);
        cells[`${metric}:${name}`].textContent = text;
        const { bar, value, barArea } = chart.bars[`${metric}:${name}`];
        const share = Number.isFinite(groupFigures[metric]) ? groupFigures[metric] : 0;
        bar.setAttribute("width", String(share * barArea));
        value.textContent = text;
      }
    }
    for (const key of ["dp", "eo", "eodds"]) gapValues[key].textContent = number.fixed(current[key], 2);
    const text = summaryText(current);
    // Rewriting identical text would make some screen readers repeat it.
    if (summary.textContent !== text) summary.textContent = text;
  }

  // Our own writes to the model echo back as change events: ignore them while writing,
  // or the first write would reload the not-yet-written half of the state.
  let writing = false;

  function commit() {
    writing = true;
    try {
      model.set("thresholds", { ...thresholds });
      model.set("same_threshold", same);
      model.save_changes();
    } finally {
      writing = false;
    }
    updateView();
  }

  shared.input.addEventListener("input", () => {
    const value = grid[Number(shared.input.value)];
    for (const name of names) thresholds[name] = value;
    commit();
  });
  names.forEach((name, index) => {
    perGroup[index].input.addEventListener("input", () => {
      thresholds[name] = grid[Number(perGroup[index].input.value)];
      commit();
    });
  });
  toggle.addEventListener("change", () => {
    same = toggle.checked;
    // Back to one threshold for all: everyone takes the first group's threshold.
    if (same) for (const name of names) thresholds[name] = thresholds[names[0]];
    commit();
  });

  // Python may set `explorer.thresholds` live: follow it.
  const onModelChange = () => {
    if (writing) return;
    readModel();
    updateView();
  };
  model.on("change:thresholds", onModelChange);
  model.on("change:same_threshold", onModelChange);

  readModel();
  if (same) for (const name of names) thresholds[name] = thresholds[names[0]];
  updateView();
  el.append(root);
  return () => {
    model.off("change:thresholds", onModelChange);
    model.off("change:same_threshold", onModelChange);
    root.remove();
  };
}

export default { render };
