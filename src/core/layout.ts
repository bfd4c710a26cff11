// Output sheets as plain data (see layout-types.ts). The official tally layout of the
// seed is defined here once; both adapters render it.

import { MessageKey, t } from "./messages";
import { latestActual } from "./classify";
import { must } from "./errors";
import { LayoutCell, Merge, PrintSetup, SheetLayout } from "./layout-types";
import { Settings, sheetNamesFor } from "./settings";
import { charsToPoints, DEFAULT_ROW_HEIGHT, printableSize, printSetup, STYLES } from "./styles";
import { allLabels } from "./scale";
import { gradeName } from "./suggest";
import { cell as c, countCell, eraYear, revisionTable, scaleCaption, Table, tallyTable, tallyTitle } from "./tables";
import { EngineResult, Lang, ReviewedIndicator } from "./types";

export { eraYear, revisionContent } from "./tables";

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

/** Points per line of body text: 游ゴシック's lines are tall. */
const LINE_HEIGHT = 17;
const TITLE_HEIGHT = 24;
const MAX_ROW_HEIGHT = 409;

/** Width of a line of 10.5 pt text in character units: full-width 2, other characters a little under 1. */
function lineWidth(s: string): number {
  const full = textWidth(s) - s.length;
  return full * 2 + (s.length - full) * 0.9;
}

/** Lines a text takes wrapped in a cell of the given width (bold text is wider). */
function linesIn(text: string, width: number, bold: boolean): number {
  const room = Math.max(2, width - 0.5);
  return text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil((lineWidth(line) * (bold ? 1.06 : 1)) / room)), 0);
}

/**
 * Row heights for every row whose wrapped text needs more than one line (Excel does not
 * re-fit rows on open), over merged widths; titles a little taller. Explicit heights stay
 * when larger.
 */
function fitRowHeights(rows: readonly (readonly (LayoutCell | null)[])[], merges: readonly Merge[], widths: readonly number[]): Record<number, number> {
  const heights: Record<number, number> = {};
  rows.forEach((row, r) => {
    let lines = 1;
    row.forEach((cell, col) => {
      if (!cell || typeof cell.value !== "string" || cell.value === "") return;
      if (cell.style === "title") heights[r] = TITLE_HEIGHT;
      const spec = STYLES[cell.style];
      if (!spec.wrap) return;
      const m = merges.find((x) => x.top <= r && x.bottom >= r && x.left <= col && x.right >= col);
      if (m && (m.top !== r || m.left !== col)) return;
      if (m && m.bottom > m.top) return; // spans rows: single-line labels
      const right = m ? m.right : col;
      let width = 0;
      for (let k = col; k <= right; k++) width += widths[k] ?? 8.43;
      lines = Math.max(lines, linesIn(cell.value, width, spec.bold));
    });
    if (lines > 1) heights[r] = Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 5);
  });
  return heights;
}

/** Widths widened so numbers (with separators) and bold labels that do not wrap fit. */
function fitWidths(rows: readonly (readonly (LayoutCell | null)[])[], widths: readonly number[]): number[] {
  const out = [...widths];
  for (const row of rows) {
    row.forEach((cell, col) => {
      if (!cell || col >= out.length || STYLES[cell.style].wrap) return;
      if (typeof cell.value === "number") {
        const shown = cell.numberFormat?.includes("%") ? `${(cell.value * 100).toFixed(1)}%` : Math.round(cell.value).toLocaleString("en-US");
        out[col] = Math.max(out[col], shown.length + 2);
      }
    });
  }
  return out;
}

/** A table's rows and merges copied into a sheet's rows at (top, left). */
function place(rows: (LayoutCell | null)[][], merges: Merge[], table: Table, top: number, left = 0): void {
  table.rows.forEach((cells, r) => {
    const row = (rows[top + r] ??= []);
    cells.forEach((cell, col) => (row[left + col] = cell));
  });
  for (const m of table.merges) merges.push({ top: m.top + top, left: m.left + left, bottom: m.bottom + top, right: m.right + left });
}

