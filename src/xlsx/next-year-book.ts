// ExcelJS adapter for next year's workbooks: renders the plan's layouts, then adds what a
// layout does not carry — shaded unlocked input cells, our formulas, drop-down lists and
// sheet protection (no password unless one is given). No Node modules: the task pane's
// lazily loaded next-year chunk (src/taskpane/next-year-books.ts) uses it with ExcelJS's
// browser build, the CLI through src/xlsx/next-year.ts.

import ExcelJS from "exceljs";
import { columnLetter } from "../core/address";
import { NextYearBook } from "../core/cycle";
import { NextYearSheet } from "../core/next-year";
import { renderLayout } from "./write";

export interface NextYearWriteOptions {
  /** Password for the sheet protection; none by default (anyone can unprotect, nobody breaks it by accident). */
  readonly password?: string | undefined;
}

/** The fill of the cells to fill in (a pale yellow, as forms use). */
export const INPUT_FILL = "FFF2CC";

const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
};

export async function nextYearWorkbook(book: NextYearBook, options: NextYearWriteOptions = {}): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "KPI見直しアシスタント";
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const ws = renderLayout(wb, book.sheet.layout);
  addInputHelp(ws, book.sheet);
  const guide = renderLayout(wb, book.instructions.layout);
  if (book.revised) renderLayout(wb, book.revised);
  await ws.protect(options.password ?? "", PROTECTION);
  await guide.protect(options.password ?? "", PROTECTION);
  return wb;
}

/** The workbook as .xlsx bytes (in Node a Buffer, in the browser build a Uint8Array-like buffer). */
export async function nextYearBytes(book: NextYearBook, options: NextYearWriteOptions = {}): Promise<Uint8Array> {
  const wb = await nextYearWorkbook(book, options);
  const data = (await wb.xlsx.writeBuffer()) as ArrayBuffer | Uint8Array;
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

/** ExcelJS has worksheet.dataValidations (a range → rule map) but its typings omit it. */
type WithValidations = { readonly dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } };

function addInputHelp(ws: ExcelJS.Worksheet, sheet: NextYearSheet): void {
  const { firstDataRow: first, lastDataRow: last } = sheet;
  if (last < first) return;
  sheet.columns.forEach((column, col) => {
    if (!column.input) return;
    // Text typed into a text column stays text ("@"), even when it begins with "=".
    const text = !sheet.numberColumns.includes(col);
    for (let r = first; r <= last; r++) {
      const cell = ws.getCell(r + 1, col + 1);
      cell.style = {
        ...cell.style,
        ...(text ? { numFmt: "@" } : {}),
        fill: { type: "pattern", pattern: "solid", fgColor: { argb: `FF${INPUT_FILL}` } },
        protection: { locked: false },
      };
    }
  });
  for (const f of sheet.formulas) ws.getCell(f.row + 1, f.col + 1).value = { formula: f.formula } as ExcelJS.CellFormulaValue;
  const range = (col: number): string => `${columnLetter(col)}${first + 1}:${columnLetter(col)}${last + 1}`;
  for (const list of sheet.lists) {
    (ws as unknown as WithValidations).dataValidations.add(range(list.col), {
      type: "list",
      allowBlank: true,
      formulae: [list.source],
      showErrorMessage: true,
      errorStyle: "stop",
      error: list.error,
    });
  }
  for (const col of sheet.numberColumns) {
    (ws as unknown as WithValidations).dataValidations.add(range(col), {
      type: "decimal",
      operator: "between",
      allowBlank: true,
      formulae: [-1e15, 1e15],
      showErrorMessage: true,
      errorStyle: "stop",
      error: sheet.numberError,
    });
  }
}
