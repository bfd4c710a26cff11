// Real .xlsx fixtures built with ExcelJS from a few readable rows, a temp dir, an in-memory
// CLI io, and a reader that gives a written workbook back as plain values, cell by cell.

import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface SheetSpec {
  readonly name: string;
  readonly rows: readonly (readonly unknown[])[];
  /** A1 ranges to merge, e.g. "A3:A4". */
  readonly merges?: readonly string[];
  /** 1-based row numbers to hide. */
  readonly hiddenRows?: readonly number[];
}

/** Cell values: plain values as is; { formula, result } and { richText } shapes pass through to ExcelJS. */
export function workbookOf(sheets: readonly SheetSpec[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((r, i) => {
      r.forEach((v, j) => {
        if (v === null || v === undefined) return;
        ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue;
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
    for (const h of s.hiddenRows ?? []) ws.getRow(h).hidden = true;
  }
  return wb;
}

export async function writeXlsx(file: string, sheets: readonly SheetSpec[]): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await workbookOf(sheets).xlsx.writeFile(file);
  return file;
}

export function tmpDir(prefix = "kpi-review-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A plain value from what ExcelJS reads: rich text and hyperlinks as text, formulas as their result. */
export function plain(v: ExcelJS.CellValue): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  const o = v as unknown as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join("");
  if (typeof o.text === "string") return o.text;
  if ("result" in o) return plain(o.result as ExcelJS.CellValue);
  if (typeof o.error === "string") return o.error;
  return null;
}

export interface ReadBack {
  readonly names: string[];
  readonly wb: ExcelJS.Workbook;
  /** Plain value at a 1-based row/column or an A1 address. */
  value(sheet: string, address: string): string | number | boolean | Date | null;
  /** Plain values of a rectangular block, A1 range "A4:F13". */
  block(sheet: string, range: string): (string | number | boolean | Date | null)[][];
  /** Every non-empty row of a sheet as plain values (1-based row → values from column A). */
  rows(sheet: string): (string | number | boolean | Date | null)[][];
}

export async function readBack(file: string): Promise<ReadBack> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = (name: string): ExcelJS.Worksheet => {
    const w = wb.getWorksheet(name);
    if (!w) throw new Error(`no sheet ${name} in ${file}; sheets: ${wb.worksheets.map((x) => x.name).join(", ")}`);
    return w;
  };
  return {
    names: wb.worksheets.map((w) => w.name),
    wb,
    value: (sheet, address) => plain(ws(sheet).getCell(address).value),
    block: (sheet, range) => {
      const [from, to] = range.split(":");
      const a = ws(sheet).getCell(from);
      const b = ws(sheet).getCell(to);
      const out: (string | number | boolean | Date | null)[][] = [];
      for (let r = Number(a.row); r <= Number(b.row); r++) {
        const line: (string | number | boolean | Date | null)[] = [];
        for (let c = Number(a.col); c <= Number(b.col); c++) line.push(plain(ws(sheet).getCell(r, c).value));
        out.push(line);
      }
      return out;
    },
    rows: (sheet) => {
      const w = ws(sheet);
      const out: (string | number | boolean | Date | null)[][] = [];
      for (let r = 1; r <= w.rowCount; r++) {
        const line: (string | number | boolean | Date | null)[] = [];
        for (let c = 1; c <= w.columnCount; c++) line.push(plain(w.getCell(r, c).value));
        while (line.length > 0 && line[line.length - 1] === null) line.pop();
        out.push(line);
      }
      return out;
    },
  };
}

/** The CLI's io, in memory. */
export function memoryIo(cwd: string): { io: { stdout: (s: string) => void; stderr: (s: string) => void; cwd: string }; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    io: { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd },
    out: () => out,
    err: () => err,
  };
}

// ---------------------------------------------------------------------------
// The sample workbook's rows (scripts/make-sample.js), for department files and splits.

export interface SampleRow {
  row: number;
  goal: number;
  goalName: string;
  package: string | null;
  category: string;
  name: string;
  unit: string;
  baseline: number | null;
  baselineYear: string | null;
  target: number;
  targetYear: string;
  targetKind: string;
  actuals: Record<number, number | null>;
  grade: string;
  reason: string;
  department: string;
  revision: { type: string; newTarget: number | null; newName: string | null } | null;
  written: Record<string, unknown>;
  note: string | null;
}

export const sampleModule = require("../../scripts/make-sample.js") as {
  buildSampleRows(): SampleRow[];
  buildWorkbookBuffer(): Promise<Buffer>;
  SHEET_NAME: string;
};

export const SAMPLE_PATH = path.join(__dirname, "..", "..", "samples", "sample-evaluation.xlsx");

/** A one-row header for sample rows, in an order unlike the sample's own. */
export const SAMPLE_HEADER = [
  "担当課",
  "基本目標",
  "戦略パッケージ",
  "区分",
  "指標名",
  "単位",
  "基準値",
  "基準年度",
  "目標値",
  "目標年度",
  "目標の種類",
  "令和2年度",
  "令和3年度",
  "令和4年度",
  "評価",
  "評価理由",
  "見直し区分",
  "見直し後の目標値",
  "見直し後の指標名",
];

/** One sample row under SAMPLE_HEADER, with the sample's messy written values where it has them. */
export function sampleCells(r: SampleRow): unknown[] {
  const w = (key: string, v: unknown): unknown => (Object.prototype.hasOwnProperty.call(r.written, key) ? r.written[key] : v);
  const dash = (v: number | null | undefined): unknown => (v === null || v === undefined ? "－" : v);
  return [
    r.department,
    `基本目標${r.goal} ${r.goalName}`,
    r.package ?? "",
    r.category,
    r.name,
    r.unit || null,
    w("baseline", dash(r.baseline)),
    r.baselineYear ?? null,
    r.target,
    r.targetYear,
    r.targetKind,
    w("actual2020", dash(r.actuals[2020])),
    w("actual2021", dash(r.actuals[2021])),
    w("actual2022", dash(r.actuals[2022])),
    w("grade", r.grade),
    r.reason,
    r.revision?.type ?? null,
    r.revision?.newTarget ?? null,
    r.revision?.newName ?? null,
  ];
}
