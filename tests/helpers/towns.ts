// Readable builders for sheets in other municipalities' styles: each town names its columns
// its own way and writes its own grades. An indicator is one line: goal, category, name,
// baseline, target, actual, grade.

import { SheetInput } from "../../src/core/types";

export interface TownStyle {
  readonly file: string;
  readonly sheet?: string;
  /** Header texts, e.g. { name: "項目", actual: "現在値（令和4年度）", grade: "判定" }. */
  readonly name?: string;
  readonly actual?: string;
  readonly grade?: string;
  readonly category?: string;
}

/** [goal, category, name, baseline, target, actual, grade] */
export type TownRow = readonly [number | string, string, string, number | null, number | null, number | string | null, string | null];

/** A sheet: a title row, then the town's header, then one row per indicator. */
export function townSheet(style: TownStyle, rows: readonly TownRow[]): SheetInput {
  const header = [
    "基本目標",
    style.category ?? "区分",
    style.name ?? "指標名",
    "単位",
    "基準値",
    "目標値",
    "目標年度",
    style.actual ?? "令和4年度実績",
    style.grade ?? "評価",
  ];
  const body = rows.map(([goal, category, name, baseline, target, actual, grade]) => [
    goal,
    category,
    name,
    "件",
    baseline,
    target,
    "令和6年度",
    actual,
    grade,
  ]);
  return { file: style.file, sheet: style.sheet ?? "評価", rows: [["総合戦略 評価シート"], header, ...body] };
}
