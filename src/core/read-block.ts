// Layout family "a block per indicator": labelled rows (期待値 / 実績値 / 達成率 / 評価) under
// one indicator, fiscal years as columns, the grade in the 評価 row under the evaluated year.
// The block is folded into one row of the usual one-row-per-indicator table (the year
// columns hold the actuals, the label column the grade, extra columns each year's target),
// and every address the reader reports is mapped back to the real cell.

import { a1 } from "./address";
import { cellText, headerKey, isNoValue } from "./normalize";
import { spreadMerges } from "./read-grid";
import { findHeader } from "./read-header";
import { Diagnostic, FIELD_KEYS, Indicator, SheetInput, SheetReading } from "./types";

type RowLabel = "target" | "actual" | "grade" | "other";

/** What a row label says: 期待値/目標 (the year's target), 実績 (actuals), 評価 (the grade), 達成率… */
function rowLabel(v: unknown): RowLabel | undefined {
  const k = headerKey(v);
  if (/^(期待値|目標値?|計画値?|年度目標|target|expected)$/.test(k)) return "target";
  if (/^(実績値?|実数|現在値|actual)$/.test(k)) return "actual";
  if (/^(評価|判定|評価結果|達成度評価|grade)$/.test(k)) return "grade";
  if (/^(達成率|進捗率|達成度|進捗状況|差|増減)$/.test(k)) return "other";
  return undefined;
}

/** The column holding row labels: at least two blocks' worth of 実績 and one more kind. */
function labelColumn(rows: readonly (readonly unknown[])[], start: number): number | undefined {
  const width = Math.min(30, Math.max(0, ...rows.slice(start, start + 200).map((r) => r.length)));
  for (let c = 0; c < width; c++) {
    const kinds = new Map<RowLabel, number>();
    for (let r = start; r < Math.min(rows.length, start + 200); r++) {
      const k = rowLabel(rows[r]?.[c]);
      if (k) kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
    if ((kinds.get("actual") ?? 0) >= 1 && ((kinds.get("grade") ?? 0) >= 1 || (kinds.get("target") ?? 0) >= 1) && kinds.size >= 2) return c;
  }
  return undefined;
}

interface Block {
  readonly first: number;
  readonly rows: Partial<Record<RowLabel, number>>;
}

/** Blocks: a new one where the name changes or a label comes again. */
function blocksOf(rows: readonly (readonly unknown[])[], start: number, nameCol: number, labelCol: number): Block[] {
  const blocks: { first: number; rows: Partial<Record<RowLabel, number>>; name: string }[] = [];
  for (let r = start; r < rows.length; r++) {
    const label = rowLabel(rows[r]?.[labelCol]);
    const name = cellText(rows[r]?.[nameCol]);
    const cur = blocks[blocks.length - 1];
    if (!label) {
      if (name !== "" && (!cur || name !== cur.name)) blocks.push({ first: r, rows: {}, name });
      continue;
    }
    if (!cur || (name !== "" && name !== cur.name) || cur.rows[label] !== undefined)
      blocks.push({ first: r, rows: { [label]: r }, name: name || cur?.name || "" });
    else cur.rows[label] = r;
  }
  return blocks;
}

export interface BlockFold {
  /** The sheet as one row per indicator. */
  readonly input: SheetInput;
  /** Maps what the reader found back to the real cells. */
  fix(reading: SheetReading): SheetReading;
}

/** The year evaluated in a block: the settings', else the latest with an actual, else with a grade. */
function evaluatedYear(
  rows: readonly (readonly unknown[])[],
  block: Block,
  years: readonly { col: number; year: number }[],
  given?: number,
): number | undefined {
  if (given !== undefined) return given;
  const latest = (r: number | undefined): number | undefined =>
    r === undefined ? undefined : [...years].reverse().find((y) => !isNoValue(rows[r]?.[y.col]))?.year;
  return latest(block.rows.actual) ?? latest(block.rows.grade);
}

/**
 * A block-per-indicator sheet folded into one row per indicator, or undefined when the sheet
 * is not laid out in blocks.
 */
export function foldBlocks(input: SheetInput, evaluationYear: number | undefined): BlockFold | undefined {
  const rows = spreadMerges(input);
  const found = findHeader(rows);
  const nameCol = found?.map.fields.name;
  if (!found || nameCol === undefined) return undefined;
  const headerRow = found.rows[found.rows.length - 1];
  const labelCol = labelColumn(rows, headerRow + 1);
  if (labelCol === undefined) return undefined;
  // The fiscal-year columns (令和2年度, R3, 2022…) the header reader takes for actuals.
  const years = found.map.actuals
    .filter((a): a is { col: number; year: number } => a.year !== undefined && a.col !== labelCol)
    .map((a) => ({ col: a.col, year: a.year }))
    .sort((x, y) => x.year - y.year);
  if (years.length === 0) return undefined;
  let width = labelCol + 1;
  for (const r of rows) if (r.length > width) width = r.length;
  const out: unknown[][] = rows.map((r, i) => (i <= headerRow ? [...r] : []));
  for (const i of found.rows) out[i][labelCol] = i === found.rows[0] ? "評価" : null;
  years.forEach((y, i) => {
    for (const h of found.rows) out[h][width + i] = h === found.rows[0] ? `${y.year}年度目標` : null;
    for (const h of found.rows) out[h][y.col] = h === found.rows[0] ? `${y.year}年度実績` : null;
  });
  const back = new Map<string, string>();
  const at = (r: number, c: number): string => a1((input.rowOffset ?? 0) + r, (input.colOffset ?? 0) + c);
  for (const block of blocksOf(rows, headerRow + 1, nameCol, labelCol)) {
    const row: unknown[] = [...(rows[block.first] ?? [])];
    const year = evaluatedYear(rows, block, years, evaluationYear);
    const gradeAt = years.find((y) => y.year === year);
    row[labelCol] = block.rows.grade !== undefined && gradeAt ? rows[block.rows.grade]?.[gradeAt.col] : null;
    if (block.rows.grade !== undefined && gradeAt) back.set(at(block.first, labelCol), at(block.rows.grade, gradeAt.col));
    years.forEach((y, i) => {
      row[y.col] = block.rows.actual !== undefined ? rows[block.rows.actual]?.[y.col] : null;
      if (block.rows.actual !== undefined) back.set(at(block.first, y.col), at(block.rows.actual, y.col));
      row[width + i] = block.rows.target !== undefined ? rows[block.rows.target]?.[y.col] : null;
      if (block.rows.target !== undefined) back.set(at(block.first, width + i), at(block.rows.target, y.col));
    });
    out[block.first] = row;
  }
  const folded: SheetInput = { file: input.file, sheet: input.sheet, rows: out, rowOffset: input.rowOffset, colOffset: input.colOffset };
  const real = (cell: string): string => back.get(cell) ?? cell;
  return {
    input: folded,
    fix: (reading) => ({
      ...reading,
      layout: "block",
      diagnostics: reading.diagnostics.map((d): Diagnostic => (back.has(d.cell) ? { ...d, cell: real(d.cell) } : d)),
      indicators: reading.indicators.map((ind): Indicator => {
        const cells: Record<string, string> = {};
        for (const k of FIELD_KEYS) {
          const v = ind.cells[k];
          if (v !== undefined) cells[k] = real(v);
        }
        return { ...ind, cells };
      }),
    }),
  };
}
