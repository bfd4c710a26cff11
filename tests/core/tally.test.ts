import { completion, tallyGrades, tallyRevisions } from "../../src/core/tally";
import { toReport } from "../../src/core/report";
import { parseSettings } from "../../src/core/settings";
import { Grade, SheetInput } from "../../src/core/types";
import { HEADER, row, run, sheet } from "../helpers/grid";
import { sampleCells, SAMPLE_HEADER, sampleModule } from "../helpers/xlsx";
import { SEED_REVISIONS, SEED_TALLY } from "../helpers/seed";

const sampleRows = sampleModule.buildSampleRows();

/** The sample's 63 indicators as one sheet (one-row header, columns in another order). */
const sampleSheet = (file = "sample.xlsx", rows = sampleRows): SheetInput => sheet([SAMPLE_HEADER, ...rows.map(sampleCells)], { file, sheet: "評価シート" });

describe("the official tally", () => {
  it("reproduces the seed's table 1 from the sample's 63 indicators", () => {
    const result = run(sampleSheet());
    expect(result.indicators).toHaveLength(63);
    const report = toReport(result);
    expect(report.tally).toEqual(SEED_TALLY);
    expect(report.fiscalYear).toBe(2022);
  });

  it("reproduces the seed's table 2 from the decided revisions", () => {
    expect(run(sampleSheet()).revisions).toEqual(SEED_REVISIONS);
  });

  it("counts ungraded indicators apart, per goal and category, and not in the grade columns", () => {
    const rows = [
      [...HEADER],
      row({ 基本目標: 1, 区分: "数値目標", 指標名: "a", 評価: "A" }),
      row({ 基本目標: 1, 区分: "KPI", 指標名: "b" }),
      row({ 基本目標: 2, 区分: "KPI", 指標名: "c", 評価: "優" }),
      row({ 基本目標: 2, 区分: "KPI", 指標名: "d", 評価: "ｃ" }),
    ];
    const tally = run(sheet(rows)).tally;
    expect(tally.ungraded).toBe(2);
    expect(tally.goals.map((g) => g.ungraded)).toEqual([
      { numerical: 0, kpi: 1 },
      { numerical: 0, kpi: 1 },
    ]);
    expect(tally.total.kpi).toEqual({ A: 0, B: 0, C: 1, D: 0 });
    expect(tally.total.numerical).toEqual({ A: 1, B: 0, C: 0, D: 0 });
  });

  it("tallies revisions only for graded indicators", () => {
    const rows = [
      [...HEADER],
      row({ 基本目標: 1, 区分: "KPI", 指標名: "a", 評価: "C", 見直し区分: "指標名の変更", 見直し後の指標名: "a2" }),
      row({ 基本目標: 1, 区分: "KPI", 指標名: "b", 見直し区分: "目標値の修正", 見直し後の目標値: 5 }),
    ];
    const inds = run(sheet(rows)).indicators;
    const revisions = tallyRevisions(inds);
    expect(revisions.C).toEqual({ count: 1, byType: { 指標名の変更: 1 } });
    expect((["A", "B", "D"] as Grade[]).map((g) => revisions[g].count)).toEqual([0, 0, 0]);
    expect(tallyGrades(inds).ungraded).toBe(1);
  });
});

describe("the evaluation year", () => {
  const rows = [[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: "移住者数", 基準値: 0, 目標値: 100, 令和3年度: 70, 令和4年度: 120, 評価: "C" })];
  it("is the latest year with data unless configured", () => {
    const result = run(sheet(rows));
    expect(result.fiscalYear).toBe(2022);
    expect(result.indicators[0].referenceGrade).toBe("A");
  });
  it("can be set, and later actuals are then ignored", () => {
    const r = parseSettings({ evaluationYear: 2021 });
    if (!r.ok) throw new Error("settings refused");
    const result = run(sheet(rows), { settings: r.settings });
    expect(result.fiscalYear).toBe(2021);
    expect(result.indicators[0].referenceGrade).toBe("C");
    expect(result.indicators[0].progress).toBeCloseTo(0.7);
  });
});

