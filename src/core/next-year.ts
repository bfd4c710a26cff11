// Next year's evaluation sheet (FY N+1) from the revised indicator list, as plain data:
// the layout, which cells the department fills in, the drop-down lists and our formulas.
// The formulas are built from numbers and cell references only; no user text enters one.

import { t } from "./messages";
import { printSetup } from "./styles";
import { columnLetter } from "./address";
import { bandsFor, elapsedShare } from "./classify";
import { eraYear } from "./layout";
import { CellStyle, LayoutCell, SheetLayout } from "./layout-types";
import { RevisedIndicator, RevisedList } from "./revised";
import { CYCLE_SHEET_NAMES, fiscalYearLabel, fitHeights } from "./revised-layout";
import { Settings } from "./settings";
import { allLabels, defaultRule, GradeScale } from "./scale";
import { Lang } from "./types";

/** The labels offered in the grade column's list: the scale's grades, best first, then its not-judged marks. */
export function gradeLabels(scale: GradeScale): readonly string[] {
  return allLabels(scale);
}

/** Whether the sheet can compute the reference grade live: the progress rule of a graded scale. */
export function liveRule(scale: GradeScale, settings: Settings): boolean {
  return (settings.rule ?? defaultRule(scale)) === "progress" && scale.id !== "twoLetter" && scale.grades.length > 1;
}

/** What fills a column of next year's sheet. */
export type ColumnKey =
  | "goal"
  | "package"
  | "category"
  | "name"
  | "unit"
  | "baseline"
  | "baselineYear"
  | "target"
  | "targetYear"
  | "kind"
  | "direction"
  | `actual:${number}`
  | "progress"
  | "reference"
  | "grade"
  | "gradeReason"
  | "department"
  | "revisionType"
  | "newTarget"
  | "newTargetYear"
  | "newName";

export interface SheetColumn {
  readonly key: ColumnKey;
  readonly header: string;
  readonly width: number;
  /** A cell the department fills in: shaded, not locked. */
  readonly input: boolean;
}

/** A drop-down list on a column's data cells, its items in a block of cells on the instructions sheet. */
export interface ListValidation {
  readonly col: number;
  /** e.g. '記入要領'!$A$12:$A$15 */
  readonly source: string;
  readonly error: string;
}

export interface NextYearSheet {
  readonly layout: SheetLayout;
  readonly columns: readonly SheetColumn[];
  /** 0-based rows of the indicators. */
  readonly firstDataRow: number;
  readonly lastDataRow: number;
  /** Formulas (without "="), by 0-based row and column. */
  readonly formulas: readonly { readonly row: number; readonly col: number; readonly formula: string }[];
  readonly lists: readonly ListValidation[];
  /** Columns whose input must be a number (the new actual, the new target). */
  readonly numberColumns: readonly number[];
  readonly numberError: string;
}

export interface Instructions {
  readonly layout: SheetLayout;
  /** Absolute references to the cells holding each grade label (A first) and each revision type. */
  readonly gradeCells: readonly string[];
  readonly revisionCells: readonly string[];
}

const cell = (value: string | number | null | undefined, style: CellStyle, numberFormat?: string): LayoutCell => ({
  value: value === undefined ? null : value,
  style,
  ...(numberFormat ? { numberFormat } : {}),
});

/** 'Sheet name'!$A$1 */
export const absoluteRef = (sheet: string, row: number, col: number): string => `'${sheet.replace(/'/g, "''")}'!$${columnLetter(col)}$${row + 1}`;

/** The years of actual columns: every year carried over, then the new one. */
export function actualYears(list: RevisedList): number[] {
  const next = list.evaluatedYear + 1;
  const years = new Set<number>();
  for (const ind of list.indicators) for (const a of ind.actuals) if (a.year > 0 && a.year < next) years.add(a.year);
  return [...[...years].sort((a, b) => a - b), next];
}

const longestWord = (text: string): number => Math.max(...text.split(/\s+/).map((w) => w.length));

