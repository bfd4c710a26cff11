// ExcelJS adapter, reading side: a .xlsx file → one SheetInput (a grid of plain values)
// per worksheet. Formulas give their cached result, rich text its plain text, errors
// their "#N/A" text; the core never sees an ExcelJS object.

import ExcelJS from "exceljs";
import * as path from "path";
import { isNamedError } from "../core/errors";
import { CellRange, SheetInput } from "../core/types";

export class UnreadableFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = "UnreadableFileError";
  }
}

export const isUnreadableFileError = (e: unknown): e is UnreadableFileError => isNamedError(e, "UnreadableFileError");

/** A cell value as plain data. */
export function plainValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as unknown as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: unknown }[]).map((r) => (typeof r?.text === "string" ? r.text : "")).join("");
    if ("error" in o && typeof o.error === "string") return o.error;
    if ("formula" in o || "sharedFormula" in o) return "result" in o ? plainValue(o.result as ExcelJS.CellValue) : null;
    if ("text" in o && typeof o.text === "string") return o.text; // hyperlink
    if ("result" in o) return plainValue(o.result as ExcelJS.CellValue);
  }
  return null;
}

export function worksheetToInput(ws: ExcelJS.Worksheet, file: string): SheetInput {
  const rows: unknown[][] = [];
  const rowCount = ws.actualRowCount === 0 ? 0 : ws.rowCount;
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.getRow(r);
    const out: unknown[] = [];
    if (row.cellCount > 0) {
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        // Merged slaves repeat their master's value in ExcelJS; keep only the master's.
        if (cell.isMerged && cell.master !== cell) return;
        // For formulas, cell.result: ExcelJS's cell.value drops a cached result of 0 or FALSE.
        out[col - 1] = cell.type === ExcelJS.ValueType.Formula ? plainValue(cell.result as ExcelJS.CellValue) : plainValue(cell.value);
      });
    }
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
    rows.push(out);
  }
  const merges: CellRange[] = [];
  const model = ws.model as unknown as { merges?: string[] };
  for (const m of model.merges ?? []) {
    const r = parseRange(m);
    if (r) merges.push(r);
  }
  return { file, sheet: ws.name, rows, merges };
}

function parseRange(ref: string): CellRange | undefined {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref.replace(/\$/g, ""));
  if (!m) return undefined;
  const col = (s: string): number => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { top: Number(m[2]) - 1, left: col(m[1]), bottom: Number(m[4]) - 1, right: col(m[3]) };
}

/** Read every worksheet of a workbook file. Throws UnreadableFileError with a one-line reason. */
export async function readWorkbookFile(filePath: string, displayName = path.basename(filePath)): Promise<SheetInput[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(filePath);
  } catch (e) {
    throw new UnreadableFileError(displayName, describeReadError(e));
  }
  if (wb.worksheets.length === 0)
    throw new UnreadableFileError(displayName, "ワークシートがありません。Excelブック（.xlsx）ではないようです (no worksheets: not an Excel workbook)");
  const out: SheetInput[] = [];
  wb.eachSheet((ws) => {
    out.push(worksheetToInput(ws, displayName));
  });
  return out;
}

/** Turn ExcelJS/JSZip errors into words a clerk can act on. */
export function describeReadError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/ENOENT/.test(msg)) return "ファイルが見つかりません (file not found)";
  if (/EACCES|EPERM/.test(msg)) return "ファイルを開く権限がありません (permission denied)";
  if (/EISDIR/.test(msg)) return "フォルダーです (is a directory)";
  if (/Invalid string length|Array buffer allocation failed|allocation failed|heap out of memory/i.test(msg))
    return "ブックが大きすぎて読み込めません（展開後のデータがメモリに収まりません）。シートを分けてください (too large to read: split the workbook)";
  if (/end of central directory|zip|Corrupted|invalid signature|Can't find end/i.test(msg))
    return "Excelブック（.xlsx）として読めません。壊れているか、パスワード付き、または別の形式です (not a readable .xlsx workbook: corrupt, encrypted or another format)";
  return `読み込めません (cannot read): ${msg.split("\n")[0].slice(0, 200)}`;
}
