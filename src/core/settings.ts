// Settings: rules, bands, keywords and sheet names. Defaults are the seed's (Daisen City)
// and Akita Prefecture's bands. Parsed once at the boundary; errors name the key.

import { parseGrading } from "./settings-grading";
import { GradeMeaning, GradeScale, GradingRule } from "./scale";
import { FieldKey, Grade, GRADES, Lang, RevisionType, REVISION_TYPES } from "./types";

export interface GradeRule {
  /** 見直し基準: the criteria text shown in table 2, one line per bullet. */
  readonly criteria: readonly string[];
}

export type ProgressFormula = "ratio" | "achievement";
export type DuplicatePolicy = "first" | "newest";

export interface SheetNames {
  readonly summary: string;
  readonly list: string;
  readonly comparison: string;
  readonly checks: string;
  readonly completion: string;
  readonly packages: string;
}

/** How targets are pro-rated to the elapsed years: cumulative targets only (default), all, none. */
export type Prorate = "cumulative" | "all" | "none";

/** What a column mapped by header text holds: a field, or actuals ("actual", "actual:2022"). */
export type ColumnTarget = FieldKey | "actual" | `actual:${number}`;

export interface Settings {
  /** Lower bounds of the reference grade bands by grade label, as ratios (A ≥ 1.0, B ≥ 0.8, C ≥ 0.6). */
  readonly bands: Readonly<Record<string, number>>;
  /** Bands as a list, best grade first (for any scale); wins over bands when its length fits the scale. */
  readonly bandList?: readonly number[] | undefined;
  /** The preset applied (name), if any. */
  readonly preset?: string;
  /** The grade scale; undefined = recognised from the grades found. */
  readonly scale?: GradeScale | undefined;
  /** How the reference grade is computed; undefined = the scale's usual rule. */
  readonly rule?: GradingRule;
  /** Tolerance around the baseline for the baseline rule, as a share of the baseline (0.05 = ±5%). */
  readonly tolerance?: number | undefined;
  readonly prorate?: Prorate | undefined;
  /** Header text → field, for columns the reader does not recognise by itself. */
  readonly columns?: Readonly<Record<string, ColumnTarget>>;
  /**
   * ratio: (actual − baseline) / (due − baseline), the default;
   * achievement: actual / due (inverted when lower is better), baseline ignored.
   */
  readonly progressFormula: ProgressFormula;
  /** First and last fiscal year of the strategy (第2期: FY2020–FY2024). */
  readonly planStart: number;
  readonly planEnd: number;
  /** The fiscal year evaluated; undefined = the latest year with data. */
  readonly evaluationYear?: number | undefined;
  /** Words in the reason text that mean the premises changed (C rule). */
  readonly premiseKeywords: readonly string[];
  /** 見直し基準 by grade label (a Grade), or by meaning (a GradeMeaning: met, onTrack, behind, notStarted, cannotJudge). */
  readonly rules: Readonly<Record<string, GradeRule>>;
  readonly revisionTypes: readonly RevisionType[];
  readonly sheetNames: SheetNames;
  readonly duplicatePolicy: DuplicatePolicy;
}

export const DEFAULT_SETTINGS: Settings = {
  bands: { A: 1.0, B: 0.8, C: 0.6 },
  progressFormula: "ratio",
  planStart: 2020,
  planEnd: 2024,
  evaluationYear: undefined,
  premiseKeywords: ["コロナ", "感染症", "物価", "高騰", "災害", "制度改正", "事業終了", "廃止"],
  rules: {
    A: {
      criteria: [
        "○上方修正を基本として見直しを行います。",
        "○累計値ではなく、単年度実績を目標値としている指標については、実績等を考慮し、必要に応じて見直しを行います。",
      ],
    },
    B: { criteria: ["○必要に応じて見直しを行います。"] },
    C: {
      criteria: [
        "○コロナ禍や物価高騰の影響等により、指標の設定にあたって前提とした条件が大きく異なるなど、指標の変更が必要である場合などは、現状を踏まえて適切な見直しを行います。",
        "○なお、現時点では進捗が遅れているものの、今後改善が見込まれると考えられる指標については、必要に応じて見直しを行います。",
      ],
    },
    D: { criteria: ["○代替指標の設定により見直しを行います。"] },
  },
  revisionTypes: REVISION_TYPES,
  sheetNames: {
    summary: "評価集計",
    list: "見直し一覧",
    comparison: "新旧対照表",
    checks: "入力チェック",
    completion: "提出状況",
    packages: "具体的施策",
  },
  duplicatePolicy: "first",
};

