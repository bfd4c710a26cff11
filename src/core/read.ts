// Read one sheet: find the evaluation table, map its columns, turn each row into an
// Indicator. Every cell that cannot be used becomes a diagnostic; nothing throws.

import { t, MessageKey, Params } from "./messages";
import { a1, columnIndex, columnLetter } from "./address";
import { classifyHeader, ColumnField, isSubLabel, yearInHeader } from "./headers";
import {
  cellText,
  headerKey,
  isErrorValue,
  isNoteOrSubtotal,
  isNoValue,
  parseCategory,
  parseDirection,
  parseEraYear,
  parseFlag,
  parseGoal,
  parseGradeIn,
  parseNumber,
  parseRevisionType,
  parseTargetKind,
  targetKindFromName,
} from "./normalize";
import { GradeScale, detectScale, DEFAULT_SCALE, gradeToken } from "./scale";
import { Settings } from "./settings";
import {
  Category,
  DecidedRevision,
  Diagnostic,
  FIELD_KEYS,
  FieldKey,
  Grade,
  Indicator,
  Lang,
  RevisionType,
  Severity,
  SheetInput,
  SheetReading,
  TargetKind,
  YearValue,
} from "./types";

/**
 * The A1 addresses of one row's cells, by field: the sheet's column letters plus the row
 * number, computed on access so that 100,000 rows do not hold 1.6 million strings.
 */
class RowCells {
  constructor(
    private readonly letters: Partial<Record<FieldKey, string>>,
    private readonly row: number,
  ) {}
}
for (const field of FIELD_KEYS) {
  Object.defineProperty(RowCells.prototype, field, {
    enumerable: true,
    get(this: { letters: Partial<Record<FieldKey, string>>; row: number }): string | undefined {
      const letter = this.letters[field];
      return letter === undefined ? undefined : `${letter}${this.row}`;
    },
  });
}

const INVISIBLE_ONLY = /^[\p{Cf}\p{Cc}\p{Z}]+$/u;

/** Rows scanned for a header; real sheets have a few title rows at most. */
const HEADER_SCAN_ROWS = 40;
/** Longest text kept from one cell (Excel allows 32,767). */
export const MAX_TEXT = 2000;

export interface ColumnMap {
  readonly fields: Partial<Record<FieldKey, number>>;
  /** Actual columns: 0-based column → fiscal year (undefined = the evaluation year). */
  readonly actuals: readonly { readonly col: number; readonly year: number | undefined }[];
  /** Year found in the target header (目標値（R6）). */
  readonly targetHeaderYear?: number;
  /** Each year's own target (目標 under each fiscal year), when the sheet has several. */
  readonly yearTargets?: readonly { readonly col: number; readonly year: number }[];
}

export interface HeaderFound {
  /** 0-based rows of the header (one or two). */
  readonly rows: readonly number[];
  readonly map: ColumnMap;
  readonly score: number;
}

const KEY_FIELDS: readonly FieldKey[] = ["grade", "target", "category", "goal", "baseline", "unit", "department", "reason"];
const MINOR_FIELDS: readonly FieldKey[] = [
  "baselineYear",
  "targetYear",
  "cumulative",
  "revisionType",
  "newTarget",
  "newName",
  "newTargetYear",
  "package",
  "direction",
];

/** Header text → field from the settings' columns, matched on the compact header key. */
export type ColumnNames = Readonly<Record<string, string>>;

function mappedField(label: string, columns: ColumnNames | undefined): ColumnField | undefined {
  if (!columns) return undefined;
  const key = headerKey(label);
  for (const [text, target] of Object.entries(columns)) {
    if (headerKey(text) !== key) continue;
    if (target === "actual") return { kind: "actual", year: undefined };
    if (target.startsWith("actual:")) return { kind: "actual", year: Number(target.slice(7)) };
    return { kind: "field", field: target as FieldKey };
  }
  return undefined;
}

