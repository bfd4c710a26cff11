// Read one sheet: find the evaluation table, map its columns, turn each row into an
// Indicator. Every cell that cannot be used becomes a diagnostic; nothing throws.
//
// The reader is split by what each part does (src/core/read-*.ts): read-grid.ts prepares the grid
// (merges spread), read-header.ts finds the header and maps the columns, read-fields.ts reads one
// field of a row (value + diagnostics), read-rows.ts folds the rows with what is carried down,
// read-block.ts folds a block-per-indicator layout into rows. This module puts them together.

import { columnLetter } from "./address";
import { cellText, isErrorValue, isNoValue } from "./normalize";
import { DEFAULT_SCALE, detectScale, GradeScale, gradeToken } from "./scale";
import { Settings } from "./settings";
import { Diagnostic, Lang, SheetInput, SheetReading } from "./types";
import { diag, RowContext } from "./read-context";
import { spreadMerges } from "./read-grid";
import { applyOverride, ColumnMap, ColumnNames, findHeader, HeaderFound } from "./read-header";
import { foldRows } from "./read-rows";

export { MAX_TEXT, spreadMerges } from "./read-grid";
export { findHeader } from "./read-header";
export type { ColumnMap, ColumnNames, HeaderFound } from "./read-header";

/** A sheet's grid with merges spread, its header and its column map (undefined: no evaluation table). */
interface Prepared {
  readonly rows: readonly (readonly unknown[])[];
  readonly found?: HeaderFound;
  readonly map?: ColumnMap;
}

const prepared = new WeakMap<SheetInput, { override?: Readonly<Record<string, string>> | undefined; columns?: ColumnNames | undefined; value: Prepared }>();

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

/** Field → column letter as found (actual-year columns keyed "actual:2022"), for the task pane and the report. */
function columnsFound(map: ColumnMap, colOffset: number): Record<string, string> {
  const columns: Record<string, string> = {};
  for (const [k, c] of Object.entries(map.fields)) if (c !== undefined) columns[k] = columnLetter(colOffset + c);
  for (const a of map.actuals) columns[`actual:${a.year ?? "latest"}`] = columnLetter(colOffset + a.col);
  return columns;
}

/** Read one sheet. Sheets without an evaluation table come back with isEvaluationSheet false. */
export function readSheet(input: SheetInput, settings: Settings, lang: Lang, override?: Readonly<Record<string, string>>, scaleIn?: GradeScale): SheetReading {
  const { rows, found, map } = prepare(input, override, settings.columns);
  if (!found || !map) {
    return { file: input.file, sheet: input.sheet, isEvaluationSheet: false, headerRows: [], columns: {}, uncertain: false, indicators: [], diagnostics: [] };
  }
  const scale = scaleIn ?? settings.scale ?? detectScale(gradeTokensOf(input, override, settings.columns)) ?? DEFAULT_SCALE;
  const diagnostics: Diagnostic[] = [];
  const ctx: RowContext = { input, lang, diagnostics, map, settings, scale, gradeParams: scaleParams(scale, lang) };
  const f = map.fields;
  const uncertain = f.grade === undefined || f.category === undefined || f.goal === undefined || (f.target === undefined && map.actuals.length === 0);
  const indicators = foldRows(ctx, rows, found.rows[found.rows.length - 1] + 1);
  if (indicators.length === 0) diag(ctx, found.rows[0], undefined, "warning", "sheet.noIndicators");
  // A table with indicators but no grade or no actual column is said, never left silent.
  else if (f.grade === undefined) diag(ctx, found.rows[0], undefined, "warning", "columns.noGrade");
  if (indicators.length > 0 && map.actuals.length === 0) diag(ctx, found.rows[0], undefined, "info", "columns.noActual");
  return {
    file: input.file,
    sheet: input.sheet,
    isEvaluationSheet: true,
    headerRows: found.rows.map((r) => (input.rowOffset ?? 0) + r + 1),
    columns: columnsFound(map, input.colOffset ?? 0),
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