function summaryLayout(result: EngineResult, settings: Settings, lang: Lang): SheetLayout {
  const rows: (LayoutCell | null)[][] = [];
  const merges: Merge[] = [];
  // Label columns as wide as their longest label (bold in 合計), so nothing wraps or clips.
  const label = (keys: readonly string[], min: number): number => Math.max(min, ...keys.map((k) => Math.ceil(textWidth(k) * 1.1) + 3));
  const goalLabels = [...result.tally.goals.map((g) => t(lang, "out.goal", { goal: g.goal })), t(lang, "out.total")];
  // Columns in the scale's own labels: real grades, then the not-judged marks.
  const GRADES = allLabels(result.scale);
  const gradeCol = (g: string): string => gradeName(lang, g);
  const widths = [label(goalLabels, 13), label([t(lang, "out.numerical"), t(lang, "out.kpi")], 11), 9, 9, 9, 11, 13, 30, ...GRADES.slice(4).map(() => 30)];
  rows.push([c(tallyTitle(result, lang), "title")], []);
  // Table 1: header, then per goal a 数値目標 row and a KPI row, then 合計.
  const t1Top = rows.length;
  const table1 = tallyTable(result, lang);
  place(rows, merges, table1, t1Top);
  if (result.tally.ungraded > 0) {
    const detail = result.tally.goals
      .filter((g) => g.ungraded.numerical + g.ungraded.kpi > 0)
      .map((g) => `${t(lang, "out.goal", { goal: g.goal })} ${g.ungraded.numerical + g.ungraded.kpi}`)
      .join("、");
    rows[t1Top][2 + GRADES.length] = c(t(lang, "out.ungradedNote", { count: result.tally.ungraded, detail }), "note");
  }

  // Table 2: 評価 | 見直し基準 (B–E) | 修正指標数 | 修正内容.
  rows.push([], [], [c(t(lang, "out.table2Title"), "title")], []);
  place(rows, merges, revisionTable(result, settings, lang), rows.length);

  // Chart data: grades per basic goal (数値目標 + KPI), under the official tables.
  rows.push([], [], [c(`○${t(lang, "out.chartTitle")}`, "title")]);
  const chartTop = rows.length;
  rows.push([c("", "header"), ...GRADES.map((g) => c(gradeCol(g), "header"))]);
  for (const g of result.tally.goals) {
    rows.push([c(t(lang, "out.goal", { goal: g.goal }), "rowHeader"), ...GRADES.map((gr) => countCell(g.numerical[gr] + g.kpi[gr]))]);
  }
  const chartBottom = rows.length - 1;
  rows.push([]);
  const sources = [...new Set(result.sheets.filter((s) => s.isEvaluationSheet).map((s) => `${s.file} / ${s.sheet}`))].join("、");
  rows.push([c(t(lang, "out.generated", { sources }), "note")]);
  if (result.scale.id !== "daisen") rows.push([c(scaleCaption(result, lang), "note")]);

  return {
    role: "summary",
    name: sheetNamesFor(settings, lang).summary,
    rows,
    merges,
    columnWidths: widths,
    rowHeights: fitRowHeights(rows, merges, widths),
    freezeRows: 0,
    print: printSetup("A4", "portrait", { area: { top: 0, left: 0, bottom: rows.length - 1, right: widths.length - 1 } }),
    chart: {
      title: t(lang, "out.chartTitle"),
      dataRange: { top: chartTop, left: 0, bottom: chartBottom, right: GRADES.length },
      anchor: { row: chartBottom + 3, col: 0 },
    },
  };
}

/** A list sheet: a title row, a header row repeated on every printed page, one row per item. */
function listSheet(
  role: SheetLayout["role"],
  name: string,
  rows: (LayoutCell | null)[][],
  baseWidths: readonly number[],
  paper: Pick<PrintSetup, "paper" | "orientation">,
  printedColumns = baseWidths.length,
): SheetLayout {
  const widths = fitWidths(rows.slice(2), baseWidths);
  return {
    role,
    name,
    rows,
    merges: [],
    columnWidths: widths,
    rowHeights: fitRowHeights(rows, [], widths),
    freezeRows: 2,
    print: printSetup(paper.paper, paper.orientation, {
      titleRows: { first: 0, last: 1 },
      area: { top: 0, left: 0, bottom: Math.max(1, rows.length - 1), right: printedColumns - 1 },
    }),
  };
}

// 見直し一覧: the columns a reviewer needs on paper first; the source (a link), the kind of
// target and the reference grade after them, on screen only (outside the print area).
const LIST_COLUMNS: readonly (readonly [MessageKey, number])[] = [
  ["col.goal", 10],
  ["col.package", 20],
  ["col.category", 9],
  ["col.name", 28],
  ["col.unit", 7],
  ["col.baseline", 10],
  ["col.target", 10],
  ["col.targetYear", 10],
  ["col.actual", 10],
  ["col.grade", 7],
  ["col.progress", 8],
  ["col.suggestion", 14],
  ["col.suggestedTarget", 10],
  ["col.suggestionReason", 40],
  ["col.decided", 13],
  ["col.newTarget", 10],
  ["col.newName", 22],
  ["col.department", 12],
  ["col.source", 24],
  ["col.kind", 9],
  ["col.reference", 8],
];
const LIST_PRINTED = LIST_COLUMNS.findIndex(([key]) => key === "col.source");
const COMPARISON_WIDTHS = [10, 20, 9, 7, 13, 28, 28, 10, 10, 7, 10, 40];
const CHECKS_WIDTHS = [8, 22, 14, 7, 20, 70];

