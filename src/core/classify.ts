// Reference grade (参考評価) from the numbers, to check the grade the department entered.
// progress = (actual − baseline) / (due − baseline); due = target, or for a cumulative
// target the target pro-rated to the elapsed years of the plan. Without a baseline:
// actual / due (inverted when lower is better).

import { Settings } from "./settings";
import { Direction, Grade, Indicator, YearValue } from "./types";

/** Progress above this is reported as this (a target met 100 times over is still A). */
const PROGRESS_CAP = 99;

export function inferDirection(ind: Indicator): Direction {
  if (ind.direction) return ind.direction;
  if (ind.baseline !== undefined && ind.target !== undefined && ind.target < ind.baseline) return "down";
  return "up";
}

/** The actual of the evaluation year, or the latest before it. */
export function latestActual(actuals: readonly YearValue[], evaluationYear: number | undefined): YearValue | undefined {
  let best: YearValue | undefined;
  for (const a of actuals) {
    if (evaluationYear !== undefined && a.year > evaluationYear) continue;
    if (!best || a.year >= best.year) best = a;
  }
  return best;
}

/** The actual before the given one (for trends). */
export function previousActual(actuals: readonly YearValue[], latest: YearValue): YearValue | undefined {
  let best: YearValue | undefined;
  for (const a of actuals) if (a.year < latest.year && (!best || a.year > best.year)) best = a;
  return best;
}

/** Share of a cumulative target due by the evaluation year (elapsed years / years to target). */
export function elapsedShare(settings: Settings, evaluationYear: number, targetYear: number | undefined): number {
  const end = targetYear ?? settings.planEnd;
  const years = end - settings.planStart + 1;
  const elapsed = evaluationYear - settings.planStart + 1;
  if (years <= 0) return 1;
  return Math.min(1, Math.max(0, elapsed / years));
}

export interface Progress {
  readonly progress?: number;
  readonly due?: number;
}

export function computeProgress(ind: Indicator, settings: Settings, evaluationYear: number | undefined): Progress {
  const latest = latestActual(ind.actuals, evaluationYear);
  if (!latest || ind.target === undefined) return {};
  const direction = inferDirection(ind);
  const baseline = ind.baseline;
  let due = ind.target;
  if (ind.targetKind === "cumulative" && evaluationYear !== undefined) {
    const share = elapsedShare(settings, latest.year, ind.targetYear);
    due = baseline !== undefined ? baseline + (ind.target - baseline) * share : ind.target * share;
  }
  let p: number | undefined;
  if (settings.progressFormula === "ratio" && baseline !== undefined && due !== baseline) {
    p = (latest.value - baseline) / (due - baseline);
  } else if (direction === "up") {
    p = due !== 0 ? latest.value / due : latest.value >= 0 ? PROGRESS_CAP : 0;
  } else {
    p = latest.value !== 0 ? due / latest.value : due <= 0 ? PROGRESS_CAP : PROGRESS_CAP;
    if (latest.value < 0 || due < 0) p = latest.value <= due ? 1 : 0;
  }
  if (p === undefined || !Number.isFinite(p)) return { due };
  return { progress: Math.max(-PROGRESS_CAP, Math.min(PROGRESS_CAP, p)), due };
}

export function gradeFromProgress(progress: number, settings: Settings): Grade {
  // A little tolerance so that 0.8 computed as 0.79999999 still reaches B.
  const eps = 1e-9;
  if (progress + eps >= settings.bands.A) return "A";
  if (progress + eps >= settings.bands.B) return "B";
  if (progress + eps >= settings.bands.C) return "C";
  return "D";
}
