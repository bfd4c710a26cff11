import { parseNumber } from "../../src/core/normalize";
import { parseSettings, Settings } from "../../src/core/settings";
import { SheetInput } from "../../src/core/types";
import { run } from "../helpers/grid";

const settingsOf = (json: unknown): Settings => {
  const r = parseSettings(json);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
};
const codes = (diags: readonly { code: string }[]): string[] => diags.map((d) => d.code);

describe("a block per indicator: 期待値 / 実績値 / 達成率 / 評価 rows, fiscal years as columns", () => {
  // One indicator = four rows; the name merged down its block; the grade under the evaluated year.
  const rows: unknown[][] = [
    ["基本目標", "区分", "指標名", "単位", "基準値", "目標値", "項目", "令和2年度", "令和3年度", "令和4年度", "令和5年度", "令和6年度"],
    [1, "KPI", "移住者数", "人", 0, 100, "期待値", 20, 40, 60, 80, 100],
    [null, null, null, null, null, null, "実績値", 15, 35, 55, null, null],
    [null, null, null, null, null, null, "達成率", "75%", "87.5%", "91.7%", null, null],
    [null, null, null, null, null, null, "評価", "C", "B", "B", null, null],
    [2, "数値目標", "観光客数", "千人", 100, 200, "期待値", 120, 140, 160, 180, 200],
    [null, null, null, null, null, null, "実績値", 125, 150, 170, null, null],
    [null, null, null, null, null, null, "達成率", null, null, null, null, null],
    [null, null, null, null, null, null, "評価", "A", "A", "Ｘ", null, null],
  ];
  const merges = [
    { top: 1, left: 0, bottom: 4, right: 0 },
    { top: 1, left: 2, bottom: 4, right: 2 },
    { top: 5, left: 0, bottom: 8, right: 0 },
    { top: 5, left: 2, bottom: 8, right: 2 },
  ];
  const sheet: SheetInput = { file: "block町.xlsx", sheet: "KPI", rows, merges };
  const result = run(sheet);

  it("reads one indicator per block, its actuals by year and each year's target", () => {
    expect(result.indicators.map((i) => [i.name, i.actuals.map((a) => a.value), i.yearTargets?.map((y) => y.value)])).toEqual([
      ["移住者数", [15, 35, 55], [20, 40, 60, 80, 100]],
      ["観光客数", [125, 150, 170], [120, 140, 160, 180, 200]],
    ]);
    expect(result.sheets[0].layout).toBe("block");
  });

  it("takes the grade from the 評価 row under the evaluated year and tallies it", () => {
    expect(result.indicators.map((i) => i.grade)).toEqual(["B", undefined]);
    expect(result.tally.total.kpi).toEqual({ A: 0, B: 1, C: 0, D: 0 });
  });

  it("reports a bad grade at its real cell, under the year in the 評価 row", () => {
    expect(result.diagnostics.find((d) => d.code === "grade.invalid")?.cell).toBe("J9");
  });

  it("judges each year against its own 期待値 (55 of 60 is B), and not by the final target unless asked", () => {
    expect(codes(result.diagnostics)).not.toContain("grade.mismatch");
    const progress = run(sheet, { settings: settingsOf({ rule: "progress" }) });
    expect(progress.diagnostics.filter((d) => d.code === "grade.mismatch").map((d) => d.cell)).toEqual(["J5"]);
  });
});

describe("a large block-per-indicator sheet", () => {
  it("is folded without running out of stack (130,000 rows)", () => {
    const rows: unknown[][] = [
      ["基本目標", "区分", "指標名", "目標値", "項目", "令和3年度", "令和4年度"],
      [1, "KPI", "a", 100, "期待値", 50, 100],
      [null, null, null, null, "実績値", 40, 90],
      [null, null, null, null, "評価", null, "B"],
    ];
    for (let i = 0; i < 130_000; i++) rows.push([]);
    expect(run({ file: "big.xlsx", sheet: "KPI", rows }).indicators.map((i) => i.grade)).toEqual(["B"]);
  });
});

