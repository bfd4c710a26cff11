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

/** The suggestion follows what the grade means (met, on track, behind, not started), not its letter. */
export function suggest(
  ind: Indicator,
  settings: Settings,
  lang: Lang,
  evaluationYear: number | undefined,
  progress: number | undefined,
  scale: GradeScale = DEFAULT_SCALE,
): Suggestion {
  const direction = inferDirection(ind);
  const latest = latestActual(ind.actuals, evaluationYear);
  const prev = latest ? previousActual(ind.actuals, latest) : undefined;
  const unit = ind.unit ?? "";
  const fmt = (v: number): string => formatNumber(v);
  const trend = (): "rising" | "falling" | "flat" | "unknown" => {
    if (!latest || !prev) return "unknown";
    if (latest.value === prev.value) return "flat";
    return better(latest.value, prev.value, direction) ? "rising" : "falling";
  };
  const trendParams = (l: YearValue, p: YearValue): Record<string, string> => ({ prev: fmt(p.value), actual: fmt(l.value), unit });

  const grade = ind.grade === undefined ? "" : gradeName(lang, ind.grade);
  switch (meaningOf(scale, ind.grade)) {
    case undefined:
      return { action: "見直しを検討", reason: t(lang, "reason.ungraded") };

    case "cannotJudge":
      return { action: "見直しを検討", reason: t(lang, "reason.notJudged", { grade }) };

    case "met": {
      if (!latest || ind.target === undefined)
        return { action: "目標値の上方修正", revisionType: "目標値の修正", reason: t(lang, "reason.A.noData", { grade }) };
      const decimals = decimalsFor(ind);
      const targetYear = ind.targetYear ?? settings.planEnd;
      if (ind.targetKind === "cumulative") {
        // Observed yearly pace since the plan began, carried to the target year.
        const elapsed = Math.max(1, latest.year - settings.planStart + 1);
        const start = ind.baseline ?? 0;
        const pace = (latest.value - start) / elapsed;
        const remaining = Math.max(0, targetYear - latest.year);
        const projected = latest.value + pace * remaining;
        const floor = ind.target;
        const candidate = roundTarget(projected, decimals, direction);
        const newTarget = better(candidate, floor, direction) ? candidate : floor;
        const params = {
          pace: fmt(roundTarget(pace, decimals + 1, direction)),
          unit,
          targetYear,
          projected: fmt(roundTarget(projected, decimals, direction)),
          target: fmt(floor),
          newTarget: fmt(newTarget),
        };
        if (newTarget === floor) return { action: "見直しを検討", reason: t(lang, "reason.A.cumulative.keep", { grade, ...params }) };
        return { action: "目標値の上方修正", revisionType: "目標値の修正", newTarget, reason: t(lang, "reason.A.cumulative", { grade, ...params }) };
      }
      const base = better(latest.value, ind.target, direction) || latest.value === ind.target ? latest.value : ind.target;
      const newTarget = roundTarget(base, decimals, direction);
      if (newTarget === ind.target) return { action: "見直しを検討", reason: t(lang, "reason.A.single.atTarget", { grade, actual: fmt(latest.value), unit }) };
      if (trend() === "falling" && prev) {
        return {
          action: "見直しを検討",
          revisionType: "目標値の修正",
          newTarget,
          reason: t(lang, "reason.A.single.falling", { grade, ...trendParams(latest, prev) }),
        };
      }
      return {
        action: "目標値の上方修正",
        revisionType: "目標値の修正",
        newTarget,
        reason: t(lang, "reason.A.single", { grade, actual: fmt(latest.value), unit, year: latest.year, target: fmt(ind.target), newTarget: fmt(newTarget) }),
      };
    }

    case "onTrack":
      if (trend() === "falling" && latest && prev)
        return { action: "見直しを検討", reason: t(lang, "reason.B.falling", { grade, ...trendParams(latest, prev) }) };
      return { action: "現状維持", reason: t(lang, "reason.B.keep", { grade }) };

    case "behind": {
      const found = premiseKeywordsIn(ind.reason, settings.premiseKeywords);
      if (found.length > 0)
        return { action: "指標の変更を検討", revisionType: "指標名の変更", reason: t(lang, "reason.C.premise", { grade, keywords: found.join("・") }) };
      if (ind.premiseChanged) return { action: "指標の変更を検討", revisionType: "指標名の変更", reason: t(lang, "reason.C.premiseFlag", { grade }) };
      if (trend() === "rising" && latest && prev)
        return { action: "見直しを検討", reason: t(lang, "reason.C.improving", { grade, ...trendParams(latest, prev) }) };
      return {
        action: "目標値の妥当性を検証",
        revisionType: "目標値の修正",
        reason: t(lang, "reason.C.lagging", { grade, progress: formatPercent(progress) }),
      };
    }

    case "notStarted":
      if (ind.decided?.newName)
        return { action: "新たな指標を設定", revisionType: "新たな指標を設定", reason: t(lang, "reason.D.named", { grade, newName: ind.decided.newName }) };
      return { action: "新たな指標を設定", revisionType: "新たな指標を設定", reason: t(lang, "reason.D.required", { grade }) };
  }
}
