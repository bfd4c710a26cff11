// The grading part of the settings: preset, grade scale, grading rule, tolerance,
// pro-rating and the column mapping by header text. Each key is checked and named.

import { customScale, GRADE_MEANINGS, GradeMeaning, GradeScale, GRADING_RULES, GradingRule, scaleByName, SCALE_NAMES } from "./scale";
import type { ColumnTarget, Prorate, Settings } from "./settings";
import { FIELD_KEYS } from "./types";

type Err = (key: string, ja: string, en: string) => void;
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export interface Preset {
  readonly scale: string;
  readonly rule: GradingRule;
  readonly bandList?: readonly number[];
  readonly tolerance?: number;
  readonly prorate?: Prorate;
  /** What the preset is for, for the README's table. */
  readonly note: string;
}

/** Presets by name: a scale family with its usual grading rule. */
export const PRESETS: Readonly<Record<string, Preset>> = {
  daisen: { scale: "daisen", rule: "progress", note: "A–D, progress bands 100/80/60% (default)" },
  sabc: { scale: "sabc", rule: "progress", note: "S/A/B/C + －, bands 120/100/80%" },
  abplus: { scale: "abplus", rule: "baseline", tolerance: 0.05, note: "A/B+/B/C against target and baseline (±5%)" },
  marks: { scale: "marks", rule: "progress", note: "◎/○/△/× + 評価なし, bands 100/80/60%" },
  circled: { scale: "circled", rule: "progress", note: "①/②/③, bands 100/70%" },
  progress: { scale: "progress", rule: "pace", note: "順調/おおむね順調/努力を要する + 評価対象外, on pace" },
  attainment: { scale: "attainment", rule: "progress", note: "達成/概ね達成/未達成 + 評価対象外, bands 100/80%" },
  yearly: { scale: "daisen", rule: "yearly", note: "A–D against each year's own target (期待値)" },
  prorated: { scale: "daisen", rule: "progress", prorate: "all", note: "A–D, every target pro-rated to the elapsed years" },
};

export interface GradingParse {
  base: Settings;
  scale?: GradeScale | undefined;
  bandList?: number[] | undefined;
  values(): Partial<Settings>;
}

/** A scale from settings: a family name, a list of labels (best first), or {labels, notJudged, meanings}. */
function parseScale(v: unknown, err: Err): GradeScale | undefined {
  if (typeof v === "string" && scaleByName(v.trim())) return scaleByName(v.trim());
  const list = (x: unknown): string[] | undefined =>
    Array.isArray(x) && x.every((s) => typeof s === "string" && s.trim() !== "")
      ? x.map((s: string) => s.trim())
      : typeof x === "string" && /[、,/]/.test(x)
        ? x
            .split(/[、,/]/)
            .map((s) => s.trim())
            .filter((s) => s !== "")
        : undefined;
  const labels = isObject(v) ? list(v.labels) : list(v);
  if (labels && labels.length >= 2 && labels.length <= 12 && new Set(labels).size === labels.length) {
    const notJudged = isObject(v) ? (list(v.notJudged) ?? (typeof v.notJudged === "string" ? [v.notJudged] : [])) : [];
    const meanings: Record<string, GradeMeaning> = {};
    if (isObject(v) && isObject(v.meanings))
      for (const [k, m] of Object.entries(v.meanings)) {
        if (typeof m === "string" && (GRADE_MEANINGS as readonly string[]).includes(m)) meanings[k] = m as GradeMeaning;
        else err(`scale.meanings.${k}`, `意味は ${GRADE_MEANINGS.join(", ")} のいずれかです`, `a meaning is one of ${GRADE_MEANINGS.join(", ")}`);
      }
    return customScale(labels, notJudged, meanings);
  }
  err(
    "scale",
    `scale は評価の並び（例: ["S","A","B","C"]）または名前（${SCALE_NAMES.join(", ")}）で指定してください`,
    `scale must be a list of grades, best first (e.g. ["S","A","B","C"]), or a name (${SCALE_NAMES.join(", ")})`,
  );
  return undefined;
}

