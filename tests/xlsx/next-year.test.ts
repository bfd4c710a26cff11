// Next year's workbooks, read back from the written files: the drop-down lists, the sheet
// protection, the shaded input cells and our formulas; then the round trip — sample →
// revised list → one workbook per department → actuals and grades typed in as a user would
// → consolidated by the summarize engine → the tally of what was typed.

import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { runEngine } from "../../src/core/engine";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { Grade, GRADES } from "../../src/core/types";
import { readWorkbookFile } from "../../src/xlsx/read";
import { memoryIo, removeDir, SAMPLE_PATH, tmpDir } from "../helpers/xlsx";
import { SEED_INDICATORS } from "../helpers/seed";

let dir: string;
let code: number;
let report: {
  files: { file: string; department: string | null; sheet: string; indicators: number }[];
  revised: { name: string; goal: number; category: string }[];
};

beforeAll(async () => {
  dir = tmpDir();
  fs.copyFileSync(SAMPLE_PATH, path.join(dir, "sample.xlsx"));
  const m = memoryIo(dir);
  code = await main(["next-year", "sample.xlsx", "--out-dir", "next", "--by-department", "--json", "next.json"], m.io);
  if (code !== 0) throw new Error(m.err());
  report = JSON.parse(fs.readFileSync(path.join(dir, "next.json"), "utf8"));
});
afterAll(() => removeDir(dir));

const open = async (file: string): Promise<ExcelJS.Workbook> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, file));
  return wb;
};

/** Column number (1-based) of a header in row 3 of next year's sheet. */
const columnOf = (ws: ExcelJS.Worksheet, header: string): number => {
  let found = 0;
  ws.getRow(3).eachCell((c, col) => {
    if (c.value === header) found = col;
  });
  if (!found) throw new Error(`no column ${header}`);
  return found;
};

type Validations = Record<string, { type: string; formulae: unknown[]; allowBlank?: boolean }>;
const validationsOf = (ws: ExcelJS.Worksheet): Validations => (ws as unknown as { dataValidations: { model: Validations } }).dataValidations.model;