export const ENGLISH_SHEET_NAMES: SheetNames = {
  summary: "Summary",
  list: "Revisions",
  comparison: "Old-New",
  checks: "Input check",
  completion: "Completion",
  packages: "Packages",
};

export interface SettingsError {
  /** Dotted key path, e.g. bands.B. */
  readonly key: string;
  readonly message: { readonly ja: string; readonly en: string };
}

export type SettingsResult = { readonly ok: true; readonly settings: Settings } | { readonly ok: false; readonly errors: readonly SettingsError[] };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

const KNOWN_KEYS = new Set([
  "bands",
  "progressFormula",
  "planStart",
  "planEnd",
  "evaluationYear",
  "premiseKeywords",
  "rules",
  "revisionTypes",
  "sheetNames",
  "duplicatePolicy",
  "preset",
  "scale",
  "bandList",
  "rule",
  "tolerance",
  "prorate",
  "columns",
  "$schema",
]);

/**
 * Merge user settings over the defaults. Every key is checked; an unknown key, a wrong
 * type or bands out of order is an error naming the key, never a silent default.
 */
type Report = (key: string, ja: string, en: string) => void;

export function parseSettings(input: unknown, base: Settings = DEFAULT_SETTINGS): SettingsResult {
  const errors: SettingsError[] = [];
  const err: Report = (key, ja, en) => {
    errors.push({ key, message: { ja, en } });
  };
  if (!isObject(input)) {
    return { ok: false, errors: [{ key: "(root)", message: { ja: "設定はJSONオブジェクトである必要があります", en: "settings must be a JSON object" } }] };
  }
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.has(key)) err(key, `不明な設定項目です: ${key}`, `unknown setting: ${key}`);
  }

  const grading = parseGrading(input, base, err);
  base = grading.base;
  let bands = base.bands;
  if (input.bands !== undefined) {
    if (Array.isArray(input.bands)) grading.bandList = grading.bandList ?? checkBandList("bands", input.bands, err);
    else if (!isObject(input.bands)) err("bands", "bands は {A, B, C} の形で指定してください", "bands must be an object {A, B, C}");
    else bands = parseBands(input.bands, base, grading.scale, err);
  }
  const settings: Settings = {
    bands,
    progressFormula: parseChoice(input, "progressFormula", ["ratio", "achievement"], base.progressFormula, err),
    ...parsePlanYears(input, base, err),
    premiseKeywords:
      input.premiseKeywords === undefined ? base.premiseKeywords : (stringList("premiseKeywords", input.premiseKeywords, err) ?? base.premiseKeywords),
    rules: parseRules(input, base, grading.scale, err),
    revisionTypes: parseRevisionTypes(input, base, err),
    sheetNames: parseSheetNames(input, base, err),
    duplicatePolicy: parseChoice(input, "duplicatePolicy", ["first", "newest"], base.duplicatePolicy, err),
    ...grading.values(),
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings };
}

/** A setting that takes one of a few words. */
function parseChoice<T extends string>(input: Json, key: string, allowed: readonly T[], fallback: T, err: Report): T {
  const v = input[key];
  if (v === undefined) return fallback;
  if ((allowed as readonly unknown[]).includes(v)) return v as T;
  const words = allowed.map((a) => `"${a}"`);
  err(key, `${key} は ${words.join(" または ")} です`, `${key} must be ${words.join(" or ")}`);
  return fallback;
}

