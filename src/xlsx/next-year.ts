// ExcelJS adapter for next year's workbooks, file side: the workbook itself is built in
// next-year-book.ts (no Node modules, shared with the task pane's lazy chunk).

import * as fs from "fs";
import { NextYearBook } from "../core/cycle";
import { nextYearWorkbook, NextYearWriteOptions } from "./next-year-book";

export { INPUT_FILL, nextYearBytes, nextYearWorkbook } from "./next-year-book";
export type { NextYearWriteOptions } from "./next-year-book";

/** Written beside the target, then renamed: a failed run leaves no half-written workbook. */
export async function writeNextYearBook(book: NextYearBook, filePath: string, options: NextYearWriteOptions = {}): Promise<void> {
  const wb = await nextYearWorkbook(book, options);
  const tmp = `${filePath}.${process.pid}.tmp`;
  try {
    await wb.xlsx.writeFile(tmp);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.renameSync(tmp, filePath);
}
