// Rendering the engine's result: plain data in, DOM nodes out, every text via textContent.

import { Diagnostic, EngineResult, Grade, GRADES, Lang, ReviewedIndicator, SheetReading } from "../core/types";
import { LayoutCell } from "../core/layout-types";
import { coveredByMerge, eraYear, mergeAt, tallyTable } from "../core/tables";
import { ui, UiKey } from "../i18n/ui";
import { el, svg } from "./dom";

const GRADE_COLORS: Record<Grade, string> = { A: "#0f6cbd", B: "#5b9bd5", C: "#f2a33a", D: "#c4314b" };

const eraOf = (year: number | undefined): string => (year === undefined ? "" : eraYear(year));

export function percent(p: number | undefined): string {
  return p === undefined || !Number.isFinite(p) ? "—" : `${(p * 100).toFixed(1)}%`;
}

/** The official table: basic goal × 数値目標/KPI × A–D, 合計, and 未評価, from the sheet's table model. */
export function renderTally(result: EngineResult, lang: Lang): HTMLElement {
  const caption = lang === "ja" ? ui(lang, "tally.caption", { era: eraOf(result.fiscalYear) }) : ui(lang, "tally.caption", { year: result.fiscalYear ?? "" });
  const showUngraded = result.tally.ungraded > 0;
  const table = tallyTable(result, lang, { ungradedColumn: showUngraded });
  const text = (cell: LayoutCell | null | undefined): string => (cell?.value === null || cell?.value === undefined ? "" : String(cell.value));
  const cellAt = (r: number, c: number): HTMLElement | undefined => {
    if (coveredByMerge(table.merges, r, c)) return undefined;
    const cell = table.rows[r][c];
    const m = mergeAt(table.merges, r, c);
    const span = { colspan: m && m.right > m.left ? m.right - m.left + 1 : undefined, rowspan: m && m.bottom > m.top ? m.bottom - m.top + 1 : undefined };
    if (r === 0) return el("th", { scope: "col", ...span }, text(cell));
    const grade = table.columnKeys[c];
    if (grade) return el("td", { "data-grade": grade }, text(cell));
    return el("th", { scope: m && m.bottom > m.top ? "rowgroup" : "row", class: c === 0 ? "goal" : "cat", ...span }, text(cell));
  };
  const rowOf = (r: number): HTMLElement => {
    const key = table.rowKeys[r];
    const attrs = key ? { class: key.goal === "total" ? "total" : undefined, "data-goal": key.goal, "data-category": key.category } : {};
    return el("tr", attrs, ...table.rows[r].map((_, c) => cellAt(r, c)));
  };
  const body = el("tbody");
  for (let r = 1; r < table.rows.length; r++) body.appendChild(rowOf(r));
  return el(
    "div",
    { class: "table-wrap" },
    el("table", { class: "tally", id: "tally-table" }, el("caption", {}, caption), el("thead", {}, rowOf(0)), body),
    showUngraded && el("p", { class: "note" }, ui(lang, "tally.ungradedNote", { count: result.tally.ungraded })),
  );
}

