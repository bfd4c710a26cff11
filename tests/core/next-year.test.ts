// Next year's sheets as plain data: on paper at least 8 pt, the formulas written out from
// the indicator's numbers only, the grade list from the one function the scale will feed.

import { planNextYear } from "../../src/core/cycle";
import { runEngine } from "../../src/core/engine";
import { SheetLayout } from "../../src/core/layout-types";
import { gradeLabels, progressFormula, referenceGradeFormula } from "../../src/core/next-year";
import { instructionsLayout } from "../../src/core/instructions";
import { DEFAULT_SCALE, scaleByName } from "../../src/core/scale";
import { RevisedIndicator } from "../../src/core/revised";
import { DEFAULT_SETTINGS, parseSettings } from "../../src/core/settings";
import { charsToPoints, printableSize, STYLES } from "../../src/core/styles";
import { readWorkbookFile } from "../../src/xlsx/read";
import { SAMPLE_PATH } from "../helpers/xlsx";
import { HEADER, row, runRows, sheet } from "../helpers/grid";
import { SheetInput } from "../../src/core/types";

const ind = (over: Partial<RevisedIndicator>): RevisedIndicator => ({
  goal: 1,
  category: "kpi",
  name: "x",
  targetKind: "single",
  actuals: [],
  status: "unchanged",
  from: { file: "f", sheet: "s", row: 2 },
  ...over,
});

/** The smallest text size on paper: fit to one page wide shrinks every font alike. */
function smallestPrinted(layout: SheetLayout): number {
  const width = layout.columnWidths.reduce((sum, w) => sum + charsToPoints(w), 0);
  const scale = Math.min(1, printableSize(layout.print).width / width);
  let smallest = Infinity;
  for (const row of layout.rows)
    for (const cell of row) if (cell && cell.value !== null && cell.value !== "") smallest = Math.min(smallest, STYLES[cell.style].size);
  return smallest * scale;
}

describe("next year's sheets on paper", () => {
  it("prints every sheet of the sample's workbooks with text of at least 8 pt", async () => {
    const result = runEngine(await readWorkbookFile(SAMPLE_PATH), { settings: DEFAULT_SETTINGS, lang: "ja" });
    const plan = planNextYear(result, DEFAULT_SETTINGS, "ja", true);
    const layouts = plan.books.flatMap((b) => [b.sheet.layout, b.instructions.layout, ...(b.revised ? [b.revised] : [])]);
    for (const l of layouts) expect([l.name, smallestPrinted(l) >= 8]).toEqual([l.name, true]);
  });

  it("gives every English header room for its longest word, so no word is broken in the middle", async () => {
    const result = runEngine(await readWorkbookFile(SAMPLE_PATH), { settings: DEFAULT_SETTINGS, lang: "en" });
    const layout = planNextYear(result, DEFAULT_SETTINGS, "en", false).books[0].sheet.layout;
    const header = layout.rows.find((r) => r.some((c) => c?.value === "Indicator")) ?? [];
    expect(header.length).toBeGreaterThan(10);
    header.forEach((cell, i) => {
      const longest = Math.max(
        ...String(cell?.value ?? "")
          .split(/\s+/)
          .map((w) => w.length),
      );
      expect([cell?.value, layout.columnWidths[i] >= longest + 1]).toEqual([cell?.value, true]);
    });
  });
});

describe("the 進捗率 formula", () => {
  it("divides the gain over the baseline by the target's gain, blank until the actual is a number", () => {
    expect(progressFormula(ind({ baseline: 230, target: 250 }), DEFAULT_SETTINGS, 2023, "N4")).toBe('IF(ISNUMBER(N4),MAX(-99,MIN(99,(N4-230)/20)),"")');
  });

  it("pro-rates a cumulative target to the elapsed years of the plan", () => {
    // FY2020–2024, evaluated 2023: 4 of 5 years → due 80 of 100.
    expect(progressFormula(ind({ baseline: 0, target: 100, targetYear: 2024, targetKind: "cumulative" }), DEFAULT_SETTINGS, 2023, "N4")).toBe(
      'IF(ISNUMBER(N4),MAX(-99,MIN(99,(N4-0)/80)),"")',
    );
  });

  it("inverts the ratio when lower is better and there is no baseline to compare", () => {
    const settings = parseSettings({ progressFormula: "achievement" });
    if (!settings.ok) throw new Error("settings");
    expect(progressFormula(ind({ baseline: 142, target: 100 }), settings.settings, 2023, "N4")).toBe(
      'IF(ISNUMBER(N4),MAX(-99,MIN(99,IF(N4<0,1,IF(N4=0,99,100/N4)))),"")',
    );
  });

  it("writes negative numbers in parentheses and leaves an indicator without a target without a formula", () => {
    expect(progressFormula(ind({ baseline: -612, target: -400 }), DEFAULT_SETTINGS, 2023, "N4")).toBe('IF(ISNUMBER(N4),MAX(-99,MIN(99,(N4-(-612))/212)),"")');
    expect(progressFormula(ind({ baseline: 5 }), DEFAULT_SETTINGS, 2023, "N4")).toBeUndefined();
  });
});

