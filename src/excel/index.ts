// The Office.js adapter: the only code that knows Excel.
export { readSheets } from "./read";
export type { ReadOptions, ReadResult, SheetInfo } from "./read";
export { writeLayouts } from "./write";
export type { WriteOptions, WriteResult, WrittenSheet } from "./write";
export { detectCapabilities, officeCapabilities, missingFeatures } from "./requirements";
export type { Capabilities, Feature } from "./requirements";
export { classifyOfficeError, AdapterError } from "./errors";
export type { FailureKind } from "./errors";
export { createSettingsSheet, settingsFromInputs } from "./settings-sheet";
export { saveSetting, documentSettings } from "./ownership";

/** Select a cell in Excel (a diagnostic's cell): one sync. */
export async function selectCell(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(cell).select();
  await context.sync();
}
