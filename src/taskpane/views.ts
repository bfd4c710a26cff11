// Rendering the engine's result: plain data in, DOM nodes out, every text via textContent.

import { Diagnostic, EngineResult, Grade, GRADES, Lang, ReviewedIndicator, SheetReading } from "../core/types";
import { LayoutCell } from "../core/layout-types";
import { allLabels } from "../core/scale";
import { coveredByMerge, eraYear, mergeAt, scaleCaption, tallyTable } from "../core/tables";
import { ui, UiKey } from "../i18n/ui";
import { el, svg } from "./dom";
import type { Handlers } from "./render";
import { sentence, type PaneState } from "./state";

/** Bar colours by position in the scale, best grade first; not-judged marks grey. */
const GRADE_COLORS = ["#0f6cbd", "#5b9bd5", "#f2a33a", "#c4314b", "#8a3ffc", "#6e6e6e", "#b4009e"];
const colorOf = (result: EngineResult, label: Grade): string => {
  const k = result.scale.grades.findIndex((g) => g.label === label);
  return k < 0 ? "#a0a0a0" : GRADE_COLORS[k % GRADE_COLORS.length];
};
/** A column header: "A評価" for letters, the label itself otherwise (◎, 順調). */
const gradeHead = (lang: Lang, g: Grade): string => (/^[A-Z][+a-z]?$/.test(g) ? ui(lang, "tally.grade", { grade: g }) : g);

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
    if (r === 0) return el("th", { scope: "col", ...span }, text(cell) || (c === 0 ? ui(lang, "tally.corner") : ""));
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
    // Focusable, so that a table wider than the pane can be scrolled by keyboard.
    { class: "table-wrap", tabindex: 0, role: "region", "aria-label": ui(lang, "tally.title") },
    el("table", { class: "tally", id: "tally-table" }, el("caption", {}, caption), el("thead", {}, rowOf(0)), body),
    showUngraded && el("p", { class: "note" }, ui(lang, "tally.ungradedNote", { count: result.tally.ungraded })),
    result.scale.id !== "daisen" && el("p", { class: "note", id: "tally-scale" }, scaleCaption(result, lang)),
  );
}

/** Horizontal stacked bars of grades per basic goal, as inline SVG. */
export function renderChart(result: EngineResult, lang: Lang): HTMLElement {
  const goals = result.tally.goals;
  const GRADES = allLabels(result.scale);
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
    const label =
      result.scale.id === "daisen"
        ? ui(lang, "chart.bar", { goal: g.goal, A: counts[0], B: counts[1], C: counts[2], D: counts[3] })
        : `${ui(lang, "tally.goal", { goal: g.goal })}: ${GRADES.map((gr, k) => `${gr} ${counts[k]}`).join(lang === "ja" ? "・" : ", ")}`;
    const group = svg("g", { "data-goal": g.goal }, svg("title", {}, label));
    group.appendChild(svg("text", { x: 0, y: y + 15, class: "chart-label" }, ui(lang, "tally.goal", { goal: g.goal })));
    let x = labelW;
    GRADES.forEach((gr, k) => {
      const w = (counts[k] / max) * barW;
      if (w <= 0) return;
      group.appendChild(svg("rect", { x: x.toFixed(1), y, width: w.toFixed(1), height: rowH - 8, fill: colorOf(result, gr), "data-grade": gr }));
      const tone = k === 1 || k === 2 ? "chart-count on-light" : "chart-count"; // ≥ 4.5:1 on the bar
      if (w >= 14) group.appendChild(svg("text", { x: (x + w / 2).toFixed(1), y: y + 13, class: tone, "text-anchor": "middle" }, counts[k]));
      x += w;
    });
    root.appendChild(group);
  });
  const legendY = goals.length * rowH + 14;
  GRADES.forEach((gr, k) => {
    const x = labelW + k * 50;
    root.appendChild(svg("rect", { x, y: legendY, width: 10, height: 10, fill: colorOf(result, gr) }));
    root.appendChild(svg("text", { x: x + 14, y: legendY + 9, class: "chart-legend" }, gradeHead(lang, gr)));
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
    { class: "table-wrap", tabindex: 0, role: "region", "aria-label": ui(lang, "tab.completion") },
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
    diagList(dups, lang, onSelect, "dup-list"),
  );
}

/** A "show more" button under a long list, or nothing when the list is complete. */
function moreButton(id: string, left: number, lang: Lang, onMore: () => void): HTMLElement | null {
  if (left <= 0) return null;
  const b = el("button", { type: "button", id, class: "button more" }, ui(lang, "more.button", { count: left }));
  b.addEventListener("click", onMore);
  return b;
}