/** Horizontal stacked bars of grades per basic goal, as inline SVG. */
export function renderChart(result: EngineResult, lang: Lang): HTMLElement {
  const goals = result.tally.goals;
  const totals = goals.map((g) => GRADES.map((gr) => g.numerical[gr] + g.kpi[gr]));
  const max = Math.max(1, ...totals.map((t) => t.reduce((a, b) => a + b, 0)));
  const rowH = 26;
  const labelW = 74;
  const barW = 200;
  const height = goals.length * rowH + 30;
  const root = svg("svg", {
    viewBox: `0 0 ${labelW + barW + 30} ${height}`,
    class: "chart",
    role: "img",
    "aria-label": ui(lang, "chart.title"),
  });
  goals.forEach((g, i) => {
    const y = i * rowH + 4;
    const counts = totals[i];
    const label = ui(lang, "chart.bar", { goal: g.goal, A: counts[0], B: counts[1], C: counts[2], D: counts[3] });
    const group = svg("g", { "data-goal": g.goal }, svg("title", {}, label));
    group.appendChild(svg("text", { x: 0, y: y + 15, class: "chart-label" }, ui(lang, "tally.goal", { goal: g.goal })));
    let x = labelW;
    GRADES.forEach((gr, k) => {
      const w = (counts[k] / max) * barW;
      if (w <= 0) return;
      group.appendChild(svg("rect", { x: x.toFixed(1), y, width: w.toFixed(1), height: rowH - 8, fill: GRADE_COLORS[gr], "data-grade": gr }));
      if (w >= 14) group.appendChild(svg("text", { x: (x + w / 2).toFixed(1), y: y + 13, class: "chart-count", "text-anchor": "middle" }, counts[k]));
      x += w;
    });
    root.appendChild(group);
  });
  const legendY = goals.length * rowH + 14;
  GRADES.forEach((gr, k) => {
    const x = labelW + k * 50;
    root.appendChild(svg("rect", { x, y: legendY, width: 10, height: 10, fill: GRADE_COLORS[gr] }));
    root.appendChild(svg("text", { x: x + 14, y: legendY + 9, class: "chart-legend" }, ui(lang, "tally.grade", { grade: gr })));
  });
  return el("figure", { class: "chart-figure" }, el("figcaption", {}, ui(lang, "chart.title")), root);
}

const COMPLETION_COLUMNS: UiKey[] = ["completion.indicators", "completion.graded", "completion.ungraded", "completion.decided", "completion.diagnostics"];

interface CompletionCounts {
  readonly indicators: number;
  readonly graded: number;
  readonly ungraded: number;
  readonly decided: number;
  readonly diagnostics: number;
}

/** One completion table: a labelled row of counts per group (department or source). */
function completionTable(
  id: string,
  labelKey: UiKey,
  dataKey: string,
  rows: readonly (CompletionCounts & { readonly label: string })[],
  lang: Lang,
): HTMLElement {
  const head = el("tr", {}, el("th", { scope: "col" }, ui(lang, labelKey)), ...COMPLETION_COLUMNS.map((k) => el("th", { scope: "col" }, ui(lang, k))));
  const body = el("tbody");
  for (const r of rows) {
    body.appendChild(
      el(
        "tr",
        { [dataKey]: r.label, class: r.ungraded > 0 ? "pending" : undefined },
        el("th", { scope: "row" }, r.label),
        ...[r.indicators, r.graded, r.ungraded, r.decided, r.diagnostics].map((v, i) => el("td", { "data-column": COMPLETION_COLUMNS[i].slice(11) }, v)),
      ),
    );
  }
  return el("table", { class: "completion", id }, el("thead", {}, head), body);
}

/** 提出状況: per department, the most ungraded first (the engine's order), then per source. */
export function renderCompletion(result: EngineResult, lang: Lang): HTMLElement {
  const wrap = el(
    "div",
    { class: "table-wrap" },
    el("p", { class: "hint" }, ui(lang, "completion.hint")),
    completionTable(
      "completion-table",
      "completion.department",
      "data-department",
      result.completion.map((r) => ({ ...r, label: r.department })),
      lang,
    ),
  );
  // Per source, when there are several (department workbooks imported as sheets).
  if (result.completionBySource.length > 1) {
    wrap.appendChild(
      completionTable(
        "completion-by-source",
        "completion.source",
        "data-source",
        result.completionBySource.map((r) => ({ ...r, label: r.sheet })),
        lang,
      ),
    );
  }
  return wrap;
}

