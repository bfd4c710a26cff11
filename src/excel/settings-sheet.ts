// The 設定 sheet: read from the grids already loaded (no extra sync), created with the
// defaults on request — never over an existing sheet.

import { parseSettings, Settings, SettingsResult, settingsJsonFromRows, settingsToRows, SETTINGS_SHEET_NAME, DEFAULT_SETTINGS } from "../core/settings";
import { SheetInput } from "../core/types";
import { charsToPoints } from "../core/styles";

/** Settings from the 設定 sheet among the inputs, or the defaults when there is none. */
export function settingsFromInputs(inputs: readonly SheetInput[]): SettingsResult & { readonly fromSheet: boolean } {
  const sheet = inputs.find((s) => s.sheet === SETTINGS_SHEET_NAME);
  if (!sheet) return { ok: true, settings: DEFAULT_SETTINGS, fromSheet: false };
  return { ...parseSettings(settingsJsonFromRows(sheet.rows)), fromSheet: true };
}

export type CreateSettingsOutcome = "created" | "exists";

/** Two syncs: does the sheet exist; then add it with key | value rows, as text. */
export async function createSettingsSheet(context: Excel.RequestContext, settings: Settings = DEFAULT_SETTINGS): Promise<CreateSettingsOutcome> {
  const found = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET_NAME);
  found.load("name");
  await context.sync();
  if (!found.isNullObject) return "exists";
  const rows = settingsToRows(settings);
  const width = Math.max(...rows.map((r) => r.length));
  const values = rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ""));
  const formats = values.map((r) => r.map((v) => (typeof v === "string" ? "@" : "General")));
  const ws = context.workbook.worksheets.add(SETTINGS_SHEET_NAME);
  const range = ws.getRangeByIndexes(0, 0, values.length, width);
  range.numberFormat = formats;
  range.values = values;
  range.format.wrapText = true;
  range.format.verticalAlignment = "Top";
  ws.getRangeByIndexes(0, 0, 1, width).format.font.bold = true;
  ws.getRangeByIndexes(0, 0, 1, 1).format.columnWidth = charsToPoints(24);
  if (width > 1) ws.getRangeByIndexes(0, 1, 1, 1).format.columnWidth = charsToPoints(80);
  ws.activate();
  await context.sync();
  return "created";
}
