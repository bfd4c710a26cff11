// What a user sees of bad cells through the CLI: the JSON diagnostics and the 入力チェック
// sheet name the file, the sheet and the A1 cell; 未評価 is reported beside table 1; a 設定
// sheet in the workbook works like the same --config file.

import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { memoryIo, readBack, removeDir, tmpDir, writeXlsx } from "../helpers/xlsx";

// 評価 in column O; title rows 1–2, header row 3, indicators on rows 4–6.
const HEAD = [
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
  "担当課",
  "評価",
  "評価理由",
];
const line = (name: string, grade: unknown, actual: unknown = 16, reason = "") => [
  1,
  "(1)農業",
  "KPI",
  name,
  "人",
  10,
  "R1",
  20,
  "R6",
  "単年度",
  12,
  14,
  actual,
  "農業振興課",
  grade,
  reason,
];
const ROWS = [["農業振興課 評価シート"], ["令和4年度実績"], HEAD, line("新規就農者数", "B"), line("園芸販売額", "優"), line("森林整備面積", null, "#N/A")];

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => removeDir(dir));

async function cli(...argv: string[]) {
  const m = memoryIo(dir);
  const code = await main(argv, m.io);
  return { code, out: m.out(), err: m.err() };
}

describe("diagnostics through the CLI", () => {
  let report: { diagnostics: { file: string; sheet: string; cell: string; code: string; severity: string; message: string }[]; tally: { ungraded: number } };
  let out: Awaited<ReturnType<typeof readBack>>;
  beforeAll(async () => {
    await writeXlsx(path.join(dir, "農業振興課.xlsx"), [{ name: "R4評価", rows: ROWS }]);
    const r = await cli("summarize", "農業振興課.xlsx", "--json", "r.json", "--out", "o.xlsx");
    expect(r.code).toBe(0);
    report = JSON.parse(fs.readFileSync(path.join(dir, "r.json"), "utf8"));
    out = await readBack(path.join(dir, "o.xlsx"));
  });

  it("puts an invalid grade in column O row 5 at O5, with the file and the sheet", () => {
    expect(report.diagnostics.find((d) => d.code === "grade.invalid")).toMatchObject({
      file: "農業振興課.xlsx",
      sheet: "R4評価",
      cell: "O5",
      severity: "error",
    });
  });

  it("puts a missing grade and an error value on their own cells", () => {
    expect(
      report.diagnostics
        .filter((d) => d.cell.endsWith("6"))
        .map((d) => [d.code, d.cell])
        .sort(),
    ).toEqual([
      ["grade.missing", "O6"],
      ["value.error", "M6"],
    ]);
  });

  it("lists the diagnostics in 入力チェック with a link to each cell, errors first", () => {
    const rows = out.rows("入力チェック").slice(2);
    expect(rows[0]).toEqual(["エラー", "農業振興課.xlsx", "R4評価", "O5", "grade.invalid", expect.stringContaining("優")]);
    const ws = out.wb.getWorksheet("入力チェック")!;
    const link = ws.getCell("D3").value as { hyperlink?: string };
    expect(link.hyperlink).toContain("R4評価");
    expect(link.hyperlink).toContain("O5");
  });

  it("reports the 2 ungraded indicators beside table 1 and counts them nowhere in it", () => {
    expect(report.tally.ungraded).toBe(2);
    expect(String(out.value("評価集計", "G3"))).toContain("未評価: 2指標");
    expect(out.block("評価集計", "A4:F5")).toEqual([
      ["基本目標1", "数値目標", null, null, null, null],
      ["基本目標1", "KPI", null, 1, null, null],
    ]);
  });
});

describe("settings from a 設定 sheet", () => {
  const data = [
    ["基本目標", "区分", "指標名", "基準値", "目標値", "令和3年度", "令和4年度", "評価", "評価理由"],
    [1, "KPI", "観光客数", 0, 100, 80, 75, "C", "大雪の影響で減少"],
    [1, "KPI", "移住者数", 0, 100, 90, 110, "A", ""],
  ];
  const settingsRows = [
    ["項目", "値"],
    ["bands.A", 1.2],
    ["bands.B", 0.9],
    ["bands.C", 0.5],
    ["premiseKeywords", "大雪、コロナ"],
    ["sheetNames.summary", "R4評価集計"],
  ];
  const json = { bands: { A: 1.2, B: 0.9, C: 0.5 }, premiseKeywords: ["大雪", "コロナ"], sheetNames: { summary: "R4評価集計" } };

  it("gives the same report and the same output as the same settings in a --config file", async () => {
    await writeXlsx(path.join(dir, "with-sheet.xlsx"), [
      { name: "評価シート", rows: data },
      { name: "設定", rows: settingsRows },
    ]);
    await writeXlsx(path.join(dir, "plain.xlsx"), [{ name: "評価シート", rows: data }]);
    fs.writeFileSync(path.join(dir, "s.json"), JSON.stringify(json));
    const a = await cli("summarize", "with-sheet.xlsx", "--json", "-", "--out", "a.xlsx");
    const b = await cli("summarize", "plain.xlsx", "--json", "-", "--out", "b.xlsx", "--config", "s.json");
    expect([a.code, b.code]).toEqual([0, 0]);
    const strip = (s: string) => JSON.parse(s.replace(/with-sheet\.xlsx|plain\.xlsx/g, "F"));
    expect(strip(a.out)).toEqual(strip(b.out));
    const report = JSON.parse(a.out);
    expect(report.indicators[0].suggestion.action).toBe("指標の変更を検討"); // 大雪 is a premise keyword here
    expect(report.indicators[1].referenceGrade).toBe("B"); // 110 % is below the 120 % A band
    const [oa, ob] = [await readBack(path.join(dir, "a.xlsx")), await readBack(path.join(dir, "b.xlsx"))];
    expect(oa.names[0]).toBe("R4評価集計");
    expect(oa.block("R4評価集計", "A1:H22")).toEqual(ob.block("R4評価集計", "A1:H22"));
  });

  it("refuses a bad 設定 sheet with exit 2 and the key in one line", async () => {
    await writeXlsx(path.join(dir, "bad-settings.xlsx"), [
      { name: "評価シート", rows: data },
      { name: "設定", rows: [["bands.A", 0.5]] },
    ]);
    const r = await cli("summarize", "bad-settings.xlsx");
    expect(r.code).toBe(2);
    expect(r.err.split("\n").filter((l) => l !== "")).toHaveLength(1);
    expect(r.err).toContain("bands");
    expect(r.err).toContain("bad-settings.xlsx");
  });
});
