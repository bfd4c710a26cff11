// One reader per field: each takes the row's cell, returns the value, and reports what it
// cannot use to the row context's diagnostics (by cell). No reader throws.

import { t } from "./messages";
import {
  cellText,
  isErrorValue,
  isNoValue,
  parseCategory,
  parseEraYear,
  parseGradeIn,
  parseNumber,
  parseRevisionType,
  parseTargetKind,
  targetKindFromName,
} from "./normalize";
import { Category, DecidedRevision, FieldKey, Grade, RevisionType, TargetKind, YearValue } from "./types";
import { cellOf, diag, fieldText, RowContext } from "./read-context";
import { INVISIBLE_ONLY, MAX_TEXT } from "./read-grid";

/** The indicator's name: "" when blank, an error value or only invisible characters. */
export function readName(ctx: RowContext, row: readonly unknown[]): string {
  const v = cellOf(ctx, row, "name");
  const name = isErrorValue(v) ? "" : cellText(v);
  return name !== "" && INVISIBLE_ONLY.test(name) ? "" : name;
}

/** Text of a free-text field (reason, department, unit), cut to a length; undefined when blank. */
export function readText(ctx: RowContext, row: readonly unknown[], field: FieldKey, max: number): string | undefined {
  const v = cellOf(ctx, row, field);
  return isNoValue(v) || isErrorValue(v) ? undefined : cellText(v).slice(0, max);
}

/** A number field: blank and dashes are no value; anything else unreadable is reported. */
export function readNumber(ctx: RowContext, r: number, row: readonly unknown[], field: FieldKey): number | undefined {
  const v = cellOf(ctx, row, field);
  if (v === undefined) return undefined;
  const p = parseNumber(v);
  if (p.ok) return p.value;
  if (!p.empty)
    diag(ctx, r, ctx.map.fields[field], "warning", isErrorValue(v) ? "value.error" : "value.invalid", {
      text: cellText(v).slice(0, 60),
      field: fieldText(ctx, field),
    });
  return undefined;
}

/** A fiscal-year field (令和6年度, R6, 2024). */
export function readYear(ctx: RowContext, r: number, row: readonly unknown[], field: FieldKey): number | undefined {
  const v = cellOf(ctx, row, field);
  if (v === undefined || isNoValue(v)) return undefined;
  const y = parseEraYear(v);
  if (y === undefined) diag(ctx, r, ctx.map.fields[field], "warning", "year.invalid", { text: cellText(v).slice(0, 60), field: fieldText(ctx, field) });
  return y;
}

/** Values of year columns (actuals, or each year's target), in the columns' order. */
function readYearValues(
  ctx: RowContext,
  r: number,
  row: readonly unknown[],
  columns: readonly { readonly col: number; readonly year: number | undefined }[],
  label: string,
): YearValue[] {
  const out: YearValue[] = [];
  for (const a of columns) {
    const v = row[a.col];
    const p = parseNumber(v);
    if (p.ok) out.push({ year: a.year ?? ctx.settings.evaluationYear ?? 0, value: p.value });
    else if (!p.empty)
      diag(ctx, r, a.col, "warning", isErrorValue(v) ? "value.error" : "value.invalid", { text: cellText(v).slice(0, 60), field: `${label}${a.year ?? ""}` });
  }
  return out;
}

/** Actuals by fiscal year; the columns come sorted by year, so the actuals do too. */
export function readActuals(ctx: RowContext, r: number, row: readonly unknown[], sorted: readonly { col: number; year: number | undefined }[]): YearValue[] {
  return readYearValues(ctx, r, row, sorted, t(ctx.lang, "col.actual"));
}

/** Each year's own target (目標 under each fiscal year), when the sheet has such columns. */
export function readYearTargets(ctx: RowContext, r: number, row: readonly unknown[]): YearValue[] {
  const columns = ctx.map.yearTargets;
  return columns && columns.length > 0 ? readYearValues(ctx, r, row, columns, t(ctx.lang, "col.target")) : [];
}

/** The grade in the sheet's scale; blank is 未評価 (warned), a label outside the scale an error. */
export function readGrade(ctx: RowContext, r: number, row: readonly unknown[]): Grade | undefined {
  const col = ctx.map.fields.grade;
  if (col === undefined) return undefined;
  const g = parseGradeIn(row[col], ctx.scale);
  if (g.kind === "grade") return g.grade;
  if (g.kind === "invalid") diag(ctx, r, col, "error", "grade.invalid", { text: g.text.slice(0, 60), ...ctx.gradeParams });
  else diag(ctx, r, col, "warning", "grade.missing");
  return undefined;
}

/** 累計/単年度 from its column, else from the name (（累計）), else single-year. */
export function readTargetKind(ctx: RowContext, row: readonly unknown[], name: string): TargetKind {
  return parseTargetKind(cellOf(ctx, row, "cumulative")) ?? targetKindFromName(name) ?? "single";
}

const PREFIX = /^[［[【〔(（<＜]\s*(KPI|ＫＰＩ|数値目標|重要業績評価指標|目標指標|成果指標)\s*[］\]】〕)）>＞]\s*/i;

/** ［KPI］移住者数 → KPI and 移住者数; undefined when the name has no category prefix. */
export function categoryPrefix(name: string): { category: Category; name: string } | undefined {
  const m = PREFIX.exec(name);
  const category = m ? parseCategory(m[1]) : undefined;
  const rest = m ? name.slice(m[0].length).trim() : "";
  return category && rest !== "" ? { category, name: rest } : undefined;
}

/** The revision decided by the department (見直し区分, 見直し後の目標値/指標名/目標年度). */
export function readDecided(ctx: RowContext, r: number, row: readonly unknown[], grade: Grade | undefined): DecidedRevision | undefined {
  const f = ctx.map.fields;
  const newTargetYear = readYear(ctx, r, row, "newTargetYear");
  let newTarget: number | undefined;
  const nt = cellOf(ctx, row, "newTarget");
  if (nt !== undefined && !isNoValue(nt)) {
    const p = parseNumber(nt);
    if (p.ok) newTarget = p.value;
    else diag(ctx, r, f.newTarget, "error", "revision.newTarget.invalid", { text: cellText(nt).slice(0, 60) });
  }
  const newName = readText(ctx, row, "newName", MAX_TEXT);
  const rt = parseRevisionType(cellOf(ctx, row, "revisionType"));
  const allowed = ctx.settings.revisionTypes;
  if (rt.kind === "invalid" || (rt.kind === "type" && !allowed.includes(rt.type))) {
    diag(ctx, r, f.revisionType, "error", "revision.invalid", { text: rt.kind === "invalid" ? rt.text.slice(0, 60) : rt.type, allowed: allowed.join("、") });
    return undefined;
  }
  let type: RevisionType | undefined;
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