function fieldsOf(labels: readonly string[], columns?: ColumnNames): { map: ColumnMap; score: number } {
  const fields: Partial<Record<FieldKey, number>> = {};
  const actuals: { col: number; year: number | undefined }[] = [];
  const targets: { col: number; year: number | undefined }[] = [];
  labels.forEach((label, col) => {
    const f: ColumnField | undefined = label ? (mappedField(label, columns) ?? classifyHeader(label)) : undefined;
    if (!f) return;
    if (f.kind === "actual") {
      if (!actuals.some((a) => a.year === f.year)) actuals.push({ col, year: f.year });
    } else if (f.field === "target") targets.push({ col, year: yearInHeader(label) });
    else if (fields[f.field] === undefined) fields[f.field] = col;
  });
  const { target, targetHeaderYear, yearTargets } = targetColumns(targets);
  if (target !== undefined) fields.target = target;
  // Two-row headers win over their top row when they tell more: years, actual columns by year.
  const score =
    (fields.name !== undefined ? 2 : 0) +
    KEY_FIELDS.filter((k) => fields[k] !== undefined).length +
    MINOR_FIELDS.filter((k) => fields[k] !== undefined).length * 0.5 +
    (actuals.length > 0 ? 1 : 0) +
    Math.min(5, actuals.filter((a) => a.year !== undefined).length) * 0.5;
  return { map: { fields, actuals, targetHeaderYear, yearTargets }, score };
}

/**
 * Target columns: one (目標値, 目標値（R6）) is the target; several for different years (目標 under
 * each of 令和2年度 … 令和6年度) are each year's own target, never actuals, and the last one is
 * the target unless a column without a year says it.
 */
function targetColumns(targets: readonly { col: number; year: number | undefined }[]): {
  target?: number;
  targetHeaderYear?: number;
  yearTargets: readonly { col: number; year: number }[];
} {
  const yearly = targets.filter((x): x is { col: number; year: number } => x.year !== undefined);
  const years = new Set(yearly.map((x) => x.year));
  if (years.size < 2) return { target: targets[0]?.col, targetHeaderYear: targets[0]?.year, yearTargets: [] };
  const byYear = [...years].sort((a, b) => a - b).map((year) => yearly.find((x) => x.year === year)!);
  const plain = targets.find((x) => x.year === undefined);
  const last = byYear[byYear.length - 1];
  return { target: plain?.col ?? last.col, targetHeaderYear: plain ? undefined : last.year, yearTargets: byYear };
}

/** Values with merged ranges spread over every cell they cover. */
export function spreadMerges(input: SheetInput): readonly (readonly unknown[])[] {
  if (!input.merges || input.merges.length === 0) return input.rows;
  const rows = input.rows.map((r) => r.slice());
  for (const m of input.merges) {
    const v = rows[m.top]?.[m.left];
    if (v === undefined || v === null || v === "") continue;
    for (let r = m.top; r <= m.bottom && r < rows.length; r++) {
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        const row = rows[r];
        if (row[c] === undefined || row[c] === null || row[c] === "") row[c] = v;
      }
    }
  }
  return rows;
}

/** Label text of a header cell (numbers such as a bare year 2022 count as text). */
const label = (v: unknown): string => (isErrorValue(v) ? "" : cellText(v).slice(0, 200));

/**
 * Find the header: the row (or pair of rows: a merged group over sub-headers) whose labels
 * name the most fields, requiring an indicator-name column and two other key fields.
 */
