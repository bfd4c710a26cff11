// Copying a department's workbook into the open one (ExcelApi 1.13), in a constant number
// of syncs per file whatever its size:
//   1     the sheet list before (what a rollback restores);
//   2     every sheet of the file inserted at the end (their ids come back);
//   3–5   the inserted sheets read like any others (readSheets);
//   6     one batch: the sheets the caller does not keep deleted, the kept ones renamed
//         (through temporary names, so kept sheets may trade names) to the names asked for.
// Which sheets to keep and what to call them is the caller's decision (the core's), made
// on the values read. Any failure: every sheet the file added is deleted (very hidden ones
// made hidden first, as Excel requires), so the sheet list is as before. Excel on the web
// refuses files with charts, PivotTables, comments or slicers (UnsupportedFeature): the
// pane then shows the manual steps. The kept sheets are ordinary user sheets: nothing
// marks them as ours.

import { cleanSheetName, MAX_SHEET_NAME, takeFreeName } from "../core/names";
import { SheetInput } from "../core/types";
import { AdapterError, classifyOfficeError } from "./errors";
import { readSheets } from "./read";
import { ALL_CAPABILITIES, Capabilities } from "./requirements";

export { cleanSheetName, MAX_SHEET_NAME };

export interface KeptSheet {
  /** The sheet's name as inserted. */
  readonly sheet: string;
  /** The name it should get (cleaned and made free by importWorkbook). */
  readonly wanted: string;
}

export interface ImportOptions {
  readonly capabilities?: Capabilities;
  /** Shown as the `file` of the inserted sheets' inputs. */
  readonly fileName: string;
  /** Which inserted sheets to keep and their wanted names; the others are deleted. */
  readonly choose: (inputs: readonly SheetInput[]) => readonly KeptSheet[];
}

export interface ImportedSheet {
  /** The sheet's name in the file (as inserted). */
  readonly from: string;
  readonly name: string;
  readonly wanted: string;
}

export interface ImportResult {
  readonly kept: readonly ImportedSheet[];
  /** Inserted sheets deleted again (a cover sheet, a list of changes…). */
  readonly dropped: readonly string[];
}

export async function importWorkbook(context: Excel.RequestContext, base64: string, options: ImportOptions): Promise<ImportResult> {
  const caps = options.capabilities ?? ALL_CAPABILITIES;
  const tag = Math.random().toString(36).slice(2, 6);
  let before: { id: string; name: string }[] | undefined;
  try {
    // Sync 1: the sheet list as it is.
    const list = context.workbook.worksheets;
    list.load("items/id,items/name");
    await context.sync();
    before = list.items.map((s) => ({ id: s.id, name: s.name }));
    const beforeIds = new Set(before.map((s) => s.id));

    // Sync 2: the file's sheets, inserted after the others.
    // "End" is Excel.WorksheetPositionType.end, spelled so the adapter needs no Excel global.
    const inserted = context.workbook.insertWorksheetsFromBase64(base64, { positionType: "End" });
    await context.sync();
    const ids = inserted.value.filter((id) => !beforeIds.has(id));

    // Syncs 3–5: their values.
    const read = await readSheets(context, { ids, capabilities: caps, fallbackFileName: options.fileName });
    const inputs = read.sheets.map((s) => ({ ...s, file: options.fileName }));
    const idOf = new Map(read.infos.map((i) => [i.name, i.id]));
    const chosen = options.choose(inputs).flatMap((k) => {
      const id = idOf.get(k.sheet);
      return id === undefined ? [] : [{ ...k, id }];
    });
    const keptIds = new Set(chosen.map((k) => k.id));
    const dropped = read.infos.filter((i) => !keptIds.has(i.id));

    // Sync 6: drop the rest, rename the kept ones; names free among the sheets that stay.
    const taken = new Set(before.map((s) => s.name.toLowerCase()));
    const kept = chosen.map((k) => ({ from: k.sheet, wanted: k.wanted, name: freeSheetName(k.wanted, taken) }));
    const sheets = context.workbook.worksheets;
    for (const d of dropped) deleteSheet(sheets.getItem(d.id), d.visible ? "Visible" : "Hidden");
    const proxies = chosen.map((k) => sheets.getItem(k.id));
    proxies.forEach((ws, i) => (ws.name = `~imp${i + 1} ${tag}`));
    proxies.forEach((ws, i) => (ws.name = kept[i].name));
    await context.sync();
    return { kept, dropped: dropped.map((d) => d.name) };
  } catch (e) {
    const rolledBack = before ? await removeAdded(context, new Set(before.map((s) => s.id))) : true;
    throw new AdapterError(classifyOfficeError(e), e, rolledBack);
  }
}

/** Deletes every sheet not in `keep`: what this import added. False when that failed too. */
async function removeAdded(context: Excel.RequestContext, keep: ReadonlySet<string>): Promise<boolean> {
  try {
    const list = context.workbook.worksheets;
    list.load("items/id,items/visibility");
    await context.sync();
    const added = list.items.filter((s) => !keep.has(s.id));
    if (added.length === 0) return true;
    for (const s of added) deleteSheet(context.workbook.worksheets.getItem(s.id), s.visibility);
    await context.sync();
    return true;
  } catch {
    return false;
  }
}

/**
 * Deletes a sheet, making it merely hidden first when it may be very hidden: Excel refuses
 * to delete a VeryHidden sheet ("the delete operation will fail with an InvalidOperation
 * exception. You should first change its visibility to hidden or visible" — Worksheet.delete).
 */
function deleteSheet(ws: Excel.Worksheet, visibility: string): void {
  if (visibility !== "Visible") ws.visibility = "Hidden";
  ws.delete();
}

/** The cleaned name, or "name (2)", "name (3)"… when a sheet already has it (case-insensitive, as Excel compares). */
export function freeSheetName(wanted: string, taken: Set<string>): string {
  return takeFreeName(cleanSheetName(wanted), taken);
}
