import { classifyHeader } from "../../src/core/headers";
import { readSheet } from "../../src/core/read";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { Diagnostic, SheetInput } from "../../src/core/types";
import { HEADER, row, run, runRows, sheet } from "../helpers/grid";

const read = (input: SheetInput) => readSheet(input, DEFAULT_SETTINGS, "ja");
const codes = (ds: readonly Diagnostic[]): string[] => ds.map((d) => d.code);
const at = (ds: readonly Diagnostic[], code: string): string[] => ds.filter((d) => d.code === code).map((d) => d.cell);

const r1 = row({ 基本目標: 1, 区分: "KPI", 指標名: "新規就農者数", 単位: "人", 基準値: 10, 目標値: 20, 令和4年度: 21, 評価: "A" });
const r2 = row({ 基本目標: 1, 区分: "KPI", 指標名: "企業誘致件数", 単位: "社", 基準値: 0, 目標値: 10, 令和4年度: 9, 評価: "B" });

describe("finding the table", () => {
  it("finds the header below title rows and a blank row", () => {
    const rows = [["第2期総合戦略 数値目標・KPI 評価シート（令和4年度実績）"], ["評価：A 達成率100%以上"], [], [...HEADER], r1, r2];
    const reading = read(sheet(rows));
    expect(reading.isEvaluationSheet).toBe(true);
    expect(reading.headerRows).toEqual([4]);
    expect(reading.indicators.map((i) => [i.name, i.source.row])).toEqual([
      ["新規就農者数", 5],
      ["企業誘致件数", 6],
    ]);
  });

  it("reads a two-row header with 基準値 and 目標値 over 数値|年度 and 実績値 over the years", () => {
    const rows = [
      ["基本目標", "区分", "指標名", "基準値", null, "目標値", null, "実績値", null, null, "評価"],
      [null, null, null, "数値", "年度", "数値", "年度", "令和2年度", "令和3年度", "令和4年度", null],
      [1, "KPI", "移住者数", 100, "R1", 200, "R6", 120, 150, 180, "B"],
    ];
    const merges = [
      { top: 0, left: 3, bottom: 0, right: 4 },
      { top: 0, left: 5, bottom: 0, right: 6 },
      { top: 0, left: 7, bottom: 0, right: 9 },
      { top: 0, left: 0, bottom: 1, right: 0 },
      { top: 0, left: 1, bottom: 1, right: 1 },
      { top: 0, left: 2, bottom: 1, right: 2 },
      { top: 0, left: 10, bottom: 1, right: 10 },
    ];
    const reading = read(sheet(rows, { merges }));
    expect(reading.headerRows).toEqual([1, 2]);
    const [ind] = reading.indicators;
    expect(ind).toMatchObject({ name: "移住者数", baseline: 100, baselineYear: 2019, target: 200, targetYear: 2024, grade: "B" });
    expect(ind.actuals).toEqual([
      { year: 2020, value: 120 },
      { year: 2021, value: 150 },
      { year: 2022, value: 180 },
    ]);
    expect(reading.columns).toMatchObject({ baseline: "D", baselineYear: "E", target: "F", targetYear: "G", "actual:2022": "J", grade: "K" });
  });

  it("reads the columns by their headers whatever their order", () => {
    const order = [...HEADER.keys()].reverse();
    const shuffle = (r: readonly unknown[]) => order.map((i) => r[i]);
    const a = run(sheet([[...HEADER], r1, r2])).indicators;
    const b = run(sheet([shuffle(HEADER), shuffle(r1), shuffle(r2)])).indicators;
    const strip = (xs: typeof a) => xs.map(({ cells, ...rest }) => (void cells, rest));
    expect(strip(b)).toEqual(strip(a));
    expect(b[0].cells.grade).toBe("F2"); // 評価 is 6th from the right of 17 columns
  });

  it("reads English headers", () => {
    const rows = [
      ["Goal", "Category", "Indicator", "Unit", "Baseline", "Target", "Target year", "FY2020", "FY2021", "FY2022", "Grade", "Reason", "Department"],
      [2, "KPI", "Tourists", "people", 1000, 2000, 2024, 1100, 1300, 1500, "C", "COVID-19", "Tourism"],
    ];
    const [ind] = read(sheet(rows)).indicators;
    expect(ind).toMatchObject({
      goal: 2,
      category: "kpi",
      name: "Tourists",
      unit: "people",
      baseline: 1000,
      target: 2000,
      targetYear: 2024,
      grade: "C",
      reason: "COVID-19",
      department: "Tourism",
    });
    expect(ind.actuals.map((a) => a.year)).toEqual([2020, 2021, 2022]);
  });

  it("recognizes the usual header synonyms", () => {
    expect(classifyHeader("重要業績評価指標（KPI）等")).toEqual({ kind: "field", field: "name" });
    expect(classifyHeader("達成状況の評価")).toEqual({ kind: "field", field: "grade" });
    expect(classifyHeader("現状値")).toEqual({ kind: "field", field: "baseline" });
    expect(classifyHeader("所管課")).toEqual({ kind: "field", field: "department" });
    expect(classifyHeader("R4実績")).toEqual({ kind: "actual", year: 2022 });
    expect(classifyHeader("見直し後の目標値")).toEqual({ kind: "field", field: "newTarget" });
  });

  it("does not take a cover sheet for an evaluation sheet", () => {
    const cover = sheet([["第2期大仙市まち・ひと・しごと創生総合戦略"], ["令和4年度 評価結果"], [], ["大仙市 企画部 総合政策課"]], { sheet: "表紙" });
    const reading = read(cover);
    expect(reading.isEvaluationSheet).toBe(false);
    expect(reading.indicators).toEqual([]);
    const result = run([cover, sheet([[...HEADER], r1])]);
    expect(result.indicators).toHaveLength(1);
    expect(result.diagnostics.filter((d) => d.sheet === "表紙")).toEqual([]);
  });
});

