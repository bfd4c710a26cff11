// The official tally (基本目標 × 区分 × 評価), the revision tally (評価 × 見直し区分)
// and the completion status per department (提出状況).

import { CompletionRow, Diagnostic, Grade, GradeCounts, GRADES, ReviewedIndicator, RevisionTally, Tally } from "./types";

const zero = (): GradeCounts => ({ A: 0, B: 0, C: 0, D: 0 });

export function tallyGrades(indicators: readonly ReviewedIndicator[]): Tally {
  const byGoal = new Map<number, { numerical: GradeCounts; kpi: GradeCounts; ungraded: { numerical: number; kpi: number }; goalName?: string }>();
  const total = { numerical: zero(), kpi: zero() };
  let ungraded = 0;
  for (const ind of indicators) {
    let g = byGoal.get(ind.goal);
    if (!g) {
      g = { numerical: zero(), kpi: zero(), ungraded: { numerical: 0, kpi: 0 }, goalName: ind.goalName };
      byGoal.set(ind.goal, g);
    }
    if (!g.goalName && ind.goalName) g.goalName = ind.goalName;
    if (ind.grade) {
      g[ind.category][ind.grade]++;
      total[ind.category][ind.grade]++;
    } else {
      g.ungraded[ind.category]++;
      ungraded++;
    }
  }
  const goals = [...byGoal.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([goal, g]) => ({ goal, ...(g.goalName ? { goalName: g.goalName } : {}), numerical: g.numerical, kpi: g.kpi, ungraded: g.ungraded }));
  return { goals, total, ungraded };
}

/** Decided revisions of graded indicators, by grade and type. */
export function tallyRevisions(indicators: readonly ReviewedIndicator[]): Record<Grade, RevisionTally> {
  const out = {} as Record<Grade, { count: number; byType: Record<string, number> }>;
  for (const g of GRADES) out[g] = { count: 0, byType: {} };
  for (const ind of indicators) {
    if (!ind.grade || !ind.decided) continue;
    const r = out[ind.grade];
    r.count++;
    r.byType[ind.decided.type] = (r.byType[ind.decided.type] ?? 0) + 1;
  }
  return out;
}

/** Per department: indicators, graded, ungraded, with a decided revision, diagnostics on its rows. */
export function completion(indicators: readonly ReviewedIndicator[], diagnostics: readonly Diagnostic[], unknown: string): CompletionRow[] {
  const rows = new Map<string, { indicators: number; graded: number; ungraded: number; decided: number; diagnostics: number }>();
  // Department of each source row, by file and sheet, to count the diagnostics on its rows.
  const deptOfRow = new Map<string, Map<number, string>>();
  for (const ind of indicators) {
    const dept = ind.department ?? unknown;
    let r = rows.get(dept);
    if (!r) {
      r = { indicators: 0, graded: 0, ungraded: 0, decided: 0, diagnostics: 0 };
      rows.set(dept, r);
    }
    r.indicators++;
    if (ind.grade) r.graded++;
    else r.ungraded++;
    if (ind.decided) r.decided++;
    const sheetKey = `${ind.source.file}\u0000${ind.source.sheet}`;
    let bySheet = deptOfRow.get(sheetKey);
    if (!bySheet) deptOfRow.set(sheetKey, (bySheet = new Map()));
    bySheet.set(ind.source.row, dept);
  }
  let lastKey = "";
  let lastSheet: Map<number, string> | undefined;
  for (const d of diagnostics) {
    if (d.severity === "info") continue;
    const key = `${d.file}\u0000${d.sheet}`;
    if (key !== lastKey) {
      lastKey = key;
      lastSheet = deptOfRow.get(key);
    }
    const m = /\d+$/.exec(d.cell);
    const dept = m && lastSheet ? lastSheet.get(Number(m[0])) : undefined;
    if (dept) rows.get(dept)!.diagnostics++;
  }
  return [...rows.entries()].map(([department, r]) => ({ department, ...r })).sort((a, b) => b.ungraded - a.ungraded || a.department.localeCompare(b.department, "ja"));
}
