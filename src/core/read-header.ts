// Header detection: the row (or rows) naming the columns, and what each column holds.

import { columnIndex } from "./address";
import { classifyHeader, ColumnField, isSubLabel, yearInHeader } from "./headers";
import { headerKey, parseCategory } from "./normalize";
import { FieldKey } from "./types";
import { label } from "./read-grid";

/** Rows scanned for a header; real sheets have a few title rows at most. */
const HEADER_SCAN_ROWS = 40;

export interface ColumnMap {
  readonly fields: Partial<Record<FieldKey, number>>;
  /** Actual columns: 0-based column → fiscal year (undefined = the evaluation year). */
  readonly actuals: readonly { readonly col: number; readonly year: number | undefined }[];
  /** Year found in the target header (目標値（R6）). */
  readonly targetHeaderYear?: number | undefined;
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
  target?: number | undefined;
  targetHeaderYear?: number | undefined;
  yearTargets: readonly { col: number; year: number }[];
} {
  const yearly = targets.filter((x): x is { col: number; year: number } => x.year !== undefined);
  const years = new Set(yearly.map((x) => x.year));
  if (years.size < 2) return { target: targets[0]?.col, targetHeaderYear: targets[0]?.year, yearTargets: [] };
  const firstOf = new Map<number, { col: number; year: number }>();
  for (const x of yearly) if (!firstOf.has(x.year)) firstOf.set(x.year, x);
  const byYear = [...firstOf.values()].sort((a, b) => a.year - b.year);
  const plain = targets.find((x) => x.year === undefined);
  const last = byYear[byYear.length - 1];
  return { target: plain?.col ?? last.col, targetHeaderYear: plain ? undefined : last.year, yearTargets: byYear };
}

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

/** Apply a user's column choice (field → column letter) over what was detected. */
export function applyOverride(map: ColumnMap, override: Readonly<Record<string, string>> | undefined, colOffset: number): ColumnMap {
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