/** The input check, as given (errors first), the first `shown` of them; each selects its cell. */
export function renderDiagnostics(
  diags: readonly Diagnostic[],
  lang: Lang,
  shown: number,
  h: { select(d: Diagnostic): void; more(list: "checks"): void },
  listId = "diag-list",
): HTMLElement {
  const box = el("div", { class: "diagnostics" });
  if (diags.length === 0) {
    box.appendChild(el("p", { class: "ok" }, ui(lang, "diag.none")));
    return box;
  }
  box.appendChild(el("h2", { class: "panel-title" }, ui(lang, "diag.title", { count: diags.length })));
  box.appendChild(el("p", { class: "hint" }, ui(lang, "diag.hint")));
  box.appendChild(diagList(diags.slice(0, shown), lang, (d) => h.select(d), listId));
  const more = moreButton(`more-${listId}`, diags.length - shown, lang, () => h.more("checks"));
  if (more) box.appendChild(more);
  return box;
}

function diagList(diags: readonly Diagnostic[], lang: Lang, onSelect: (d: Diagnostic) => void, listId: string): HTMLElement {
  const list = el("ul", { class: "diag-list", id: listId });
  diags.forEach((d, i) => {
    const where = d.cell ? `${d.sheet}!${d.cell}` : d.sheet;
    const button = el(
      "button",
      { type: "button", class: `diag ${d.severity}`, "data-code": d.code, "data-cell": d.cell, "data-index": i, disabled: !d.cell },
      el("span", { class: `sev ${d.severity}` }, ui(lang, `severity.${d.severity}` as UiKey)),
      el("span", { class: "where" }, where),
      el("span", { class: "msg" }, sentence(lang, d.message)),
    );
    button.addEventListener("click", () => onSelect(d));
    list.appendChild(el("li", {}, button));
  });
  return list;
}

/** The suggestions of the indicators given (already narrowed to the department), by grade. */
export function renderSuggestions(
  indicators: readonly ReviewedIndicator[],
  lang: Lang,
  grade: SuggestionFilter["grade"],
  shown: number,
  h: { grade(g: SuggestionFilter["grade"]): void; more(list: "indicators"): void },
  labels: readonly Grade[] = GRADES,
): HTMLElement {
  const gradeSelect = el("select", { id: "filter-grade", class: "select" });
  const gradeOptions: [string, string][] = [
    ["", ui(lang, "sugg.all")],
    ...labels.map((g): [string, string] => [g, gradeHead(lang, g)]),
    ["ungraded", ui(lang, "sugg.ungraded")],
  ];
  for (const [value, label] of gradeOptions) gradeSelect.appendChild(el("option", { value, selected: grade === value }, label));
  gradeSelect.addEventListener("change", () => h.grade(gradeSelect.value));
  const list = el("ul", { class: "sugg-list", id: "sugg-list" });
  indicators.slice(0, shown).forEach((ind, i) => list.appendChild(suggestionItem(ind, lang, i)));
  return el(
    "div",
    { class: "suggestions", id: "suggestions" },
    el("h2", { class: "panel-title" }, ui(lang, "sugg.title")),
    el("div", { class: "filters" }, el("label", { for: "filter-grade" }, ui(lang, "sugg.gradeFilter")), gradeSelect),
    el("p", { class: "count", id: "sugg-count" }, ui(lang, "sugg.shown", { total: indicators.length, shown: Math.min(indicators.length, shown) })),
    indicators.length === 0 ? el("p", { class: "note" }, ui(lang, "sugg.none")) : list,
    moreButton("more-indicators", indicators.length - shown, lang, () => h.more("indicators")),
  );
}

export interface SuggestionFilter {
  /** A grade label, "ungraded", or "" for all. */
  grade: string;
}

const ACTIONS: Readonly<Record<string, UiKey>> = {
  見直しを検討: "suggAction.review",
  目標値の上方修正: "suggAction.raise",
  現状維持: "suggAction.keep",
  指標の変更を検討: "suggAction.change",
  目標値の妥当性を検証: "suggAction.verify",
  新たな指標を設定: "suggAction.new",
};

/** The suggested action in the pane's language (the engine names it in Japanese, as the sheets do). */
export function actionWords(action: string, lang: Lang): string {
  const key = ACTIONS[action];
  return key ? ui(lang, key) : action;
}

