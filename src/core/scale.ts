// Grade scales as data: the ordered grades a municipality uses (A–D, S/A/B/C, ◎○△×,
// ①②③, words…), the spellings each accepts, what each grade means, and the marks that
// say "not judged". With no settings the scale is recognised from the labels found in
// the grade column; an unknown label is never guessed.

/** What a grade says about an indicator; the revision rules follow the meaning, not the letter. */
export type GradeMeaning = "met" | "onTrack" | "behind" | "notStarted" | "cannotJudge";
export const GRADE_MEANINGS: readonly GradeMeaning[] = ["met", "onTrack", "behind", "notStarted", "cannotJudge"];

export interface ScaleGrade {
  /** The label as the municipality writes it in its tables (A, ◎, 順調…). */
  readonly label: string;
  readonly meaning: GradeMeaning;
  /** True for a real grade; false for a "not judged" mark (－, 評価なし, 評価対象外). */
  readonly judged: boolean;
}

export interface GradeScale {
  /** Family id (daisen, sabc, abplus, marks, circled, progress, attainment, letters, twoLetter, custom). */
  readonly id: string;
  /** Real grades, best first. */
  readonly grades: readonly ScaleGrade[];
  /** Not-judged marks, shown in their own tally column. */
  readonly notJudged: readonly ScaleGrade[];
}

/** Label → grade, for a scale. */
export function scaleLabels(scale: GradeScale): string[] {
  return scale.grades.map((g) => g.label);
}

/** Every label of a scale: real grades, then the not-judged marks (the tally's columns). */
export function allLabels(scale: GradeScale): string[] {
  return [...scale.grades, ...scale.notJudged].map((g) => g.label);
}

export function meaningOf(scale: GradeScale, label: string | undefined): GradeMeaning | undefined {
  if (label === undefined) return undefined;
  for (const g of scale.grades) if (g.label === label) return g.meaning;
  for (const g of scale.notJudged) if (g.label === label) return g.meaning;
  return undefined;
}

export function isJudged(scale: GradeScale, label: string | undefined): boolean {
  return label !== undefined && scale.grades.some((g) => g.label === label);
}

/**
 * A grade cell reduced to a comparable token: full-width → half-width (circled digits kept),
 * no spaces, upper-case letters, no 評価 prefix or suffix, no note in brackets (◎（達成） → ◎).
 */
export function gradeToken(text: string): string {
  let s = text.replace(/[^\u2460-\u2473]+/g, (m) => m.normalize("NFKC"));
  s = s.replace(/[\s\u3000]+/g, "").replace(/[\u2010-\u2015\u2212\uff70]/g, "-");
  s = s.replace(/(?<=.)[（(［[【][^）)\]］】]*[）)\]］】]$/, "");
  s = s.replace(/^評価[:：]?(?=.)/, "").replace(/(?<=.)(評価|ランク)$/, "");
  return /^[A-Za-z+]+$/.test(s) && !/^[A-Z][a-z]$/.test(s) ? s.toUpperCase() : s;
}

const NOT_JUDGED_WORDS = ["評価対象外", "対象外", "評価なし", "評価無し", "評価不能", "判定不能", "評価できない", "測定不能"];

interface Family {
  readonly id: string;
  /** Real grades best first, with their extra spellings (tokens). */
  readonly grades: readonly { readonly label: string; readonly meaning: GradeMeaning; readonly spellings?: readonly string[] }[];
  /** The family's own not-judged mark, shown even when unused. */
  readonly mark?: { readonly label: string; readonly spellings: readonly string[] };
}

const byPosition = (n: number, i: number): GradeMeaning => (i === 0 ? "met" : i === 1 ? "onTrack" : i === n - 1 && n >= 4 ? "notStarted" : "behind");