describe("years as column groups with 目標 | 実績 under each", () => {
  const rows: unknown[][] = [
    ["基本目標", "区分", "指標名", "基準値", "令和2年度", null, "令和3年度", null, "令和4年度", null, "評価"],
    [null, null, null, null, "目標", "実績", "目標", "実績", "目標", "実績", null],
    [1, "KPI", "移住者数", 0, 20, 15, 40, 35, 60, 55, "B"],
  ];
  const sheet: SheetInput = {
    file: "g町.xlsx",
    sheet: "KPI",
    rows,
    merges: [
      { top: 0, left: 4, bottom: 0, right: 5 },
      { top: 0, left: 6, bottom: 0, right: 7 },
      { top: 0, left: 8, bottom: 0, right: 9 },
    ],
  };
  const result = run(sheet);

  it("reads the yearly targets as targets, never as actuals", () => {
    const ind = result.indicators[0];
    expect(ind.actuals).toEqual([
      { year: 2020, value: 15 },
      { year: 2021, value: 35 },
      { year: 2022, value: 55 },
    ]);
    expect(ind.yearTargets?.map((y) => y.value)).toEqual([20, 40, 60]);
    expect([ind.target, ind.targetYear]).toEqual([60, 2022]);
  });

  it("fires a mismatch under the yearly rule only where the year's target says so", () => {
    expect(codes(result.diagnostics)).not.toContain("grade.mismatch");
    const strict = run(sheet, { settings: settingsOf({ rule: "yearly", bands: { A: 1.0, B: 0.95, C: 0.6 } }) });
    expect(codes(strict.diagnostics)).toContain("grade.mismatch");
  });
});

describe("a second header row that only annotates", () => {
  it("is a header, not data: （H26） under 基準値, （R6） under 目標値", () => {
    const rows: unknown[][] = [
      ["基本目標", "区分", "指標名", "基準値", "目標値", "令和4年度", "評価"],
      [null, null, null, "（H26）", "（R6）", null, null],
      [1, "KPI", "移住者数", 10, 100, 100, "A"],
    ];
    const result = run({ file: "h町.xlsx", sheet: "KPI", rows });
    expect(result.indicators).toHaveLength(1);
    expect(codes(result.diagnostics)).toEqual([]);
    expect([result.indicators[0].baseline, result.indicators[0].targetYear]).toEqual([10, 2024]);
  });
});

describe("the category as a prefix of the name", () => {
  it("reads ［KPI］ and 【数値目標】 and takes them off the name", () => {
    const rows: unknown[][] = [
      ["基本目標", "指標名", "目標値", "令和4年度", "評価"],
      [1, "【数値目標】人口", 100, 100, "A"],
      [1, "［KPI］移住者数", 100, 90, "B"],
    ];
    const result = run({ file: "k町.xlsx", sheet: "KPI", rows });
    expect(result.indicators.map((i) => [i.category, i.name])).toEqual([
      ["numerical", "人口"],
      ["kpi", "移住者数"],
    ]);
  });
});

describe("values with a unit or a word", () => {
  it.each([
    ["延べ 4", 4],
    ["約1,200", 1200],
    ["4件", 4],
    ["12.5%", 12.5],
    ["延べ1,234人", 1234],
  ])("reads %j as %d", (text, n) => expect(parseNumber(text)).toEqual({ ok: true, value: n }));

  it("does not make 延べ宿泊者数 a cumulative target by its name", () => {
    const rows: unknown[][] = [
      ["基本目標", "区分", "指標名", "目標値", "令和4年度", "評価"],
      [1, "KPI", "延べ宿泊者数", 1000, 900, "B"],
    ];
    expect(run({ file: "n町.xlsx", sheet: "KPI", rows }).indicators[0].targetKind).toBe("single");
  });
});