function fiscalYear(key: string, v: unknown, err: Report): number | undefined {
  if (typeof v === "number" && Number.isInteger(v) && v >= 1989 && v <= 2100) return v;
  err(key, `${key} は西暦の年度（例: 2022）で指定してください`, `${key} must be a fiscal year such as 2022`);
  return undefined;
}

function parsePlanYears(input: Json, base: Settings, err: Report): Pick<Settings, "planStart" | "planEnd" | "evaluationYear"> {
  const planStart = input.planStart === undefined ? base.planStart : (fiscalYear("planStart", input.planStart, err) ?? base.planStart);
  const planEnd = input.planEnd === undefined ? base.planEnd : (fiscalYear("planEnd", input.planEnd, err) ?? base.planEnd);
  if (planEnd < planStart) err("planEnd", "planEnd は planStart 以降の年度にしてください", "planEnd must not be before planStart");
  const evaluationYear =
    input.evaluationYear === undefined || input.evaluationYear === null ? base.evaluationYear : fiscalYear("evaluationYear", input.evaluationYear, err);
  return { planStart, planEnd, evaluationYear };
}

function stringList(key: string, v: unknown, err: Report): string[] | undefined {
  if (Array.isArray(v) && v.every((s) => typeof s === "string" && s.trim() !== "")) return v.map((s: string) => s.trim());
  err(key, `${key} は空でない文字列の配列で指定してください`, `${key} must be an array of non-empty strings`);
  return undefined;
}

function parseRules(input: Json, base: Settings, scale: GradeScale | undefined, err: Report): Settings["rules"] {
  if (input.rules === undefined) return base.rules;
  if (!isObject(input.rules)) {
    err("rules", "rules は評価ごとのオブジェクトで指定してください", "rules must be an object keyed by grade");
    return base.rules;
  }
  const r: Record<string, GradeRule> = { ...base.rules };
  const allowed = [...(scale ? scale.grades.map((g) => g.label) : GRADES), ...MEANING_KEYS];
  for (const [k, v] of Object.entries(input.rules)) {
    if (!allowed.includes(k)) {
      err(`rules.${k}`, `rules に使えるのは A, B, C, D です: ${k}`, `rules takes A, B, C and D only: ${k}`);
      continue;
    }
    const criteria = isObject(v) ? stringList(`rules.${k}.criteria`, v.criteria, err) : undefined;
    if (!isObject(v)) err(`rules.${k}`, `rules.${k} は {"criteria": [...]} の形で指定してください`, `rules.${k} must be {"criteria": [...]}`);
    if (criteria) r[k] = { criteria };
  }
  return r;
}

function parseRevisionTypes(input: Json, base: Settings, err: Report): Settings["revisionTypes"] {
  if (input.revisionTypes === undefined) return base.revisionTypes;
  const list = stringList("revisionTypes", input.revisionTypes, err);
  if (!list) return base.revisionTypes;
  const bad = list.filter((t) => !(REVISION_TYPES as readonly string[]).includes(t));
  if (bad.length === 0) return list as RevisionType[];
  err(
    "revisionTypes",
    `revisionTypes に使えない値があります: ${bad.join("、")}（使えるもの: ${REVISION_TYPES.join("、")}）`,
    `unknown revision types: ${bad.join(", ")} (allowed: ${REVISION_TYPES.join(", ")})`,
  );
  return base.revisionTypes;
}

