// Small pure functions that turn what people type into typed values. Each returns
// undefined (or a tagged failure) instead of throwing; the reader turns failures into
// diagnostics.

import { DEFAULT_SCALE, GradeScale, gradeToken, labelInScale } from "./scale";
import { Category, Direction, Grade, RevisionType, TargetKind } from "./types";

/**
 * Memoize a pure parser of strings. Sheets repeat the same few values (KPI, 累計, 基本目標1,
 * A …) on every row, so 100,000 rows parse a few hundred distinct strings.
 */
function memoString<T>(fn: (v: unknown) => T, limit = 5000): (v: unknown) => T {
  const cache = new Map<string, T>();
  return (v: unknown): T => {
    if (typeof v !== "string") return fn(v);
    const hit = cache.get(v);
    if (hit !== undefined || cache.has(v)) return hit as T;
    const r = fn(v);
    if (cache.size >= limit) cache.clear();
    cache.set(v, r);
    return r;
  };
}

/** Any cell value as trimmed text ("" for empty). Dates and numbers as written. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    // ExcelJS-like shapes that slipped through an adapter: rich text, formula results, errors.
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return o.richText
        .map((r) => cellText((r as Record<string, unknown>)?.text))
        .join("")
        .trim();
    if ("result" in o) return cellText(o.result);
    if (typeof o.error === "string") return o.error;
    if (typeof o.text === "string") return o.text.trim();
  }
  return "";
}

/** NFKC (full-width → half-width), unified dashes and spaces, trimmed. */
export function normalizeText(s: string): string {
  // Plain ASCII without runs of spaces needs nothing but a trim (the common case: numbers, A, KPI).
  if (/^[\x21-\x7e]*(?: [\x21-\x7e]+)*$/.test(s)) return s;
  return s
    .normalize("NFKC")
    .replace(/[\u2010-\u2015\u2212\u30fc\uff70]/g, (c) => (c === "\u30fc" ? c : "-"))
    .replace(/[\s\u3000]+/g, " ")
    .trim();
}

/** A compact key for matching headers: NFKC, no spaces, brackets or punctuation, lower case. */
export function headerKey(v: unknown): string {
  return cellText(v)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\u3000()（）【】「」［］[\]<>〈〉《》・:：、,.。※*＊]/g, "");
}

/** Excel error values as they arrive from Office.js (text) or ExcelJS ({error}). */
export function isErrorValue(v: unknown): boolean {
  if (typeof v === "object" && v !== null && typeof (v as Record<string, unknown>).error === "string") return true;
  if (typeof v === "object" && v !== null && "result" in v) return isErrorValue((v as Record<string, unknown>).result);
  if (typeof v !== "string" || v.indexOf("#") < 0) return false;
  return /^#(N\/A|NAME\?|REF!|VALUE!|DIV\/0!|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i.test(v.trim());
}

const NO_VALUE = new Set(["", "-", "--", "---", "ー", "—", "なし", "無", "n/a", "na", "不明", "未定", "集計中", "調査中", "*", "/"]);

/** True for cells that mean "no value": blank, dash variants, なし… */
function isNoValueImpl(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "number") return false;
  return NO_VALUE.has(normalizeText(cellText(v)).toLowerCase());
}

export type NumberParse = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly empty: boolean };

/**
 * A number from a cell: numbers as is; text with commas, full-width digits, △/▲ for minus,
 * a trailing unit or %, "約"… Dashes and blanks are empty (not an error).
 */
export function parseNumber(v: unknown): NumberParse {
  if (typeof v === "number") return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, empty: false };
  if (isNoValue(v)) return { ok: false, empty: true };
  if (isErrorValue(v)) return { ok: false, empty: false };
  if (typeof v === "object" && v !== null && "result" in v) return parseNumber((v as Record<string, unknown>).result);
  if (typeof v !== "string") return { ok: false, empty: false };
  let s = normalizeText(v)
    .replace(/^(約|概ね|およそ|延べ|延|累計)\s*/, "")
    .replace(/,/g, "")
    .replace(/\s/g, "");
  let sign = 1;
  if (/^[△▲]/.test(s)) {
    sign = -1;
    s = s.slice(1);
  }
  const m = /^([+-]?\d+(?:\.\d+)?|[+-]?\.\d+)(%|％|[^\d.]{0,6})?$/.exec(s);
  if (!m) return { ok: false, empty: false };
  const n = Number(m[1]) * sign;
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, empty: false };
}

const ERA_START: Record<string, number> = { 令和: 2018, r: 2018, 平成: 1988, h: 1988, 昭和: 1925, s: 1925 };

/**
 * A fiscal year from what people write: 2022, 2022年度, 令和4年度, 令和元年度, R4, H31, FY2022,
 * R4.3 (a date-like era). Returns undefined when it is not a year.
 */
