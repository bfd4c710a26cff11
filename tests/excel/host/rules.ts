// Excel's documented behaviour, one rule per function, each citing where it is written.
// The simulator (host.ts) applies these; a test of the adapter fails when the adapter
// ignores one. "types" = the doc comments of @types/office-js (node_modules/@types/office-js/index.d.ts).

import { parseAddress, quoteSheetName } from "../../../src/excel/a1";
import { SheetState, WorkbookState } from "./state";

/** A RichApi error as the host reports it: `code` classifies, `message` is for people. */
export class HostError extends Error {
  constructor(
    readonly code: string,
    readonly params: readonly string[] = [],
  ) {
    super(code);
  }
}

export type HostLocale = "ja-JP" | "en-US";

/**
 * Error codes and their (English) messages: "Error handling with the application-specific
 * JavaScript APIs", tables "Error codes and messages" and "Excel-specific error codes and
 * messages" (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling;
 * OfficeDev/office-js-docs-pr docs/testing/application-specific-api-error-handling.md).
 * Excel words the message in the user's Office language, so a ja-JP host answers in
 * Japanese (our translation of the documented text): only the code is stable.
 */
const MESSAGES: Record<string, [string, string]> = {
  InvalidOperation: ["このオブジェクトに対して試行された操作は無効です。", "The operation attempted is invalid on the object."],
  InvalidArgument: ["引数が無効であるか、存在しないか、形式が正しくありません。", "The argument is invalid or missing or has an incorrect format."],
  ItemNotFound: ["要求されたリソースは存在しません。", "The requested resource doesn't exist."],
  ItemAlreadyExists: ["作成中のリソースは既に存在しています。", "The resource being created already exists."],
  AccessDenied: ["要求された操作を実行できません。", "You cannot perform the requested operation."],
  UnsupportedFeature: [
    "ソース ワークシートにサポートされていない機能が 1 つ以上含まれているため、操作は失敗しました。",
    "The operation failed because the source worksheet contains one or more unsupported features.",
  ],
  GeneralException: ["要求の処理中に内部エラーが発生しました。", "There was an internal error while processing the request."],
  InvalidOperationInCellEditMode: [
    "Excel がセル編集モードの間は、この操作を実行できません。",
    "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again.",
  ],
  RequestPayloadSizeLimitExceeded: ["要求のペイロード サイズが上限を超えました。", "The request payload size has exceeded the limit."],
  ResponsePayloadSizeLimitExceeded: ["応答のペイロード サイズが上限を超えました。", "The response payload size has exceeded the limit."],
  Conflict: ["競合により要求を処理できませんでした。", "Request could not be processed because of a conflict."],
  NotImplemented: ["要求された機能は実装されていません。", "The requested feature isn't implemented."],
};

export function messageOf(code: string, locale: HostLocale): string {
  const m = MESSAGES[code];
  return m ? m[locale === "ja-JP" ? 0 : 1] : code;
}

/**
 * Excel on the web refuses a request (and a response) over its payload limit. Source:
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 * ("Excel on the web has a payload size limit for requests and responses of 5MB.
 * RichAPI.Error is thrown if this limit is exceeded").
 */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * Sheet names: at most 31 characters, none of : \ / ? * [ ], not starting or ending with an
 * apostrophe, not "History", unique ignoring case. Source: Microsoft Support, "Rename a
 * worksheet" (https://support.microsoft.com/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9),
 * section "Important" on sheet names.
 */
export function checkSheetName(wb: WorkbookState, name: string, self?: SheetState): void {
  if (typeof name !== "string" || name.length === 0 || name.length > 31) throw new HostError("InvalidArgument");
  if (/[:\\/?*[\]]/.test(name) || /^'|'$/.test(name) || name.toLowerCase() === "history") throw new HostError("InvalidArgument");
  if (wb.sheets.some((s) => s !== self && s.name.toLowerCase() === name.toLowerCase())) throw new HostError("ItemAlreadyExists");
}

/**
 * A cell holds at most 32,767 characters. Source: "Excel specifications and limits"
 * (https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3):
 * "Total number of characters that a cell can contain: 32,767 characters".
 */
export const MAX_CELL_CHARS = 32_767;

/**
 * Deleting a VeryHidden sheet fails. Source (types, Worksheet.delete): "if the worksheet's
 * visibility is set to "VeryHidden", the delete operation will fail with an
 * `InvalidOperation` exception. You should first change its visibility to hidden or visible".
 * A workbook keeps at least one visible sheet (Excel's UI rule; the API fails the same way).
 */
export function checkDeletable(wb: WorkbookState, s: SheetState): void {
  if (s.visibility === "VeryHidden") throw new HostError("InvalidOperation");
  if (s.visibility === "Visible" && wb.sheets.filter((x) => x.visibility === "Visible").length <= 1) throw new HostError("InvalidOperation");
}

/**
 * getMergedAreasOrNullObject: "if the merged areas count in this range is more than 512,
 * then this method will fail to return the result" (types, Range.getMergedAreasOrNullObject).
 * Which merges count: those whose top-left cell lies in the range (a merge sticking out of
 * the range is returned whole, as Excel's merged areas are).
 */
export const MAX_MERGED_AREAS = 512;

export function mergedAreasIn(s: SheetState, b: { top: number; left: number; bottom: number; right: number }): string[] {
  return s.merges.filter((m) => {
    const mb = parseAddress(m);
    return !!mb && mb.top >= b.top && mb.top <= b.bottom && mb.left >= b.left && mb.left <= b.right;
  });
}

/**
 * insertWorksheetsFromBase64 on the web: "In Excel on the web, the source worksheets also
 * can't contain PivotTable, Chart, Comment, or Slicer elements. If they do, the method
 * returns an UnsupportedFeature error"; "It isn't supported on iOS" ("Work with workbooks
 * using the Excel JavaScript API", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-workbooks;
 * office-js-docs-pr docs/excel/excel-add-ins-workbooks.md; also the types' doc comment).
 */
export const WEB_UNSUPPORTED_ON_INSERT = ["pivotTable", "chart", "comment", "slicer"];

/**
 * Renaming a sheet rewrites every formula (and defined name) referring to it; deleting it
 * turns those references into #REF!. Excel's behaviour for any reference
 * (https://support.microsoft.com/office/how-to-correct-a-ref-error-822c8e46-e610-4d02-bbf1-d0f0af8a2b8b).
 */
export function rewriteReferences(wb: WorkbookState, oldName: string, newName: string | undefined): void {
  const pattern = new RegExp(`(?:${escape(quoteSheetName(oldName))}|${/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(oldName) ? escape(oldName) : "(?!)"})!`, "giu");
  const replace = (f: string): string => f.replace(pattern, newName === undefined ? "#REF!" : `${quoteSheetName(newName)}!`);
  for (const s of wb.sheets) {
    for (const key of s.interpreted) {
      const b = parseAddress(key);
      const v = b ? s.values[b.top]?.[b.left] : undefined;
      if (b && typeof v === "string" && v.startsWith("=")) s.values[b.top][b.left] = replace(v);
    }
  }
  for (const n of wb.names) n.formula = replace(n.formula);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
