// Output sheets as plain data (see layout-types.ts). The official tally layout of the
// seed is defined here once; both adapters render it.

import { t } from "../i18n";
import { latestActual } from "./classify";
import { LayoutCell, Merge, SheetLayout, CellStyle } from "./layout-types";
import { rulesFor, Settings, sheetNamesFor } from "./settings";
import { EngineResult, Grade, GRADES, Lang, RevisionType, ReviewedIndicator, CATEGORIES } from "./types";

const c = (value: string | number | null | undefined, style: CellStyle, extra: Partial<LayoutCell> = {}): LayoutCell => ({
  value: value === undefined ? null : value,
  style,
  ...extra,
});

/** 令和N年度 for a fiscal year (令和元年度 for 2019). */
export function eraYear(year: number): string {
  if (year >= 2019) {
    const n = year - 2018;
    return `令和${n === 1 ? "元" : n}年度`;
  }
  if (year >= 1989) {
    const n = year - 1988;
    return `平成${n === 1 ? "元" : n}年度`;
  }
  return `${year}年度`;
}

/** Approximate display width of text in Excel character units (full-width = 2). */
export function textWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue; // second half of a surrogate pair
    w += code <= 0xff || (code >= 0xff61 && code <= 0xff9f) ? 1 : 2;
  }
  return w;
}

/** Row height (points) for text wrapped in a column of the given width. */
function wrappedHeight(lines: readonly string[], width: number, lineHeight = 15): number {
  // Excel fits a little more than one width unit per character unit at 10.5pt.
  const n = lines.reduce((sum, line) => sum + Math.max(1, Math.ceil(textWidth(line) / Math.max(4, width * 1.1))), 0);
  return Math.max(20, n * lineHeight + 6);
}

/** Heights for rows whose wrapped text needs more than one line (Excel does not re-fit on open). */
function fitRowHeights(rows: readonly (readonly (LayoutCell | null)[])[], widths: readonly number[], from: number): Record<number, number> {
  const heights: Record<number, number> = {};
  for (let r = from; r < rows.length; r++) {
    let h = 0;
    rows[r].forEach((cell, col) => {
      if (!cell || typeof cell.value !== "string" || cell.value === "" || (cell.style !== "text" && cell.style !== "header")) return;
      const lines = cell.value.split("\n");
      const needed = wrappedHeight(lines, widths[col] ?? 10);
      if (needed > 24) h = Math.max(h, needed);
    });
    if (h > 0) heights[r] = Math.min(h, 400);
  }
  return heights;
}

/** 修正内容: "目標値の修正 … 5指標" per type, or one phrase when a grade has a single type. */
export function revisionContent(byType: Readonly<Partial<Record<RevisionType, number>>>, lang: Lang): string[] {
  const entries = (Object.entries(byType) as [RevisionType, number][]).filter(([, n]) => n > 0);
  if (entries.length === 1 && entries[0][0] === "目標値の修正") return [t(lang, "out.t2.allTarget")];
  if (entries.length === 1 && entries[0][0] === "新たな指標を設定") return [t(lang, "type.新たな指標を設定")];
  return entries.map(([type, count]) => t(lang, "out.t2.line", { type: t(lang, `type.${type}`), count }));
}

