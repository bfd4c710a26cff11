// The revised indicator list as a print-ready sheet: a heading row per basic goal and per
// strategy package, one row per indicator, then the indicators taken out, apart.

import { t } from "./messages";
import { printSetup } from "./styles";
import { eraYear, textWidth } from "./layout";
import { CellStyle, LayoutCell, Merge, SheetLayout } from "./layout-types";
import { RemovedIndicator, RevisedIndicator, RevisedList } from "./revised";
import { Lang } from "./types";

/** Sheet names of the yearly cycle; never read back as evaluation sheets. */
export const CYCLE_SHEET_NAMES = {
  ja: { revised: "改訂後の指標一覧", instructions: "記入要領", master: "評価シート" },
  en: { revised: "Revised list", instructions: "Instructions", master: "Evaluation" },
} as const;

const WIDTHS = [9, 9, 36, 8, 11, 11, 11, 9, 14, 14, 34, 22];
const LAST_COL = WIDTHS.length - 1;

const cell = (value: string | number | null | undefined, style: CellStyle, numberFormat?: string): LayoutCell => ({
  value: value === undefined ? null : value,
  style,
  ...(numberFormat ? { numberFormat } : {}),
});

/** Heights (points) for rows whose wrapped text needs more than one line; Excel does not re-fit on open. */
export function fitHeights(
  rows: readonly (readonly (LayoutCell | null)[])[],
  widths: readonly number[],
  from: number,
  heights: Record<number, number> = {},
): Record<number, number> {
  for (let r = from; r < rows.length; r++) {
    let lines = 1;
    rows[r].forEach((c, col) => {
      if (!c || typeof c.value !== "string" || c.style !== "text") return;
      const n = c.value.split("\n").reduce((sum, l) => sum + Math.max(1, Math.ceil(textWidth(l) / Math.max(4, (widths[col] ?? 10) * 1.2))), 0);
      lines = Math.max(lines, n);
    });
    if (lines > 1 && heights[r] === undefined) heights[r] = Math.min(400, lines * 15 + 6);
  }
  return heights;
}

/** 令和5年度 (ja) or FY2023 (en). */
export function fiscalYearLabel(year: number, lang: Lang): string {
  return lang === "ja" ? eraYear(year) : `FY${year}`;
}

export function revisedListLayout(list: RevisedList, lang: Lang): SheetLayout {
  const rows: (LayoutCell | null)[][] = [[cell(t(lang, "out.revised.title", { year: fiscalYearLabel(list.evaluatedYear + 1, lang) }), "title")]];
  const merges: Merge[] = [];
  const heights: Record<number, number> = { 0: 24 };
  rows.push([cell(t(lang, "out.revised.note", { year: fiscalYearLabel(list.evaluatedYear, lang) }), "note")]);
  const headerRow = rows.length;
  rows.push(HEADERS.map((h) => cell(t(lang, h), "header")));
  let goal: number | undefined;
  let pkg: string | undefined;
  let no = 0;
  for (const ind of list.indicators) {
    if (ind.goal !== goal) {
      goal = ind.goal;
      pkg = undefined;
      merges.push(fullRow(rows.length));
      heights[rows.length] = 22;
      rows.push(spanning(`${t(lang, "out.goal", { goal: ind.goal })}　${ind.goalName ?? ""}`.trim(), "total"));
    }
    if ((ind.package ?? "") !== (pkg ?? "") && ind.package) {
      merges.push(fullRow(rows.length));
      heights[rows.length] = 20;
      rows.push(spanning(ind.package, "text"));
    }
    pkg = ind.package;
    rows.push(indicatorRow(ind, ++no, lang));
  }
  removedTable(list.removed, lang, rows, merges, heights);
  return {
    role: "list",
    name: CYCLE_SHEET_NAMES[lang].revised,
    rows,
    merges,
    columnWidths: WIDTHS,
    rowHeights: fitHeights(rows, WIDTHS, headerRow + 1, heights),
    freezeRows: headerRow + 1,
    // A3 landscape: on A4 its twelve columns print below 8 pt (tests/core/next-year.test.ts).
    print: printSetup("A3", "landscape", { titleRows: { first: 0, last: headerRow } }),
  };
}