function suggestionItem(ind: ReviewedIndicator, lang: Lang, index: number): HTMLElement {
  const grade = ind.grade ?? "-";
  const cat = ui(lang, ind.category === "numerical" ? "tally.numerical" : "tally.kpi");
  return el(
    "li",
    { class: "sugg", "data-grade": ind.grade ?? "ungraded", "data-index": index, tabindex: -1 },
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
      actionWords(ind.suggestion.action, lang),
      ind.suggestion.newTarget !== undefined
        ? `（${ui(lang, "sugg.newTarget", { value: ind.suggestion.newTarget.toLocaleString(lang === "ja" ? "ja-JP" : "en-US"), unit: ind.unit ?? "" })}）`
        : "",
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

// --- the pane's own regions (they read the pane's state) -------------------------------

/** The evaluation sheets as checkboxes, then the settings in use. */
export function renderSheets(s: PaneState, h: Pick<Handlers, "toggleSheet" | "createSettings">): HTMLElement {
  const t = (key: UiKey, params?: Record<string, string | number>): string => ui(s.lang, key, params);
  const list = el("div", { id: "sheet-list", class: "sheet-list" });
  if (s.loaded && s.readings.length === 0) list.appendChild(el("p", { class: "message warning" }, t("sheets.none")));
  s.readings.forEach((r, i) => {
    const id = `sheet-${i}`;
    const box = el("input", { type: "checkbox", id, "data-sheet": r.sheet, checked: s.selected.includes(r.sheet), disabled: Boolean(s.task) });
    box.addEventListener("change", () => h.toggleSheet(r.sheet, box.checked));
    list.appendChild(el("div", { class: "check" }, box, el("label", { for: id }, t("sheets.item", { sheet: r.sheet, count: r.count }))));
  });
  const settings = el("button", { type: "button", id: "settings-button", class: "button", disabled: Boolean(s.task) }, t("settings.create"));
  settings.addEventListener("click", () => h.createSettings());
  return el(
    "div",
    { class: "sheets-body" },
    list,
    el("p", { id: "settings-line", class: "settings-line" }, t(s.settingsFromSheet ? "settings.fromSheet" : "settings.default")),
    !s.settingsFromSheet && s.loaded && el("div", { class: "row" }, settings),
  );
}

/** Who to chase: the departments with ungraded indicators or problems, most first. */
export function renderChase(s: PaneState): HTMLElement {
  const rows = (s.result?.completion ?? []).filter((r) => r.ungraded > 0 || r.diagnostics > 0);
  const box = el("div", { id: "chase", class: "chase" }, el("h2", { class: "panel-title" }, ui(s.lang, "chase.title")));
  if (rows.length === 0) box.appendChild(el("p", { class: "ok" }, ui(s.lang, "chase.none")));
  else
    box.appendChild(el("ul", { class: "chase-list" }, ...rows.map((r) => el("li", { "data-department": r.department }, ui(s.lang, "chase.item", { ...r })))));
  return box;
}

/** Importing the departments' workbooks (the planning division's step), or how to copy them by hand. */
export function renderImport(s: PaneState, h: Pick<Handlers, "importFiles">): HTMLElement {
  const t = (key: UiKey, params?: Record<string, string | number>): string => ui(s.lang, key, params);
  const head = el("h2", { class: "panel-title" }, t("import.title"));
  if (!s.caps.insertWorksheets) {
    return el(
      "div",
      { id: "import", class: "import" },
      head,
      el("div", { class: "message warning", id: "import-manual" }, el("p", {}, t("import.manual")), manualSteps(s.lang)),
    );
  }
  const input = el("input", {
    type: "file",
    id: "import-input",
    class: "file-input",
    accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    multiple: true,
    disabled: Boolean(s.task),
  });
  input.addEventListener("change", () => {
    const files = [...(input.files ?? [])];
    input.value = ""; // the same file can be chosen again
    h.importFiles(files);
  });
  const result = el(
    "div",
    { id: "import-result" },
    ...s.importLines.map((l) =>
      el("div", { class: l.tone === "note" ? "note" : `message ${l.tone}` }, ...l.lines.map((x) => el("p", {}, x)), l.manual && manualSteps(s.lang)),
    ),
  );
  return el(
    "div",
    { id: "import", class: "import" },
    head,
    el("p", { class: "hint" }, t("import.help")),
    el("label", { for: "import-input", class: "file-label" }, t("import.choose")),
    input,
    result,
  );
}

/** How to copy sheets by hand, for an Excel without insertWorksheetsFromBase64. */
function manualSteps(lang: Lang): HTMLElement {
  return el(
    "ol",
    { class: "manual-steps" },
    ...ui(lang, "import.manualSteps")
      .split("|")
      .map((step) => el("li", {}, step.replace(/^\d+\.\s*/, ""))),
  );
}