function summaryLayout(result: EngineResult, settings: Settings, lang: Lang): SheetLayout {
  const rows: (LayoutCell | null)[][] = [];
  const merges: Merge[] = [];
  const heights: Record<number, number> = {};
  const widths = [13, 11, 9, 9, 9, 9, 13, 30];
  const year = result.fiscalYear;
  rows.push([c(lang === "ja" ? t(lang, "out.title", { era: year ? eraYear(year) : "" }) : t(lang, "out.title", { year: year ?? "" }), "title")]);
  heights[0] = 24;
  rows.push([]);
  // Table 1: header, then per goal a 数値目標 row and a KPI row, then 合計.
  const t1Top = rows.length;
  rows.push([c("", "header"), c("", "header"), ...GRADES.map((g) => c(t(lang, "out.gradeCol", { grade: g }), "header"))]);
  merges.push({ top: t1Top, left: 0, bottom: t1Top, right: 1 });
  const countCell = (n: number, style: CellStyle): LayoutCell => c(n === 0 ? null : n, style);
  const catLabel = (cat: "numerical" | "kpi"): string => t(lang, cat === "numerical" ? "out.numerical" : "out.kpi");
  for (const g of result.tally.goals) {
    const r = rows.length;
    for (const cat of CATEGORIES) {
      rows.push([c(t(lang, "out.goal", { goal: g.goal }), "rowHeader"), c(catLabel(cat), "rowHeader"), ...GRADES.map((gr) => countCell(g[cat][gr], "number"))]);
    }
    merges.push({ top: r, left: 0, bottom: r + 1, right: 0 });
  }
  const totalRow = rows.length;
  for (const cat of CATEGORIES) {
    rows.push([c(t(lang, "out.total"), "total"), c(catLabel(cat), "total"), ...GRADES.map((gr) => countCell(result.tally.total[cat][gr], "totalNumber"))]);
  }
  merges.push({ top: totalRow, left: 0, bottom: totalRow + 1, right: 0 });
  if (result.tally.ungraded > 0) {
    const detail = result.tally.goals
      .filter((g) => g.ungraded.numerical + g.ungraded.kpi > 0)
      .map((g) => `${t(lang, "out.goal", { goal: g.goal })} ${g.ungraded.numerical + g.ungraded.kpi}`)
      .join("、");
    rows[t1Top][6] = c(t(lang, "out.ungradedNote", { count: result.tally.ungraded, detail }), "note");
  }

  // Table 2: 評価 | 見直し基準 (B–E) | 修正指標数 | 修正内容.
  rows.push([], []);
  rows.push([c(t(lang, "out.table2Title"), "title")]);
  heights[rows.length - 1] = 24;
  rows.push([]);
  const t2Top = rows.length;
  rows.push([
    c(t(lang, "out.t2.grade"), "header"),
    c(t(lang, "out.t2.criteria"), "header"),
    c("", "header"),
    c("", "header"),
    c("", "header"),
    c(t(lang, "out.t2.count"), "header"),
    c(t(lang, "out.t2.content"), "header"),
    c("", "header"),
  ]);
  merges.push({ top: t2Top, left: 1, bottom: t2Top, right: 4 }, { top: t2Top, left: 6, bottom: t2Top, right: 7 });
  const criteriaWidth = widths[1] + widths[2] + widths[3] + widths[4];
  for (const g of GRADES) {
    const r = rows.length;
    const rev = result.revisions[g];
    const content = revisionContent(rev.byType, lang);
    const criteria = rulesFor(settings, lang)[g].criteria;
    rows.push([
      c(t(lang, "out.gradeCol", { grade: g }), "rowHeader"),
      c(criteria.join("\n"), "text"),
      c("", "text"),
      c("", "text"),
      c("", "text"),
      countCell(rev.count, "number"),
      c(content.join("\n"), "text"),
      c("", "text"),
    ]);
    merges.push({ top: r, left: 1, bottom: r, right: 4 }, { top: r, left: 6, bottom: r, right: 7 });
    heights[r] = Math.max(wrappedHeight(criteria, criteriaWidth), wrappedHeight(content, widths[6] + widths[7]));
  }

  // Chart data: grades per basic goal (数値目標 + KPI), under the official tables.
  rows.push([], []);
  rows.push([c(`○${t(lang, "out.chartTitle")}`, "title")]);
  heights[rows.length - 1] = 24;
  const chartTop = rows.length;
  rows.push([c("", "header"), ...GRADES.map((g) => c(t(lang, "out.gradeCol", { grade: g }), "header"))]);
  for (const g of result.tally.goals) {
    rows.push([c(t(lang, "out.goal", { goal: g.goal }), "rowHeader"), ...GRADES.map((gr: Grade) => c(g.numerical[gr] + g.kpi[gr], "number"))]);
  }
  const chartBottom = rows.length - 1;
  rows.push([]);
  const sources = [...new Set(result.sheets.filter((s) => s.isEvaluationSheet).map((s) => `${s.file} / ${s.sheet}`))].join("、");
  rows.push([c(t(lang, "out.generated", { sources }), "note")]);

  return {
    role: "summary",
    name: sheetNamesFor(settings, lang).summary,
    rows,
    merges,
    columnWidths: widths,
    rowHeights: heights,
    freezeRows: 0,
    print: { orientation: "portrait", fitToWidth: true },
    chart: {
      title: t(lang, "out.chartTitle"),
      dataRange: { top: chartTop, left: 0, bottom: chartBottom, right: 4 },
      anchor: { row: chartBottom + 3, col: 0 },
    },
  };
}

