// The row fold: one table row after another, carrying down what merged or blank cells
// leave implicit (the goal, the package, the category of a section row), each row either
// an indicator, a section row, a note, or a problem reported by cell.

import { columnLetter as columnLetterOf } from "./address";
import { cellText, GoalParse, isErrorValue, isNoteOrSubtotal, isNoValue, parseCategory, parseDirection, parseFlag, parseGoal } from "./normalize";
import { Category, FieldKey, Indicator } from "./types";
import { cellOf, diag, fieldText, RowContext } from "./read-context";
import { categoryPrefix, readActuals, readDecided, readGrade, readName, readNumber, readText, readTargetKind, readYear, readYearTargets } from "./read-fields";
import { MAX_TEXT, RowCells } from "./read-grid";

/** What the rows above say for the rows below. */
interface Carry {
  goal?: GoalParse;
  pkg?: string | undefined;
  category?: Category;
}

/** Every indicator of the table below the header, in row order. */
export function foldRows(ctx: RowContext, rows: readonly (readonly unknown[])[], start: number): Indicator[] {
  const f = ctx.map.fields;
  const colOffset = ctx.input.colOffset ?? 0;
  const letters: Partial<Record<FieldKey, string>> = {};
  for (const [k, c] of Object.entries(f)) if (c !== undefined) letters[k as FieldKey] = columnLetterOf(colOffset + c);
  // Actual columns in year order once, so that each row's actuals come out sorted.
  const year0 = ctx.settings.evaluationYear ?? 0;
  const actualColumns = [...ctx.map.actuals].sort((x, y) => (x.year ?? year0) - (y.year ?? year0));
  const carry: Carry = {};
  const indicators: Indicator[] = [];
  for (let r = start; r < rows.length; r++) {
    const ind = readRow(ctx, r, rows[r] ?? [], carry, letters, actualColumns);
    if (ind) indicators.push(ind);
  }
  return indicators;
}

/** The first non-empty cell's text ("" for a blank row). */
function firstTextOf(row: readonly unknown[]): string {
  for (let i = 0; i < row.length; i++) {
    if (row[i] === null || row[i] === undefined || row[i] === "") continue;
    const text = cellText(row[i]);
    if (text !== "") return text; // an object with no text ({}) is skipped like a blank
  }
  return "";
}

/** Goal and package: merged or left blank below their first row → carried down. False: the goal cell is unreadable. */
function carryGoalAndPackage(ctx: RowContext, r: number, row: readonly unknown[], carry: Carry, name: string): boolean {
  const goalCell = cellOf(ctx, row, "goal");
  if (!isNoValue(goalCell)) {
    const g = parseGoal(goalCell);
    if (g && g.goal !== carry.goal?.goal) carry.pkg = undefined; // a new goal starts without a package
    if (g) carry.goal = g.name && g.name.length > 200 ? { goal: g.goal, name: g.name.slice(0, 200) } : g;
    else if (name !== "") {
      diag(ctx, r, ctx.map.fields.goal, "error", "goal.invalid", { text: cellText(goalCell).slice(0, 60) });
      return false;
    }
  }
  const pkgCell = cellOf(ctx, row, "package");
  if (!isNoValue(pkgCell) && !isErrorValue(pkgCell)) carry.pkg = cellText(pkgCell).slice(0, MAX_TEXT);
  else if (cellText(pkgCell) !== "") carry.pkg = undefined; // an explicit "－": no package here
  return true;
}

/** A row without a name: a section row (基本目標1 …, 【KPI】) sets context; one with data is reported. */
function sectionRow(ctx: RowContext, r: number, row: readonly unknown[], carry: Carry, firstText: string, cat: Category | undefined): void {
  const sectionCategory = cat ?? parseCategory(firstText);
  if (sectionCategory) carry.category = sectionCategory;
  const g = parseGoal(firstText);
  if (g && ctx.map.fields.goal === undefined) carry.goal = g;
  const filled = (field: FieldKey): boolean => ctx.map.fields[field] !== undefined && !isNoValue(cellOf(ctx, row, field));
  const hasData =
    filled("grade") ||
    filled("target") ||
    filled("baseline") ||
    filled("revisionType") ||
    filled("newTarget") ||
    ctx.map.actuals.some((a) => !isNoValue(row[a.col]));
  if (hasData) diag(ctx, r, ctx.map.fields.name, "error", "name.missing");
}

