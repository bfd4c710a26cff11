// Which sheets of an imported department workbook to keep, and what to call them: pure,
// from the engine's reading of the inserted sheets. Evaluation sheets are kept (a cover
// sheet, a settings sheet or an output sheet of this tool is not); each is named after the
// department (担当課) its indicators share, or else after the file.

import { isOutputSheetName, runEngine } from "../core/engine";
import { Settings } from "../core/settings";
import { Lang, SheetInput } from "../core/types";
import { cleanSheetName, KeptSheet } from "../excel/import";

export function fileBaseName(fileName: string): string {
  return fileName.replace(/\.xlsx$/i, "").trim() || fileName;
}

/** The one department every indicator of the sheet names, or undefined. */
export function commonDepartment(departments: readonly (string | undefined)[]): string | undefined {
  const first = departments[0]?.trim();
  if (!first) return undefined;
  return departments.every((d) => d?.trim() === first) ? first : undefined;
}

export function chooseImportedSheets(inputs: readonly SheetInput[], fileName: string, settings: Settings, lang: Lang): KeptSheet[] {
  const result = runEngine(inputs, { settings, lang });
  // A sheet named like an output sheet (評価集計.xlsx) would be skipped when read: never give one that name.
  const readable = (name: string): string => (isOutputSheetName(cleanSheetName(name), settings) ? `${name}_${lang === "ja" ? "取込" : "imported"}` : name);
  return result.sheets
    .filter((r) => r.isEvaluationSheet)
    .map((r) => ({ sheet: r.sheet, wanted: readable(commonDepartment(r.indicators.map((i) => i.department)) ?? fileBaseName(fileName)) }));
}
