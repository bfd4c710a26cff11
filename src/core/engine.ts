// The whole pipeline in one call: read every sheet → classify → suggest → consolidate →
// tally. Adapters call runEngine, then buildLayouts / toReport, and render the result.

import { t } from "./messages";
import { inferDirection, latestActual, referenceFor } from "./classify";
import { buildAllLayouts } from "./layout";
import { SheetLayout } from "./layout-types";
import { headerKey } from "./normalize";
import { readPackageChanges } from "./packages";
import { CYCLE_SHEET_NAMES } from "./revised-layout";
import { findHeader, gradeTokensOf, readSheet, scaleParams } from "./read";
import { foldBlocks } from "./read-block";
import { DEFAULT_SCALE, detectScale, GradeScale, isJudged, labelInScale, meaningOf, sameScale, withMarks } from "./scale";
import { DEFAULT_SETTINGS, ENGLISH_SHEET_NAMES, SETTINGS_SHEET_NAME, Settings, SheetNames } from "./settings";
import { formatPercent, gradeName, suggest } from "./suggest";
import { completion, completionBySource, tallyGrades, tallyRevisions } from "./tally";
import { Diagnostic, EngineResult, Indicator, Lang, PackageChange, ReviewedIndicator, SheetInput, SheetReading } from "./types";
import { must } from "./errors";