function parseSheetNames(input: Json, base: Settings, err: Report): SheetNames {
  if (input.sheetNames === undefined) return base.sheetNames;
  if (!isObject(input.sheetNames)) {
    err("sheetNames", "sheetNames はオブジェクトで指定してください", "sheetNames must be an object");
    return base.sheetNames;
  }
  const s: Record<string, string> = { ...base.sheetNames };
  for (const [k, v] of Object.entries(input.sheetNames)) {
    if (!(k in base.sheetNames)) err(`sheetNames.${k}`, `不明なシート名の項目です: ${k}`, `unknown sheet name key: ${k}`);
    else if (typeof v !== "string" || !isValidSheetName(v))
      err(
        `sheetNames.${k}`,
        `sheetNames.${k} はExcelのシート名として使えません（31文字以内、: \\ / ? * [ ] を含まない）`,
        `sheetNames.${k} is not a valid Excel sheet name (≤ 31 chars, none of : \\ / ? * [ ])`,
      );
    else s[k] = v;
  }
  if (new Set(Object.values(s)).size !== Object.values(s).length) err("sheetNames", "出力シート名が重複しています", "output sheet names must differ");
  return s as unknown as SheetNames;
}

const MEANING_KEYS = ["met", "onTrack", "behind", "notStarted", "cannotJudge"];

function checkBandList(key: string, v: unknown[], err: (key: string, ja: string, en: string) => void): number[] | undefined {
  const ok = v.every((x) => typeof x === "number" && Number.isFinite(x) && x >= -10 && x <= 10);
  const ordered = ok && v.every((x, i) => i === 0 || (v[i - 1] as number) > (x as number));
  if (ok && ordered) return v as number[];
  err(key, `${key} は大きい順の数値（割合、1.0 = 100%）の配列で指定してください`, `${key} must be numbers (ratios, 1.0 = 100%) in decreasing order`);
  return undefined;
}

/** bands by grade label: A, B, C for A–D; the scale's labels but the last when a scale is set. */
function parseBands(input: Json, base: Settings, scale: GradeScale | undefined, err: (key: string, ja: string, en: string) => void): Record<string, number> {
  const labels = scale ? scale.grades.slice(0, -1).map((g) => g.label) : ["A", "B", "C"];
  const b: Record<string, number> = scale ? {} : { ...base.bands };
  for (const [k, v] of Object.entries(input)) {
    if (!labels.includes(k)) err(`bands.${k}`, `bands に使えるのは ${labels.join(", ")} です: ${k}`, `bands takes ${labels.join(", ")} only: ${k}`);
    else if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 10)
      err(`bands.${k}`, `bands.${k} は0以上の数値（割合、1.0 = 100%）で指定してください`, `bands.${k} must be a number ≥ 0 (a ratio, 1.0 = 100%)`);
    else b[k] = v;
  }
  const values = labels.map((l) => b[l]);
  if (values.every((x) => x !== undefined) && !values.every((x, i) => i === 0 || values[i - 1] > x)) {
    const shown = labels.map((l) => `${l}=${b[l]}`).join(", ");
    err("bands", `評価の区切りは ${labels.join(" > ")} の順である必要があります（${shown}）`, `bands must satisfy ${labels.join(" > ")} (${shown})`);
  }
  return b;
}

export function isValidSheetName(name: string): boolean {
  return name.length > 0 && name.length <= 31 && !/[:\\/?*[\]]/.test(name) && !/^'|'$/.test(name);
}

/** Output sheet names in the user's language, unless the settings renamed them. */
export function sheetNamesFor(settings: Settings, lang: Lang): SheetNames {
  if (lang === "ja" || settings.sheetNames !== DEFAULT_SETTINGS.sheetNames) return settings.sheetNames;
  return ENGLISH_SHEET_NAMES;
}

const ENGLISH_RULES: Readonly<Record<Grade, GradeRule>> = {
  A: {
    criteria: [
      "○Revise upward as a rule.",
      "○Indicators whose target is a single-year value rather than a cumulative one are revised as needed, considering the actuals.",
    ],
  },
  B: { criteria: ["○Revise as needed."] },
  C: {
    criteria: [
      "○Where the premises of the indicator changed greatly (COVID-19, price rises …) and the indicator must change, revise it appropriately in the light of the current situation.",
      "○Indicators that are behind now but expected to improve are revised as needed.",
    ],
  },
  D: { criteria: ["○Revise by setting a substitute indicator."] },
};