function parseEraYearImpl(v: unknown): number | undefined {
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= 1900 && v <= 2100) return v;
    // A date cell read through Office.js arrives as its serial number (days since 1899-12-30).
    if (v >= 20000 && v < 80000) return parseEraYearImpl(new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86400000));
    return undefined;
  }
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return undefined;
    // A date as a year: the fiscal year it falls in (April–March).
    return v.getUTCMonth() >= 3 ? v.getUTCFullYear() : v.getUTCFullYear() - 1;
  }
  const s = normalizeText(cellText(v)).toLowerCase().replace(/\s/g, "");
  if (s === "") return undefined;
  let m = /^(?:fy)?(\d{4})(?:年度?|fy)?(?:末|実績|見込み?|目標)?$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    return y >= 1900 && y <= 2100 ? y : undefined;
  }
  m = /^(令和|平成|昭和|r|h|s)\.?(元|\d{1,2})(?:年度?|年|\.\d{1,2}(?:\.\d{1,2})?)?(?:末|実績|見込み?|目標)?$/.exec(s);
  if (m) {
    const n = m[2] === "元" ? 1 : Number(m[2]);
    if (n < 1 || n > 64) return undefined;
    return ERA_START[m[1]] + n;
  }
  return undefined;
}

/** Finds a fiscal year inside a longer header such as "R4実績", "令和4年度実績値" or "2022年度". */
export function findYearInText(v: unknown): number | undefined {
  const s = normalizeText(cellText(v)).replace(/\s/g, "");
  const m = /(令和|平成|R|H)\.?(元|\d{1,2})(?:年度?)?|(?:FY)?(\d{4})年?度?/i.exec(s);
  if (!m) return undefined;
  return parseEraYear(m[0].replace(/年度?$/, "") + (m[3] ? "" : "年度"));
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10 };

export interface GoalParse {
  readonly goal: number;
  readonly name?: string;
}

/**
 * A basic goal: 1, １, 基本目標1, 基本目標１ だいせんの…, 基本目標1\n名前, Ⅰ–Ⅳ, 目標2.
 * Returns undefined when no goal number can be read.
 */
function parseGoalImpl(v: unknown): GoalParse | undefined {
  if (typeof v === "number") return Number.isInteger(v) && v >= 1 && v <= 99 ? { goal: v } : undefined;
  const raw = cellText(v);
  if (raw === "") return undefined;
  const s = raw.normalize("NFKC").trim(); // NFKC turns Ⅰ into I, Ⅳ into IV
  const m = /^(?:基本目標|目標|goal|basic\s*goal)?\s*[（(]?\s*(\d{1,2}|[ivx]{1,4})(?![\d.])\s*[）)]?\s*[:：.．、]?\s*([\s\S]*)$/i.exec(s);
  if (!m) return undefined;
  const token = m[1].toLowerCase();
  const goal = /^\d+$/.test(token) ? Number(token) : ROMAN[token];
  if (!goal || goal < 1) return undefined;
  // Without the 基本目標 prefix, a bare roman letter followed by text is likely a word, not a goal.
  // Roman goals only as Ⅰ–Ⅹ (the Unicode numerals) or after 基本目標/目標: a lone "x" or "v" is not a goal.
  if (!/^\d/.test(token) && !/^(基本目標|目標|goal|basic)/i.test(s) && !/^[\u2160-\u2169]/.test(raw)) return undefined;
  const name = m[2].replace(/\s+/g, " ").trim();
  return name ? { goal, name } : { goal };
}

/** 区分: 数値目標 / 【数値目標】 → numerical; KPI / ＫＰＩ / 重要業績評価指標 → kpi. */
function parseCategoryImpl(v: unknown): Category | undefined {
  const s = headerKey(v);
  if (s === "") return undefined;
  // 目標指標 / 成果指標: what some towns call the basic goal's numerical target.
  if (/^(数値目標|基本目標の数値目標|目標指標|成果指標|numerical(target)?|target|goal)$/.test(s)) return "numerical";
  if (/^(kpi|重要業績評価指標(kpi)?|業績評価指標|成果指標kpi)$/.test(s)) return "kpi";
  if (s.includes("数値目標")) return "numerical";
  if (s.includes("kpi") || s.includes("重要業績評価指標")) return "kpi";
  return undefined;
}

export type GradeParse = { readonly kind: "grade"; readonly grade: Grade } | { readonly kind: "blank" } | { readonly kind: "invalid"; readonly text: string };

/**
 * 評価 in a scale: A, Ａ, a, A評価, " A ", 評価A, Ａ（達成）, ◎（達成）, おおむね順調…, or one of the
 * scale's not-judged marks. Blanks and dashes (unless the scale uses a dash as a mark) are blank;
 * anything else is invalid, never guessed.
 */
function parseGradeInImpl(v: unknown, scale: GradeScale): GradeParse {
  const text = cellText(v);
  if (text === "" || text === "未評価") return { kind: "blank" };
  const label = labelInScale(scale, gradeToken(text));
  if (label !== undefined) return { kind: "grade", grade: label };
  if (isNoValue(v)) return { kind: "blank" };
  return { kind: "invalid", text };
}