/** The row's category (its cell, a ［KPI］ prefix of the name, or the one carried down) and its name; undefined: reported. */
function rowCategory(ctx: RowContext, r: number, row: readonly unknown[], carry: Carry, name: string): { category: Category; name: string } | undefined {
  const catCell = cellOf(ctx, row, "category");
  const cat = parseCategory(catCell);
  const prefixed = isNoValue(catCell) ? categoryPrefix(name) : undefined;
  const shown = prefixed ? prefixed.name : name;
  if (cat) carry.category = cat;
  else if (prefixed) carry.category = prefixed.category;
  else if (!isNoValue(catCell)) {
    diag(ctx, r, ctx.map.fields.category, "error", "category.invalid", { text: cellText(catCell).slice(0, 60) });
    return undefined;
  } else if (ctx.map.fields.category !== undefined && carry.category === undefined) {
    diag(ctx, r, ctx.map.fields.category, "error", "category.missing");
    return undefined;
  }
  return { category: cat ?? prefixed?.category ?? carry.category ?? (/数値目標/.test(shown) ? "numerical" : "kpi"), name: shown };
}

/** One row: an indicator, or undefined (blank, note, section row, or a problem reported). */
function readRow(
  ctx: RowContext,
  r: number,
  row: readonly unknown[],
  carry: Carry,
  letters: Partial<Record<FieldKey, string>>,
  actualColumns: readonly { col: number; year: number | undefined }[],
): Indicator | undefined {
  const firstText = firstTextOf(row);
  if (firstText === "" || isNoteOrSubtotal(firstText)) return undefined; // blank separator, ※ notes, 小計, 合計
  const f = ctx.map.fields;
  let name = readName(ctx, row);
  if (!carryGoalAndPackage(ctx, r, row, carry, name)) return undefined;
  if (name === "") {
    const nameRaw = cellOf(ctx, row, "name");
    if (isErrorValue(nameRaw)) diag(ctx, r, f.name, "error", "value.error", { text: cellText(nameRaw), field: fieldText(ctx, "name") });
    else sectionRow(ctx, r, row, carry, firstText, parseCategory(cellOf(ctx, row, "category")));
    return undefined;
  }
  // 小計 or ※ in the name column under a filled-down goal: not an indicator, unless graded.
  if (isNoteOrSubtotal(name) && isNoValue(cellOf(ctx, row, "grade")) && isNoValue(cellOf(ctx, row, "revisionType"))) return undefined;
  if (name.length > MAX_TEXT) {
    diag(ctx, r, f.name, "info", "cell.tooLong", { max: MAX_TEXT });
    name = name.slice(0, MAX_TEXT);
  }
  const goal = carry.goal;
  if (!goal) {
    diag(ctx, r, f.goal ?? f.name, "error", "goal.missing");
    return undefined;
  }
  const named = rowCategory(ctx, r, row, carry, name);
  return named ? indicatorOf(ctx, r, row, carry, goal, named, letters, actualColumns) : undefined;
}

/** The indicator of a row whose goal, category and name are known; every field read in a fixed order. */
function indicatorOf(
  ctx: RowContext,
  r: number,
  row: readonly unknown[],
  carry: Carry,
  goal: GoalParse,
  named: { category: Category; name: string },
  letters: Partial<Record<FieldKey, string>>,
  actualColumns: readonly { col: number; year: number | undefined }[],
): Indicator {
  const { input, map } = ctx;
  const yearTargets = readYearTargets(ctx, r, row);
  const actuals = readActuals(ctx, r, row, actualColumns);
  const grade = readGrade(ctx, r, row);
  const decided = readDecided(ctx, r, row, grade);
  const sheetRow = (input.rowOffset ?? 0) + r + 1;
  const target = readNumber(ctx, r, row, "target");
  return {
    source: { file: input.file, sheet: input.sheet, row: sheetRow },
    goal: goal.goal,
    goalName: goal.name,
    package: carry.pkg,
    category: named.category,
    name: named.name,
    unit: readText(ctx, row, "unit", 40),
    baseline: readNumber(ctx, r, row, "baseline"),
    baselineYear: readYear(ctx, r, row, "baselineYear"),
    target,
    targetYear: readYear(ctx, r, row, "targetYear") ?? map.targetHeaderYear,
    targetKind: readTargetKind(ctx, row, named.name),
    direction: parseDirection(cellOf(ctx, row, "direction")),
    actuals,
    yearTargets: yearTargets.length > 0 ? yearTargets : undefined,
    grade,
    reason: readText(ctx, row, "reason", MAX_TEXT),
    department: readText(ctx, row, "department", 200),
    premiseChanged: map.fields.premise === undefined ? undefined : parseFlag(cellOf(ctx, row, "premise")),
    decided,
    cells: new RowCells(letters, sheetRow) as unknown as Indicator["cells"],
  };
}