/** Criteria texts in the user's language, unless the settings reworded them. */
export function rulesFor(settings: Settings, lang: Lang): Readonly<Record<Grade, GradeRule>> {
  return lang === "en" && settings.rules === DEFAULT_SETTINGS.rules ? ENGLISH_RULES : settings.rules;
}

export const SETTINGS_SHEET_NAME = "設定";

/**
 * The 設定 sheet: two columns, key | value. Values that are lists are one per cell to the
 * right, or separated by 、 or , in one cell. Returns plain JSON for parseSettings.
 */
export function settingsJsonFromRows(rows: readonly (readonly unknown[])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const setPath = (path: string[], value: unknown): void => {
    let o: Record<string, unknown> = out;
    for (const p of path.slice(0, -1)) {
      if (!isObject(o[p])) o[p] = {};
      o = o[p] as Record<string, unknown>;
    }
    o[path[path.length - 1]] = value;
  };
  for (const row of rows) {
    const key = typeof row[0] === "string" ? row[0].trim() : "";
    if (key === "" || key.startsWith("#") || key === "項目" || key === "key") continue;
    const cells = row.slice(1).filter((v) => v !== null && v !== undefined && v !== "");
    const path = key.split(".");
    const listKey = path[0] === "premiseKeywords" || path[0] === "revisionTypes" || path[path.length - 1] === "criteria";
    if (listKey) {
      const items = cells.flatMap((v) => (typeof v === "string" ? v.split(path[0] === "premiseKeywords" ? /[、,]/ : /\n/) : [String(v)]));
      setPath(
        path,
        items.map((s) => s.trim()).filter((s) => s !== ""),
      );
    } else {
      const v = cells[0];
      if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim())) setPath(path, Number(v.trim()));
      else setPath(path, v ?? null);
    }
  }
  return out;
}

/** The rows of a 設定 sheet holding the given settings, for the add-in to create. */
export function settingsToRows(s: Settings): (string | number)[][] {
  const rows: (string | number)[][] = [["項目", "値"]];
  rows.push(["bands.A", s.bands.A], ["bands.B", s.bands.B], ["bands.C", s.bands.C]);
  rows.push(["progressFormula", s.progressFormula], ["planStart", s.planStart], ["planEnd", s.planEnd]);
  if (s.evaluationYear !== undefined) rows.push(["evaluationYear", s.evaluationYear]);
  rows.push(["premiseKeywords", s.premiseKeywords.join("、")]);
  for (const g of GRADES) rows.push([`rules.${g}.criteria`, s.rules[g].criteria.join("\n")]);
  rows.push(["duplicatePolicy", s.duplicatePolicy]);
  return rows;
}

const DEFAULT_RULE_OF: Readonly<Record<GradeMeaning, Grade | undefined>> = { met: "A", onTrack: "B", behind: "C", notStarted: "D", cannotJudge: undefined };

/**
 * 見直し基準 of a grade: the settings' own for its label (A–D by default), else for its meaning,
 * else the default criteria of that meaning (met → A's, on track → B's …), so that "A = on pace"
 * never gets the criteria of "A = target met".
 */
export function criteriaFor(settings: Settings, lang: Lang, scale: GradeScale, label: Grade): readonly string[] {
  const rules = rulesFor(settings, lang) as Readonly<Record<string, GradeRule | undefined>>;
  const grade = scale.grades.find((g) => g.label === label) ?? scale.notJudged.find((g) => g.label === label);
  const meaning = grade?.meaning;
  const own = rules[label];
  if (own !== undefined && (scale.id === "daisen" || own !== (DEFAULT_SETTINGS.rules as Record<string, GradeRule>)[label])) return own.criteria;
  if (meaning && rules[meaning]) return rules[meaning].criteria;
  const fallback = meaning ? DEFAULT_RULE_OF[meaning] : undefined;
  return fallback && rules[fallback] ? rules[fallback].criteria : [];
}