const LIST_WIDTHS = [22, 11, 24, 9, 34, 7, 10, 10, 11, 9, 10, 7, 8, 8, 16, 11, 48, 14, 11, 24, 14];
const COMPARISON_WIDTHS = [11, 24, 9, 6, 14, 32, 32, 11, 11, 7, 11, 44];
const CHECKS_WIDTHS = [8, 22, 14, 7, 20, 80];

const sourceText = (ind: ReviewedIndicator): string => `${ind.source.file} / ${ind.source.sheet} ${ind.source.row}`;
const numOrBlank = (v: number | undefined): number | null => (v === undefined ? null : v);

function listLayout(result: EngineResult, settings: Settings, lang: Lang): SheetLayout {
  const headers = [
    "col.source",
    "col.goal",
    "col.package",
    "col.category",
    "col.name",
    "col.unit",
    "col.baseline",
    "col.target",
    "col.targetYear",
    "col.kind",
    "col.actual",
    "col.grade",
    "col.reference",
    "col.progress",
    "col.suggestion",
    "col.suggestedTarget",
    "col.suggestionReason",
    "col.decided",
    "col.newTarget",
    "col.newName",
    "col.department",
  ] as const;
  const rows: (LayoutCell | null)[][] = [[c(t(lang, "out.list.title"), "title")], headers.map((h) => c(t(lang, h), "header"))];
  for (const ind of result.indicators) {
    const latest = latestActual(ind.actuals, result.fiscalYear);
    rows.push([
      c(sourceText(ind), "text", { link: ind.cells.name ? { file: ind.source.file, sheet: ind.source.sheet, cell: ind.cells.name } : undefined }),
      c(t(lang, "out.goal", { goal: ind.goal }), "text"),
      c(ind.package ?? "", "text"),
      c(t(lang, `category.${ind.category}`), "text"),
      c(ind.name, "text"),
      c(ind.unit ?? "", "text"),
      c(numOrBlank(ind.baseline), "number"),
      c(numOrBlank(ind.target), "number"),
      c(ind.targetYear ? (lang === "ja" ? eraYear(ind.targetYear) : ind.targetYear) : "", ind.targetYear && lang !== "ja" ? "number" : "text"),
      c(t(lang, ind.targetKind === "cumulative" ? "kind.cumulative" : "kind.single"), "text"),
      c(latest ? latest.value : null, "number"),
      c(ind.grade ?? (lang === "ja" ? "未評価" : "Ungraded"), "text"),
      c(ind.referenceGrade ?? "", "text"),
      c(ind.progress === undefined ? null : Math.round(ind.progress * 1000) / 1000, "number", { numberFormat: "0.0%" }),
      c(t(lang, `action.${ind.suggestion.action}`), "text"),
      c(numOrBlank(ind.suggestion.newTarget), "number"),
      c(ind.suggestion.reason, "text"),
      c(ind.decided ? t(lang, `type.${ind.decided.type}`) : "", "text"),
      c(numOrBlank(ind.decided?.newTarget), "number"),
      c(ind.decided?.newName ?? "", "text"),
      c(ind.department ?? "", "text"),
    ]);
  }
  return {
    role: "list",
    name: sheetNamesFor(settings, lang).list,
    rows,
    merges: [],
    columnWidths: LIST_WIDTHS,
    rowHeights: fitRowHeights(rows, LIST_WIDTHS, 1),
    freezeRows: 2,
    print: { orientation: "landscape", fitToWidth: true },
  };
}