const HEADERS = [
  "col.no",
  "col.category",
  "col.name",
  "col.unit",
  "col.baseline",
  "col.target",
  "col.targetYear",
  "col.kind",
  "col.department",
  "col.revisionType",
  "col.previous",
  "col.note",
] as const;

const fullRow = (r: number): Merge => ({ top: r, left: 0, bottom: r, right: LAST_COL });

function spanning(text: string, style: CellStyle): LayoutCell[] {
  return WIDTHS.map((_, i) => cell(i === 0 ? text : "", style));
}

const yearText = (year: number | undefined, lang: Lang): string => (year === undefined ? "" : fiscalYearLabel(year, lang));
const num = (v: number | undefined): number | null => (v === undefined ? null : v);

function indicatorRow(ind: RevisedIndicator, no: number, lang: Lang): LayoutCell[] {
  return [
    cell(no, "number"),
    cell(t(lang, `category.${ind.category}`), "text"),
    cell(ind.name, "text"),
    cell(ind.unit ?? "", "text"),
    cell(num(ind.baseline), "number", "#,##0.##"),
    cell(num(ind.target), "number", "#,##0.##"),
    cell(yearText(ind.targetYear, lang), "text"),
    cell(t(lang, ind.targetKind === "cumulative" ? "kind.cumulative" : "kind.single"), "text"),
    cell(ind.department ?? "", "text"),
    cell(ind.revisionType ? t(lang, `type.${ind.revisionType}`) : "", "text"),
    cell(previousText(ind, lang), "text"),
    cell(ind.status === "notApplied" ? `${t(lang, "status.notApplied")}: ${ind.notAppliedReason ?? ""}` : t(lang, `status.${ind.status}`), "text"),
  ];
}

/** 2,000,000: grouped digits, as the number cells show them. */
const GROUPED = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });

function previousText(ind: RevisedIndicator, lang: Lang): string {
  if (ind.status === "unchanged" || ind.status === "notApplied") return "";
  const parts: string[] = [];
  if (ind.previousName !== undefined && ind.previousName !== ind.name) parts.push(t(lang, "out.revised.previousName", { name: ind.previousName }));
  if (ind.previousTarget !== ind.target)
    parts.push(t(lang, "out.revised.previousTarget", { target: ind.previousTarget === undefined ? "－" : GROUPED.format(ind.previousTarget) }));
  if (ind.previousTargetYear !== ind.targetYear)
    parts.push(
      t(lang, "out.revised.previousTargetYear", { year: ind.previousTargetYear === undefined ? "－" : fiscalYearLabel(ind.previousTargetYear, lang) }),
    );
  return parts.join("\n");
}

function removedTable(removed: readonly RemovedIndicator[], lang: Lang, rows: (LayoutCell | null)[][], merges: Merge[], heights: Record<number, number>): void {
  rows.push([]);
  heights[rows.length] = 24;
  rows.push([cell(t(lang, "out.revised.removed"), "title")]);
  const headers = [
    "col.goal",
    "col.category",
    "col.name",
    "col.unit",
    "",
    "col.target",
    "",
    "",
    "col.department",
    "col.revisionType",
    "col.replacedBy",
    "col.source",
  ] as const;
  rows.push(headers.map((h) => cell(h === "" ? "" : t(lang, h), "header")));
  merges.push({ top: rows.length - 1, left: 3, bottom: rows.length - 1, right: 4 }, { top: rows.length - 1, left: 5, bottom: rows.length - 1, right: 7 });
  if (removed.length === 0) rows.push([cell(t(lang, "out.revised.none"), "note")]);
  for (const r of removed) {
    merges.push({ top: rows.length, left: 3, bottom: rows.length, right: 4 }, { top: rows.length, left: 5, bottom: rows.length, right: 7 });
    rows.push([
      cell(t(lang, "out.goal", { goal: r.goal }), "text"),
      cell(t(lang, `category.${r.category}`), "text"),
      cell(r.name, "text"),
      cell(r.unit ?? "", "text"),
      cell("", "text"),
      cell(num(r.target), "number", "#,##0.##"),
      cell(null, "number"),
      cell(null, "number"),
      cell(r.department ?? "", "text"),
      cell(t(lang, `type.${r.revisionType}`), "text"),
      cell(r.replacedBy, "text"),
      cell(`${r.from.sheet} ${r.from.row}`, "text"),
    ]);
  }
}
