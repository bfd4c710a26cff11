// Rows the reader drops or counts when it should not: found while writing the xlsx fuzz
// oracle. The fuzz test skips rows without a name (section rows); these pin what such rows
// and 小計/※ rows under a filled-down goal column do today.

import { HEADER, row, runRows } from "../helpers/grid";

const rowsOf = (r: readonly { source: { row: number } }[]) => r.map((i) => i.source.row);
const diagnosedRows = (d: readonly { cell: string }[]) => d.map((x) => Number(/\d+$/.exec(x.cell)?.[0] ?? 0));

describe("rows without an indicator name", () => {
  it("reports a row with a grade but no name as name.missing", () => {
    const r = runRows([[...HEADER], row({ 基本目標: 1, 区分: "KPI", 目標値: 10, 令和4年度: 5, 評価: "B" })]);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ code: "name.missing", cell: `C2` }));
  });

  it("reads a section row (基本目標2 alone) silently, as context", () => {
    const r = runRows([[...HEADER], ["基本目標2"], row({ 区分: "KPI", 指標名: "移住者数", 評価: "A" })]);
    expect(r.indicators.map((i) => i.goal)).toEqual([2]);
    expect(diagnosedRows(r.diagnostics)).not.toContain(2);
  });

  // Found by the xlsx fuzz oracle, now fixed. Was (src/core/read.ts readSheet, the `if (name === "")` branch: `if (hasData) diag(...
  // "name.missing")` looks at the grade cell only): a row with numbers (baseline, target,
  // actuals) but neither a name nor a grade is dropped without a diagnostic, though SPEC says
  // every cell the reader cannot use becomes one. Input: 1 | KPI | (blank) | 人 | 1 | 10 | … 5 |
  // (no grade); expected: a diagnostic on row 3 (name.missing at C3); actual: nothing.
  it("reports a row with a target and actuals but neither a name nor a grade", () => {
    const r = runRows([
      [...HEADER],
      row({ 基本目標: 1, 区分: "KPI", 指標名: "新規就農者数", 目標値: 10, 令和4年度: 12, 評価: "A" }),
      row({ 基本目標: 1, 区分: "KPI", 単位: "人", 基準値: 1, 目標値: 10, 令和3年度: 4, 令和4年度: 5 }),
    ]);
    expect(diagnosedRows(r.diagnostics)).toContain(3);
  });
});

describe("小計 and ※ rows under a goal column that is filled down", () => {
  // Found by the xlsx fuzz oracle, now fixed. Was (src/core/read.ts readSheet: `if (isNoteOrSubtotal(firstText)) continue` tests only the
  // row's first non-empty cell): when the goal column repeats its value on every row (filled
  // down, or a merge that covers the subtotal), a 小計 row's first text is the goal, so the
  // subtotal is read as an indicator named 小計 and counted as 未評価. Input row 3:
  // 1 | (blank) | 小計 | … 目標値 10 … 令和4年度 5; expected: not an indicator; actual: indicator
  // "小計", tally.ungraded 1, grade.missing at L3.
  it("does not count a 小計 row as an indicator when its goal cell is filled", () => {
    const r = runRows([
      [...HEADER],
      row({ 基本目標: 1, 区分: "KPI", 指標名: "新規就農者数", 目標値: 10, 令和4年度: 5, 評価: "B" }),
      row({ 基本目標: 1, 指標名: "小計", 目標値: 10, 令和4年度: 5 }),
    ]);
    expect(r.indicators.map((i) => i.name)).toEqual(["新規就農者数"]);
  });

  it("does not count a 小計 row whose first cell says 小計", () => {
    const r = runRows([[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: "新規就農者数", 評価: "B" }), ["小計", null, null, null, 10, 10]]);
    expect(rowsOf(r.indicators)).toEqual([2]);
    expect(r.tally.ungraded).toBe(0);
  });

  // A note written in the name column under a filled goal is a note too, unless the row has a
  // grade or a revision: then it is data and is counted (and diagnosed where unusable).
  it("does not count a ※ text in the name column under a filled goal", () => {
    const r = runRows([[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: "※R4は速報値" })]);
    expect(r.indicators).toEqual([]);
  });

  it("still counts a row named with ※ when it carries a grade", () => {
    const r = runRows([[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: "※R4は速報値", 評価: "B" })]);
    expect(r.indicators.map((i) => i.name)).toEqual(["※R4は速報値"]);
  });
});

describe("names that show nothing", () => {
  // Found here, now fixed (src/core/read.ts): a name of only a zero-width space, a right-to-left
  // mark or NUL was counted as an indicator with an invisible name and no diagnostic.
  it.each([
    ["a zero-width space", "\u200b"],
    ["a right-to-left mark", "\u200f"],
    ["NUL", "\u0000"],
  ])("reports a name of only %s as name.missing", (_, name) => {
    const r = runRows([[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: name, 評価: "A" })]);
    expect({ indicators: r.indicators.length, codes: r.diagnostics.map((d) => `${d.code}@${d.cell}`) }).toEqual({
      indicators: 0,
      codes: expect.arrayContaining(["name.missing@C2"]),
    });
  });

  it("reports a name of only full-width spaces as name.missing", () => {
    const r = runRows([[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: "\u3000\u3000", 評価: "A" })]);
    expect(r.diagnostics.map((d) => `${d.code}@${d.cell}`)).toContain("name.missing@C2");
  });
});
