// Revision suggestions from the policy rules (the seed's criteria by default).
// Every suggestion says why, in words, with the numbers it used.

import { t } from "./messages";
import { inferDirection, latestActual, previousActual } from "./classify";
import { normalizeText } from "./normalize";
import { DEFAULT_SCALE, GradeScale, meaningOf } from "./scale";
import { Settings } from "./settings";
import { Direction, Indicator, Lang, Suggestion, YearValue } from "./types";

/** Decimals a new target is rounded to: % to one decimal, counts to integers, else as the target is written. */
export function decimalsFor(ind: Indicator): number {
  if (ind.unit && /[%％]|パーセント|ポイント|pt/.test(ind.unit)) return 1;
  const v = ind.target ?? ind.baseline;
  if (v === undefined || Number.isInteger(v)) return 0;
  const s = String(v);
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : Math.min(2, s.length - dot - 1);
}

/** Round towards the ambitious side: up for higher-is-better, down for lower-is-better. */
export function roundTarget(value: number, decimals: number, direction: Direction): number {
  // Beyond 2^53 there are no decimals to round, and scaling would overflow to Infinity.
  if (!Number.isFinite(value) || Math.abs(value) >= 2 ** 53) return value;
  const f = 10 ** decimals;
  const scaled = Math.round(value * f * 1e6) / 1e6; // absorb binary noise before ceil/floor
  const r = direction === "up" ? Math.ceil(scaled) / f : Math.floor(scaled) / f;
  return Number(r.toFixed(decimals));
}

// One formatter, made once: toLocaleString builds a new Intl formatter on every call.
const NUMBER_FORMAT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
export const formatNumber = (v: number): string => NUMBER_FORMAT.format(v);

export const formatPercent = (p: number | undefined): string => (p === undefined ? "-" : `${(p * 100).toFixed(1)}%`);

const better = (a: number, b: number, d: Direction): boolean => (d === "up" ? a > b : a < b);

/** Keywords of a premise change found in the reason text. */
const normalizedKeywords = new WeakMap<readonly string[], readonly string[]>();

export function premiseKeywordsIn(reason: string | undefined, keywords: readonly string[]): string[] {
  if (!reason) return [];
  let normalized = normalizedKeywords.get(keywords);
  if (!normalized) normalizedKeywords.set(keywords, (normalized = keywords.map(normalizeText)));
  const text = normalizeText(reason);
  const found: string[] = [];
  normalized.forEach((k, i) => {
    if (text.includes(k)) found.push(keywords[i]);
  });
  return found;
}

/** A grade as named in sentences: "A評価" / "Grade A" for letters, the label itself otherwise (◎, 順調). */
export function gradeName(lang: Lang, label: string): string {
  return /^[A-Z][+a-z]?$/.test(label) ? t(lang, "out.gradeCol", { grade: label }) : label;
}

/** What every rule looks at: the indicator, its latest and previous actuals and their trend. */
interface Facts {
  readonly ind: Indicator;
  readonly settings: Settings;
  readonly lang: Lang;
  readonly grade: string;
  readonly direction: ReturnType<typeof inferDirection>;
  readonly latest: YearValue | undefined;
  readonly prev: YearValue | undefined;
  readonly unit: string;
  readonly progress: number | undefined;
}

const fmt = (v: number): string => formatNumber(v);

function trendOf(f: Facts): "rising" | "falling" | "flat" | "unknown" {
  if (!f.latest || !f.prev) return "unknown";
  if (f.latest.value === f.prev.value) return "flat";
  return better(f.latest.value, f.prev.value, f.direction) ? "rising" : "falling";
}

const trendParams = (f: Facts, l: YearValue, p: YearValue): Record<string, string> => ({ prev: fmt(p.value), actual: fmt(l.value), unit: f.unit });

/** The suggestion follows what the grade means (met, on track, behind, not started), not its letter. */
export function suggest(
  ind: Indicator,
  settings: Settings,
  lang: Lang,
  evaluationYear: number | undefined,
  progress: number | undefined,
  scale: GradeScale = DEFAULT_SCALE,
): Suggestion {
  const latest = latestActual(ind.actuals, evaluationYear);
  const f: Facts = {
    ind,
    settings,
    lang,
    grade: ind.grade === undefined ? "" : gradeName(lang, ind.grade),
    direction: inferDirection(ind),
    latest,
    prev: latest ? previousActual(ind.actuals, latest) : undefined,
    unit: ind.unit ?? "",
    progress,
  };
  switch (meaningOf(scale, ind.grade)) {
    case undefined:
      return { action: "見直しを検討", reason: t(lang, "reason.ungraded") };
    case "cannotJudge":
      return { action: "見直しを検討", reason: t(lang, "reason.notJudged", { grade: f.grade }) };
    case "met":
      return suggestMet(f);
    case "onTrack":
      return suggestOnTrack(f);
    case "behind":
      return suggestBehind(f);
    case "notStarted":
      return suggestNotStarted(f);
  }
}

