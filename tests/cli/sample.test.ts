// The sample workbook through the CLI, in-process: the written workbook read back cell by
// cell must carry the seed's two tables; the JSON report must carry the same numbers.

import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { memoryIo, readBack, ReadBack, removeDir, SAMPLE_PATH, tmpDir } from "../helpers/xlsx";
import { SEED_INDICATORS, SEED_REVISED, SEED_REVISIONS, SEED_TABLE1_CELLS, SEED_TALLY } from "../helpers/seed";

const sha = (file: string): string => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

let dir: string;
let input: string;
let inputHash: string;
let code: number;
let out: ReadBack;
let stdout: string;
let stderr: string;
let report: Record<string, unknown> & { tally: unknown; revisions: unknown; indicators: Record<string, unknown>[]; diagnostics: Record<string, unknown>[] };

beforeAll(async () => {
  dir = tmpDir();
  input = path.join(dir, "sample-evaluation.xlsx");
  fs.copyFileSync(SAMPLE_PATH, input);
  inputHash = sha(input);
  const m = memoryIo(dir);
  code = await main(["summarize", "sample-evaluation.xlsx", "--out", "out/summary.xlsx", "--json", "report.json"], m.io);
  stdout = m.out();
  stderr = m.err();
  out = await readBack(path.join(dir, "out", "summary.xlsx"));
  report = JSON.parse(fs.readFileSync(path.join(dir, "report.json"), "utf8"));
});
afterAll(() => removeDir(dir));

describe("kpi-review summarize on the sample workbook", () => {
  it("exits 0 with nothing on stderr", () => {
    expect(code).toBe(0);
    expect(stderr).toBe("");
  });

  it("leaves the input file byte-identical", () => {
    expect(sha(input)).toBe(inputHash);
  });

  it("writes the four output sheets, 評価集計 first", () => {
    expect(out.names.slice(0, 4)).toEqual(["評価集計", "見直し一覧", "新旧対照表", "入力チェック"]);
  });

  it("titles 評価集計 with the evaluated year in the era", () => {
    expect(out.value("評価集計", "A1")).toBe("○令和4年度実績における評価");
  });

  it("lays out table 1 exactly as the seed: A評価…D評価 over 基本目標1…4 × 数値目標/KPI and 合計, zero shown blank", () => {
    expect(out.block("評価集計", "C3:F3")).toEqual([["A評価", "B評価", "C評価", "D評価"]]);
    expect(out.block("評価集計", "A4:F13")).toEqual(SEED_TABLE1_CELLS);
    expect(out.value("評価集計", "G3")).toBeNull(); // no 未評価 note: every indicator is graded
  });

  it("merges each goal label over its two rows", () => {
    const ws = out.wb.getWorksheet("評価集計")!;
    for (const r of [4, 6, 8, 10, 12]) expect(ws.getCell(`A${r + 1}`).master.address).toBe(`A${r}`);
  });

  it("lays out table 2 as the seed: 評価 | 見直し基準 | 修正指標数 | 修正内容", () => {
    expect(out.value("評価集計", "A16")).toBe("○評価ごとの見直し基準と見直し内容");
    expect([out.value("評価集計", "A18"), out.value("評価集計", "B18"), out.value("評価集計", "F18"), out.value("評価集計", "G18")]).toEqual([
      "評価",
      "見直し基準",
      "修正指標数",
      "修正内容",
    ]);
    const rows = [19, 20, 21, 22].map((r) => [out.value("評価集計", `A${r}`), out.value("評価集計", `F${r}`), out.value("評価集計", `G${r}`)]);
    expect(rows).toEqual([
      ["A評価", 14, "すべての目標値を修正"],
      ["B評価", 2, "目標値の修正 … 1指標\n指標名の修正 … 1指標"],
      ["C評価", 9, "目標値の修正 … 5指標\n指標名の変更 … 4指標"],
      ["D評価", 1, "新たな指標を設定"],
    ]);
    expect(String(out.value("評価集計", "B19"))).toContain("上方修正を基本");
    expect(String(out.value("評価集計", "B21"))).toContain("コロナ禍や物価高騰");
    expect(String(out.value("評価集計", "B22"))).toContain("代替指標");
  });

  it("is print-ready: A4, borders and a header fill on the tables, a font that shows Japanese", () => {
    const ws = out.wb.getWorksheet("評価集計")!;
    expect(ws.pageSetup.paperSize).toBe(9);
    const header = ws.getCell("C3");
    expect(header.border?.top?.style).toBe("thin");
    expect(header.fill).toMatchObject({ type: "pattern", pattern: "solid" });
    expect(header.font?.name).toMatch(/ゴシック|Gothic|Meiryo|メイリオ|Yu/);
    expect(ws.getColumn(1).width).toBeGreaterThan(8);
  });

  // Issue 3 says 27 revised indicators, but the seed's table 2 sums to 14 + 2 + 9 + 1 = 26.
  it("lists the 26 revised indicators of table 2 in 新旧対照表, before and after", () => {
    const rows = out
      .rows("新旧対照表")
      .slice(2)
      .filter((r) => r.length > 0);
    expect(rows).toHaveLength(SEED_REVISED);
    const header = out.rows("新旧対照表")[1];
    const col = (label: string) => header.findIndex((h) => String(h).startsWith(label));
    const farm = rows.find((r) => r[col("指標名（現行）")] === "新規就農者数（累計）")!;
    expect([farm[col("目標値（現行）")], farm[col("目標値（見直し後）")], farm[col("見直し区分")]]).toEqual([100, 115, "目標値の修正"]);
    const tourism = rows.find((r) => r[col("指標名（現行）")] === "観光入込客数")!;
    expect(tourism[col("指標名（見直し後）")]).toBe("主要観光施設の入込客数");
    const byGrade: Record<string, number> = {};
    for (const r of rows) byGrade[String(r[col("評価")])] = (byGrade[String(r[col("評価")])] ?? 0) + 1;
    expect(byGrade).toEqual({ A: 14, B: 2, C: 9, D: 1 });
  });

  it("lists every indicator once in 見直し一覧", () => {
    const rows = out
      .rows("見直し一覧")
      .slice(2)
      .filter((r) => r.length > 0);
    expect(rows).toHaveLength(SEED_INDICATORS);
  });

  it("lists the grade mismatches in 入力チェック with their cells", () => {
    const rows = out.rows("入力チェック").slice(2);
    const mismatches = rows.filter((r) => r[4] === "grade.mismatch");
    expect(mismatches.length).toBeGreaterThanOrEqual(3);
    expect(mismatches.every((r) => /^N\d+$/.test(String(r[3])))).toBe(true);
  });

  it("lays out the changes by strategy package per basic goal, like the seed's （２）具体的施策", () => {
    const rows = out.rows("具体的施策");
    expect(rows[0]).toEqual(["（２）具体的施策"]);
    const goals = rows.filter((r) => /^基本目標\d/.test(String(r[0]))).map((r) => String(r[0]).slice(0, 5));
    expect(goals).toEqual(["基本目標1", "基本目標2", "基本目標3", "基本目標4"]);
    const packages = rows.filter((r) => r.length === 2 && r[0] !== "戦略パッケージ").map((r) => r[0]);
    expect(packages).toHaveLength(14 + 2);
    expect(packages).toContain("（新規）「ゼロカーボンシティだいせん」の実現");
  });

  it("prints table 1 and table 2 on stdout", () => {
    expect(stdout).toContain("○令和4年度実績における評価");
    expect(stdout).toContain("すべての目標値を修正");
  });
});

