// What a row reader needs to know and where it reports: the sheet, the column map, the
// settings, the grade scale, and the diagnostics sink.

import { MessageKey, Params, t } from "./messages";
import { a1 } from "./address";
import { GradeScale } from "./scale";
import { Settings } from "./settings";
import { Diagnostic, FieldKey, Lang, Severity, SheetInput } from "./types";
import { ColumnMap } from "./read-header";

export interface RowContext {
  readonly input: SheetInput;
  readonly lang: Lang;
  readonly diagnostics: Diagnostic[];
  readonly map: ColumnMap;
  readonly settings: Settings;
  readonly scale: GradeScale;
  /** "A〜D" and the labels allowed, for grade.invalid. */
  readonly gradeParams: { readonly scale: string; readonly allowed: string };
}

function address(ctx: RowContext, row: number, col: number): string {
  return a1((ctx.input.rowOffset ?? 0) + row, (ctx.input.colOffset ?? 0) + col);
}

export function diag(ctx: RowContext, row: number, col: number | undefined, severity: Severity, code: MessageKey, params: Params = {}): void {
  ctx.diagnostics.push({
    file: ctx.input.file,
    sheet: ctx.input.sheet,
    cell: col === undefined ? "" : address(ctx, row, col),
    severity,
    code,
    message: t(ctx.lang, code, params),
  });
}

/** A field's column label in the user's language, for messages. */
export function fieldText(ctx: RowContext, field: FieldKey): string {
  return t(ctx.lang, `col.${fieldLabelKey(field)}` as MessageKey);
}

/** The cell of a field in a row (undefined when the sheet has no such column). */
export function cellOf(ctx: RowContext, row: readonly unknown[], field: FieldKey): unknown {
  const c = ctx.map.fields[field];
  return c === undefined ? undefined : row[c];
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
