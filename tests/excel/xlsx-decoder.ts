// The simulator's insertWorksheetsFromBase64 in Node: ExcelJS reads the file, and each
// sheet's values come out as Office.js gives them (dates as serial numbers, blanks "").
import ExcelJS from "exceljs";
import { worksheetToInput } from "../../src/xlsx/read";
import { DecodedSheet, setWorkbookDecoder } from "./host/objects";

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function officeValue(v: unknown): unknown {
  if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
  return v === null || v === undefined ? "" : v;
}

export async function decodeXlsx(base64: string): Promise<DecodedSheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, "base64") as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    let comment = false;
    ws.eachRow((row) => row.eachCell((cell) => void (comment ||= cell.note !== undefined)));
    return {
      name: ws.name,
      rows: worksheetToInput(ws, "").rows.map((r) => r.map(officeValue)),
      visibility: ws.state === "veryHidden" ? "VeryHidden" : ws.state === "hidden" ? "Hidden" : "Visible",
      merges: [...((ws.model as { merges?: string[] }).merges ?? [])],
      features: comment ? ["comment"] : [],
    };
  });
}

export function useExcelJsDecoder(): void {
  setWorkbookDecoder(decodeXlsx);
}