describe("kpi-review next-year on the sample", () => {
  it("writes the master and one workbook per department, each named after its department", () => {
    expect(code).toBe(0);
    const names = report.files.map((f) => path.basename(f.file));
    expect(names[0]).toBe("令和5年度_評価シート_全課.xlsx");
    expect(names).toContain("令和5年度_評価シート_農業振興課.xlsx");
    expect(report.files.slice(1).reduce((n, f) => n + f.indicators, 0)).toBe(SEED_INDICATORS);
    for (const f of report.files.slice(1)) expect(f.sheet).toBe(f.department);
  });

  it("offers the grade scale and the revision types as drop-down lists read from the 記入要領 sheet", async () => {
    const wb = await open(report.files[1].file);
    const ws = wb.worksheets[0];
    const guide = wb.getWorksheet("記入要領")!;
    const v = validationsOf(ws);
    const at = (header: string): { type: string; formulae: unknown[] } => {
      const letter = ws.getColumn(columnOf(ws, header)).letter;
      const key = Object.keys(v).find((k) => k.startsWith(`${letter}4`))!;
      return v[key];
    };
    const items = (formula: unknown): unknown[] => {
      const m = /^'記入要領'!\$A\$(\d+):\$A\$(\d+)$/.exec(String(formula))!;
      const out: unknown[] = [];
      for (let r = Number(m[1]); r <= Number(m[2]); r++) out.push(guide.getCell(`A${r}`).value);
      return out;
    };
    expect(at("評価").type).toBe("list");
    expect(items(at("評価").formulae[0])).toEqual(["A", "B", "C", "D"]);
    expect(items(at("見直し区分").formulae[0])).toEqual(["目標値の修正", "指標名の修正", "指標名の変更", "新たな指標を設定"]);
    expect(at("令和5年度実績").type).toBe("decimal");
  });

  it("protects the sheet without a password, leaving only the shaded cells to fill unlocked", async () => {
    const ws = (await open(report.files[1].file)).worksheets[0];
    const protection = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection).toMatchObject({ sheet: true });
    expect(protection.hashValue).toBeUndefined();
    const input = ["令和5年度実績", "評価", "評価理由", "見直し区分", "見直し後の目標値", "見直し後の指標名"];
    const locked = ["基本目標", "指標名", "目標値", "令和4年度実績", "進捗率", "参考評価", "担当課"];
    for (const h of input) {
      const c = ws.getCell(4, columnOf(ws, h));
      expect([h, c.protection?.locked]).toEqual([h, false]);
      expect((c.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFF2CC");
    }
    for (const h of locked) expect([h, ws.getCell(4, columnOf(ws, h)).protection?.locked]).not.toEqual([h, false]);
  });

  it("sets a password when asked to", async () => {
    const m = memoryIo(dir);
    expect(await main(["next-year", "sample.xlsx", "--out-dir", "locked", "--password", "secret"], m.io)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "locked", "令和5年度_評価シート_全課.xlsx"));
    expect((wb.worksheets[0] as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection.hashValue).toEqual(expect.any(String));
  });

  it("puts a progress formula of numbers and cell references beside each grade, and a reference grade from it", async () => {
    const ws = (await open(report.files[0].file)).worksheets[0];
    const progress = ws.getCell(4, columnOf(ws, "進捗率")).value as ExcelJS.CellFormulaValue;
    const actual = ws.getColumn(columnOf(ws, "令和5年度実績")).letter;
    // 農業産出額（推計）: baseline 230, target 250 (single-year).
    expect(progress.formula).toBe(`IF(ISNUMBER(${actual}4),MAX(-99,MIN(99,(${actual}4-230)/20)),"")`);
    const reference = ws.getCell(4, columnOf(ws, "参考評価")).value as ExcelJS.CellFormulaValue;
    expect(reference.formula).toMatch(/^IF\(ISNUMBER\([A-Z]+4\),IF\([A-Z]+4\+1E-9>=1,'記入要領'!\$A\$\d+,/);
    // No text of the user's anywhere in a formula: only functions, numbers, operators, references.
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (c.type !== ExcelJS.ValueType.Formula) return;
        const f = (c.value as ExcelJS.CellFormulaValue).formula.replace(/'記入要領'!\$[A-Z]+\$\d+/g, "");
        expect(f).toMatch(/^[A-Z0-9(),.+\-*/<>="E]*$/);
      }),
    );
  });

  it("keeps last years' actuals and leaves the new year's actual, grade and revision empty", async () => {
    const ws = (await open(report.files[0].file)).worksheets[0];
    expect(ws.getCell(3, 1).value).toBe("基本目標");
    expect(ws.getCell(4, columnOf(ws, "令和4年度実績")).value).toBe(247);
    for (const h of ["令和5年度実績", "評価", "評価理由", "見直し区分"]) expect(ws.getCell(4, columnOf(ws, h)).value).toBeNull();
  });
});

/** What the test types into a department's sheet: an actual and a grade per indicator. */
function typed(name: string, i: number): { actual: number; grade: Grade } {
  return { actual: 100 + i * 7 + name.length, grade: GRADES[i % 4] };
}

describe("the round trip", () => {
  it("consolidates the filled-in department workbooks into the same indicators and the tally of the typed grades", async () => {
    const filled = path.join(dir, "filled");
    fs.mkdirSync(filled);
    let i = 0;
    const expected = new Map<string, number>();
    for (const f of report.files.slice(1)) {
      const wb = await open(f.file);
      const ws = wb.worksheets[0];
      const [nameCol, actualCol, gradeCol, reasonCol] = ["指標名", "令和5年度実績", "評価", "評価理由"].map((h) => columnOf(ws, h));
      for (let r = 4; r < 4 + f.indicators; r++) {
        const name = String(ws.getCell(r, nameCol).value);
        const { actual, grade } = typed(name, i++);
        ws.getCell(r, actualCol).value = actual;
        ws.getCell(r, gradeCol).value = grade;
        ws.getCell(r, reasonCol).value = "=入力は文字列のまま";
        const ind = report.revised.find((x) => x.name === name)!;
        const key = `${ind.goal}|${ind.category}|${grade}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      await wb.xlsx.writeFile(path.join(filled, path.basename(f.file)));
    }
    const sheets = [];
    for (const file of fs.readdirSync(filled)) sheets.push(...(await readWorkbookFile(path.join(filled, file))));
    const result = runEngine(sheets, { settings: DEFAULT_SETTINGS, lang: "ja" });
    expect(result.fiscalYear).toBe(2023);
    expect(result.indicators.map((x) => x.name).sort()).toEqual(report.revised.map((x) => x.name).sort());
    expect(result.tally.ungraded).toBe(0);
    for (const g of result.tally.goals)
      for (const cat of ["numerical", "kpi"] as const)
        for (const grade of GRADES) expect([g.goal, cat, grade, g[cat][grade]]).toEqual([g.goal, cat, grade, expected.get(`${g.goal}|${cat}|${grade}`) ?? 0]);
    const codes = new Set(result.diagnostics.map((d) => d.code));
    for (const bad of ["grade.invalid", "grade.missing", "indicator.duplicate", "columns.differ", "value.invalid", "year.invalid", "goal.invalid"])
      expect(codes).not.toContain(bad);
    expect(result.indicators.every((x) => x.reason === "=入力は文字列のまま")).toBe(true);
  });
});
