// What the next-year worker (next-year-worker.ts, loaded on request) runs: the revised
// indicator list and next year's workbooks — the master and one per department — built from
// the analysis with the core's plan and the ExcelJS writer of src/xlsx (ExcelJS's browser
// build), as base64 .xlsx files for Excel.createWorkbook.
// The one file of src/taskpane allowed to import src/xlsx and exceljs (eslint.config.mjs):
// only the worker bundle imports it, so the pane's initial scripts stay within their budget
// (tests/taskpane/next-year.test.ts checks no other file of the pane imports it).

import { planNextYear } from "../core/cycle";
import { Settings } from "../core/settings";
import { EngineResult, Lang } from "../core/types";
import { nextYearBytes } from "../xlsx/next-year-book";
import { toBase64 } from "./base64";

export interface BuiltBook {
  /** File name without extension, also the workbook's title: 令和5年度_評価シート_農業振興課. */
  readonly fileName: string;
  /** undefined for the master (every indicator, with the revised list). */
  readonly department?: string;
  readonly indicators: number;
  readonly base64: string;
}

export async function buildNextYearBooks(result: EngineResult, settings: Settings, lang: Lang): Promise<BuiltBook[]> {
  const plan = planNextYear(result, settings, lang, true);
  const books: BuiltBook[] = [];
  for (const book of plan.books) {
    const bytes = await nextYearBytes(book);
    books.push({
      fileName: book.fileName,
      ...(book.department !== undefined ? { department: book.department } : {}),
      indicators: book.sheet.lastDataRow - book.sheet.firstDataRow + 1,
      base64: toBase64(bytes),
    });
  }
  return books;
}