function comparisonLayout(result: EngineResult, settings: Settings, lang: Lang): SheetLayout {
  const headers = [
    "col.goal",
    "col.package",
    "col.category",
    "col.grade",
    "col.revisionType",
    "col.oldName",
    "col.newName",
    "col.oldTarget",
    "col.newTarget",
    "col.unit",
    "col.targetYear",
    "col.reason",
  ] as const;
  const rows: (LayoutCell | null)[][] = [[c(t(lang, "out.comparison.title"), "title")], headers.map((h) => c(t(lang, h), "header"))];
  const revised = result.indicators.filter((i) => i.grade && i.decided);
  for (const ind of revised) {
    const d = ind.decided!;
    rows.push([
      c(t(lang, "out.goal", { goal: ind.goal }), "text"),
      c(ind.package ?? "", "text"),
      c(t(lang, `category.${ind.category}`), "text"),
      c(ind.grade ?? "", "text"),
      c(t(lang, `type.${d.type}`), "text"),
      c(ind.name, "text"),
      c(d.newName ?? ind.name, "text"),
      c(numOrBlank(ind.target), "number"),
      c(d.newTarget ?? (d.type === "目標値の修正" ? null : numOrBlank(ind.target)), "number"),
      c(ind.unit ?? "", "text"),
      c(ind.targetYear ? (lang === "ja" ? eraYear(ind.targetYear) : ind.targetYear) : "", ind.targetYear && lang !== "ja" ? "number" : "text"),
      c(ind.reason ?? ind.suggestion.reason, "text"),
    ]);
  }
  return {
    role: "comparison",
    name: sheetNamesFor(settings, lang).comparison,
    rows,
    merges: [],
    columnWidths: COMPARISON_WIDTHS,
    rowHeights: fitRowHeights(rows, COMPARISON_WIDTHS, 1),
    freezeRows: 2,
    print: { orientation: "landscape", fitToWidth: true },
  };
}

function checksLayout(result: EngineResult, settings: Settings, lang: Lang): SheetLayout {
  const headers = ["col.severity", "col.file", "col.sheet", "col.cell", "col.code", "col.message"] as const;
  const rows: (LayoutCell | null)[][] = [
    [c(t(lang, "out.checks.title", { count: result.diagnostics.length }), "title")],
    headers.map((h) => c(t(lang, h), "header")),
  ];
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...result.diagnostics].sort((a, b) => rank[a.severity] - rank[b.severity]);
  for (const d of sorted) {
    rows.push([
      c(t(lang, `severity.${d.severity}`), "text"),
      c(d.file, "text"),
      c(d.sheet, "text"),
      d.cell ? c(d.cell, "link", { link: { file: d.file, sheet: d.sheet, cell: d.cell } }) : c("", "text"),
      c(d.code, "text"),
      c(d.message, "text"),
    ]);
  }
  if (sorted.length === 0) rows.push([c(t(lang, "out.checks.none"), "note")]);
  return {
    role: "checks",
    name: sheetNamesFor(settings, lang).checks,
    rows,
    merges: [],
    columnWidths: CHECKS_WIDTHS,
    rowHeights: fitRowHeights(rows, CHECKS_WIDTHS, 1),
    freezeRows: 2,
    print: { orientation: "landscape", fitToWidth: true },
  };
}

function completionLayout(result: EngineResult, settings: Settings, lang: Lang): SheetLayout {
  const headers = ["col.department", "col.indicators", "col.graded", "col.ungraded", "col.withRevision", "col.diagnostics"] as const;
  const rows: (LayoutCell | null)[][] = [[c(t(lang, "out.completion.title"), "title")], headers.map((h) => c(t(lang, h), "header"))];
  const sum = { indicators: 0, graded: 0, ungraded: 0, decided: 0, diagnostics: 0 };
  for (const r of result.completion) {
    rows.push([
      c(r.department, "text"),
      c(r.indicators, "number"),
      c(r.graded, "number"),
      c(r.ungraded, "number"),
      c(r.decided, "number"),
      c(r.diagnostics, "number"),
    ]);
    sum.indicators += r.indicators;
    sum.graded += r.graded;
    sum.ungraded += r.ungraded;
    sum.decided += r.decided;
    sum.diagnostics += r.diagnostics;
  }
  rows.push([c(t(lang, "out.total"), "total"), ...[sum.indicators, sum.graded, sum.ungraded, sum.decided, sum.diagnostics].map((n) => c(n, "totalNumber"))]);
  // Per source: which file or sheet each count comes from.
  rows.push([], [c(t(lang, "out.completion.bySource"), "title")]);
  rows.push([c(t(lang, "col.source"), "header"), ...headers.slice(1).map((h) => c(t(lang, h), "header"))]);
  for (const r of result.completionBySource) {
    rows.push([
      c(`${r.file} / ${r.sheet}`, "text"),
      c(r.indicators, "number"),
      c(r.graded, "number"),
      c(r.ungraded, "number"),
      c(r.decided, "number"),
      c(r.diagnostics, "number"),
    ]);
  }
  return {
    role: "completion",
    name: sheetNamesFor(settings, lang).completion,
    rows,
    merges: [],
    columnWidths: [24, 10, 10, 10, 16, 10],
    freezeRows: 2,
    print: { orientation: "portrait", fitToWidth: true },
  };
}