describe("rows that are not indicators", () => {
  it("fills the goal down from a merged cell and from blank cells below the first row", () => {
    const rows = [
      [...HEADER],
      row({ 基本目標: "基本目標1\nだいせんの未来", 区分: "数値目標", 指標名: "農業産出額", 評価: "B" }),
      row({ 区分: "KPI", 指標名: "新規就農者数", 評価: "A" }),
      row({ 基本目標: "基本目標２", 区分: "KPI", 指標名: "移住者数", 評価: "A" }),
      row({ 区分: "KPI", 指標名: "移住相談件数", 評価: "C" }),
    ];
    // Goal 1 merged over rows 2–3 (the reader sees only the master cell); goal 2 left blank below.
    const inds = runRows(rows, { merges: [{ top: 1, left: 0, bottom: 2, right: 0 }] }).indicators;
    expect(inds.map((i) => [i.name, i.goal])).toEqual([
      ["農業産出額", 1],
      ["新規就農者数", 1],
      ["移住者数", 2],
      ["移住相談件数", 2],
    ]);
    expect(inds[1].goalName).toBe("だいせんの未来");
  });

  it("fills the strategy package down, and a new goal starts without one", () => {
    const rows = [
      ["基本目標", "戦略パッケージ", "区分", "指標名", "目標値", "評価"],
      [1, "(1)農業の振興", "KPI", "新規就農者数", 10, "A"],
      [null, null, "KPI", "園芸販売額", 10, "B"],
      [2, null, "数値目標", "移住者数", 10, "C"],
    ];
    expect(runRows(rows).indicators.map((i) => i.package)).toEqual(["(1)農業の振興", "(1)農業の振興", undefined]);
  });

  it("skips 小計 rows, ※ notes and blank rows without a diagnostic", () => {
    const rows = [[...HEADER], r1, row({ 基本目標: "小計", 評価: "3" }), [], row({ 基本目標: "※ 評価は担当課が入力", 評価: "X" }), r2];
    const result = runRows(rows);
    expect(result.indicators.map((i) => i.name)).toEqual(["新規就農者数", "企業誘致件数"]);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});

describe("diagnostics", () => {
  // 評価 in column O; two title rows, header on row 3, data on rows 4 and 5.
  const wide = [
    "基本目標",
    "戦略パッケージ",
    "区分",
    "指標名",
    "単位",
    "基準値",
    "基準年度",
    "目標値",
    "目標年度",
    "累計/単年度",
    "令和2年度",
    "令和3年度",
    "令和4年度",
    "担当課",
    "評価",
    "評価理由",
  ];
  const wideRow = (name: string, grade: unknown, extra: Record<number, unknown> = {}) => {
    const r: unknown[] = [1, "(1)農業", "KPI", name, "人", 10, "R1", 20, "R6", "単年度", 12, 14, 16, "農業振興課", grade, ""];
    for (const [i, v] of Object.entries(extra)) r[Number(i)] = v;
    return r;
  };
  const titled = (...data: unknown[][]) => [["評価シート"], ["令和4年度実績"], wide, ...data];

  it("reports an invalid grade in column O row 5 at O5, with its file and sheet, and counts it apart", () => {
    const input: SheetInput = { file: "農業振興課.xlsx", sheet: "R4評価", rows: titled(wideRow("新規就農者数", "A"), wideRow("園芸販売額", "優")) };
    const result = run(input);
    const d = result.diagnostics.find((x) => x.code === "grade.invalid");
    expect(d).toMatchObject({ file: "農業振興課.xlsx", sheet: "R4評価", cell: "O5", severity: "error" });
    expect(d?.message).toContain("優");
    expect(result.tally.ungraded).toBe(1);
    expect(result.tally.total.kpi).toEqual({ A: 1, B: 0, C: 0, D: 0 });
  });

  it("reports a missing grade as grade.missing and counts it as 未評価", () => {
    const result = run(sheet(titled(wideRow("新規就農者数", null))));
    expect(at(result.diagnostics, "grade.missing")).toEqual(["O4"]);
    expect(result.tally.ungraded).toBe(1);
  });

  it("reports a number it cannot read as value.invalid on its cell and keeps the row", () => {
    const result = run(sheet(titled(wideRow("新規就農者数", "B", { 7: "二十" }))));
    expect(at(result.diagnostics, "value.invalid")).toEqual(["H4"]);
    expect(result.indicators).toHaveLength(1);
    expect(result.indicators[0].target).toBeUndefined();
  });

  it("reports an error value in an actual as value.error", () => {
    const result = run(sheet(titled(wideRow("新規就農者数", "B", { 12: "#N/A" }))));
    expect(at(result.diagnostics, "value.error")).toEqual(["M4"]);
  });

  it("reports an unreadable goal as goal.invalid and leaves the row out of the tally", () => {
    const result = run(sheet(titled(wideRow("新規就農者数", "A"), wideRow("園芸販売額", "B", { 0: "産業振興" }))));
    expect(at(result.diagnostics, "goal.invalid")).toEqual(["A5"]);
    expect(result.indicators.map((i) => i.name)).toEqual(["新規就農者数"]);
  });

  it("reports an unknown revision type as revision.invalid and counts it nowhere", () => {
    const rows = [[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: "新規就農者数", 目標値: 10, 令和4年度: 12, 評価: "A", 見直し区分: "廃止" })];
    const result = runRows(rows);
    expect(at(result.diagnostics, "revision.invalid")).toEqual(["O2"]);
    expect(result.indicators[0].decided).toBeUndefined();
    expect(result.revisions.A.count).toBe(0);
  });

  it("warns revision.ungraded when a revision is decided for an ungraded indicator", () => {
    const rows = [[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: "新規就農者数", 目標値: 10, 見直し区分: "目標値の修正", 見直し後の目標値: 12 })];
    const result = runRows(rows);
    expect(result.diagnostics.find((d) => d.code === "revision.ungraded")).toMatchObject({ cell: "O2", severity: "warning" });
  });

  it("counts a blank revision type with a new target filled as 目標値の修正", () => {
    const rows = [[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: "新規就農者数", 目標値: 10, 令和4年度: 12, 評価: "A", 見直し後の目標値: "１５" })];
    expect(runRows(rows).indicators[0].decided).toEqual({ type: "目標値の修正", newTarget: 15 });
  });

  it("reports a new target that is not a number", () => {
    const rows = [
      [...HEADER],
      row({ 基本目標: 1, 区分: "KPI", 指標名: "新規就農者数", 目標値: 10, 評価: "A", 見直し区分: "目標値の修正", 見直し後の目標値: "検討中" }),
    ];
    expect(at(runRows(rows).diagnostics, "revision.newTarget.invalid")).toEqual(["P2"]);
  });

  it("still processes the rest of the sheet after a bad cell", () => {
    const result = run(sheet(titled(wideRow("a", "優"), wideRow("b", "B", { 0: "産業" }), wideRow("c", "C", { 7: "?" }), wideRow("d", "D"))));
    expect(result.indicators.map((i) => i.name)).toEqual(["a", "c", "d"]);
    expect(codes(result.diagnostics)).toEqual(expect.arrayContaining(["grade.invalid", "goal.invalid", "value.invalid"]));
  });
});

describe("formula-like text", () => {
  it.each(["=SUM(A1:A3)", "+81 国際電話の件数", "-1人当たり医療費", "@障害者相談件数"])("keeps the name %j as text", (name) => {
    const rows = [[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: name, 目標値: 10, 令和4年度: 5, 評価: "D" })];
    const [ind] = runRows(rows).indicators;
    expect(ind.name).toBe(name);
  });
});
