// The official tally (基本目標 × 区分 × 評価), the revision tally (評価 × 見直し区分)
// and the completion status per department (提出状況).

import { allLabels, DEFAULT_SCALE, GradeScale } from "./scale";
import { CompletionRow, SourceCompletionRow, Diagnostic, Grade, GradeCounts, ReviewedIndicator, RevisionTally, Tally } from "./types";
import { must } from "./errors";

/** Counts keyed by the scale's labels, in its order (A–D: exactly {A, B, C, D}). */
const zeroFor =
  (scale: GradeScale): (() => GradeCounts) =>
  () => {
    const z: GradeCounts = {};
    for (const l of allLabels(scale)) z[l] = 0;
    return z;
  };

/** The official tally in the scale's own labels; grades outside the scale count as ungraded. */
export function tallyGrades(indicators: readonly ReviewedIndicator[], scale: GradeScale = DEFAULT_SCALE): Tally {
  const zero = zeroFor(scale);
  const byGoal = new Map<number, { numerical: GradeCounts; kpi: GradeCounts; ungraded: { numerical: number; kpi: number }; goalName?: string | undefined }>();
  const total = { numerical: zero(), kpi: zero() };
  let ungraded = 0;
  for (const ind of indicators) {
    let g = byGoal.get(ind.goal);
    if (!g) {
      g = { numerical: zero(), kpi: zero(), ungraded: { numerical: 0, kpi: 0 }, goalName: ind.goalName };
      byGoal.set(ind.goal, g);
    }
    if (!g.goalName && ind.goalName) g.goalName = ind.goalName;
    if (ind.grade !== undefined && g[ind.category][ind.grade] !== undefined) {
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
export function tallyRevisions(indicators: readonly ReviewedIndicator[], scale: GradeScale = DEFAULT_SCALE): Record<Grade, RevisionTally> {
  const out = {} as Record<Grade, { count: number; byType: Record<string, number> }>;
  for (const g of allLabels(scale)) out[g] = { count: 0, byType: {} };
  for (const ind of indicators) {
    if (!ind.grade || !ind.decided || !out[ind.grade]) continue;
    const r = out[ind.grade];
    r.count++;
    r.byType[ind.decided.type] = (r.byType[ind.decided.type] ?? 0) + 1;
  }
  return out;
}

interface Counts {
  indicators: number;
  graded: number;
  ungraded: number;
  decided: number;
  diagnostics: number;
}

/**
 * Completion counts grouped by a key of each indicator (its department, or its source):
 * indicators, graded, ungraded, with a decided revision, and diagnostics on its rows.
 */
function completionBy(
  indicators: readonly ReviewedIndicator[],
  diagnostics: readonly Diagnostic[],
  keyOf: (ind: ReviewedIndicator) => string,
): Map<string, Counts> {
  const groups = new Map<string, Counts>();
  // Group of each source row, by file and sheet, to count the diagnostics on its rows.
  const groupOfRow = new Map<string, Map<number, string>>();
  // Indicators come sheet by sheet: look the sheet's row map up only when the sheet changes.
  let lastFile: string | undefined;
  let lastSheetName: string | undefined;
  let bySheet: Map<number, string> | undefined;
  for (const ind of indicators) {
    const key = keyOf(ind);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { indicators: 0, graded: 0, ungraded: 0, decided: 0, diagnostics: 0 }));
    g.indicators++;
    if (ind.grade) g.graded++;
    else g.ungraded++;
    if (ind.decided) g.decided++;
    if (!bySheet || ind.source.file !== lastFile || ind.source.sheet !== lastSheetName) {
      lastFile = ind.source.file;
      lastSheetName = ind.source.sheet;
      const sheetKey = `${lastFile}\u0000${lastSheetName}`;
      bySheet = groupOfRow.get(sheetKey);
      if (!bySheet) groupOfRow.set(sheetKey, (bySheet = new Map<number, string>()));
    }
    bySheet.set(ind.source.row, key);
  }
  let lastKey = "";
  let lastSheet: Map<number, string> | undefined;
  for (const d of diagnostics) {
    if (d.severity === "info") continue;
    const sheetKey = `${d.file}\u0000${d.sheet}`;
    if (sheetKey !== lastKey) {
      lastKey = sheetKey;
      lastSheet = groupOfRow.get(sheetKey);
    }
    const m = /\d+$/.exec(d.cell);
    const key = m && lastSheet ? lastSheet.get(Number(m[0])) : undefined;
    if (key !== undefined) must(groups.get(key), "group of a row's key").diagnostics++;
  }
  return groups;
}

/** Per department (担当課), most ungraded first: whom the planning division should chase. */
export function completion(indicators: readonly ReviewedIndicator[], diagnostics: readonly Diagnostic[], unknown: string): CompletionRow[] {
  const groups = completionBy(indicators, diagnostics, (ind) => ind.department ?? unknown);
  return [...groups.entries()]
    .map(([department, r]) => ({ department, ...r }))
    .sort((a, b) => b.ungraded - a.ungraded || a.department.localeCompare(b.department, "ja"));
}

/** Per source (file and sheet), in the order read. */
export function completionBySource(indicators: readonly ReviewedIndicator[], diagnostics: readonly Diagnostic[]): SourceCompletionRow[] {
  let lastSource: ReviewedIndicator["source"] | undefined;
  let lastKey = "";
  const groups = completionBy(indicators, diagnostics, (ind) => {
    if (ind.source.file !== lastSource?.file || ind.source.sheet !== lastSource.sheet) {
      lastSource = ind.source;
      lastKey = `${ind.source.file}\u0000${ind.source.sheet}`;
    }
    return lastKey;
  });
  return [...groups.entries()].map(([key, r]) => {
    const [file, sheet] = key.split("\u0000");
    return { file, sheet, ...r };
  });
}