function sheetColumns(list: RevisedList, lang: Lang): SheetColumn[] {
  const next = list.evaluatedYear + 1;
  // Latin headers wrap only between words: each column is at least as wide as its longest word.
  const col = (key: ColumnKey, header: string, width: number, input = false): SheetColumn => ({
    key,
    header,
    width: lang === "ja" ? width : Math.max(width, longestWord(header) + 1),
    input,
  });
  return [
    col("goal", t(lang, "col.goal"), 9),
    col("package", t(lang, "col.package"), 18),
    col("category", t(lang, "col.category"), 8),
    col("name", t(lang, "col.name"), 26),
    col("unit", t(lang, "col.unit"), 7),
    col("baseline", t(lang, "col.baseline"), 10),
    col("baselineYear", t(lang, "next.col.baselineYear"), 9),
    col("target", t(lang, "col.target"), 10),
    col("targetYear", t(lang, "col.targetYear"), 9),
    col("kind", t(lang, "next.col.kind"), 8),
    // Written when the source said so: the reader would otherwise infer it from the numbers.
    ...(list.indicators.some((i) => i.direction) ? [col("direction", t(lang, "next.col.direction"), 7)] : []),
    ...actualYears(list).map((y) => col(`actual:${y}`, t(lang, "next.col.actual", { year: fiscalYearLabel(y, lang) }), y === next ? 11 : 9, y === next)),
    col("progress", t(lang, "col.progress"), 8),
    col("reference", t(lang, "col.reference"), 7),
    col("grade", t(lang, "col.grade"), 7, true),
    col("gradeReason", t(lang, "next.col.gradeReason"), 20, true),
    col("department", t(lang, "col.department"), 10),
    col("revisionType", t(lang, "col.revisionType"), 13, true),
    col("newTarget", t(lang, "next.col.newTarget"), 11, true),
    col("newTargetYear", t(lang, "next.col.newTargetYear"), 9, true),
    col("newName", t(lang, "next.col.newName"), 16, true),
  ];
}

const yearCell = (year: number | undefined, lang: Lang): string => (year === undefined ? "" : lang === "ja" ? eraYear(year) : `FY${year}`);

function valueFor(ind: RevisedIndicator, key: ColumnKey, lang: Lang): LayoutCell {
  const num = (v: number | undefined): LayoutCell => cell(v === undefined ? null : v, "number", "#,##0.##");
  switch (key) {
    case "goal":
      return cell(t(lang, "out.goal", { goal: ind.goal }), "text");
    case "package":
      return cell(ind.package ?? "", "text");
    case "category":
      return cell(t(lang, `category.${ind.category}`), "text");
    case "name":
      return cell(ind.name, "text");
    case "unit":
      return cell(ind.unit ?? "", "text");
    case "baseline":
      return num(ind.baseline);
    case "baselineYear":
      return cell(yearCell(ind.baselineYear, lang), "text");
    case "target":
      return num(ind.target);
    case "targetYear":
      return cell(yearCell(ind.targetYear, lang), "text");
    case "kind":
      return cell(t(lang, ind.targetKind === "cumulative" ? "kind.cumulative" : "kind.single"), "text");
    case "department":
      return cell(ind.department ?? "", "text");
    case "direction":
      return cell(ind.direction ? t(lang, `next.direction.${ind.direction}`) : "", "text");
    case "progress":
      return cell(null, "number", "0.0%");
    case "grade":
    case "reference":
      return cell(null, "rowHeader");
    default:
      if (key.startsWith("actual:")) return num(ind.actuals.find((a) => a.year === Number(key.slice(7)))?.value);
      return cell(null, key === "newTarget" ? "number" : "text");
  }
}

export interface NextYearSheetOptions {
  readonly department?: string | undefined;
  /** The sheet's name (a department's cleaned name, or the master's). */
  readonly sheetName: string;
  readonly instructions: Instructions;
  /** The grade scale of the evaluation the list comes from (EngineResult.scale). */
  readonly scale: GradeScale;
}

