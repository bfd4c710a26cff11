// Consolidation through the CLI on real files: the sample split into one workbook per
// department (built here from the sample's rows) gives the seed's tables exactly.

import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { memoryIo, readBack, removeDir, SAMPLE_HEADER, SAMPLE_PATH, sampleCells, sampleModule, tmpDir, writeXlsx } from "../helpers/xlsx";
import { SEED_INDICATORS, SEED_REVISIONS, SEED_TABLE1_CELLS, SEED_TALLY } from "../helpers/seed";

let dir: string;
let departments: string[];

beforeAll(async () => {
  dir = tmpDir();
  const rows = sampleModule.buildSampleRows();
  departments = [...new Set(rows.map((r) => r.department))];
  for (const d of departments) {
    const mine = rows.filter((r) => r.department === d);
    await writeXlsx(path.join(dir, "depts", `${d}.xlsx`), [
      { name: "表紙", rows: [[`${d} 令和4年度 評価シート`]] },
      { name: "評価シート", rows: [[`${d}　数値目標・KPI評価（令和4年度実績）`], [], SAMPLE_HEADER, ...mine.map(sampleCells)] },
    ]);
  }
  fs.copyFileSync(SAMPLE_PATH, path.join(dir, "combined.xlsx"));
});
afterAll(() => removeDir(dir));

async function cli(...argv: string[]) {
  const m = memoryIo(dir);
  const code = await main(argv, m.io);
  return { code, out: m.out(), err: m.err() };
}

describe("consolidating department workbooks", () => {
  it("gives the seed's tables from one workbook per department", async () => {
    const r = await cli("summarize", "depts", "--json", "-");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.indicators).toHaveLength(SEED_INDICATORS);
    expect(report.tally).toEqual(SEED_TALLY);
    expect(report.revisions).toEqual(SEED_REVISIONS);
    expect(report.diagnostics.filter((d: { code: string }) => d.code === "indicator.duplicate")).toEqual([]);
    expect(new Set(report.indicators.map((i: { source: { file: string } }) => i.source.file)).size).toBe(departments.length);
  });

  it("writes the seed's table 1 and a completion sheet per department", async () => {
    const r = await cli("summarize", "depts", "--out", "out.xlsx");
    expect(r.code).toBe(0);
    const out = await readBack(path.join(dir, "out.xlsx"));
    expect(out.block("評価集計", "A4:F13")).toEqual(SEED_TABLE1_CELLS);
    expect(out.names).toContain("提出状況");
    const rows = out.rows("提出状況").slice(2, 2 + departments.length);
    expect(rows.map((x) => x[0]).sort()).toEqual([...departments].sort());
    expect(rows.every((x) => x[3] === null || x[3] === undefined)).toBe(true); // none ungraded: zero is shown blank
    expect(rows.reduce((n, x) => n + Number(x[1]), 0)).toBe(SEED_INDICATORS);
  });

  it("reports every indicator as a duplicate when the combined sample meets the department files, and still gives the seed's tables", async () => {
    const r = await cli("summarize", "combined.xlsx", "depts", "--json", "-");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    const dups = report.diagnostics.filter((d: { code: string }) => d.code === "indicator.duplicate");
    expect(dups).toHaveLength(SEED_INDICATORS);
    expect(new Set(dups.map((d: { message: string }) => d.message)).size).toBe(SEED_INDICATORS);
    expect(report.tally).toEqual(SEED_TALLY);
    expect(report.revisions).toEqual(SEED_REVISIONS);
    // The combined workbook came first, so its rows are the ones counted.
    expect(report.indicators.every((i: { source: { file: string } }) => i.source.file === "combined.xlsx")).toBe(true);
  });
});