/** Target met: raise the target (the seed's A rule). */
function suggestMet(f: Facts): Suggestion {
  const { ind, latest, lang, grade, unit, direction } = f;
  if (!latest || ind.target === undefined) return { action: "目標値の上方修正", revisionType: "目標値の修正", reason: t(lang, "reason.A.noData", { grade }) };
  if (ind.targetKind === "cumulative") return suggestMetCumulative(f, latest, ind.target);
  const decimals = decimalsFor(ind);
  const base = better(latest.value, ind.target, direction) || latest.value === ind.target ? latest.value : ind.target;
  const newTarget = roundTarget(base, decimals, direction);
  if (newTarget === ind.target) return { action: "見直しを検討", reason: t(lang, "reason.A.single.atTarget", { grade, actual: fmt(latest.value), unit }) };
  if (trendOf(f) === "falling" && f.prev) {
    return {
      action: "見直しを検討",
      revisionType: "目標値の修正",
      newTarget,
      reason: t(lang, "reason.A.single.falling", { grade, ...trendParams(f, latest, f.prev) }),
    };
  }
  return {
    action: "目標値の上方修正",
    revisionType: "目標値の修正",
    newTarget,
    reason: t(lang, "reason.A.single", { grade, actual: fmt(latest.value), unit, year: latest.year, target: fmt(ind.target), newTarget: fmt(newTarget) }),
  };
}

/** A cumulative target met: the observed yearly pace since the plan began, carried to the target year. */
function suggestMetCumulative(f: Facts, latest: YearValue, target: number): Suggestion {
  const { ind, settings, lang, grade, unit, direction } = f;
  const decimals = decimalsFor(ind);
  const targetYear = ind.targetYear ?? settings.planEnd;
  const elapsed = Math.max(1, latest.year - settings.planStart + 1);
  const pace = (latest.value - (ind.baseline ?? 0)) / elapsed;
  const projected = latest.value + pace * Math.max(0, targetYear - latest.year);
  const candidate = roundTarget(projected, decimals, direction);
  const newTarget = better(candidate, target, direction) ? candidate : target;
  const params = {
    pace: fmt(roundTarget(pace, decimals + 1, direction)),
    unit,
    targetYear,
    projected: fmt(roundTarget(projected, decimals, direction)),
    target: fmt(target),
    newTarget: fmt(newTarget),
  };
  if (newTarget === target) return { action: "見直しを検討", reason: t(lang, "reason.A.cumulative.keep", { grade, ...params }) };
  return { action: "目標値の上方修正", revisionType: "目標値の修正", newTarget, reason: t(lang, "reason.A.cumulative", { grade, ...params }) };
}

/** On track: keep, unless the actuals are falling (the seed's B rule). */
function suggestOnTrack(f: Facts): Suggestion {
  if (trendOf(f) === "falling" && f.latest && f.prev)
    return { action: "見直しを検討", reason: t(f.lang, "reason.B.falling", { grade: f.grade, ...trendParams(f, f.latest, f.prev) }) };
  return { action: "現状維持", reason: t(f.lang, "reason.B.keep", { grade: f.grade }) };
}

/** Behind: a change of premises changes the indicator; improving → review; otherwise check the target (the seed's C rule). */
function suggestBehind(f: Facts): Suggestion {
  const { ind, lang, grade } = f;
  const found = premiseKeywordsIn(ind.reason, f.settings.premiseKeywords);
  if (found.length > 0)
    return { action: "指標の変更を検討", revisionType: "指標名の変更", reason: t(lang, "reason.C.premise", { grade, keywords: found.join("・") }) };
  if (ind.premiseChanged) return { action: "指標の変更を検討", revisionType: "指標名の変更", reason: t(lang, "reason.C.premiseFlag", { grade }) };
  if (trendOf(f) === "rising" && f.latest && f.prev)
    return { action: "見直しを検討", reason: t(lang, "reason.C.improving", { grade, ...trendParams(f, f.latest, f.prev) }) };
  return {
    action: "目標値の妥当性を検証",
    revisionType: "目標値の修正",
    reason: t(lang, "reason.C.lagging", { grade, progress: formatPercent(f.progress) }),
  };
}

/** Not started: a substitute indicator (the seed's D rule). */
function suggestNotStarted(f: Facts): Suggestion {
  const newName = f.ind.decided?.newName;
  if (newName) return { action: "新たな指標を設定", revisionType: "新たな指標を設定", reason: t(f.lang, "reason.D.named", { grade: f.grade, newName }) };
  return { action: "新たな指標を設定", revisionType: "新たな指標を設定", reason: t(f.lang, "reason.D.required", { grade: f.grade }) };
}
