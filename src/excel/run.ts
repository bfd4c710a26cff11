// The one way the add-in talks to Excel: Excel.run with delayForCellEdit (a batch sent
// while the user is typing in a cell waits until they press Enter instead of failing with
// InvalidOperationInCellEditMode — RunOptions.delayForCellEdit, ExcelApi 1.11), and every
// failure turned into an AdapterError whose kind says in words what to do (errors.ts).

import { AdapterError, classifyOfficeError, isAdapterError } from "./errors";

export async function runExcel<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  try {
    return await Excel.run({ delayForCellEdit: true }, batch);
  } catch (e) {
    // Failures inside the adapter are AdapterErrors already (with their rollback state);
    // anything else failed before it changed the workbook.
    throw isAdapterError(e) ? e : new AdapterError(classifyOfficeError(e), e, true);
  }
}