describe("consolidation", () => {
  const a = (file: string, grade = "A") =>
    sheet([[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: "新規就農者数（累計）", 目標値: 100, 令和4年度: 70, 評価: grade, 担当課: "農業振興課" })], {
      file,
    });

  it("reports an indicator found in two sources once and counts it once", () => {
    const result = run([a("農業振興課.xlsx"), a("総合政策課.xlsx")]);
    expect(result.indicators).toHaveLength(1);
    const dups = result.diagnostics.filter((d) => d.code === "indicator.duplicate");
    expect(dups).toHaveLength(1);
    expect(dups[0]).toMatchObject({ file: "総合政策課.xlsx", cell: "C2", severity: "warning" });
    expect(dups[0].message).toContain("農業振興課.xlsx");
    expect(result.tally.total.kpi.A).toBe(1);
  });

  it("reports each extra copy once: three sources give two duplicate reports", () => {
    const result = run([a("1.xlsx"), a("2.xlsx"), a("3.xlsx")]);
    expect(result.indicators).toHaveLength(1);
    expect(result.diagnostics.filter((d) => d.code === "indicator.duplicate")).toHaveLength(2);
  });

  it("matches duplicates whatever the full-width or spacing of the name", () => {
    const b = sheet([[...HEADER], row({ 基本目標: "１", 区分: "ＫＰＩ", 指標名: "新規就農者数 (累計)", 目標値: 100, 評価: "B" })], { file: "b.xlsx" });
    expect(run([a("a.xlsx"), b]).indicators).toHaveLength(1);
  });

  it("keeps the source with the newer actuals when the settings say duplicatePolicy newest", () => {
    const older = sheet([[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: "移住者数", 目標値: 100, 令和3年度: 50, 評価: "C" })], { file: "old.xlsx" });
    const newer = sheet([[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: "移住者数", 目標値: 100, 令和3年度: 50, 令和4年度: 90, 評価: "B" })], {
      file: "new.xlsx",
    });
    const r = parseSettings({ duplicatePolicy: "newest" });
    if (!r.ok) throw new Error("settings refused");
    expect(run([older, newer], { settings: r.settings }).indicators.map((i) => [i.source.file, i.grade])).toEqual([["new.xlsx", "B"]]);
    expect(run([older, newer]).indicators.map((i) => [i.source.file, i.grade])).toEqual([["old.xlsx", "C"]]);
  });

  it("keeps the same name under two different goals as two indicators", () => {
    const b = sheet([[...HEADER], row({ 基本目標: 2, 区分: "KPI", 指標名: "新規就農者数（累計）", 評価: "B" })], { file: "b.xlsx" });
    expect(run([a("a.xlsx"), b]).indicators).toHaveLength(2);
  });

  it("splits the sample by department and gives the seed's table exactly", () => {
    const departments = [...new Set(sampleRows.map((r) => r.department))];
    expect(departments.length).toBeGreaterThan(5);
    const sheets = departments.map((d) =>
      sampleSheet(
        `${d}.xlsx`,
        sampleRows.filter((r) => r.department === d),
      ),
    );
    const result = run(sheets);
    expect(toReport(result).tally).toEqual(SEED_TALLY);
    expect(result.revisions).toEqual(SEED_REVISIONS);
    expect(result.diagnostics.filter((d) => d.code === "indicator.duplicate")).toEqual([]);
  });

  it("reports every indicator as a duplicate when the combined sample meets the department files, and still gives the seed's table", () => {
    const departments = [...new Set(sampleRows.map((r) => r.department))];
    const sheets = [
      sampleSheet("combined.xlsx"),
      ...departments.map((d) =>
        sampleSheet(
          `${d}.xlsx`,
          sampleRows.filter((r) => r.department === d),
        ),
      ),
    ];
    const result = run(sheets);
    expect(result.indicators).toHaveLength(63);
    expect(result.diagnostics.filter((d) => d.code === "indicator.duplicate")).toHaveLength(63);
    expect(toReport(result).tally).toEqual(SEED_TALLY);
    expect(result.revisions).toEqual(SEED_REVISIONS);
  });
});

describe("completion per department", () => {
  it("shows per department how many indicators are graded and how many are blank", () => {
    const rows = [
      [...HEADER],
      row({ 基本目標: 1, 区分: "KPI", 指標名: "a", 評価: "A", 担当課: "農業振興課" }),
      row({ 基本目標: 1, 区分: "KPI", 指標名: "b", 担当課: "農業振興課" }),
      row({ 基本目標: 1, 区分: "KPI", 指標名: "c", 評価: "B", 担当課: "観光振興課", 見直し区分: "目標値の修正", 見直し後の目標値: 3 }),
      row({ 基本目標: 1, 区分: "KPI", 指標名: "d", 評価: "C" }),
    ];
    const result = run(sheet(rows));
    const byDept = Object.fromEntries(result.completion.map((r) => [r.department, r]));
    expect(byDept["農業振興課"]).toMatchObject({ indicators: 2, graded: 1, ungraded: 1, decided: 0 });
    expect(byDept["観光振興課"]).toMatchObject({ indicators: 1, graded: 1, ungraded: 0, decided: 1 });
    expect(byDept["（担当課未記入）"]).toMatchObject({ indicators: 1, graded: 1, ungraded: 0 });
    expect(byDept["農業振興課"].diagnostics).toBeGreaterThanOrEqual(1); // grade.missing on row 3
    // Departments with blanks first.
    expect(result.completion[0].department).toBe("農業振興課");
  });

  it("counts the sample's 63 indicators as all graded", () => {
    const rows = completion(run(sampleSheet()).indicators, [], "-");
    expect(rows.reduce((n, r) => n + r.indicators, 0)).toBe(63);
    expect(rows.every((r) => r.ungraded === 0)).toBe(true);
  });
});

describe("completion per source", () => {
  it("counts each file and sheet apart, in the order they were read", () => {
    const dept = (file: string, graded: boolean) =>
      sheet([[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: `指標${file}`, 担当課: "農業振興課", ...(graded ? { 評価: "A" } : {}) })], {
        file,
        sheet: "評価シート",
      });
    const result = run([dept("a.xlsx", true), dept("b.xlsx", false)]);
    expect(result.completionBySource.map((r) => [r.file, r.sheet, r.indicators, r.graded, r.ungraded])).toEqual([
      ["a.xlsx", "評価シート", 1, 1, 0],
      ["b.xlsx", "評価シート", 1, 0, 1],
    ]);
    expect(result.completionBySource[1].diagnostics).toBe(1); // grade.missing on b.xlsx row 2
  });
});
