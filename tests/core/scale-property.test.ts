import ExcelJS from "exceljs";
import fc from "fast-check";
import { buildLayouts, runEngine } from "../../src/core/engine";
import { DEFAULT_SETTINGS, parseSettings, Settings } from "../../src/core/settings";
import { SheetInput } from "../../src/core/types";
import { layoutsToWorkbook } from "../../src/xlsx/write";

const LABEL_POOL = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "優", "良", "可", "不可", "秀", "高", "中", "低", "大", "小", "◇", "☆", "★"];
const LETTERS = "ABCDEFG";
const CIRCLED = "①②③④⑤⑥⑦";

/** counts[goal][label index] indicators, one KPI row each, graded with that label. */
function sheetOf(labels: readonly string[], counts: readonly (readonly number[])[]): SheetInput {
  const rows: unknown[][] = [["基本目標", "区分", "指標名", "目標値", "令和4年度", "評価"]];
  counts.forEach((perLabel, goal) =>
    perLabel.forEach((n, k) => {
      for (let i = 0; i < n; i++) rows.push([goal + 1, "KPI", `指標${goal + 1}-${k}-${i}`, 100, 50, labels[k]]);
    }),
  );
  return { file: "town.xlsx", sheet: "評価", rows };
}

/** Table 1 of the written 評価集計 sheet, read back from the xlsx: header labels and the KPI rows. */
async function writtenTable1(input: SheetInput, settings: Settings): Promise<{ header: string[]; kpi: number[][] }> {
  const result = runEngine([input], { settings, lang: "ja" });
  const wb = layoutsToWorkbook(buildLayouts(result, { settings, lang: "ja" }));
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const ws = back.worksheets[0];
  const width = 2 + result.scale.grades.length + result.scale.notJudged.length;
  const cells = (r: number): unknown[] => Array.from({ length: width - 2 }, (_, i) => ws.getRow(r).getCell(i + 3).value);
  const kpi: number[][] = [];
  for (let g = 0; g < result.tally.goals.length; g++) kpi.push(cells(3 + 2 * g + 2).map((v) => (typeof v === "number" ? v : 0)));
  return { header: cells(3).map(String), kpi };
}

const countsFor = (n: number): fc.Arbitrary<number[][]> =>
  fc.array(fc.array(fc.nat({ max: 3 }), { minLength: n, maxLength: n }), { minLength: 1, maxLength: 3 }).filter((c) => c.every((g) => g.some((x) => x > 0)));

describe("any scale of 3 to 7 labels round-trips read → tally → layout → written sheet", () => {
  it("with the labels given in the settings, in their order", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .uniqueArray(fc.constantFrom(...LABEL_POOL), { minLength: 3, maxLength: 7 })
          .chain((labels) => fc.tuple(fc.constant(labels), countsFor(labels.length))),
        async ([labels, counts]) => {
          const parsed = parseSettings({ scale: labels });
          if (!parsed.ok) throw new Error("settings");
          const table = await writtenTable1(sheetOf(labels, counts), parsed.settings);
          expect(table.header).toEqual(labels);
          expect(table.kpi).toEqual(counts);
        },
      ),
      { seed: 7, numRuns: 25 },
    );
  });

  it("with no settings, for letters A–C … A–G and circled ①–⑦ found in the sheet", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(fc.constantFrom(LETTERS, CIRCLED), fc.integer({ min: 3, max: 7 })).chain(([alphabet, n]) => {
          const labels = [...alphabet.slice(0, n)];
          // The last label must appear, twice (one E alone is taken for a typo), for the scale's length to be known.
          return fc.tuple(
            fc.constant(labels),
            countsFor(n).map((c) => c.map((g, i) => (i === 0 ? g.map((x, k) => (k === n - 1 ? x + 2 : x)) : g))),
          );
        }),
        async ([labels, counts]) => {
          const table = await writtenTable1(sheetOf(labels, counts), DEFAULT_SETTINGS);
          const expected = labels.length < 4 && labels[0] === "A" ? ["A", "B", "C", "D"] : labels;
          expect(table.header).toEqual(expected.map((l) => (/^[A-Z]$/.test(l) ? `${l}評価` : l)));
          expect(table.kpi).toEqual(counts.map((g) => expected.map((_, k) => g[k] ?? 0)));
        },
      ),
      { seed: 11, numRuns: 25 },
    );
  });
});
