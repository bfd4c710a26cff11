// The yearly cycle as one plan: the revised indicator list, then next year's workbooks —
// the master with every indicator and, on request, one per department (担当課) — each
// with its instructions sheet. Adapters only render the plan.

import { instructionsLayout } from "./instructions";
import { SheetLayout } from "./layout-types";
import { Instructions, nextYearSheet, NextYearSheet } from "./next-year";
import { buildRevisedList, RevisedIndicator, RevisedList } from "./revised";
import { CYCLE_SHEET_NAMES, fiscalYearLabel, revisedListLayout } from "./revised-layout";
import { cleanDepartmentName, distinctNames } from "./names";
import { Settings } from "./settings";
import { EngineResult, Lang } from "./types";
import { t } from "./messages";

export interface NextYearBook {
  /** File name without extension: 令和5年度_評価シート_農業振興課. */
  readonly fileName: string;
  /** The department as written in the sheets; undefined for the master. */
  readonly department?: string;
  readonly sheet: NextYearSheet;
  readonly instructions: Instructions;
  /** The revised indicator list, in the master only. */
  readonly revised?: SheetLayout;
}

export interface NextYearPlan {
  readonly revised: RevisedList;
  readonly nextYear: number;
  /** The master first, then one per department when asked. */
  readonly books: readonly NextYearBook[];
}

export function planNextYear(result: EngineResult, settings: Settings, lang: Lang, byDepartment: boolean): NextYearPlan {
  const revised = buildRevisedList(result, settings, lang);
  const nextYear = revised.evaluatedYear + 1;
  const groups = byDepartment ? departmentGroups(revised.indicators, t(lang, "next.noDepartment")) : [];
  const labels = distinctNames([
    cleanDepartmentName(t(lang, "next.all"), "all"),
    ...groups.map((g) => cleanDepartmentName(g.department, t(lang, "next.noDepartment"))),
  ]);
  const prefix = `${fiscalYearLabel(nextYear, lang)}_${lang === "ja" ? "評価シート" : "evaluation"}_`;
  const book = (label: string, indicators: readonly RevisedIndicator[], department?: string): NextYearBook => {
    const instructions = instructionsLayout(nextYear, t(lang, "next.col.actual", { year: fiscalYearLabel(nextYear, lang) }), settings, result.scale, lang);
    const sheet = nextYearSheet(revised, indicators, settings, lang, { department, sheetName: label, instructions, scale: result.scale });
    return { fileName: prefix + label, ...(department !== undefined ? { department } : {}), sheet, instructions };
  };
  const master = { ...book(labels[0], revised.indicators), revised: revisedListLayout(revised, lang) };
  return { revised, nextYear, books: [master, ...groups.map((g, i) => book(labels[i + 1], g.indicators, g.department))] };
}

/** Indicators by department, in the order departments first appear; no department → one group. */
function departmentGroups(indicators: readonly RevisedIndicator[], none: string): { department: string; indicators: RevisedIndicator[] }[] {
  const groups = new Map<string, RevisedIndicator[]>();
  for (const ind of indicators) {
    const key = ind.department?.trim() || none;
    const list = groups.get(key);
    if (list) list.push(ind);
    else groups.set(key, [ind]);
  }
  return [...groups.entries()].map(([department, list]) => ({ department, indicators: list }));
}

export { CYCLE_SHEET_NAMES };
