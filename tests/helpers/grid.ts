// Builders for engine fixtures: a sheet from a few readable rows, an indicator with
// sensible defaults, and a one-call engine run.

import { runEngine } from "../../src/core/engine";
import { DEFAULT_SETTINGS, Settings } from "../../src/core/settings";
import { CellRange, EngineResult, Indicator, Lang, SheetInput } from "../../src/core/types";

/** A typical one-row header, in the order most fixtures use. */
export const HEADER = [
  "基本目標",
  "区分",
  "指標名",
  "単位",
  "基準値",
  "目標値",
  "目標年度",
  "累計/単年度",
  "令和2年度",
  "令和3年度",
  "令和4年度",
  "評価",
  "評価理由",
  "担当課",
  "見直し区分",
  "見直し後の目標値",
  "見直し後の指標名",
] as const;

export type Field = (typeof HEADER)[number];

/** A data row from named fields, laid out under HEADER. */
export function row(fields: Partial<Record<Field, unknown>>): unknown[] {
  return HEADER.map((h) => (h in fields ? fields[h] : null));
}

export function sheet(rows: readonly (readonly unknown[])[], opts: { file?: string; sheet?: string; merges?: CellRange[] | undefined } = {}): SheetInput {
  return { file: opts.file ?? "test.xlsx", sheet: opts.sheet ?? "評価シート", rows, ...(opts.merges ? { merges: opts.merges } : {}) };
}

export function run(sheets: SheetInput | readonly SheetInput[], opts: { settings?: Settings; lang?: Lang } = {}): EngineResult {
  const list = Array.isArray(sheets) ? (sheets as SheetInput[]) : [sheets as SheetInput];
  return runEngine(list, { settings: opts.settings ?? DEFAULT_SETTINGS, lang: opts.lang ?? "ja" });
}

/** Run a single sheet given as header + rows. */
export function runRows(rows: readonly (readonly unknown[])[], opts: { settings?: Settings; lang?: Lang; merges?: CellRange[] } = {}): EngineResult {
  return run(sheet(rows, { merges: opts.merges }), opts);
}

/** An indicator with defaults (goal 1 KPI, single-year, higher is better), for classify/suggest units. */
export function indicator(over: Partial<Indicator> = {}): Indicator {
  return {
    source: { file: "test.xlsx", sheet: "評価シート", row: 2 },
    goal: 1,
    category: "kpi",
    name: "テスト指標",
    targetKind: "single",
    actuals: [],
    cells: { grade: "L2", name: "C2" },
    ...over,
  };
}

/** Actuals from {year: value}. */
export function actuals(byYear: Record<number, number>): { year: number; value: number }[] {
  return Object.entries(byYear).map(([y, v]) => ({ year: Number(y), value: v }));
}