/** The indicator.duplicate diagnostics, counted, with their list to open. */
export function renderDuplicates(diags: readonly Diagnostic[], lang: Lang, policy: string, onSelect: (d: Diagnostic) => void): HTMLElement {
  const dups = diags.filter((d) => d.code === "indicator.duplicate");
  if (dups.length === 0) return el("p", { class: "note", id: "duplicates" }, ui(lang, "dup.none"));
  return el(
    "details",
    { id: "duplicates", "data-count": dups.length },
    el("summary", {}, ui(lang, "dup.title", { count: dups.length })),
    el("p", { class: "hint" }, ui(lang, "dup.policy", { policy })),
    renderDiagnostics(dups, lang, onSelect, "dup-list"),
  );
}

const DIAG_LIMIT = 200;

export function renderDiagnostics(diags: readonly Diagnostic[], lang: Lang, onSelect: (d: Diagnostic) => void, listId = "diag-list"): HTMLElement {
  const box = el("div", { class: "diagnostics" });
  if (diags.length === 0) {
    box.appendChild(el("p", { class: "ok" }, ui(lang, "diag.none")));
    return box;
  }
  box.appendChild(el("p", { class: "hint" }, ui(lang, "diag.hint")));
  const list = el("ul", { class: "diag-list", id: listId });
  for (const d of diags.slice(0, DIAG_LIMIT)) {
    const where = d.cell ? `${d.sheet}!${d.cell}` : d.sheet;
    const button = el(
      "button",
      { type: "button", class: `diag ${d.severity}`, "data-code": d.code, "data-cell": d.cell, disabled: !d.cell },
      el("span", { class: `sev ${d.severity}` }, ui(lang, `severity.${d.severity}` as UiKey)),
      el("span", { class: "where" }, where),
      el("span", { class: "msg" }, d.message),
    );
    button.addEventListener("click", () => onSelect(d));
    list.appendChild(el("li", {}, button));
  }
  box.appendChild(list);
  if (diags.length > DIAG_LIMIT) box.appendChild(el("p", { class: "note" }, ui(lang, "diag.more", { count: diags.length - DIAG_LIMIT })));
  return box;
}

export interface SuggestionFilter {
  grade: Grade | "ungraded" | "";
  department: string;
}

const SUGG_LIMIT = 150;

export function renderSuggestions(
  indicators: readonly ReviewedIndicator[],
  lang: Lang,
  filter: SuggestionFilter,
  onFilter: (f: SuggestionFilter) => void,
): HTMLElement {
  const departments = [...new Set(indicators.map((i) => i.department ?? "").filter((d) => d !== ""))].sort();
  const gradeSelect = el("select", { id: "filter-grade", class: "select" });
  const gradeOptions: [string, string][] = [
    ["", ui(lang, "sugg.all")],
    ...GRADES.map((g): [string, string] => [g, g]),
    ["ungraded", ui(lang, "sugg.ungraded")],
  ];
  for (const [value, label] of gradeOptions) gradeSelect.appendChild(el("option", { value, selected: filter.grade === value }, label));
  const deptSelect = el("select", { id: "filter-department", class: "select" });
  deptSelect.appendChild(el("option", { value: "", selected: filter.department === "" }, ui(lang, "sugg.all")));
  for (const d of departments) deptSelect.appendChild(el("option", { value: d, selected: filter.department === d }, d));
  gradeSelect.addEventListener("change", () => onFilter({ ...filter, grade: gradeSelect.value as SuggestionFilter["grade"] }));
  deptSelect.addEventListener("change", () => onFilter({ ...filter, department: deptSelect.value }));

  const matches = indicators.filter(
    (i) =>
      (filter.grade === "" || (filter.grade === "ungraded" ? i.grade === undefined : i.grade === filter.grade)) &&
      (filter.department === "" || i.department === filter.department),
  );
  const list = el("ul", { class: "sugg-list", id: "sugg-list" });
  for (const ind of matches.slice(0, SUGG_LIMIT)) list.appendChild(suggestionItem(ind, lang));
  return el(
    "div",
    { class: "suggestions" },
    el(
      "div",
      { class: "filters" },
      el("label", { for: "filter-grade" }, ui(lang, "sugg.gradeFilter")),
      gradeSelect,
      el("label", { for: "filter-department" }, ui(lang, "sugg.deptFilter")),
      deptSelect,
    ),
    el("p", { class: "count", id: "sugg-count" }, ui(lang, "sugg.shown", { total: matches.length, shown: Math.min(matches.length, SUGG_LIMIT) })),
    matches.length === 0 ? el("p", { class: "note" }, ui(lang, "sugg.none")) : list,
  );
}