export function findHeader(rows: readonly (readonly unknown[])[], columns?: ColumnNames): HeaderFound | undefined {
  let best: HeaderFound | undefined;
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const top = (rows[r] ?? []).map(label);
    if (top.every((s) => s === "")) continue;
    const single = fieldsOf(top, columns);
    if (single.score >= 4 && (!best || single.score > best.score)) best = { rows: [r], map: single.map, score: single.score };
    if (r + 1 < rows.length) {
      const sub = (rows[r + 1] ?? []).map(label);
      // Only a row of short sub-labels (数値, 年度, 令和2年度…) can sit under a group header.
      const nonEmpty = sub.filter((s) => s !== "");
      if (nonEmpty.length === 0 || parseCategoryRow(sub)) continue;
      const width = Math.max(top.length, sub.length);
      const combined: string[] = [];
      let group = "";
      for (let c = 0; c < width; c++) {
        const tp = top[c] ?? "";
        const sb = sub[c] ?? "";
        if (tp !== "") group = tp;
        const head = tp !== "" ? tp : sb !== "" && isSubLabel(sb) ? group : "";
        if (sb === "" || sb === tp) combined.push(head);
        else if (head === "") combined.push(sb);
        else {
          // Group + sub-label: try "基準値 年度" as one label, else the sub-label alone.
          const joined = head + sb;
          const known = (x: string): boolean => classifyHeader(x) !== undefined || mappedField(x, columns) !== undefined;
          combined.push(known(joined) ? joined : known(sb) ? sb : joined);
        }
      }
      const two = fieldsOf(combined, columns);
      if (two.score > single.score && two.score >= 4 && (!best || two.score > best.score)) best = { rows: [r, r + 1], map: two.map, score: two.score };
      // A second row that only annotates (（H26） under 基準値, 単位 notes) is part of the header, not data.
      else if (single.score >= 4 && best?.rows[0] === r && best.rows.length === 1 && nonEmpty.every(isAnnotation))
        best = { rows: [r, r + 1], map: two.score >= single.score ? two.map : single.map, score: single.score };
    }
  }
  return best && best.map.fields.name !== undefined ? withAnnotationRow(rows, best) : undefined;
}

/** The header with the row under it when that row only annotates (（H26） under 基準値): a header, not data. */
function withAnnotationRow(rows: readonly (readonly unknown[])[], best: HeaderFound): HeaderFound {
  const next = best.rows[best.rows.length - 1] + 1;
  const cells = (rows[next] ?? []).map(label);
  const nonEmpty = cells.filter((s) => s !== "");
  if (nonEmpty.length === 0 || !nonEmpty.every(isAnnotation) || parseCategoryRow(cells)) return best;
  const target = best.map.fields.target;
  const targetHeaderYear = best.map.targetHeaderYear ?? (target === undefined ? undefined : yearInHeader(cells[target] ?? ""));
  return { ...best, rows: [...best.rows, next], map: { ...best.map, targetHeaderYear } };
}

/** A header cell that only annotates the one above: (H26), （人）, ※… or a sub-label. */
function isAnnotation(text: string): boolean {
  const s = text.trim();
  return /^[（(［[【〈<].*[）)］\]】〉>]$/.test(s) || /^[※*＊]/.test(s) || isSubLabel(s);
}

/** A row whose cells are category values (数値目標/KPI) is data, not a sub-header. */
function parseCategoryRow(cells: readonly string[]): boolean {
  return cells.some((c) => c !== "" && parseCategory(c) !== undefined && c.length <= 10);
}

interface RowContext {
  readonly input: SheetInput;
  readonly lang: Lang;
  readonly diagnostics: Diagnostic[];
}

function address(ctx: RowContext, row: number, col: number): string {
  return a1((ctx.input.rowOffset ?? 0) + row, (ctx.input.colOffset ?? 0) + col);
}

function diag(ctx: RowContext, row: number, col: number | undefined, severity: Severity, code: MessageKey, params: Params = {}): void {
  ctx.diagnostics.push({
    file: ctx.input.file,
    sheet: ctx.input.sheet,
    cell: col === undefined ? "" : address(ctx, row, col),
    severity,
    code,
    message: t(ctx.lang, code, params),
  });
}

/** A sheet's grid with merges spread, its header and its column map (undefined: no evaluation table). */
interface Prepared {
  readonly rows: readonly (readonly unknown[])[];
  readonly found?: HeaderFound;
  readonly map?: ColumnMap;
}

const prepared = new WeakMap<SheetInput, { override?: Readonly<Record<string, string>>; columns?: ColumnNames; value: Prepared }>();

/** Grid preparation and header detection, done once per sheet even when asked twice. */
function prepare(input: SheetInput, override?: Readonly<Record<string, string>>, columns?: ColumnNames): Prepared {
  const hit = prepared.get(input);
  if (hit && hit.override === override && hit.columns === columns) return hit.value;
  const rows = spreadMerges(input);
  const found = findHeader(rows, columns);
  const value: Prepared = found ? { rows, found, map: applyOverride(found.map, override, input.colOffset ?? 0) } : { rows };
  prepared.set(input, { override, columns, value });
  return value;
}

