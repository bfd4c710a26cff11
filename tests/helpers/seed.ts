// The seed's FY2022 tables (Daisen City, 第2期総合戦略の改訂), the reference output.

import { Grade, RevisionType } from "../../src/core/types";

type Counts = Record<Grade, number>;
const c = (A: number, B: number, C: number, D: number): Counts => ({ A, B, C, D });

/** Table 1: 基本目標 × 区分 × 評価. */
export const SEED_TALLY = {
  goals: [
    { goal: 1, numerical: c(0, 2, 0, 0), kpi: c(8, 9, 3, 0) },
    { goal: 2, numerical: c(1, 0, 1, 0), kpi: c(2, 4, 5, 0) },
    { goal: 3, numerical: c(0, 0, 2, 0), kpi: c(3, 3, 3, 0) },
    { goal: 4, numerical: c(1, 1, 0, 0), kpi: c(5, 5, 4, 1) },
  ],
  total: { numerical: c(2, 3, 3, 0), kpi: c(18, 21, 15, 1) },
  ungraded: 0,
};

/** Table 2: 評価 × 修正内容. 14 + 2 + 9 + 1 = 26 revised indicators. */
export const SEED_REVISIONS: Record<Grade, { count: number; byType: Partial<Record<RevisionType, number>> }> = {
  A: { count: 14, byType: { 目標値の修正: 14 } },
  B: { count: 2, byType: { 目標値の修正: 1, 指標名の修正: 1 } },
  C: { count: 9, byType: { 目標値の修正: 5, 指標名の変更: 4 } },
  D: { count: 1, byType: { 新たな指標を設定: 1 } },
};

/** Table 1 as the 評価集計 sheet shows it (A4:F13): zero shown blank (null). */
export const SEED_TABLE1_CELLS: (string | number | null)[][] = [
  ["基本目標1", "数値目標", null, 2, null, null],
  ["基本目標1", "KPI", 8, 9, 3, null],
  ["基本目標2", "数値目標", 1, null, 1, null],
  ["基本目標2", "KPI", 2, 4, 5, null],
  ["基本目標3", "数値目標", null, null, 2, null],
  ["基本目標3", "KPI", 3, 3, 3, null],
  ["基本目標4", "数値目標", 1, 1, null, null],
  ["基本目標4", "KPI", 5, 5, 4, 1],
  ["合計", "数値目標", 2, 3, 3, null],
  ["合計", "KPI", 18, 21, 15, 1],
];

export const SEED_INDICATORS = 63;
export const SEED_REVISED = 26;