const FAMILIES: readonly Family[] = [
  {
    id: "daisen",
    grades: [
      { label: "A", meaning: "met" },
      { label: "B", meaning: "onTrack" },
      { label: "C", meaning: "behind" },
      { label: "D", meaning: "notStarted" },
    ],
  },
  {
    id: "sabc",
    grades: [
      { label: "S", meaning: "met" },
      { label: "A", meaning: "met" },
      { label: "B", meaning: "onTrack" },
      { label: "C", meaning: "behind" },
    ],
    mark: { label: "－", spellings: ["-", "--", "―", "ー"] },
  },
  {
    id: "abplus",
    grades: [
      { label: "A", meaning: "met" },
      { label: "B+", meaning: "onTrack", spellings: ["B＋", "B+"] },
      { label: "B", meaning: "behind" },
      { label: "C", meaning: "notStarted" },
    ],
  },
  {
    id: "marks",
    grades: [
      { label: "◎", meaning: "met" },
      { label: "○", meaning: "onTrack", spellings: ["〇", "◯", "O"] },
      { label: "△", meaning: "behind", spellings: ["▲"] },
      { label: "×", meaning: "notStarted", spellings: ["✕", "✖", "X", "x"] },
    ],
    mark: { label: "評価なし", spellings: ["評価無し", "なし"] },
  },
  {
    id: "progress",
    grades: [
      { label: "順調", meaning: "onTrack", spellings: ["順調である", "順調に進んでいる"] },
      { label: "おおむね順調", meaning: "onTrack", spellings: ["概ね順調", "おおむね順調である", "概ね順調である"] },
      { label: "努力を要する", meaning: "behind", spellings: ["努力が必要", "要努力", "さらなる努力を要する", "一層の努力を要する"] },
    ],
    mark: { label: "評価対象外", spellings: ["対象外"] },
  },
  {
    id: "attainment",
    grades: [
      { label: "達成", meaning: "met", spellings: ["目標達成", "達成済"] },
      { label: "概ね達成", meaning: "onTrack", spellings: ["おおむね達成", "概ね達成見込み"] },
      { label: "未達成", meaning: "behind", spellings: ["未達", "達成していない"] },
    ],
    mark: { label: "評価対象外", spellings: ["対象外"] },
  },
];

const LETTERS = "ABCDEFG";
const CIRCLED = "①②③④⑤⑥⑦";

/** A–E … A–G: the letters up to the highest one found (at least A–D). */
function lettersFamily(n: number): Family {
  return { id: n === 4 ? "daisen" : "letters", grades: [...LETTERS.slice(0, n)].map((label, i) => ({ label, meaning: byPosition(n, i) })) };
}

/** ①②③ … ①–⑦: the circled numbers up to the highest one found (at least three). */
function circledFamily(n: number): Family {
  return { id: "circled", grades: [...CIRCLED.slice(0, n)].map((label, i) => ({ label, meaning: byPosition(n, i) })) };
}

/**
 * Two-letter grades (Bc): read as an upper-case grade of the indicator's attainment (A–D) followed
 * by a lower-case sub-grade (of the efforts, say). The tally keeps each combination as written, in
 * order of the upper letter then the lower one; the meaning is the upper letter's (B → on track).
 */
function twoLetterFamily(found: readonly string[]): Family {
  const labels = [...new Set(found.filter((s) => /^[A-D][a-d]$/.test(s)))].sort();
  return { id: "twoLetter", grades: labels.map((label) => ({ label, meaning: byPosition(4, LETTERS.indexOf(label[0])) })) };
}

function familyTokens(f: Family): Map<string, string> {
  const m = new Map<string, string>();
  for (const g of f.grades) {
    m.set(gradeToken(g.label), g.label);
    for (const s of g.spellings ?? []) m.set(gradeToken(s), g.label);
  }
  return m;
}

export function toScale(f: Family): GradeScale {
  const notJudged: ScaleGrade[] = f.mark ? [{ label: f.mark.label, meaning: "cannotJudge", judged: false }] : [];
  return { id: f.id, grades: f.grades.map((g) => ({ label: g.label, meaning: g.meaning, judged: true })), notJudged };
}

/** Accepted spellings → label, per scale (built once per scale object). */
const parsers = new WeakMap<GradeScale, Map<string, string>>();

function markTokens(scale: GradeScale): Map<string, string> {
  const m = new Map<string, string>();
  const family = FAMILIES.find((f) => f.id === scale.id);
  for (const g of scale.notJudged) {
    m.set(gradeToken(g.label), g.label);
    if (family?.mark?.label === g.label) for (const s of family.mark.spellings) m.set(gradeToken(s), g.label);
  }
  const first = scale.notJudged[0]?.label ?? NOT_JUDGED_LABEL;
  for (const w of NOT_JUDGED_WORDS) {
    const token = gradeToken(w);
    if (!m.has(token) && token !== "なし") m.set(token, first);
  }
  return m;
}

/** The label a token stands for in a scale (a real grade or a not-judged mark), or undefined. */
export function labelInScale(scale: GradeScale, token: string): string | undefined {
  let m = parsers.get(scale);
  if (!m) {
    const family = FAMILIES.find((f) => f.id === scale.id);
    m = family ? familyTokens(family) : new Map<string, string>();
    for (const g of scale.grades) m.set(gradeToken(g.label), g.label);
    for (const [k, v] of markTokens(scale)) m.set(k, v);
    parsers.set(scale, m);
  }
  return m.get(token);
}

/** The label of the not-judged mark used when a scale has none of its own. */
export const NOT_JUDGED_LABEL = "評価対象外";

export const DEFAULT_SCALE: GradeScale = toScale(FAMILIES[0]);