const sourceText = (ind: ReviewedIndicator): string => `${ind.source.file} / ${ind.source.sheet} ${ind.source.row}`;
const numOrBlank = (v: number | undefined): number | null => (v === undefined ? null : v);

function listRow(ind: ReviewedIndicator, result: EngineResult, lang: Lang): LayoutCell[] {
  const latest = latestActual(ind.actuals, result.fiscalYear);
  return [
    c(t(lang, "out.goal", { goal: ind.goal }), "text"),
    c(ind.package ?? "", "text"),
    c(t(lang, `category.${ind.category}`), "text"),
    c(ind.name, "text"),
    c(ind.unit ?? "", "text"),
    c(numOrBlank(ind.baseline), "number"),
    c(numOrBlank(ind.target), "number"),
    c(ind.targetYear ? (lang === "ja" ? eraYear(ind.targetYear) : ind.targetYear) : "", ind.targetYear && lang !== "ja" ? "number" : "text", {
      numberFormat: "0",
    }),
    c(latest ? latest.value : null, "number"),
    c(ind.grade ?? (lang === "ja" ? "未評価" : "Ungraded"), "text"),
    c(ind.progress === undefined ? null : Math.round(ind.progress * 1000) / 1000, "number", { numberFormat: "0.0%" }),
    c(t(lang, `action.${ind.suggestion.action}`), "text"),
    c(numOrBlank(ind.suggestion.newTarget), "number"),
    c(ind.suggestion.reason, "text"),
    c(ind.decided ? t(lang, `type.${ind.decided.type}`) : "", "text"),
    c(numOrBlank(ind.decided?.newTarget), "number"),
    c(ind.decided?.newName ?? "", "text"),
    c(ind.department ?? "", "text"),
    c(sourceText(ind), "text", { link: ind.cells.name ? { file: ind.source.file, sheet: ind.source.sheet, cell: ind.cells.name } : undefined }),
    c(t(lang, ind.targetKind === "cumulative" ? "kind.cumulative" : "kind.single"), "text"),
    c(ind.referenceGrade ?? "", "text"),
  ];
}

function listLayout(result: EngineResult, settings: Settings, lang: Lang): SheetLayout {
  const rows: (LayoutCell | null)[][] = [[c(t(lang, "out.list.title"), "title")], LIST_COLUMNS.map(([h]) => c(t(lang, h), "header"))];
  for (const ind of result.indicators) rows.push(listRow(ind, result, lang));
  const widths = LIST_COLUMNS.map(([, w]) => w);
  return listSheet("list", sheetNamesFor(settings, lang).list, rows, widths, { paper: "A3", orientation: "landscape" }, LIST_PRINTED);
}

const yearCell = (year: number | undefined, lang: Lang): LayoutCell =>
  c(year ? (lang === "ja" ? eraYear(year) : year) : "", year && lang !== "ja" ? "number" : "text", { numberFormat: "0" });

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
    const d = must(ind.decided, "decided revision of a revised indicator");
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
      yearCell(d.newTargetYear ?? ind.targetYear, lang), // the target year after the revision
      c(ind.reason ?? ind.suggestion.reason, "text"),
    ]);
  }
  return listSheet("comparison", sheetNamesFor(settings, lang).comparison, rows, COMPARISON_WIDTHS, { paper: "A3", orientation: "landscape" });
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
  return listSheet("checks", sheetNamesFor(settings, lang).checks, rows, CHECKS_WIDTHS, { paper: "A4", orientation: "landscape" });
}

function completionLayout(result: EngineResult, settings: Settings, lang: Lang): SheetLayout {
  const headers = ["col.department", "col.indicators", "col.graded", "col.ungraded", "col.withRevision", "col.diagnostics"] as const;
  const rows: (LayoutCell | null)[][] = [[c(t(lang, "out.completion.title"), "title")], headers.map((h) => c(t(lang, h), "header"))];
  const sum = { indicators: 0, graded: 0, ungraded: 0, decided: 0, diagnostics: 0 };
  for (const r of result.completion) {
    rows.push([c(r.department, "text"), ...[r.indicators, r.graded, r.ungraded, r.decided, r.diagnostics].map((n) => countCell(n))]);
    sum.indicators += r.indicators;
    sum.graded += r.graded;
    sum.ungraded += r.ungraded;
    sum.decided += r.decided;
    sum.diagnostics += r.diagnostics;
  }
  rows.push([
    c(t(lang, "out.total"), "total"),
    ...[sum.indicators, sum.graded, sum.ungraded, sum.decided, sum.diagnostics].map((n) => countCell(n, "totalNumber")),
  ]);
  // Per source: which file or sheet each count comes from.
  rows.push([], [c(t(lang, "out.completion.bySource"), "title")]);
  rows.push([c(t(lang, "col.source"), "header"), ...headers.slice(1).map((h) => c(t(lang, h), "header"))]);
  for (const r of result.completionBySource) {
    rows.push([c(`${r.file} / ${r.sheet}`, "text"), ...[r.indicators, r.graded, r.ungraded, r.decided, r.diagnostics].map((n) => countCell(n))]);
  }
  return listSheet("completion", sheetNamesFor(settings, lang).completion, rows, [30, 10, 10, 10, 16, 10], { paper: "A4", orientation: "portrait" });
}