describe("the JSON report of the sample", () => {
  it("has schemaVersion 1 and fiscal year 2022", () => {
    expect(report.schemaVersion).toBe(1);
    expect(report.fiscalYear).toBe(2022);
  });
  it("carries the seed's table 1 and table 2", () => {
    expect(report.tally).toEqual(SEED_TALLY);
    expect(report.revisions).toEqual(SEED_REVISIONS);
  });
  it("names the fields of each indicator as SPEC does", () => {
    expect(report.indicators).toHaveLength(SEED_INDICATORS);
    const ind = report.indicators[0];
    expect(ind).toEqual(
      expect.objectContaining({
        source: { file: "sample-evaluation.xlsx", sheet: "評価シート", row: expect.any(Number) },
        goal: 1,
        category: "numerical",
        name: expect.any(String),
        grade: expect.any(String),
        referenceGrade: expect.anything(),
        progress: expect.any(Number),
        suggestion: expect.objectContaining({ action: expect.any(String), reason: expect.any(String) }),
      }),
    );
    expect("newTarget" in (ind.suggestion as object)).toBe(true);
  });
  it("names the fields of each diagnostic as SPEC does", () => {
    for (const d of report.diagnostics) expect(Object.keys(d).sort()).toEqual(["cell", "code", "file", "message", "severity", "sheet"]);
  });
  it("gives every A-grade indicator a suggested new target with its reason, unless its actual already sits on the target", () => {
    const a = report.indicators.filter((i) => i.grade === "A");
    expect(a).toHaveLength(20);
    for (const i of a) {
      const s = i.suggestion as { action: string; newTarget: number | null; reason: string };
      expect(s.reason).not.toBe("");
      if (s.newTarget === null) expect(s.action).toBe("見直しを検討");
    }
    expect(a.filter((i) => (i.suggestion as { newTarget: number | null }).newTarget !== null).length).toBeGreaterThanOrEqual(19);
  });
});

describe("--json -", () => {
  it("prints only the JSON report on stdout", async () => {
    const m = memoryIo(dir);
    const rc = await main(["summarize", "sample-evaluation.xlsx", "--json", "-"], m.io);
    expect(rc).toBe(0);
    const parsed = JSON.parse(m.out());
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.fiscalYear).toBe(2022);
    expect(parsed.tally).toEqual(SEED_TALLY);
    expect(parsed.revisions).toEqual(SEED_REVISIONS);
    expect(m.out().trim().startsWith("{")).toBe(true);
    expect(m.out().trim().endsWith("}")).toBe(true);
  });
});