function parseColumns(v: unknown, err: Err): Record<string, ColumnTarget> | undefined {
  if (!isObject(v)) {
    err("columns", "columns は {見出し: 項目} の形で指定してください", "columns must be an object {header text: field}");
    return undefined;
  }
  const out: Record<string, ColumnTarget> = {};
  for (const [header, field] of Object.entries(v)) {
    const ok = typeof field === "string" && ((FIELD_KEYS as readonly string[]).includes(field) || /^actual(:\d{4})?$/.test(field));
    if (ok) out[header] = field as ColumnTarget;
    else
      err(
        `columns.${header}`,
        `columns.${header} は ${FIELD_KEYS.join(", ")}, actual, actual:2022 のいずれかです`,
        `columns.${header} must be one of ${FIELD_KEYS.join(", ")}, actual, actual:2022`,
      );
  }
  return out;
}

function applyPreset(input: Json, base: Settings, err: Err): Settings {
  if (input.preset === undefined) return base;
  const p = typeof input.preset === "string" ? PRESETS[input.preset.trim()] : undefined;
  if (!p) {
    err("preset", `preset は ${Object.keys(PRESETS).join(", ")} のいずれかです`, `preset must be one of ${Object.keys(PRESETS).join(", ")}`);
    return base;
  }
  const { bandList, tolerance, prorate } = p;
  return { ...base, preset: String(input.preset).trim(), scale: scaleByName(p.scale), rule: p.rule, bandList, tolerance, prorate };
}

/** Preset first, then the keys that override it. */
export function parseGrading(input: Json, baseIn: Settings, err: Err): GradingParse {
  const base = applyPreset(input, baseIn, err);
  const scale = input.scale === undefined ? base.scale : (parseScale(input.scale, err) ?? base.scale);
  let rule = base.rule;
  if (input.rule !== undefined) {
    if (typeof input.rule === "string" && (GRADING_RULES as readonly string[]).includes(input.rule)) rule = input.rule as GradingRule;
    else err("rule", `rule は ${GRADING_RULES.join(", ")} のいずれかです`, `rule must be one of ${GRADING_RULES.join(", ")}`);
  }
  let tolerance = base.tolerance;
  if (input.tolerance !== undefined) {
    if (typeof input.tolerance === "number" && input.tolerance >= 0 && input.tolerance <= 1) tolerance = input.tolerance;
    else err("tolerance", "tolerance は0以上1以下の割合（0.05 = ±5%）で指定してください", "tolerance must be a ratio from 0 to 1 (0.05 = ±5%)");
  }
  let prorate = base.prorate;
  if (input.prorate !== undefined) {
    if (input.prorate === "cumulative" || input.prorate === "all" || input.prorate === "none") prorate = input.prorate;
    else err("prorate", 'prorate は "cumulative"、"all"、"none" のいずれかです', 'prorate must be "cumulative", "all" or "none"');
  }
  const columns = input.columns === undefined ? base.columns : (parseColumns(input.columns, err) ?? base.columns);
  const out: GradingParse = {
    base,
    scale,
    bandList: base.bandList ? [...base.bandList] : undefined,
    values: () => ({
      ...(base.preset !== undefined ? { preset: base.preset } : {}),
      ...(scale !== undefined ? { scale } : {}),
      ...(out.bandList !== undefined ? { bandList: out.bandList } : {}),
      ...(rule !== undefined ? { rule } : {}),
      ...(tolerance !== undefined ? { tolerance } : {}),
      ...(prorate !== undefined ? { prorate } : {}),
      ...(columns !== undefined ? { columns } : {}),
    }),
  };
  if (input.bandList !== undefined) {
    const v = input.bandList;
    const ok = Array.isArray(v) && v.length > 0 && v.every((x, i) => typeof x === "number" && Number.isFinite(x) && (i === 0 || (v[i - 1] as number) > x));
    if (ok) out.bandList = v as number[];
    else err("bandList", "bandList は大きい順の数値（割合）の配列で指定してください", "bandList must be ratios in decreasing order");
  }
  return out;
}