const gradeCaches = new WeakMap<GradeScale, (v: unknown) => GradeParse>();

export function parseGradeIn(v: unknown, scale: GradeScale): GradeParse {
  let fn = gradeCaches.get(scale);
  if (!fn) gradeCaches.set(scale, (fn = memoString((x) => parseGradeInImpl(x, scale))));
  return fn(v);
}

/** 評価 in the default A–D scale. */
export const parseGrade = (v: unknown): GradeParse => parseGradeIn(v, DEFAULT_SCALE);

/** 累計/単年度: also from the indicator's name (（累計）, 延べ, 【単年】). */
function parseTargetKindImpl(v: unknown): TargetKind | undefined {
  const s = headerKey(v);
  if (s === "") return undefined;
  if (/累計|累積|延べ|延|通算|cumulative|total/.test(s)) return "cumulative";
  if (/単年|年間|各年|毎年|単年度|single|annual|yearly/.test(s)) return "single";
  return undefined;
}

export function targetKindFromName(name: string): TargetKind | undefined {
  const s = name.normalize("NFKC");
  // 延べ alone (延べ宿泊者数: person-nights) counts people twice, it does not add years up.
  if (/[（(【[]\s*(累計|累積|延べ|通算)|累計/.test(s)) return "cumulative";
  if (/[（(【[]\s*(単年|単年度|年間|各年度?)\s*[）)】\]]/.test(s)) return "single";
  return undefined;
}

/** 方向: 増加/上昇/↑ → up; 減少/低下/↓ → down. */
function parseDirectionImpl(v: unknown): Direction | undefined {
  const s = headerKey(v);
  if (s === "") return undefined;
  if (/^(↑|⇧|増|増加|上昇|向上|高い方がよい|up|higher|increase)/.test(s)) return "up";
  if (/^(↓|⇩|減|減少|低下|抑制|低い方がよい|down|lower|decrease)/.test(s)) return "down";
  return undefined;
}

const REVISION_SYNONYMS: readonly (readonly [RegExp, RevisionType])[] = [
  [/^(目標値の?(修正|変更|見直し)|目標値修正|目標の修正|上方修正|下方修正|target)$/, "目標値の修正"],
  [/^(指標名の?修正|名称の修正|rename|namefix)$/, "指標名の修正"],
  [/^(指標名?の?変更|指標変更|indicatorchange|change)$/, "指標名の変更"],
  [/^(新たな指標を?設定|新たな指標|代替指標|代替指標の?設定|新規指標|新指標|substitute|newindicator)$/, "新たな指標を設定"],
];

export type RevisionParse =
  { readonly kind: "none" } | { readonly kind: "type"; readonly type: RevisionType } | { readonly kind: "invalid"; readonly text: string };

/** 見直し区分: one of the four types, a synonym, or blank/なし/修正なし = none. */
function parseRevisionTypeImpl(v: unknown): RevisionParse {
  const text = cellText(v);
  // A note in brackets after the type (新たな指標を設定（代替指標）) does not change it.
  const s = headerKey(text.normalize("NFKC").replace(/[（(【[].*$/, ""));
  if (s === "" || isNoValue(v) || /^(なし|修正なし|見直しなし|変更なし|現状維持|維持|none|keep)$/.test(s)) return { kind: "none" };
  for (const [re, type] of REVISION_SYNONYMS) if (re.test(s)) return { kind: "type", type };
  return { kind: "invalid", text };
}

/** A flag cell: ○, ✓, はい, 有, TRUE, 1 → true. */
function parseFlagImpl(v: unknown): boolean {
  if (v === true) return true;
  if (typeof v === "number") return v !== 0;
  const s = headerKey(v);
  return /^(○|◯|〇|●|✓|✔|レ|はい|有|あり|yes|y|true|1|該当)$/.test(s);
}

/** Rows that are not indicators: 小計, 合計, ※ notes. */
export function isNoteOrSubtotal(text: string): boolean {
  const head = text.charAt(0);
  if (text.length > 12 && head !== "※" && head !== "*" && head !== "＊" && head !== "注") return false;
  const s = normalizeText(text);
  return /^[※*＊注]/.test(s) || /^(小計|合計|計|総計|subtotal|total)$/i.test(s.replace(/\s/g, ""));
}

export const isNoValue = memoString(isNoValueImpl);
export const parseEraYear = memoString(parseEraYearImpl);
export const parseGoal = memoString(parseGoalImpl);
export const parseCategory = memoString(parseCategoryImpl);
export const parseTargetKind = memoString(parseTargetKindImpl);
export const parseDirection = memoString(parseDirectionImpl);
export const parseRevisionType = memoString(parseRevisionTypeImpl);
export const parseFlag = memoString(parseFlagImpl);
