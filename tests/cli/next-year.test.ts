// kpi-review next-year: exit codes, the output folder never overwritten without --force,
// department names cleaned the same way for files and sheets, the JSON report on stdout.

import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { runEngine } from "../../src/core/engine";
import { cleanDepartmentName } from "../../src/core/names";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { readWorkbookFile } from "../../src/xlsx/read";
import { HEADER, row } from "../helpers/grid";
import { memoryIo, removeDir, tmpDir, writeXlsx } from "../helpers/xlsx";

let dir: string;
beforeEach(async () => {
  dir = tmpDir();
  await writeXlsx(path.join(dir, "in.xlsx"), [
    {
      name: "評価",
      rows: [
        [...HEADER],
        row({
          基本目標: 1,
          区分: "KPI",
          指標名: "来場者数",
          基準値: 50,
          目標値: 100,
          令和4年度: 120,
          評価: "A",
          担当課: "企画/調整:課",
          見直し区分: "目標値の修正",
          見直し後の目標値: 150,
        }),
        row({ 基本目標: 2, 区分: "KPI", 指標名: "相談件数", 目標値: 40, 令和4年度: 20, 評価: "C", 担当課: "con" }),
        row({ 基本目標: 2, 区分: "数値目標", 指標名: "転入者数", 目標値: 900, 令和4年度: 800, 評価: "B" }),
      ],
    },
  ]);
});
afterEach(() => removeDir(dir));

const run = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
  const m = memoryIo(dir);
  const code = await main(args, m.io);
  return { code, out: m.out(), err: m.err() };
};

describe("kpi-review next-year", () => {
  it("writes the master and one workbook per department, names cleaned the same way for the file and its sheet", async () => {
    const r = await run("next-year", "in.xlsx", "--out-dir", "out", "--by-department");
    expect(r).toMatchObject({ code: 0, err: "" });
    const files = fs.readdirSync(path.join(dir, "out")).sort();
    expect(files).toEqual(
      [
        "令和5年度_評価シート_企画_調整_課.xlsx",
        "令和5年度_評価シート_全課.xlsx",
        "令和5年度_評価シート__con.xlsx",
        "令和5年度_評価シート_担当課未記入.xlsx",
      ].sort(),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "out", "令和5年度_評価シート_企画_調整_課.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["企画_調整_課", "記入要領"]);
    expect(r.out).toContain("令和5年度の評価シート: 4 ファイル、指標 3 件");
  });

  it("puts the revised list into the master workbook", async () => {
    expect((await run("next-year", "in.xlsx", "--out-dir", "out")).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "out", "令和5年度_評価シート_全課.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["全課", "記入要領", "改訂後の指標一覧"]);
  });

  it("refuses a folder that is not empty, and writes into it with --force", async () => {
    fs.mkdirSync(path.join(dir, "out"));
    fs.writeFileSync(path.join(dir, "out", "note.txt"), "keep");
    const refused = await run("next-year", "in.xlsx", "--out-dir", "out");
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--force/);
    expect(fs.readdirSync(path.join(dir, "out"))).toEqual(["note.txt"]);
    expect((await run("next-year", "in.xlsx", "--out-dir", "out", "--force")).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, "out")).sort()).toEqual(["note.txt", "令和5年度_評価シート_全課.xlsx"]);
  });

  it("refuses an output path that is a file", async () => {
    const r = await run("next-year", "in.xlsx", "--out-dir", "in.xlsx", "--force");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/フォルダーではありません/);
  });

  it("exits 1 when no indicator can be read, and 2 for a missing input", async () => {
    await writeXlsx(path.join(dir, "cover.xlsx"), [{ name: "表紙", rows: [["令和4年度 評価"]] }]);
    expect((await run("next-year", "cover.xlsx", "--out-dir", "out")).code).toBe(1);
    expect((await run("next-year", "missing.xlsx", "--out-dir", "out")).code).toBe(2);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("prints only the JSON report on stdout with --json -, with the not-applied revisions among its diagnostics", async () => {
    await writeXlsx(path.join(dir, "bad.xlsx"), [
      {
        name: "評価",
        rows: [
          [...HEADER],
          row({ 基本目標: 1, 区分: "KPI", 指標名: "来場者数", 目標値: 100, 令和4年度: 120, 評価: "A", 見直し区分: "目標値の修正", 見直し後の目標値: "百二十" }),
        ],
      },
    ]);
    const r = await run("next-year", "bad.xlsx", "--out-dir", "out", "--json", "-");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ schemaVersion: 1, evaluatedYear: 2022, fiscalYear: 2023 });
    expect(report.revised[0]).toMatchObject({ name: "来場者数", target: 100, status: "notApplied" });
    expect(report.diagnostics.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(["revision.newTarget.invalid", "revised.notApplied"]));
  });

  it("writes English sheets with --lang en", async () => {
    expect((await run("next-year", "in.xlsx", "--out-dir", "out", "--lang", "en")).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, "out"))).toEqual(["FY2023_evaluation_All departments.xlsx"]);
    // Read back in English: the same three indicators, nothing to report but the grades to fill.
    const back = runEngine(await readWorkbookFile(path.join(dir, "out", "FY2023_evaluation_All departments.xlsx")), { settings: DEFAULT_SETTINGS, lang: "en" });
    expect(back.indicators.map((i) => [i.name, i.target, i.targetYear ?? null])).toEqual([
      ["来場者数", 150, null],
      ["相談件数", 40, null],
      ["転入者数", 900, null],
    ]);
    expect(new Set(back.diagnostics.map((d) => d.code))).toEqual(new Set(["grade.missing"]));
  });
});

describe("department names as file and sheet names", () => {
  it("replaces what files and sheets refuse, keeps Japanese, never leaves a name empty or reserved", () => {
    expect(cleanDepartmentName("企画/調整:課", "x")).toBe("企画_調整_課");
    expect(cleanDepartmentName('a<b>"c"|d?', "x")).toBe("a_b__c__d_");
    expect(cleanDepartmentName("  ...  ", "担当課未記入")).toBe("担当課未記入");
    expect(cleanDepartmentName("NUL", "x")).toBe("_NUL");
    expect(cleanDepartmentName("総務課.", "x")).toBe("総務課");
    expect(cleanDepartmentName("あ".repeat(40), "x")).toHaveLength(31);
  });
});