describe("the 参考評価 formula", () => {
  it("compares the progress with the bands and returns the label cells of the instructions sheet", () => {
    const cells = ["'記入要領'!$A$12", "'記入要領'!$A$13", "'記入要領'!$A$14", "'記入要領'!$A$15"];
    expect(referenceGradeFormula("O4", DEFAULT_SCALE, DEFAULT_SETTINGS, cells)).toBe(
      "IF(ISNUMBER(O4),IF(O4+1E-9>=1,'記入要領'!$A$12,IF(O4+1E-9>=0.8,'記入要領'!$A$13,IF(O4+1E-9>=0.6,'記入要領'!$A$14,'記入要領'!$A$15))),\"\")",
    );
  });

  it("offers the A–D scale by default", () => {
    expect(gradeLabels(DEFAULT_SCALE)).toEqual(["A", "B", "C", "D"]);
  });

  it("follows another municipality's scale: its labels and marks in the list, its bands in the formula and the 記入要領", () => {
    const marks = scaleByName("sabc")!;
    const cells = ["S", "A", "B", "C"].map((_, i) => `'記入要領'!$A$${12 + i}`);
    expect(gradeLabels(marks).slice(0, 4)).toEqual(["S", "A", "B", "C"]);
    expect(referenceGradeFormula("O4", marks, DEFAULT_SETTINGS, cells)).toBe(
      "IF(ISNUMBER(O4),IF(O4+1E-9>=1.2,'記入要領'!$A$12,IF(O4+1E-9>=1,'記入要領'!$A$13,IF(O4+1E-9>=0.8,'記入要領'!$A$14,'記入要領'!$A$15))),\"\")",
    );
    const guide = instructionsLayout(2023, "令和5年度実績", DEFAULT_SETTINGS, marks, "ja").layout;
    const labels = guide.rows.map((r) => r[0]?.value);
    expect(labels).toEqual(expect.arrayContaining(gradeLabels(marks)));
    expect(guide.rows.find((r) => r[0]?.value === "S")?.[1]?.value).toBe("120%以上");
  });
});

/** A layout's values as the grid a reader gets from the written sheet. */
const asInput = (layout: SheetLayout): SheetInput =>
  sheet(
    layout.rows.map((r) => r.map((c) => c?.value ?? null)),
    { file: "next.xlsx", sheet: layout.name },
  );

describe("next year's sheet read back", () => {
  it("carries an explicit direction in its own column, so the reader computes progress as the formula does", () => {
    const header = [...HEADER, "方向"];
    const result = runRows([
      header,
      [...row({ 基本目標: 1, 区分: "KPI", 指標名: "待機児童数", 目標値: 5, 令和4年度: 8, 評価: "C", 担当課: "子育て支援課" }), "減少"],
      [...row({ 基本目標: 1, 区分: "KPI", 指標名: "来場者数", 目標値: 100, 令和4年度: 80, 評価: "B", 担当課: "観光課" }), null],
    ]);
    const plan = planNextYear(result, DEFAULT_SETTINGS, "ja", false);
    const layout = plan.books[0].sheet.layout;
    expect(layout.rows[2].map((c) => c?.value)).toContain("指標の方向性");
    const back = runEngine([asInput(layout)], { settings: DEFAULT_SETTINGS, lang: "ja" });
    expect(back.indicators.map((i) => [i.name, i.direction ?? null])).toEqual([
      ["待機児童数", "down"],
      ["来場者数", null],
    ]);
    expect(progressFormula(plan.revised.indicators[0], DEFAULT_SETTINGS, 2023, "N4")).toContain("5/N4");
  });

  it("reads back every indicator of the sample's master sheet with its numbers, unchanged", async () => {
    const result = runEngine(await readWorkbookFile(SAMPLE_PATH), { settings: DEFAULT_SETTINGS, lang: "ja" });
    const plan = planNextYear(result, DEFAULT_SETTINGS, "ja", false);
    const back = runEngine([asInput(plan.books[0].sheet.layout)], { settings: DEFAULT_SETTINGS, lang: "ja" });
    const pick = (i: RevisedIndicator | (typeof back.indicators)[number]): unknown[] => [
      i.goal,
      i.package ?? null,
      i.category,
      i.name,
      i.unit ?? null,
      i.baseline ?? null,
      i.baselineYear ?? null,
      i.target ?? null,
      i.targetYear ?? null,
      i.targetKind,
      i.department ?? null,
      i.actuals.map((a) => [a.year, a.value]),
    ];
    expect(back.indicators.map(pick)).toEqual(plan.revised.indicators.map(pick));
    expect(back.diagnostics.filter((d) => d.code !== "grade.missing")).toEqual([]);
  });
});
