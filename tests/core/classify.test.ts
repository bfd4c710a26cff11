import { computeProgress, elapsedShare, gradeFromProgress, inferDirection } from "../../src/core/classify";
import { DEFAULT_SETTINGS, parseSettings, Settings } from "../../src/core/settings";
import { Indicator } from "../../src/core/types";
import { HEADER, actuals, indicator, row, runRows } from "../helpers/grid";

const progressOf = (ind: Indicator, settings: Settings = DEFAULT_SETTINGS, year = 2022): number | undefined => computeProgress(ind, settings, year).progress;
const gradeOf = (ind: Indicator, settings: Settings = DEFAULT_SETTINGS): string | undefined => {
  const p = progressOf(ind, settings);
  return p === undefined ? undefined : gradeFromProgress(p, settings);
};

describe("reference grade (参考評価)", () => {
  it("grades a single-year target by (actual − baseline) / (target − baseline): 180 of 100→200 is 80 %, B", () => {
    const ind = indicator({ baseline: 100, target: 200, actuals: actuals({ 2021: 150, 2022: 180 }) });
    expect(progressOf(ind)).toBeCloseTo(0.8);
    expect(gradeOf(ind)).toBe("B");
  });

  it("uses the latest year with data, not a later empty one", () => {
    const ind = indicator({ baseline: 0, target: 100, actuals: actuals({ 2020: 30, 2021: 65 }) });
    expect(progressOf(ind)).toBeCloseTo(0.65);
  });

  it("pro-rates a cumulative target to the elapsed years of the plan 2020–2024: 60 of 100 after 3 of 5 years is on track, A", () => {
    const ind = indicator({ targetKind: "cumulative", baseline: 0, target: 100, targetYear: 2024, actuals: actuals({ 2020: 20, 2021: 40, 2022: 60 }) });
    expect(elapsedShare(DEFAULT_SETTINGS, 2022, 2024)).toBeCloseTo(0.6);
    expect(progressOf(ind)).toBeCloseTo(1);
    expect(gradeOf(ind)).toBe("A");
  });

  it("grades the same 60 of 100 as a single-year target at 60 %, C", () => {
    const ind = indicator({ targetKind: "single", baseline: 0, target: 100, targetYear: 2024, actuals: actuals({ 2022: 60 }) });
    expect(gradeOf(ind)).toBe("C");
  });

  it("pro-rates a cumulative target without baseline: 34 of 50 after 3 of 5 years is 113 %, A", () => {
    const ind = indicator({ targetKind: "cumulative", target: 50, actuals: actuals({ 2022: 34 }) });
    expect(progressOf(ind)).toBeCloseTo(34 / 30);
    expect(gradeOf(ind)).toBe("A");
  });

  it("infers lower-is-better from a target below the baseline and grades a fall as progress", () => {
    const ind = indicator({ baseline: 142, target: 120, actuals: actuals({ 2021: 112, 2022: 130 }) });
    expect(inferDirection(ind)).toBe("down");
    expect(progressOf(ind)).toBeCloseTo(12 / 22);
    expect(gradeOf(ind)).toBe("D");
    expect(gradeOf({ ...ind, actuals: actuals({ 2022: 105 }) })).toBe("A");
  });

  it("uses achievement actual / target without a baseline: 40 of 50 is 80 %, B", () => {
    const ind = indicator({ target: 50, actuals: actuals({ 2022: 40 }) });
    expect(progressOf(ind)).toBeCloseTo(0.8);
    expect(gradeOf(ind)).toBe("B");
  });

  it("inverts achievement for lower-is-better without a baseline: 20 against a target of 10 is 50 %, D", () => {
    const ind = indicator({ target: 10, direction: "down", actuals: actuals({ 2022: 20 }) });
    expect(progressOf(ind)).toBeCloseTo(0.5);
    expect(gradeOf(ind)).toBe("D");
  });

  it("gives no reference grade without an actual or a target", () => {
    expect(progressOf(indicator({ target: 10 }))).toBeUndefined();
    expect(progressOf(indicator({ actuals: actuals({ 2022: 5 }) }))).toBeUndefined();
  });

  it("does not divide by zero when the target equals the baseline", () => {
    const p = progressOf(indicator({ baseline: 10, target: 10, actuals: actuals({ 2022: 10 }) }));
    expect(p === undefined || Number.isFinite(p)).toBe(true);
  });

  it("reaches a band at its exact boundary despite floating point", () => {
    expect(gradeFromProgress(0.7999999999999, DEFAULT_SETTINGS)).toBe("B");
    expect(gradeFromProgress(1, DEFAULT_SETTINGS)).toBe("A");
    expect(gradeFromProgress(0.6, DEFAULT_SETTINGS)).toBe("C");
    expect(gradeFromProgress(0.59, DEFAULT_SETTINGS)).toBe("D");
  });

  it("takes its bands from the settings", () => {
    const r = parseSettings({ bands: { A: 1.2, B: 0.9, C: 0.5 } });
    if (!r.ok) throw new Error("settings refused");
    const ind = indicator({ baseline: 0, target: 100, actuals: actuals({ 2022: 110 }) });
    expect(gradeOf(ind)).toBe("A");
    expect(gradeOf(ind, r.settings)).toBe("B");
    expect(gradeFromProgress(0.55, r.settings)).toBe("C");
  });

  it("uses actual / due when the settings choose the achievement formula", () => {
    const r = parseSettings({ progressFormula: "achievement" });
    if (!r.ok) throw new Error("settings refused");
    const ind = indicator({ baseline: 100, target: 200, actuals: actuals({ 2022: 180 }) });
    expect(progressOf(ind, r.settings)).toBeCloseTo(0.9);
  });
});

describe("entered grade against the reference grade", () => {
  const rows = [
    [...HEADER],
    row({ 基本目標: 1, 区分: "KPI", 指標名: "新規就農者数", 基準値: 0, 目標値: 100, 令和4年度: 60, 評価: "A" }),
    row({ 基本目標: 1, 区分: "KPI", 指標名: "企業誘致件数", 基準値: 0, 目標値: 100, 令和4年度: 100, 評価: "A" }),
  ];

  it("warns grade.mismatch on the grade cell where entered A differs from reference C", () => {
    const result = runRows(rows);
    const mismatches = result.diagnostics.filter((d) => d.code === "grade.mismatch");
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]).toMatchObject({ cell: "L2", severity: "warning" });
    expect(mismatches[0].message).toMatch(/A.*C.*60\.0%/);
  });

  it("never changes the entered grade: the tally counts it as entered", () => {
    const result = runRows(rows);
    expect(result.indicators.map((i) => [i.grade, i.referenceGrade])).toEqual([
      ["A", "C"],
      ["A", "A"],
    ]);
    expect(result.tally.total.kpi).toEqual({ A: 2, B: 0, C: 0, D: 0 });
  });
});