export function nextYearSheet(
  list: RevisedList,
  indicators: readonly RevisedIndicator[],
  settings: Settings,
  lang: Lang,
  options: NextYearSheetOptions,
): NextYearSheet {
  const next = list.evaluatedYear + 1;
  const columns = sheetColumns(list, lang);
  const at = (key: ColumnKey): number => columns.findIndex((c) => c.key === key);
  const title = t(lang, "next.title", { year: fiscalYearLabel(next, lang), department: options.department ?? t(lang, "next.all") });
  const note = t(lang, "next.note", { year: fiscalYearLabel(next, lang), instructions: CYCLE_SHEET_NAMES[lang].instructions });
  const rows: (LayoutCell | null)[][] = [[cell(title, "title")], [cell(note, "note")], columns.map((c) => cell(c.header, "header"))];
  const firstDataRow = rows.length;
  const formulas: { row: number; col: number; formula: string }[] = [];
  for (const ind of indicators) {
    const r = rows.length;
    rows.push(columns.map((c) => valueFor(ind, c.key, lang)));
    const actualRef = `${columnLetter(at(`actual:${next}`))}${r + 1}`;
    const progressRef = `${columnLetter(at("progress"))}${r + 1}`;
    const progress = liveRule(options.scale, settings) ? progressFormula(ind, settings, next, actualRef) : undefined;
    if (progress === undefined) continue;
    formulas.push({ row: r, col: at("progress"), formula: progress });
    formulas.push({ row: r, col: at("reference"), formula: referenceGradeFormula(progressRef, options.scale, settings, options.instructions.gradeCells) });
  }
  const listRange = (cells: readonly string[]): string => `${cells[0]}:${cells[cells.length - 1].replace(/^.*!/, "")}`;
  return {
    layout: {
      role: "list",
      name: options.sheetName,
      rows,
      merges: [],
      columnWidths: columns.map((c) => c.width),
      rowHeights: fitHeights(
        rows,
        columns.map((c) => c.width),
        firstDataRow,
        { 0: 24, 1: 30, 2: 36 },
      ),
      freezeRows: firstDataRow,
      // A3 landscape, as evaluation sheets are handed out: on A4 two dozen columns print below 8 pt.
      print: printSetup("A3", "landscape", { titleRows: { first: 0, last: firstDataRow - 1 } }),
    },
    columns,
    firstDataRow,
    lastDataRow: rows.length - 1,
    formulas,
    lists: [
      {
        col: at("grade"),
        source: listRange(options.instructions.gradeCells),
        error: t(lang, "next.gradeError", { grades: gradeLabels(options.scale).join("・") }),
      },
      { col: at("revisionType"), source: listRange(options.instructions.revisionCells), error: t(lang, "next.revisionError") },
    ],
    numberColumns: [at(`actual:${next}`), at("newTarget")],
    numberError: t(lang, "next.numberError"),
  };
}

/** A number as formula text: plain decimal, negatives in parentheses. */
function n(v: number): string {
  const s = Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  return v < 0 ? `(${s})` : s;
}

/**
 * 進捗率 for the new year's actual in cell `x`, the engine's computeProgress written out with
 * the indicator's numbers (classify.ts): blank while the actual is not a number.
 */
export function progressFormula(ind: RevisedIndicator, settings: Settings, year: number, x: string): string | undefined {
  if (ind.target === undefined) return undefined;
  const baseline = ind.baseline;
  const direction = ind.direction ?? (baseline !== undefined && ind.target < baseline ? "down" : "up");
  let due = ind.target;
  const prorate = settings.prorate ?? "cumulative";
  if (prorate === "all" || (prorate === "cumulative" && ind.targetKind === "cumulative")) {
    const share = elapsedShare(settings, year, ind.targetYear);
    due = baseline !== undefined ? baseline + (ind.target - baseline) * share : ind.target * share;
  }
  if (![due, baseline ?? 0].every(Number.isFinite)) return undefined;
  let expr: string;
  if (settings.progressFormula === "ratio" && baseline !== undefined && due !== baseline) expr = `(${x}-${n(baseline)})/${n(due - baseline)}`;
  else if (direction === "up") expr = due !== 0 ? `${x}/${n(due)}` : `IF(${x}>=0,99,0)`;
  else if (due < 0) expr = `IF(${x}<=${n(due)},1,0)`;
  else expr = `IF(${x}<0,1,IF(${x}=0,99,${n(due)}/${x}))`;
  return `IF(ISNUMBER(${x}),MAX(-99,MIN(99,${expr})),"")`;
}

/**
 * 参考評価 from the progress cell and the scale's bands (classify.ts gradeFromProgress); the
 * labels are cells of the instructions sheet, best grade first.
 */
export function referenceGradeFormula(progress: string, scale: GradeScale, settings: Settings, gradeCells: readonly string[]): string {
  const bands = bandsFor(scale, settings);
  const last = gradeCells[scale.grades.length - 1];
  const chain = bands.reduceRight((rest, band, i) => `IF(${progress}+1E-9>=${n(band)},${gradeCells[i]},${rest})`, last);
  return `IF(ISNUMBER(${progress}),${chain},"")`;
}