export interface EngineOptions {
  readonly settings: Settings;
  readonly lang: Lang;
  /** Column mapping overrides chosen by the user, per "file|sheet": field → column letter. */
  readonly columnOverrides?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const sheetNameList = (names: SheetNames): string[] => Object.values(names as unknown as Record<string, string>);

/** Sheets this tool writes (or its settings sheet) are never read as input. */
export function isOutputSheetName(name: string, settings: Settings): boolean {
  const base = name.replace(/\s*\(\d+\)$/, "");
  const names = new Set<string>([
    ...sheetNameList(settings.sheetNames),
    ...sheetNameList(DEFAULT_SETTINGS.sheetNames),
    ...sheetNameList(ENGLISH_SHEET_NAMES),
    SETTINGS_SHEET_NAME,
    CYCLE_SHEET_NAMES.ja.revised,
    CYCLE_SHEET_NAMES.ja.instructions,
    CYCLE_SHEET_NAMES.en.revised,
    CYCLE_SHEET_NAMES.en.instructions,
  ]);
  return names.has(base);
}

/** The revised list and the instructions carry indicator tables of our own: skipped without a word. */
function isCycleSheetName(name: string): boolean {
  return Object.values(CYCLE_SHEET_NAMES).some((n) => n.revised === name || n.instructions === name);
}

export function runEngine(sheets: readonly SheetInput[], options: EngineOptions): EngineResult {
  const { settings, lang } = options;
  const readings: SheetReading[] = [];
  const packageChanges: PackageChange[] = [];
  const diagnostics: Diagnostic[] = [];
  const inputs: SheetInput[] = [];
  for (const sheet of sheets) {
    if (isOutputSheetName(sheet.sheet, settings)) {
      // A sheet named like an output sheet is never read; if it holds an evaluation table, say so.
      if (findHeader(sheet.rows) && !isCycleSheetName(sheet.sheet))
        diagnostics.push({
          file: sheet.file,
          sheet: sheet.sheet,
          cell: "",
          severity: "warning",
          code: "sheet.outputName",
          message: t(lang, "sheet.outputName", { sheet: sheet.sheet }),
        });
      continue;
    }
    inputs.push(sheet);
  }
  const overrideOf = (sheet: SheetInput): Readonly<Record<string, string>> | undefined => options.columnOverrides?.[`${sheet.file}|${sheet.sheet}`];
  // Each layout family is read as one row per indicator (a block per indicator is folded first).
  const folds = inputs.map((sheet) => foldBlocks(sheet, settings.evaluationYear));
  const tables = inputs.map((sheet, i) => folds[i]?.input ?? sheet);
  const chosen = chooseScale(tables, settings, lang, overrideOf, diagnostics);
  for (let i = 0; i < inputs.length; i++) {
    const sheet = inputs[i];
    const read = readSheet(tables[i], settings, lang, overrideOf(sheet), chosen);
    const reading = folds[i]?.fix(read) ?? read;
    readings.push(reading);
    if (reading.isEvaluationSheet) for (const d of reading.diagnostics) diagnostics.push(d);
    else {
      const changes = readPackageChanges(sheet);
      if (changes) packageChanges.push(...changes);
    }
  }
  const used = new Set<string>();
  for (const r of readings) for (const ind of r.indicators) if (ind.grade !== undefined) used.add(ind.grade);
  const scale = withMarks(chosen, used);

  let maxYear: number | undefined;
  for (const r of readings)
    for (const ind of r.indicators) for (const a of ind.actuals) if (a.year > 0 && (maxYear === undefined || a.year > maxYear)) maxYear = a.year;
  const evaluationYear = settings.evaluationYear ?? maxYear;

  // Each sheet's readings carry the reviewed indicators, so the raw ones are not kept twice.
  const reviewedSheets = readings.map((r) =>
    r.indicators.length === 0 ? r : { ...r, indicators: r.indicators.map((ind) => review(ind, settings, lang, evaluationYear, diagnostics, scale)) },
  );
  const reviewed: ReviewedIndicator[] = [];
  for (const r of reviewedSheets) for (const ind of r.indicators) reviewed.push(ind as ReviewedIndicator);
  const kept = consolidate(reviewed, reviewedSheets, settings, lang, diagnostics);

  return {
    fiscalYear: evaluationYear,
    packageChanges,
    sheets: reviewedSheets,
    indicators: kept,
    tally: tallyGrades(kept, scale),
    scale,
    revisions: tallyRevisions(kept, scale),
    completion: completion(kept, diagnostics, lang === "ja" ? "（担当課未記入）" : "(no department)"),
    completionBySource: completionBySource(kept, diagnostics),
    diagnostics,
  };
}

/**
 * The scale of a consolidation: the settings', else the family that accepts most of the grades
 * found on every sheet. A sheet whose grades fit another scale better is reported.
 */
function chooseScale(
  inputs: readonly SheetInput[],
  settings: Settings,
  lang: Lang,
  overrideOf: (s: SheetInput) => Readonly<Record<string, string>> | undefined,
  diagnostics: Diagnostic[],
): GradeScale {
  if (settings.scale) return settings.scale;
  const bySheet = inputs.map((s) => ({ sheet: s, tokens: gradeTokensOf(s, overrideOf(s), settings.columns) })).filter((x) => x.tokens.length > 0);
  const chosen = detectScale(bySheet.flatMap((x) => x.tokens)) ?? DEFAULT_SCALE;
  const first = bySheet.find((x) => x.tokens.every((tk) => labelInScale(chosen, tk) !== undefined));
  for (const { sheet, tokens } of bySheet) {
    const own = detectScale(tokens);
    if (!own || sameScale(own, chosen) || tokens.every((tk) => labelInScale(chosen, tk) !== undefined)) continue;
    const other = first ?? bySheet[0];
    diagnostics.push({
      file: sheet.file,
      sheet: sheet.sheet,
      cell: "",
      severity: "warning",
      code: "scale.mixed",
      message: t(lang, "scale.mixed", {
        scale: scaleParams(own, lang).scale,
        other: `${other.sheet.file} / ${other.sheet.sheet}`,
        otherScale: scaleParams(chosen, lang).scale,
        chosen: scaleParams(chosen, lang).scale,
      }),
    });
  }
  return chosen;
}

function review(
  ind: Indicator,
  settings: Settings,
  lang: Lang,
  evaluationYear: number | undefined,
  diagnostics: Diagnostic[],
  scale: GradeScale = DEFAULT_SCALE,
): ReviewedIndicator {
  const { progress, referenceGrade } = referenceFor(ind, settings, scale, evaluationYear);
  if (ind.grade && referenceGrade && ind.grade !== referenceGrade && isJudged(scale, ind.grade)) {
    diagnostics.push({
      file: ind.source.file,
      sheet: ind.source.sheet,
      cell: ind.cells.grade ?? "",
      severity: "warning",
      code: "grade.mismatch",
      message: t(lang, "grade.mismatch", { grade: ind.grade, reference: referenceGrade, progress: formatPercent(progress) }),
    });
  }
  if (ind.grade !== undefined && meaningOf(scale, ind.grade) === "notStarted" && !ind.decided?.newName) {
    diagnostics.push({
      file: ind.source.file,
      sheet: ind.source.sheet,
      cell: ind.cells.newName ?? ind.cells.name ?? "",
      severity: "warning",
      code: "revision.substitute.missing",
      message: t(lang, "revision.substitute.missing", { grade: gradeName(lang, ind.grade) }),
    });
  }
  // Every field listed once, in one shape: spreads with optional parts make slow objects.
  return {
    source: ind.source,
    goal: ind.goal,
    goalName: ind.goalName,
    package: ind.package,
    category: ind.category,
    name: ind.name,
    unit: ind.unit,
    baseline: ind.baseline,
    baselineYear: ind.baselineYear,
    target: ind.target,
    targetYear: ind.targetYear,
    targetKind: ind.targetKind,
    direction: ind.direction,
    actuals: ind.actuals,
    grade: ind.grade,
    reason: ind.reason,
    department: ind.department,
    premiseChanged: ind.premiseChanged,
    decided: ind.decided,
    cells: ind.cells,
    referenceGrade,
    progress,
    evaluationYear,
    effectiveDirection: inferDirection(ind),
    yearTargets: ind.yearTargets,
    suggestion: suggest(ind, settings, lang, evaluationYear, progress, scale),
  };
}

const where = (ind: Indicator): string => `${ind.source.file} / ${ind.source.sheet} ${ind.source.row}行`;

/**
 * One tally from many sources: the same indicator (goal, category, normalized name) twice is
 * reported once per pair and counted once; differing goal names and column sets are warned.
 */
function consolidate(
  indicators: readonly ReviewedIndicator[],
  readings: readonly SheetReading[],
  settings: Settings,
  lang: Lang,
  diagnostics: Diagnostic[],
): ReviewedIndicator[] {
  const kept = new Map<string, ReviewedIndicator>();
  const order: string[] = [];
  const goalNames = new Map<number, ReviewedIndicator>();
  for (const ind of indicators) {
    if (ind.goalName) {
      const first = goalNames.get(ind.goal);
      if (!first) goalNames.set(ind.goal, ind);
      else if (
        first.goalName &&
        first.goalName !== ind.goalName &&
        headerKey(first.goalName) !== headerKey(ind.goalName) &&
        first.source.file + first.source.sheet !== ind.source.file + ind.source.sheet
      ) {
        diagnostics.push({
          file: ind.source.file,
          sheet: ind.source.sheet,
          cell: ind.cells.goal ?? "",
          severity: "warning",
          code: "goal.nameConflict",
          message: t(lang, "goal.nameConflict", { goal: ind.goal, other: where(first), name: ind.goalName, otherName: first.goalName }),
        });
        goalNames.set(ind.goal, { ...first, goalName: ind.goalName, source: ind.source }); // report each new variant once
      }
    }
    const key = `${ind.goal}|${ind.category}|${headerKey(ind.name)}`;
    const prev = kept.get(key);
    if (!prev) {
      kept.set(key, ind);
      order.push(key);
      continue;
    }
    const newer = (latestActual(ind.actuals, undefined)?.year ?? 0) > (latestActual(prev.actuals, undefined)?.year ?? 0);
    const takeNew = settings.duplicatePolicy === "newest" && newer;
    diagnostics.push({
      file: ind.source.file,
      sheet: ind.source.sheet,
      cell: ind.cells.name ?? "",
      severity: "warning",
      code: "indicator.duplicate",
      message: t(lang, "indicator.duplicate", {
        goal: ind.goal,
        category: t(lang, `category.${ind.category}`),
        name: ind.name.slice(0, 80),
        other: where(prev),
        kept: takeNew ? where(ind) : where(prev),
      }),
    });
    if (takeNew) kept.set(key, ind);
  }

  // Sources whose columns differ from the first evaluation sheet's.
  const evalSheets = readings.filter((r) => r.isEvaluationSheet && r.indicators.length > 0);
  const first = evalSheets[0];
  if (first) {
    const fields = (r: SheetReading): Set<string> => new Set(Object.keys(r.columns).filter((k) => !k.startsWith("actual:")));
    const base = fields(first);
    for (const r of evalSheets.slice(1)) {
      const mine = fields(r);
      const diff = [...base].filter((k) => !mine.has(k)).concat([...mine].filter((k) => !base.has(k)));
      if (diff.length > 0)
        diagnostics.push({
          file: r.file,
          sheet: r.sheet,
          cell: "",
          severity: "info",
          code: "columns.differ",
          message: t(lang, "columns.differ", { other: `${first.file} / ${first.sheet}`, fields: diff.join(", ") }),
        });
    }
  }
  return order.map((k) => must(kept.get(k), "kept indicator of each key in order"));
}

export function buildLayouts(result: EngineResult, options: EngineOptions): SheetLayout[] {
  return buildAllLayouts(result, options.settings, options.lang);
}