/** A family's scale by name (daisen, sabc, abplus, marks, circled, progress, attainment). */
export function scaleByName(name: string): GradeScale | undefined {
  const f = FAMILIES.find((x) => x.id === name);
  if (f) return f === FAMILIES[0] ? DEFAULT_SCALE : toScale(f);
  if (name === "circled") return toScale(circledFamily(3));
  const m = /^letters([3-7])$/.exec(name) ?? /^circled([3-7])$/.exec(name);
  if (m) return toScale(name.startsWith("letters") ? lettersFamily(Number(m[1])) : circledFamily(Number(m[1])));
  return undefined;
}

export const SCALE_NAMES = [...FAMILIES.map((f) => f.id), "circled", "letters3", "letters5", "letters6", "letters7", "circled4", "circled5"];

/** A scale from an explicit list of labels (best first), with optional not-judged marks. */
export function customScale(labels: readonly string[], notJudged: readonly string[] = [], meanings: Readonly<Record<string, GradeMeaning>> = {}): GradeScale {
  return {
    id: "custom",
    grades: labels.map((label, i) => ({ label, meaning: meanings[label] ?? byPosition(labels.length, i), judged: true })),
    notJudged: notJudged.map((label) => ({ label, meaning: "cannotJudge" as const, judged: false })),
  };
}

/** The families the tokens (one per graded cell) may come from, the default first. */
function candidates(tokens: readonly string[]): Family[] {
  const list: Family[] = [];
  // Letters beyond D make a longer scale only when found in two cells or more: one E is a typo.
  const beyond = tokens.filter((t) => /^[E-G]$/.test(t));
  const maxLetter = beyond.length >= 2 ? beyond.reduce((m, t) => Math.max(m, LETTERS.indexOf(t) + 1), 0) : 4;
  list.push(maxLetter > 4 ? lettersFamily(maxLetter) : FAMILIES[0]);
  list.push(...FAMILIES.slice(1));
  const circled = tokens.filter((t) => CIRCLED.includes(t) && t.length === 1);
  if (circled.length > 0) list.push(circledFamily(circled.reduce((m, t) => Math.max(m, CIRCLED.indexOf(t) + 1), 3)));
  if (tokens.some((t) => /^[A-D][a-d]$/.test(t))) list.push(twoLetterFamily(tokens));
  return list;
}

/**
 * The scale a sheet's grade cells are written in: the family accepting the most of the
 * tokens (ties: the default A–D first, then the order above). Undefined when none fits any.
 */
export function detectScale(tokens: readonly string[]): GradeScale | undefined {
  const distinct = [...new Set(tokens)].filter((t) => t !== "");
  let best: { family: Family; hits: number } | undefined;
  for (const family of candidates(tokens)) {
    const map = familyTokens(family);
    const hits = distinct.filter((t) => map.has(t)).length;
    if (hits > 0 && (!best || hits > best.hits)) best = { family, hits };
  }
  return best ? toScale(best.family) : undefined;
}

/** Two scales are the same when they have the same real grades in the same order. */
export function sameScale(a: GradeScale, b: GradeScale): boolean {
  return a.grades.length === b.grades.length && a.grades.every((g, i) => g.label === b.grades[i].label);
}

/** A scale with the not-judged marks found in the data added (a family's own mark stays). */
export function withMarks(scale: GradeScale, used: ReadonlySet<string>): GradeScale {
  const extra = [...used].filter((l) => !scale.grades.some((g) => g.label === l) && !scale.notJudged.some((g) => g.label === l));
  if (extra.length === 0) return scale;
  return { ...scale, notJudged: [...scale.notJudged, ...extra.map((label) => ({ label, meaning: "cannotJudge" as const, judged: false }))] };
}

/** Default bands (lower bounds of progress, best grade first, one fewer than the grades). */
export function defaultBands(scale: GradeScale): number[] {
  const n = scale.grades.length;
  if (scale.id === "sabc") return [1.2, 1.0, 0.8];
  if (scale.id === "attainment") return [1.0, 0.8];
  if (n === 4) return [1.0, 0.8, 0.6];
  if (n <= 1) return [];
  if (n === 2) return [1.0];
  if (n === 3) return [1.0, 0.7];
  const step = 1 / (n - 1);
  return Array.from({ length: n - 1 }, (_, i) => Math.round((1 - i * step) * 100) / 100);
}

/** How the reference grade is computed (see classify.ts). */
export type GradingRule = "progress" | "baseline" | "yearly" | "pace";
export const GRADING_RULES: readonly GradingRule[] = ["progress", "baseline", "yearly", "pace"];

/** Each family's usual rule: A/B+/B/C grades against the baseline, the 順調 words on pace, the rest by progress bands. */
export function defaultRule(scale: GradeScale): GradingRule {
  if (scale.id === "abplus") return "baseline";
  if (scale.id === "progress") return "pace";
  return "progress";
}

/** Each family's usual tolerance around the baseline (A/B+/B/C: within ±5% of the baseline is B). */
export function defaultTolerance(scale: GradeScale): number {
  return scale.id === "abplus" ? 0.05 : 0;
}
