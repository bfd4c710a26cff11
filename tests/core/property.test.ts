import fc from "fast-check";
import { runEngine } from "../../src/core/engine";
import { cellText, isNoteOrSubtotal } from "../../src/core/normalize";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { HEADER } from "../helpers/grid";

fc.configureGlobal({ seed: 42, numRuns: 200 });

const anyCell = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom(
    "基本目標1",
    "ＫＰＩ",
    "数値目標",
    "Ａ",
    "A評価",
    "優",
    "△5",
    "1,234",
    "－",
    "#N/A",
    "令和4年度",
    "R4",
    "※注",
    "小計",
    "=SUM(A1)",
    "@x",
    "コロナ",
    "累計",
    "目標値の修正",
    "廃止",
  ),
  fc.integer(),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: false }),
  fc.object({ maxDepth: 1 }),
  fc.constantFrom(
    { error: "#DIV/0!" },
    { richText: [{ text: "リッチ" }] },
    { formula: "A1", result: 3 },
    { result: { error: "#REF!" } },
    { text: "link", hyperlink: "http://x" },
    [],
  ),
  fc.constant("長".repeat(40000)),
);

const grid = (cols: number, rows: number) => fc.array(fc.array(anyCell, { maxLength: cols }), { maxLength: rows });

describe("the engine on arbitrary grids", () => {
  it("never throws on any grid of random values", () => {
    fc.assert(
      fc.property(grid(20, 15), fc.constantFrom("ja" as const, "en" as const), (rows, lang) => {
        runEngine([{ file: "f.xlsx", sheet: "s", rows }], { settings: DEFAULT_SETTINGS, lang });
      }),
    );
  });

  it("never throws with random merges that point anywhere", () => {
    const merge = fc.record({
      top: fc.integer({ min: -2, max: 30 }),
      left: fc.integer({ min: -2, max: 30 }),
      bottom: fc.integer({ min: -2, max: 30 }),
      right: fc.integer({ min: -2, max: 30 }),
    });
    fc.assert(
      fc.property(grid(8, 8), fc.array(merge, { maxLength: 4 }), (rows, merges) => {
        runEngine([{ file: "f.xlsx", sheet: "s", rows: [[...HEADER], ...rows], merges }], { settings: DEFAULT_SETTINGS, lang: "ja" });
      }),
    );
  });

  it("never throws when a valid header is followed by random rows", () => {
    fc.assert(
      fc.property(grid(HEADER.length + 2, 12), (rows) => {
        runEngine([{ file: "f.xlsx", sheet: "s", rows: [["タイトル"], [...HEADER], ...rows] }], { settings: DEFAULT_SETTINGS, lang: "ja" });
      }),
    );
  });
});

describe("every unusable row is a diagnostic", () => {
  // Cells per column of HEADER: a plausible value or junk.
  const good: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(1, "２", "基本目標3", "Ⅳ", null), // 基本目標
    fc.constantFrom("KPI", "数値目標", "【数値目標】", null), // 区分
    fc.string({ minLength: 1, maxLength: 12 }), // 指標名
    fc.constantFrom("人", "%", null), // 単位
    fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom("1,200", "△3", "－", null)), // 基準値
    fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom("2,000", null)), // 目標値
    fc.constantFrom("R6", "令和6年度", 2024, null), // 目標年度
    fc.constantFrom("累計", "単年度", null), // 累計/単年度
    fc.oneof(fc.integer(), fc.constant(null)),
    fc.oneof(fc.integer(), fc.constant(null)),
    fc.oneof(fc.integer(), fc.constant(null)),
    fc.constantFrom("A", "Ｂ", "c", "D評価", null), // 評価
    fc.constantFrom("コロナ禍の影響", "順調", null), // 評価理由
    fc.constantFrom("農業振興課", null), // 担当課
    fc.constantFrom("目標値の修正", "新たな指標を設定", null), // 見直し区分
    fc.oneof(fc.integer(), fc.constant(null)), // 見直し後の目標値
    fc.constantFrom("新指標", null), // 見直し後の指標名
  ];
  const dataRow = fc.tuple(...good.map((g) => fc.oneof({ weight: 3, arbitrary: g }, { weight: 1, arbitrary: anyCell })));

  it("gives every row that is neither counted, blank nor a note at least one diagnostic on that row", () => {
    fc.assert(
      fc.property(fc.array(dataRow, { maxLength: 12 }), (data) => {
        const rows = [[...HEADER], ...data];
        const result = runEngine([{ file: "f.xlsx", sheet: "s", rows }], { settings: DEFAULT_SETTINGS, lang: "ja" });
        const counted = new Set(result.indicators.map((i) => i.source.row));
        const diagnosed = new Set(result.diagnostics.map((d) => Number(/\d+$/.exec(d.cell)?.[0] ?? 0)));
        data.forEach((r, i) => {
          const sheetRow = i + 2;
          const first = r.map(cellText).find((s) => s !== "") ?? "";
          if (first === "" || isNoteOrSubtotal(first)) return;
          if (cellText(r[2]) === "") return; // no name: a section row (基本目標1 …, 【KPI】) sets context
          if (counted.has(sheetRow)) return;
          if (!diagnosed.has(sheetRow)) throw new Error(`row ${sheetRow} neither counted nor diagnosed: ${JSON.stringify(r).slice(0, 300)}`);
        });
      }),
    );
  });
});

describe("a name cell holding an error value", () => {
  // Found by the random-grid property: an error value in the name column (#N/A) used to be
  // read as a blank name, so a row without a grade vanished with no diagnostic.
  it("is reported on its row even when the grade is blank", () => {
    const rows = [[...HEADER], [1, "KPI", "#N/A", "人", 10, 20, "R6", "単年度", 12, 14, 16, null, "", "農業振興課", "目標値の修正", 25, null]];
    const result = runEngine([{ file: "f.xlsx", sheet: "s", rows }], { settings: DEFAULT_SETTINGS, lang: "ja" });
    expect(result.indicators).toHaveLength(0);
    expect(result.diagnostics.map((d) => d.cell)).toContain("C2");
  });

  it("is reported as value.error on the name cell when the grade is filled", () => {
    const rows = [[...HEADER], [1, "KPI", "#N/A", "人", 10, 20, "R6", "単年度", 12, 14, 16, "A", "", "農業振興課", null, null, null]];
    const result = runEngine([{ file: "f.xlsx", sheet: "s", rows }], { settings: DEFAULT_SETTINGS, lang: "ja" });
    expect(result.diagnostics.find((d) => d.code === "value.error")?.cell).toBe("C2");
  });
});
