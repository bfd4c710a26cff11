// Every output sheet of the sample, in Japanese and English, as it goes on paper: its
// paper, orientation, fit, margins, print titles and area, column widths, and what a
// reader sees (text of at least 8 pt at the print scale, numbers right-aligned with
// thousands separators, zero blank in count tables, long text wrapped at the top, every
// page of a grouped list starting with its group heading).

import { buildLayouts, runEngine } from "../../src/core/engine";
import { textWidth } from "../../src/core/layout";
import { LayoutCell, SheetLayout, SheetRole } from "../../src/core/layout-types";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { charsToPoints, MARGINS, numberFormatOf, printableSize, STYLES } from "../../src/core/styles";
import { Lang } from "../../src/core/types";
import { readWorkbookFile } from "../../src/xlsx/read";

const PAPER: Record<SheetRole, [string, string, boolean]> = {
  // role: paper, orientation, header rows repeated on every page
  summary: ["A4", "portrait", false],
  list: ["A3", "landscape", true],
  comparison: ["A3", "landscape", true],
  checks: ["A4", "landscape", true],
  completion: ["A4", "portrait", true],
  packages: ["A4", "portrait", false],
};

const WIDTHS_JA: Record<SheetRole, number[]> = {
  summary: [13, 12, 9, 9, 9, 11, 13, 30],
  list: [10, 20, 9, 28, 7, 11, 11, 10, 11, 7, 9, 14, 11, 40, 13, 11, 22, 12, 24, 9, 8],
  comparison: [10, 20, 9, 7, 13, 28, 28, 11, 11, 7, 10, 40],
  checks: [8, 22, 14, 7, 20, 70],
  completion: [30, 10, 10, 10, 16, 10],
  packages: [36, 64],
};

/** The cells inside the print area, with their row and column. */
function printed(layout: SheetLayout): { cell: LayoutCell; r: number; c: number }[] {
  const area = layout.print.area!;
  return layout.rows.flatMap((row, r) =>
    row.flatMap((cell, c) => (cell && r >= area.top && r <= area.bottom && c >= area.left && c <= area.right ? [{ cell, r, c }] : [])),
  );
}

/** The scale Excel prints at when it fits the print area to one page wide (at most 100 %). */
function printScale(layout: SheetLayout): number {
  const area = layout.print.area!;
  const width = layout.columnWidths.slice(area.left, area.right + 1).reduce((s, w) => s + charsToPoints(w), 0);
  return Math.min(1, printableSize(layout.print).width / width);
}

describe.each<Lang>(["ja", "en"])("the sample's output sheets on paper (%s)", (lang) => {
  let layouts: SheetLayout[];
  beforeAll(async () => {
    const inputs = await readWorkbookFile("samples/sample-evaluation.xlsx");
    const options = { settings: DEFAULT_SETTINGS, lang };
    layouts = buildLayouts(runEngine(inputs, options), options);
  });

  it("are all six sheets", () => expect(layouts.map((l) => l.role)).toEqual(["summary", "list", "comparison", "checks", "completion", "packages"]));

  it.each(Object.keys(PAPER) as SheetRole[])("print %s on its paper, one page wide, with the team's margins and its header rows on every page", (role) => {
    const layout = layouts.find((l) => l.role === role)!;
    const [paper, orientation, titles] = PAPER[role];
    expect(layout.print).toEqual(
      expect.objectContaining({ paper, orientation, fitToWidth: true, margins: MARGINS, area: expect.objectContaining({ top: 0, left: 0 }) }),
    );
    expect(layout.print.titleRows).toEqual(titles ? { first: 0, last: 1 } : undefined);
    expect(layout.print.area!.bottom).toBe(layout.rows.length - 1);
    if (lang === "ja") expect(layout.columnWidths).toEqual(WIDTHS_JA[role]);
  });

  it("print every text at 8 pt or more (font size × fit-to-width scale)", () => {
    for (const layout of layouts) {
      const smallest = Math.min(...printed(layout).map(({ cell }) => STYLES[cell.style].size));
      const effective = Math.floor(smallest * printScale(layout) * 10) / 10;
      expect({ sheet: layout.name, effective, readable: effective >= 8 }).toEqual({ sheet: layout.name, effective, readable: true });
    }
  });

  it("print 見直し一覧's review columns and leave the source, the kind of target and the reference grade on screen", () => {
    const list = layouts.find((l) => l.role === "list")!;
    const onScreen = list.rows[1].slice(list.print.area!.right + 1).map((c) => c?.value);
    expect(onScreen).toEqual(lang === "ja" ? ["出典", "累計/単年度", "参考評価"] : [expect.any(String), expect.any(String), expect.any(String)]);
    expect(list.rows[1].slice(0, list.print.area!.right + 1).map((c) => c?.value)).toContain(lang === "ja" ? "見直し案の理由" : "Why");
  });

  it("right-align numbers with thousands separators, and wrap long text at the top of its cell", () => {
    for (const layout of layouts) {
      for (const { cell } of printed(layout)) {
        const spec = STYLES[cell.style];
        if (typeof cell.value === "number") {
          expect({ sheet: layout.name, align: spec.horizontal }).toEqual({ sheet: layout.name, align: "right" });
          expect(numberFormatOf(cell)).toMatch(/^(#,##0|0\.0%|0)$/);
          if (numberFormatOf(cell) === "0") expect(cell.value).toBeLessThan(10000); // years only
        }
        if (cell.style === "text") expect([spec.wrap, spec.vertical]).toEqual([true, "top"]);
      }
    }
  });

  it("show zero blank in every count table (評価集計, 提出状況)", () => {
    for (const layout of layouts.filter((l) => l.role === "summary" || l.role === "completion")) {
      expect(printed(layout).filter(({ cell }) => cell.value === 0)).toEqual([]);
    }
  });

  it("fit the labels of table 1 in their cells (bold 合計 rows included)", () => {
    const summary = layouts.find((l) => l.role === "summary")!;
    for (const row of summary.rows.slice(2, 14)) {
      row.slice(0, 2).forEach((cell, c) => {
        if (cell && typeof cell.value === "string") expect(textWidth(cell.value) * 1.1).toBeLessThanOrEqual(summary.columnWidths[c]);
      });
    }
  });

  it("start every page of 具体的施策 with a basic goal's heading", () => {
    const packages = layouts.find((l) => l.role === "packages")!;
    const breaks = packages.print.rowBreaks ?? [];
    expect(breaks.length).toBeGreaterThan(0);
    for (const r of breaks) {
      expect(packages.rows[r][0]?.style).toBe("title");
      expect(String(packages.rows[r][0]?.value)).toMatch(lang === "ja" ? /^基本目標\d/ : /^Basic goal \d/);
    }
  });
});
