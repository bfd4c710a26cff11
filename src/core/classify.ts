// Reference grade (参考評価) from the numbers, to check the grade the department entered.
// progress = (actual − baseline) / (due − baseline); due = target, or for a cumulative
// target the target pro-rated to the elapsed years of the plan. Without a baseline:
// actual / due (inverted when lower is better).

import { DEFAULT_SCALE, defaultBands, defaultRule, defaultTolerance, GradeScale, GradingRule } from "./scale";
import { DEFAULT_SETTINGS, Settings } from "./settings";
import { Direction, Grade, Indicator, YearValue } from "./types";
import { must } from "./errors";

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

/** Whether the target is pro-rated to the elapsed years: cumulative ones by default, or all, or none. */
function prorated(ind: Indicator, settings: Settings): boolean {
  const p = settings.prorate ?? "cumulative";
  return p === "all" || (p === "cumulative" && ind.targetKind === "cumulative");
}

/** The value due by the year of the latest actual: the year's own target when the sheet has one. */
function dueFor(ind: Indicator, settings: Settings, latest: YearValue, evaluationYear: number | undefined, rule: GradingRule): number | undefined {
  if (ind.target === undefined) return undefined;
  if (rule === "yearly") {
    const own = ind.yearTargets?.find((y) => y.year === latest.year);
    if (own) return own.value;
  }
  if (rule === "pace" || !prorated(ind, settings) || evaluationYear === undefined) return ind.target;
  const share = elapsedShare(settings, latest.year, ind.targetYear);
  return ind.baseline !== undefined ? ind.baseline + (ind.target - ind.baseline) * share : ind.target * share;
}

/** The latest actual carried to the target year at the pace observed since the baseline ("on pace"). */
function projected(ind: Indicator, settings: Settings, latest: YearValue): number {
  const end = ind.targetYear ?? settings.planEnd;
  const from = ind.baselineYear ?? settings.planStart - 1;
  const start = ind.baseline ?? 0;
  const years = Math.max(1, latest.year - from);
  return latest.value + ((latest.value - start) / years) * Math.max(0, end - latest.year);
}

export function computeProgress(ind: Indicator, settings: Settings, evaluationYear: number | undefined, rule: GradingRule = "progress"): Progress {
  const latest = latestActual(ind.actuals, evaluationYear);
  if (!latest || ind.target === undefined) return {};
  const direction = inferDirection(ind);
  const baseline = ind.baseline;
  const due = must(dueFor(ind, settings, latest, evaluationYear, rule), "due value of an indicator with a target");
  const value = rule === "pace" ? projected(ind, settings, latest) : latest.value;
  let p: number | undefined;
  if (settings.progressFormula === "ratio" && baseline !== undefined && due !== baseline) {
    p = (value - baseline) / (due - baseline);
  } else if (direction === "up") {
    p = due !== 0 ? value / due : value >= 0 ? PROGRESS_CAP : 0;
  } else {
    p = value !== 0 ? due / value : PROGRESS_CAP;
    if (value < 0 || due < 0) p = value <= due ? 1 : 0;
  }
  if (p === undefined || !Number.isFinite(p)) return { due };
  return { progress: Math.max(-PROGRESS_CAP, Math.min(PROGRESS_CAP, p)), due };
}

/** Lower bounds of progress for each real grade but the last: from the settings by label, else the scale's defaults. */
export function bandsFor(scale: GradeScale, settings: Settings): number[] {
  const labels = scale.grades.slice(0, -1).map((g) => g.label);
  const given = settings.bandList;
  if (given && given.length === labels.length) return [...given];
  const defaults = defaultBands(scale);
  // The default bands (A/B/C of A–D) are A–D's; another scale takes them only when the user set them.
  const own = settings.bands !== DEFAULT_SETTINGS.bands || scale.id === "daisen";
  return labels.map((l, i) => (own && typeof settings.bands[l] === "number" ? settings.bands[l] : defaults[i]));
}

export function gradeFromProgress(progress: number, settings: Settings, scale: GradeScale = DEFAULT_SCALE): Grade {
  // A little tolerance so that 0.8 computed as 0.79999999 still reaches B.
  const eps = 1e-9;
  const bands = bandsFor(scale, settings);
  for (let i = 0; i < bands.length; i++) if (progress + eps >= bands[i]) return scale.grades[i].label;
  return scale.grades[scale.grades.length - 1].label;
}

/**
 * Against the target and the baseline: the first grade when the target is met, the second when
 * the actual is better than the baseline by more than the tolerance, the next when it is within
 * the tolerance of the baseline, the last when it is worse.
 */
export function gradeAgainstBaseline(ind: Indicator, settings: Settings, scale: GradeScale, evaluationYear: number | undefined): Grade | undefined {
  const latest = latestActual(ind.actuals, evaluationYear);
  if (!latest || ind.target === undefined || ind.baseline === undefined) return undefined;
  const d = inferDirection(ind);
  const labels = scale.grades.map((g) => g.label);
  const sign = d === "up" ? 1 : -1;
  if (sign * (latest.value - ind.target) >= 0) return labels[0];
  const tolerance = Math.abs(ind.baseline) * (settings.tolerance ?? defaultTolerance(scale));
  const gain = sign * (latest.value - ind.baseline);
  if (gain > tolerance) return labels[Math.min(1, labels.length - 1)];
  if (gain >= -tolerance || labels.length < 4) return labels[Math.min(2, labels.length - 1)];
  return labels[labels.length - 1];
}

export interface Reference {
  readonly progress?: number | undefined;
  readonly referenceGrade?: Grade | undefined;
}

/** The reference grade under the grading rule in force (the settings', else the scale's default). */
export function referenceFor(ind: Indicator, settings: Settings, scale: GradeScale, evaluationYear: number | undefined): Reference {
  // A sheet with each year's own target (期待値) is judged against it unless the settings say otherwise.
  const usual = defaultRule(scale);
  const rule = settings.rule ?? (usual === "progress" && ind.yearTargets && ind.yearTargets.length > 0 ? "yearly" : usual);
  const { progress } = computeProgress(ind, settings, evaluationYear, rule);
  if (scale.id === "twoLetter" || scale.grades.length === 0) return { progress };
  if (rule === "baseline") return { progress, referenceGrade: gradeAgainstBaseline(ind, settings, scale, evaluationYear) };
  return { progress, referenceGrade: progress === undefined ? undefined : gradeFromProgress(progress, settings, scale) };
}