/** The grade cells of a sheet's table as tokens, for recognising the scale it is written in. */
export function gradeTokensOf(input: SheetInput, override?: Readonly<Record<string, string>>, columns?: ColumnNames): string[] {
  const { rows, found, map } = prepare(input, override, columns);
  const col = map?.fields.grade;
  if (!found || col === undefined) return [];
  // Every graded cell gives a token (repeats included: a letter seen once may be a typo).
  const cache = new Map<unknown, string | undefined>();
  const tokens: string[] = [];
  for (let r = found.rows[found.rows.length - 1] + 1; r < rows.length; r++) {
    const v = rows[r]?.[col];
    if (v === null || v === undefined || v === "") continue;
    let token = cache.get(v);
    if (!cache.has(v)) {
      const text = cellText(v);
      token = isNoValue(v) || isErrorValue(v) || text.length > 40 ? undefined : gradeToken(text);
      cache.set(v, token);
    }
    if (token !== undefined) tokens.push(token);
  }
  return tokens;
}

/** Read one sheet. Sheets without an evaluation table come back with isEvaluationSheet false. */
export function readSheet(input: SheetInput, settings: Settings, lang: Lang, override?: Readonly<Record<string, string>>, scaleIn?: GradeScale): SheetReading {
  const diagnostics: Diagnostic[] = [];
  const ctx: RowContext = { input, lang, diagnostics };
  const { rows, found, map } = prepare(input, override, settings.columns);
  if (!found || !map) {
    return { file: input.file, sheet: input.sheet, isEvaluationSheet: false, headerRows: [], columns: {}, uncertain: false, indicators: [], diagnostics: [] };
  }
  const scale = scaleIn ?? settings.scale ?? detectScale(gradeTokensOf(input, override, settings.columns)) ?? DEFAULT_SCALE;
  const gradeParams = scaleParams(scale, lang);
  const f = map.fields;
  const columns: Record<string, string> = {};
  for (const [k, c] of Object.entries(f)) if (c !== undefined) columns[k] = columnLetter((input.colOffset ?? 0) + c);
  for (const a of map.actuals) columns[`actual:${a.year ?? "latest"}`] = columnLetter((input.colOffset ?? 0) + a.col);
  const uncertain = f.grade === undefined || f.category === undefined || f.goal === undefined || (f.target === undefined && map.actuals.length === 0);

  // Actual columns in year order once, so that each row's actuals come out sorted.
  const actualColumns = [...map.actuals].sort((x, y) => (x.year ?? settings.evaluationYear ?? 0) - (y.year ?? settings.evaluationYear ?? 0));
  const letters: Partial<Record<FieldKey, string>> = {};
  for (const [k, c] of Object.entries(f)) if (c !== undefined) letters[k as FieldKey] = columnLetter((input.colOffset ?? 0) + c);
  const indicators: Indicator[] = [];
  const start = found.rows[found.rows.length - 1] + 1;
  let goal: { goal: number; name?: string } | undefined;
  let pkg: string | undefined;
  let category: Category | undefined;
  const fieldText = (field: FieldKey): string => t(lang, `col.${fieldLabelKey(field)}` as MessageKey);

  for (let r = start; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const cell = (field: FieldKey): unknown => (f[field] === undefined ? undefined : row[f[field]]);
    let firstText = "";
    for (let i = 0; i < row.length && firstText === ""; i++) if (row[i] !== null && row[i] !== undefined && row[i] !== "") firstText = cellText(row[i]);
    if (firstText === "") continue; // blank separator row
    if (isNoteOrSubtotal(firstText)) continue; // ※ notes, 小計, 合計

    const nameRaw = cell("name");
    // A name of nothing but invisible characters (zero-width space, RTL mark, NUL) is no name.
    let name = isErrorValue(nameRaw) ? "" : cellText(nameRaw);
    if (name !== "" && INVISIBLE_ONLY.test(name)) name = "";

    // Goal and package: merged or left blank below their first row → carry down.
    const goalCell = cell("goal");
    if (!isNoValue(goalCell)) {
      const g = parseGoal(goalCell);
      if (g && g.goal !== goal?.goal) pkg = undefined; // a new goal starts without a package
      if (g) goal = g.name && g.name.length > 200 ? { goal: g.goal, name: g.name.slice(0, 200) } : g;
      else if (name !== "") {
        diag(ctx, r, f.goal, "error", "goal.invalid", { text: cellText(goalCell).slice(0, 60) });
        continue;
      }
    }
    const pkgCell = cell("package");
    if (!isNoValue(pkgCell) && !isErrorValue(pkgCell)) pkg = cellText(pkgCell).slice(0, MAX_TEXT);
    else if (cellText(pkgCell) !== "") pkg = undefined; // an explicit "－": no package here
    const catCell = cell("category");
    const cat = parseCategory(catCell);

    if (name === "" && isErrorValue(nameRaw)) {
      diag(ctx, r, f.name, "error", "value.error", { text: cellText(nameRaw), field: fieldText("name") });
      continue;
    }
    if (name === "") {
      // A section row (基本目標1 …, 【KPI】) sets context; any other row without a name is reported.
      const sectionCategory = cat ?? parseCategory(firstText);
      if (sectionCategory) category = sectionCategory;
      const g = parseGoal(firstText);
      if (g && f.goal === undefined) goal = g;
      const filled = (field: FieldKey): boolean => f[field] !== undefined && !isNoValue(cell(field));
      const hasData =
        filled("grade") ||
        filled("target") ||
        filled("baseline") ||
        filled("revisionType") ||
        filled("newTarget") ||
        map.actuals.some((a) => !isNoValue(row[a.col]));
      if (hasData) diag(ctx, r, f.name, "error", "name.missing");
      continue;
    }
    // 小計 or ※ in the name column under a filled-down goal: not an indicator, unless graded.
    if (isNoteOrSubtotal(name) && isNoValue(cell("grade")) && isNoValue(cell("revisionType"))) continue;
    if (name.length > MAX_TEXT) {
      diag(ctx, r, f.name, "info", "cell.tooLong", { max: MAX_TEXT });
      name = name.slice(0, MAX_TEXT);
    }
    if (!goal) {
      diag(ctx, r, f.goal ?? f.name, "error", "goal.missing");
      continue;
    }
    // ［KPI］移住者数: the category written as a prefix of the name.
    const prefixed = isNoValue(catCell) ? categoryPrefix(name) : undefined;
    if (prefixed) name = prefixed.name;
    if (cat) category = cat;
    else if (prefixed) category = prefixed.category;
    else if (!isNoValue(catCell)) {
      diag(ctx, r, f.category, "error", "category.invalid", { text: cellText(catCell).slice(0, 60) });
      continue;
    } else if (f.category !== undefined && category === undefined) {
      diag(ctx, r, f.category, "error", "category.missing");
      continue;
    }
    const rowCategory: Category = cat ?? prefixed?.category ?? category ?? (/数値目標/.test(name) ? "numerical" : "kpi");

    const num = (field: FieldKey): number | undefined => {
      const v = cell(field);
      if (v === undefined) return undefined;
      const p = parseNumber(v);
      if (p.ok) return p.value;
      if (!p.empty)
        diag(ctx, r, f[field], "warning", isErrorValue(v) ? "value.error" : "value.invalid", { text: cellText(v).slice(0, 60), field: fieldText(field) });
      return undefined;
    };
    const year = (field: FieldKey): number | undefined => {
      const v = cell(field);
      if (v === undefined || isNoValue(v)) return undefined;
      const y = parseEraYear(v);
      if (y === undefined) diag(ctx, r, f[field], "warning", "year.invalid", { text: cellText(v).slice(0, 60), field: fieldText(field) });
      return y;
    };

    const yearTargets = readYearTargets(ctx, r, row, map);
    const actuals: YearValue[] = [];
    for (const a of actualColumns) {
      const v = row[a.col];
      const p = parseNumber(v);
      if (p.ok) actuals.push({ year: a.year ?? settings.evaluationYear ?? 0, value: p.value });
      else if (!p.empty)
        diag(ctx, r, a.col, "warning", isErrorValue(v) ? "value.error" : "value.invalid", {
          text: cellText(v).slice(0, 60),
          field: `${t(lang, "col.actual")}${a.year ?? ""}`,
        });
    }

    const gradeCell = cell("grade");
    let grade: Grade | undefined;
    if (f.grade !== undefined) {
      const g = parseGradeIn(gradeCell, scale);
      if (g.kind === "grade") grade = g.grade;
      else if (g.kind === "invalid") diag(ctx, r, f.grade, "error", "grade.invalid", { text: g.text.slice(0, 60), ...gradeParams });
      else diag(ctx, r, f.grade, "warning", "grade.missing");
    }

    const kindCell = cell("cumulative");
    const targetKind: TargetKind = parseTargetKind(kindCell) ?? targetKindFromName(name) ?? "single";
    const reasonCell = cell("reason");
    const reason = isNoValue(reasonCell) || isErrorValue(reasonCell) ? undefined : cellText(reasonCell).slice(0, MAX_TEXT);
    const deptCell = cell("department");
    const department = isNoValue(deptCell) || isErrorValue(deptCell) ? undefined : cellText(deptCell).slice(0, 200);
    const unitCell = cell("unit");
    const unit = isNoValue(unitCell) || isErrorValue(unitCell) ? undefined : cellText(unitCell).slice(0, 40);

    const decided = readDecided(ctx, r, row, f, settings, grade, year("newTargetYear"));
    const cells = new RowCells(letters, (input.rowOffset ?? 0) + r + 1);

    const target = num("target");
    indicators.push({
      source: { file: input.file, sheet: input.sheet, row: (input.rowOffset ?? 0) + r + 1 },
      goal: goal.goal,
      goalName: goal.name,
      package: pkg,
      category: rowCategory,
      name,
      unit,
      baseline: num("baseline"),
      baselineYear: year("baselineYear"),
      target,
      targetYear: year("targetYear") ?? map.targetHeaderYear,
      targetKind,
      direction: parseDirection(cell("direction")),
      actuals,
      ...(yearTargets.length > 0 ? { yearTargets } : {}),
      grade,
      reason,
      department,
      premiseChanged: f.premise === undefined ? undefined : parseFlag(cell("premise")),
      decided,
      cells: cells as unknown as Indicator["cells"],
    });
  }
  if (indicators.length === 0) diag(ctx, found.rows[0], undefined, "warning", "sheet.noIndicators");
  // A table with indicators but no grade or no actual column is said, never left silent.
  else if (f.grade === undefined) diag(ctx, found.rows[0], undefined, "warning", "columns.noGrade");
  if (indicators.length > 0 && map.actuals.length === 0) diag(ctx, found.rows[0], undefined, "info", "columns.noActual");
  return {
    file: input.file,
    sheet: input.sheet,
    isEvaluationSheet: true,
    headerRows: found.rows.map((r) => (input.rowOffset ?? 0) + r + 1),
    columns,
    uncertain,
    indicators,
    diagnostics,
    scale,
  };
}

