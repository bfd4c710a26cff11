// Fixtures for the adapter tests: a workbook seeded from a few readable rows, or from the
// sample workbook, served by the host simulator to Microsoft's real Excel client.
import { buildLayouts, runEngine } from "../../src/core/engine";
import { SheetLayout } from "../../src/core/layout-types";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { SheetInput } from "../../src/core/types";
import { readWorkbookFile } from "../../src/xlsx/read";
import { contextOn } from "./host/client";
import { ExcelHost, HostOptions } from "./host/host";
import { newWorkbook, WorkbookState } from "./host/state";

export const HEADER = ["基本目標", "区分", "指標名", "単位", "基準値", "目標値", "R4実績", "評価", "担当課", "評価理由"];

/** An evaluation sheet with n indicators, a title row above the table. */
export function evaluationRows(n: number, name = (i: number) => `指標${i + 1}`): unknown[][] {
  const rows: unknown[][] = [["令和4年度 KPI評価シート"], HEADER];
  for (let i = 0; i < n; i++) {
    // Actuals agree with the grades (progress 100 %, 90 %, 70 %, 30 %), so no row is flagged.
    const grade = "ABCD"[i % 4];
    const actual = 100 + i + [100, 90, 70, 30][i % 4];
    rows.push([
      1 + (i % 4),
      i % 8 === 0 ? "数値目標" : "KPI",
      name(i),
      "件",
      100 + i,
      200 + i,
      actual,
      grade,
      `課${i % 7}`,
      grade === "C" ? "コロナの影響" : "",
    ]);
  }
  return rows;
}

export function workbookWith(sheets: { name: string; rows: unknown[][] }[]): WorkbookState {
  return newWorkbook("test.xlsx", sheets);
}

/** A request context of the real client on a host serving `state`; `fake` is the host (its syncs, failure plan…). */
export function contextFor(state: WorkbookState, options?: HostOptions): { fake: ExcelHost; ctx: Excel.RequestContext } {
  const fake = new ExcelHost(state, options);
  return { fake, ctx: contextOn(fake) };
}

export function layoutsFor(inputs: readonly SheetInput[]): SheetLayout[] {
  const options = { settings: DEFAULT_SETTINGS, lang: "ja" as const };
  return buildLayouts(runEngine(inputs, options), options);
}

export async function sampleWorkbook(): Promise<WorkbookState> {
  const inputs = await readWorkbookFile("samples/sample-evaluation.xlsx");
  return newWorkbook(
    "sample-evaluation.xlsx",
    inputs.map((s) => ({ name: s.sheet, rows: s.rows.map((r) => [...r]) })),
  );
}

/** Every value of every sheet, for before/after comparisons. */
export function snapshot(state: WorkbookState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of state.sheets) {
    // Formats as they end up (the last value set per range and property), merges as a set.
    const fm = Object.fromEntries(s.formats.map((f) => [`${f.address}|${f.prop}`, f.value]));
    const formats = Object.keys(fm)
      .sort()
      .map((k) => [k, fm[k]]);
    const values = s.values.map((r) => (r ?? []).map((v) => v ?? ""));
    while (values.length && values[values.length - 1].every((v) => v === "")) values.pop();
    out[s.name] = JSON.stringify({ v: values, f: s.numberFormats, m: [...s.merges].sort(), fm: formats, h: s.hyperlinks });
  }
  return out;
}

export const sheetNames = (state: WorkbookState): string[] => state.sheets.map((s) => s.name);