function suggestionItem(ind: ReviewedIndicator, lang: Lang): HTMLElement {
  const grade = ind.grade ?? "-";
  const cat = ui(lang, ind.category === "numerical" ? "tally.numerical" : "tally.kpi");
  return el(
    "li",
    { class: "sugg", "data-grade": ind.grade ?? "ungraded" },
    el(
      "div",
      { class: "sugg-head" },
      el("span", { class: `badge grade-${ind.grade ?? "none"}`, title: ui(lang, "sugg.grade", { grade }) }, grade),
      el("span", { class: "sugg-name" }, ind.name),
    ),
    el(
      "div",
      { class: "sugg-meta" },
      [
        ui(lang, "sugg.meta", { goal: ind.goal, category: cat }),
        ind.department,
        ind.referenceGrade && ui(lang, "sugg.reference", { grade: ind.referenceGrade }),
        ind.progress !== undefined && ui(lang, "sugg.progress", { progress: percent(ind.progress) }),
      ]
        .filter((s): s is string => typeof s === "string" && s !== "")
        .join(lang === "ja" ? "・" : " · "),
    ),
    el(
      "div",
      { class: "sugg-action" },
      ind.suggestion.action,
      ind.suggestion.newTarget !== undefined ? `（${ui(lang, "sugg.newTarget", { value: ind.suggestion.newTarget.toLocaleString() })}）` : "",
    ),
    el("div", { class: "sugg-reason" }, ind.suggestion.reason),
  );
}

export const MAPPING_FIELDS = [
  "goal",
  "package",
  "category",
  "name",
  "unit",
  "baseline",
  "target",
  "targetYear",
  "grade",
  "reason",
  "department",
  "revisionType",
  "newTarget",
  "newName",
] as const;

/** The column mapping of an uncertain sheet, one select per field. */
export function renderMapping(
  reading: SheetReading,
  headers: readonly { letter: string; text: string }[],
  overrides: Readonly<Record<string, string>>,
  lang: Lang,
  onChange: (field: string, letter: string) => void,
  onReset: () => void,
): HTMLElement {
  const rows = el("tbody");
  const fields = [...MAPPING_FIELDS, ...Object.keys(reading.columns).filter((k) => k.startsWith("actual:"))];
  for (const field of fields) {
    const current = overrides[field] ?? reading.columns[field] ?? "";
    const id = `map-${reading.sheet}-${field}`.replace(/[^\w-]/g, "_");
    const select = el("select", { id, class: "select", "data-field": field });
    select.appendChild(el("option", { value: "", selected: current === "" }, ui(lang, "mapping.none")));
    for (const h of headers)
      select.appendChild(el("option", { value: h.letter, selected: current === h.letter }, h.text ? `${h.letter}: ${h.text}` : h.letter));
    select.addEventListener("change", () => onChange(field, select.value));
    const label = field.startsWith("actual:") ? ui(lang, "field.actual", { year: field.slice(7) }) : ui(lang, `field.${field}` as UiKey);
    rows.appendChild(el("tr", {}, el("th", { scope: "row" }, el("label", { for: id }, label)), el("td", {}, select)));
  }
  const reset = el("button", { type: "button", class: "link-button" }, ui(lang, "mapping.reset"));
  reset.addEventListener("click", onReset);
  return el(
    "div",
    { class: "mapping", "data-sheet": reading.sheet },
    el("h3", {}, ui(lang, "mapping.title", { sheet: reading.sheet })),
    el("p", { class: "hint" }, ui(lang, "mapping.help")),
    el("table", { class: "mapping-table" }, rows),
    reset,
  );
}