/** The scale named in messages: "A〜D" for letters in a row, else the labels; and the labels allowed. */
export function scaleParams(scale: GradeScale, lang: Lang): { scale: string; allowed: string } {
  const labels = scale.grades.map((g) => g.label);
  const all = [...labels, ...scale.notJudged.map((g) => g.label)];
  const letters = labels.every((l, i) => l === "ABCDEFG"[i]) && labels.length > 2;
  const range = letters ? `${labels[0]}${lang === "ja" ? "〜" : "–"}${labels[labels.length - 1]}` : labels.join(lang === "ja" ? "・" : "/");
  const allowed = lang === "ja" ? all.join("・") : all.length > 1 ? `${all.slice(0, -1).join(", ")} or ${all[all.length - 1]}` : all.join("");
  return { scale: range, allowed };
}

const PREFIX = /^[［[【〔(（<＜]\s*(KPI|ＫＰＩ|数値目標|重要業績評価指標|目標指標|成果指標)\s*[］\]】〕)）>＞]\s*/i;

/** ［KPI］移住者数 → KPI and 移住者数; undefined when the name has no category prefix. */
function categoryPrefix(name: string): { category: Category; name: string } | undefined {
  const m = PREFIX.exec(name);
  const category = m ? parseCategory(m[1]) : undefined;
  const rest = m ? name.slice(m[0].length).trim() : "";
  return category && rest !== "" ? { category, name: rest } : undefined;
}

