// 記入要領: the instructions sheet of next year's workbook — the steps, the grading criteria
// (bands and the 見直し基準 from the settings) and the revision types. Its grade and
// revision-type cells are also the sources of the evaluation sheet's drop-down lists and
// the labels its reference-grade formula returns.

import { t } from "./messages";
import { printSetup } from "./styles";
import { CellStyle, LayoutCell, Merge } from "./layout-types";
import { bandsFor } from "./classify";
import { absoluteRef, gradeLabels, Instructions, liveRule } from "./next-year";
import { GradeScale } from "./scale";
import { CYCLE_SHEET_NAMES, fiscalYearLabel } from "./revised-layout";
import { criteriaFor, Settings } from "./settings";
import { Lang } from "./types";

const WIDTHS = [18, 22, 72];

const cell = (value: string | number | null, style: CellStyle): LayoutCell => ({ value, style });
const percent = (ratio: number): string => `${Math.round(ratio * 1000) / 10}%`;

/** The progress range of each real grade (A ≥ 100%, B 80%–100% … D below 60%); "－" when the reference grade is not by progress. */
function bandTexts(scale: GradeScale, settings: Settings, lang: Lang): string[] {
  if (!liveRule(scale, settings)) return scale.grades.map(() => "－");
  const b = bandsFor(scale, settings);
  const last = scale.grades.length - 1;
  return scale.grades.map((_, i) =>
    i === 0
      ? t(lang, "guide.band.min", { min: percent(b[0]) })
      : i < last
        ? t(lang, "guide.band.range", { min: percent(b[i]), max: percent(b[i - 1]) })
        : t(lang, "guide.band.below", { max: percent(b[last - 1]) }),
  );
}

export function instructionsLayout(nextYear: number, actualHeader: string, settings: Settings, scale: GradeScale, lang: Lang): Instructions {
  const name = CYCLE_SHEET_NAMES[lang].instructions;
  const year = fiscalYearLabel(nextYear, lang);
  const rows: (LayoutCell | null)[][] = [[cell(t(lang, "guide.title", { year }), "title")], []];
  const merges: Merge[] = [];
  const heights: Record<number, number> = { 0: 24 };
  // One row per line of the text ("\n" in the catalog), merged across the sheet.
  const line = (text: string, style: CellStyle): void => {
    for (const part of text.split("\n")) {
      merges.push({ top: rows.length, left: 0, bottom: rows.length, right: WIDTHS.length - 1 });
      rows.push([cell(part, style), cell("", style), cell("", style)]);
    }
  };
  rows.push([cell(t(lang, "guide.steps"), "title")]);
  line(t(lang, "guide.step1"), "note");
  line(t(lang, "guide.step2", { year, actual: actualHeader }), "note");
  line(t(lang, "guide.step3"), "note");
  line(t(lang, "guide.step4"), "note");
  line(t(lang, "guide.step5"), "note");
  rows.push([], [cell(t(lang, "guide.grades"), "title")]);
  rows.push([cell(t(lang, "guide.col.grade"), "header"), cell(t(lang, "guide.col.band"), "header"), cell(t(lang, "guide.col.criteria"), "header")]);
  const gradeCells: string[] = [];
  // The real grades then the not-judged marks: one block of cells, the grade column's list.
  const bands = bandTexts(scale, settings, lang);
  gradeLabels(scale).forEach((label, i) => {
    gradeCells.push(absoluteRef(name, rows.length, 0));
    const criteria = criteriaFor(settings, lang, scale, label).join("\n");
    heights[rows.length] = Math.max(20, 15 * Math.ceil(criteria.length / 34) + 6);
    rows.push([cell(label, "rowHeader"), cell(bands[i] ?? "－", "text"), cell(criteria, "text")]);
  });
  if (liveRule(scale, settings)) line(t(lang, settings.progressFormula === "ratio" ? "guide.progress" : "guide.progressAchievement"), "note");
  rows.push([], [cell(t(lang, "guide.revisions"), "title")]);
  rows.push([cell(t(lang, "col.revisionType"), "header"), cell("", "header"), cell("", "header")]);
  merges.push({ top: rows.length - 1, left: 1, bottom: rows.length - 1, right: 2 });
  const revisionCells: string[] = [];
  for (const type of settings.revisionTypes) {
    revisionCells.push(absoluteRef(name, rows.length, 0));
    merges.push({ top: rows.length, left: 1, bottom: rows.length, right: 2 });
    rows.push([cell(type, "rowHeader"), cell(t(lang, `guide.revision.${type}`), "text"), cell("", "text")]);
  }
  return {
    layout: {
      role: "list",
      name,
      rows,
      merges,
      columnWidths: WIDTHS,
      rowHeights: heights,
      freezeRows: 0,
      print: printSetup("A4", "portrait"),
    },
    gradeCells,
    revisionCells,
  };
}