/** Height of a row in points: its fitted height, or the default. */
const rowHeight = (heights: Readonly<Record<number, number>>, r: number): number => heights[r] ?? DEFAULT_ROW_HEIGHT;

/** How many points of rows fit on one printed page of a layout (at its fit-to-width scale), with room to spare. */
function pageCapacity(print: PrintSetup, widths: readonly number[]): number {
  const page = printableSize(print);
  const scale = Math.min(1, page.width / widths.reduce((s, w) => s + charsToPoints(w), 0));
  return (page.height / scale) * 0.88;
}

interface Group {
  readonly heading: string;
  readonly header: readonly LayoutCell[];
  readonly items: readonly (readonly LayoutCell[])[];
}

/**
 * Groups laid out for paper: each group (heading, header row, items) starts a new page
 * when it does not fit below the previous one, and a group longer than a page goes on
 * under its heading again ("…（続き）"), so every page starts with a group heading.
 */
function paginate(top: (LayoutCell | null)[][], groups: readonly Group[], widths: readonly number[], print: PrintSetup, lang: Lang) {
  const rows = [...top];
  const breaks: number[] = [];
  const capacity = pageCapacity(print, widths);
  const heightOf = (cells: readonly (LayoutCell | null)[]): number => rowHeight(fitRowHeights([cells], [], widths), 0);
  let used = top.reduce((s, row) => s + heightOf(row), 0);
  const startPage = (heading: string): void => {
    breaks.push(rows.length);
    rows.push([c(heading, "title")]);
    used = heightOf(rows[rows.length - 1]);
  };
  for (const g of groups) {
    const head = [c(g.heading, "title")];
    const whole = [head, g.header, ...g.items].reduce((s, row) => s + heightOf(row), DEFAULT_ROW_HEIGHT);
    if (used + whole > capacity && rows.length > top.length) startPage(g.heading);
    else {
      rows.push([]);
      rows.push(head);
      used += DEFAULT_ROW_HEIGHT + heightOf(head);
    }
    rows.push([...g.header]);
    used += heightOf(g.header);
    for (const item of g.items) {
      const h = heightOf(item);
      if (used + h > capacity) {
        startPage(t(lang, "out.continued", { heading: g.heading }));
        rows.push([...g.header]);
        used += heightOf(g.header);
      }
      rows.push([...item]);
      used += h;
    }
  }
  return { rows, breaks };
}

/** Changes by strategy package, laid out per basic goal like the seed's （２）具体的施策. */
function packagesLayout(result: EngineResult, settings: Settings, lang: Lang): SheetLayout {
  const widths = [36, 64];
  const goals = [...new Set(result.packageChanges.map((p) => p.goal))].sort((a, b) => a - b);
  const header = [c(t(lang, "col.package"), "header"), c(t(lang, "col.changes"), "header")];
  const groups: Group[] = goals.map((goal) => {
    const items = result.packageChanges.filter((p) => p.goal === goal);
    const name = items.find((p) => p.goalName)?.goalName ?? result.tally.goals.find((g) => g.goal === goal)?.goalName ?? "";
    const bullets = (changes: string): string =>
      changes
        .split(/\s*(?=○)/)
        .map((s) => s.trim())
        .filter((s) => s !== "")
        .join("\n");
    return {
      heading: `${t(lang, "out.goal", { goal })} ${name}`.trim(),
      header,
      items: items.map((p) => [c(p.package, "text"), c(bullets(p.changes), "text")]),
    };
  });
  const base = printSetup("A4", "portrait");
  const { rows, breaks } = paginate([[c(t(lang, "out.packages.title"), "title")]], groups, widths, base, lang);
  return {
    role: "packages",
    name: sheetNamesFor(settings, lang).packages,
    rows,
    merges: [],
    columnWidths: widths,
    rowHeights: fitRowHeights(rows, [], widths),
    freezeRows: 0,
    print: { ...base, area: { top: 0, left: 0, bottom: rows.length - 1, right: 1 }, rowBreaks: breaks },
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