/** Each year's own target (目標 under each fiscal year), when the sheet has such columns. */
function readYearTargets(ctx: RowContext, r: number, row: readonly unknown[], map: ColumnMap): YearValue[] {
  const out: YearValue[] = [];
  for (const y of map.yearTargets ?? []) {
    const v = row[y.col];
    const p = parseNumber(v);
    if (p.ok) out.push({ year: y.year, value: p.value });
    else if (!p.empty)
      diag(ctx, r, y.col, "warning", isErrorValue(v) ? "value.error" : "value.invalid", {
        text: cellText(v).slice(0, 60),
        field: `${t(ctx.lang, "col.target")}${y.year}`,
      });
  }
  return out;
}

function readDecided(
  ctx: RowContext,
  r: number,
  row: readonly unknown[],
  f: Partial<Record<FieldKey, number>>,
  settings: Settings,
  grade: Grade | undefined,
  newTargetYear: number | undefined,
): DecidedRevision | undefined {
  const at = (field: FieldKey): unknown => (f[field] === undefined ? undefined : row[f[field]]);
  let newTarget: number | undefined;
  const nt = at("newTarget");
  if (nt !== undefined && !isNoValue(nt)) {
    const p = parseNumber(nt);
    if (p.ok) newTarget = p.value;
    else diag(ctx, r, f.newTarget, "error", "revision.newTarget.invalid", { text: cellText(nt).slice(0, 60) });
  }
  const nn = at("newName");
  const newName = nn === undefined || isNoValue(nn) || isErrorValue(nn) ? undefined : cellText(nn).slice(0, MAX_TEXT);
  const rt = parseRevisionType(at("revisionType"));
  let type: RevisionType | undefined;
  if (rt.kind === "invalid" || (rt.kind === "type" && !settings.revisionTypes.includes(rt.type))) {
    diag(ctx, r, f.revisionType, "error", "revision.invalid", {
      text: rt.kind === "invalid" ? rt.text.slice(0, 60) : rt.type,
      allowed: settings.revisionTypes.join("、"),
    });
    return undefined;
  }
  if (rt.kind === "type") type = rt.type;
  else if (newTarget !== undefined || newTargetYear !== undefined) type = "目標値の修正";
  if (!type) return undefined;
  if (type === "新たな指標を設定" && !newName) diag(ctx, r, f.newName ?? f.revisionType, "warning", "revision.newName.missing");
  if (!grade) diag(ctx, r, f.revisionType ?? f.newTarget, "warning", "revision.ungraded");
  return {
    type,
    ...(newTarget !== undefined ? { newTarget } : {}),
    ...(newName ? { newName } : {}),
    ...(newTargetYear !== undefined ? { newTargetYear } : {}),
  };
}

/** Apply a user's column choice (field → column letter) over what was detected. */
function applyOverride(map: ColumnMap, override: Readonly<Record<string, string>> | undefined, colOffset: number): ColumnMap {
  if (!override) return map;
  const fields = { ...map.fields };
  for (const [field, letter] of Object.entries(override)) {
    const col = columnIndex(letter) - colOffset;
    // Excel's grid ends at XFD (16,384 columns); a choice beyond it is not a column.
    if (!Number.isFinite(col) || col < 0 || col + colOffset > 16383) continue;
    fields[field as FieldKey] = col;
  }
  return { ...map, fields };
}

/** i18n key suffix of a field's column label. */
function fieldLabelKey(field: FieldKey): string {
  switch (field) {
    case "baselineYear":
      return "baseline";
    case "targetYear":
      return "targetYear";
    case "newTargetYear":
      return "newTargetYear";
    case "newTarget":
      return "newTarget";
    case "newName":
      return "newName";
    case "revisionType":
      return "decided";
    case "cumulative":
      return "kind";
    case "premise":
    case "direction":
    case "reason":
      return "reason";
    default:
      return field;
  }
}