/** Changes by strategy package, laid out per basic goal like the seed's （２）具体的施策. */
function packagesLayout(result: EngineResult, settings: Settings, lang: Lang): SheetLayout {
  const rows: (LayoutCell | null)[][] = [[c(t(lang, "out.packages.title"), "title")]];
  const heights: Record<number, number> = { 0: 24 };
  const widths = [40, 70];
  const goals = [...new Set(result.packageChanges.map((p) => p.goal))].sort((a, b) => a - b);
  for (const goal of goals) {
    const items = result.packageChanges.filter((p) => p.goal === goal);
    const name = items.find((p) => p.goalName)?.goalName ?? result.tally.goals.find((g) => g.goal === goal)?.goalName ?? "";
    rows.push([]);
    rows.push([c(`${t(lang, "out.goal", { goal })} ${name}`.trim(), "title")]);
    rows.push([c(t(lang, "col.package"), "header"), c(t(lang, "col.changes"), "header")]);
    for (const p of items) {
      const r = rows.length;
      const bullets = p.changes
        .split(/\s*(?=○)/)
        .map((s) => s.trim())
        .filter((s) => s !== "");
      rows.push([c(p.package, "text"), c(bullets.join("\n"), "text")]);
      heights[r] = Math.max(wrappedHeight([p.package], widths[0]), wrappedHeight(bullets, widths[1]));
    }
  }
  return {
    role: "packages",
    name: sheetNamesFor(settings, lang).packages,
    rows,
    merges: [],
    columnWidths: widths,
    rowHeights: heights,
    freezeRows: 0,
    print: { orientation: "portrait", fitToWidth: true },
  };
}

/** Excel holds at most 32,767 characters in a cell; longer text is cut with an ellipsis. */
const EXCEL_CELL_MAX = 32767;
function clampCells(layout: SheetLayout): SheetLayout {
  const tooLong = layout.rows.some((row) => row.some((cell) => cell && typeof cell.value === "string" && cell.value.length > EXCEL_CELL_MAX));
  if (!tooLong) return layout;
  const rows = layout.rows.map((row) =>
    row.map((cell) =>
      cell && typeof cell.value === "string" && cell.value.length > EXCEL_CELL_MAX ? { ...cell, value: cell.value.slice(0, EXCEL_CELL_MAX - 1) + "…" } : cell,
    ),
  );
  return { ...layout, rows };
}

export function buildAllLayouts(result: EngineResult, settings: Settings, lang: Lang): SheetLayout[] {
  return buildLayoutsUnclamped(result, settings, lang).map(clampCells);
}

function buildLayoutsUnclamped(result: EngineResult, settings: Settings, lang: Lang): SheetLayout[] {
  const layouts = [
    summaryLayout(result, settings, lang),
    listLayout(result, settings, lang),
    comparisonLayout(result, settings, lang),
    checksLayout(result, settings, lang),
  ];
  const departments = result.completion.length;
  if (departments > 1 || result.sheets.filter((s) => s.isEvaluationSheet).length > 1) layouts.push(completionLayout(result, settings, lang));
  if (result.packageChanges.length > 0) layouts.push(packagesLayout(result, settings, lang));
  return layouts;
}
