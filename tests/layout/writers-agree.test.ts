// The CLI (ExcelJS) and the add-in (Office.js, through Microsoft's Excel client on the host simulator) write the
// sample's output sheets; read back cell by cell, both give the same sheets: values, number
// formats, fonts, fills, borders, alignment, merges, column widths, row heights and print setup.

import ExcelJS from "exceljs";
import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { buildLayouts, runEngine } from "../../src/core/engine";
import { SheetLayout } from "../../src/core/layout-types";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { charsToPoints } from "../../src/core/styles";
import { coveredByMerge } from "../../src/core/tables";
import { Lang } from "../../src/core/types";
import { blockAddress, cellAddress, parseAddress } from "../../src/excel/a1";
import { writeLayouts } from "../../src/excel/write";
import { readWorkbookFile } from "../../src/xlsx/read";
import { writeLayoutsToFile } from "../../src/xlsx/write";
import { SheetState } from "../excel/host/state";
import { contextFor, sampleWorkbook } from "../excel/helpers";
import { plain, removeDir, tmpDir } from "../helpers/xlsx";

// ExcelJS's reader parses <sz val="10.5"/> as an integer (10): read font sizes as written.
interface IntegerXform {
  tag: string;
  attr?: string;
  model?: number;
  parseOpen: (this: IntegerXform, node: { name: string; attributes: Record<string, string> }) => boolean;
}

const integerXform = require("exceljs/lib/xlsx/xform/simple/integer-xform") as { prototype: IntegerXform };
const parseInteger = integerXform.prototype.parseOpen;
integerXform.prototype.parseOpen = function (this: IntegerXform, node) {
  const matched = parseInteger.call(this, node);
  if (matched && this.tag === "sz" && this.attr) this.model = parseFloat(node.attributes[this.attr]);
  return matched;
};

interface CellModel {
  value: string | number | null;
  link: boolean;
  numFmt: string;
  font: string;
  fill: string | null;
  border: string;
  align: string;
}

interface SheetModel {
  cells: Record<string, CellModel>;
  merges: string[];
  widths: number[];
  heights: Record<number, number>;
  freezeRows: number;
  print: Record<string, unknown>;
}

const round = (n: number): number => Math.round(n * 100) / 100;
const rgb = (c: string | undefined): string =>
  (c ?? "")
    .replace(/^#/, "")
    .replace(/^FF(?=[0-9A-F]{6}$)/i, "")
    .toUpperCase();
const grid = (layout: SheetLayout): [number, number][] => {
  const width = Math.max(layout.columnWidths.length, ...layout.rows.map((r) => r.length));
  return layout.rows.flatMap((_, r) => Array.from({ length: width }, (_, c): [number, number] => [r, c]));
};

/** Manual page breaks per sheet (0-based rows starting a page): ExcelJS does not read them back. */
async function rowBreaksIn(file: string): Promise<number[][]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out: number[][] = [];
  for (let i = 1; zip.file(`xl/worksheets/sheet${i}.xml`); i++) {
    const xml = await zip.file(`xl/worksheets/sheet${i}.xml`)!.async("string");
    out.push([...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1])));
  }
  return out;
}

function fromExcelJS(ws: ExcelJS.Worksheet, layout: SheetLayout, breaks: readonly number[] = []): SheetModel {
  const cells: Record<string, CellModel> = {};
  for (const [r, c] of grid(layout)) {
    const cell = ws.getCell(r + 1, c + 1);
    const v = plain(cell.value);
    const f = cell.font ?? {};
    const side = (b: Partial<ExcelJS.Border> | undefined): string => (b?.style ? `${b.style}:${rgb(b.color?.argb)}` : "-");
    const a = cell.alignment ?? {};
    cells[cellAddress(r, c)] = {
      value: v === "" || v === null ? null : (v as string | number),
      link: typeof cell.value === "object" && cell.value !== null && "hyperlink" in cell.value,
      numFmt: cell.numFmt ?? "General",
      font: f.name ? `${f.name}|${f.size}|${f.bold ? "b" : ""}|${f.underline ? "u" : ""}|${rgb(f.color?.argb)}` : "",
      fill: cell.fill && cell.fill.type === "pattern" && cell.fill.pattern === "solid" ? rgb(cell.fill.fgColor?.argb) : null,
      border: ["top", "bottom", "left", "right"].map((k) => side(cell.border?.[k as "top"])).join(" "),
      align: a.horizontal ? `${a.horizontal}|${a.vertical === "middle" ? "center" : a.vertical}|${a.wrapText ? "wrap" : ""}` : "",
    };
  }
  const heights: Record<number, number> = {};
  layout.rows.forEach((_, r) => {
    const h = ws.getRow(r + 1).height;
    if (h) heights[r] = round(h);
  });
  const p = ws.pageSetup;
  return {
    cells,
    merges: [...((ws.model as unknown as { merges: string[] }).merges ?? [])].sort(),
    widths: layout.columnWidths.map((_, c) => round(charsToPoints(ws.getColumn(c + 1).width ?? 0))),
    heights,
    freezeRows: (ws.views?.[0] as { ySplit?: number } | undefined)?.ySplit ?? 0,
    print: {
      paper: ({ 8: "A3", 9: "A4" } as Record<number, string>)[Number(p.paperSize)],
      orientation: p.orientation,
      fit: p.fitToPage ? `${p.fitToWidth}x${p.fitToHeight}` : "none",
      margins: p.margins,
      center: Boolean(p.horizontalCentered),
      titles: p.printTitlesRow,
      area: p.printArea,
      breaks,
    },
  };
}

function fromOffice(s: SheetState, layout: SheetLayout): SheetModel {
  const fmt: Record<string, Record<string, unknown>> = {};
  const set = (r: number, c: number, prop: string, value: unknown): void => void ((fmt[cellAddress(r, c)] ??= {})[prop] = value);
  for (const rec of s.formats) {
    const b = parseAddress(rec.address)!;
    const edge = /^borders\.(\w+)\.(\w+)$/.exec(rec.prop);
    for (let r = b.top; r <= b.bottom; r++) {
      for (let c = b.left; c <= b.right; c++) {
        if (!edge) {
          set(r, c, rec.prop, rec.value);
          continue;
        }
        const [, which, prop] = edge;
        const sides: string[] = [];
        if (which === "EdgeTop" && r === b.top) sides.push("top");
        if (which === "EdgeBottom" && r === b.bottom) sides.push("bottom");
        if (which === "EdgeLeft" && c === b.left) sides.push("left");
        if (which === "EdgeRight" && c === b.right) sides.push("right");
        if (which === "InsideHorizontal") sides.push(...(r > b.top ? ["top"] : []), ...(r < b.bottom ? ["bottom"] : []));
        if (which === "InsideVertical") sides.push(...(c > b.left ? ["left"] : []), ...(c < b.right ? ["right"] : []));
        for (const side of sides) set(r, c, `border.${side}.${prop}`, rec.value);
      }
    }
  }
  const cells: Record<string, CellModel> = {};
  for (const [r, c] of grid(layout)) {
    const f = fmt[cellAddress(r, c)] ?? {};
    const raw = s.values[r]?.[c];
    const link = typeof raw === "string" && raw.startsWith("=HYPERLINK(");
    const value = link ? /,"((?:[^"]|"")*)"\)$/.exec(raw)![1].replace(/""/g, '"') : raw;
    const side = (k: string): string =>
      f[`border.${k}.style`] === "Continuous" ? `${String(f[`border.${k}.weight`]).toLowerCase()}:${rgb(f[`border.${k}.color`] as string)}` : "-";
    cells[cellAddress(r, c)] = {
      value: value === "" || value === undefined ? null : (value as string | number),
      link: link || Boolean(s.hyperlinks[cellAddress(r, c)]),
      numFmt: s.numberFormats[r]?.[c] ?? "General",
      font: f["font.name"]
        ? `${String(f["font.name"])}|${String(f["font.size"])}|${f["font.bold"] ? "b" : ""}|${f["font.underline"] === "Single" ? "u" : ""}|${rgb(f["font.color"] as string)}`
        : "",
      fill: f["fill.color"] ? rgb(f["fill.color"] as string) : null,
      border: ["top", "bottom", "left", "right"].map(side).join(" "),
      align: f.horizontalAlignment
        ? `${String(f.horizontalAlignment).toLowerCase()}|${String(f.verticalAlignment).toLowerCase()}|${f.wrapText ? "wrap" : ""}`
        : "",
    };
  }
  const widths = layout.columnWidths.map(() => 0);
  const heights: Record<number, number> = {};
  for (const rec of s.formats) {
    const b = parseAddress(rec.address)!;
    if (rec.prop === "columnWidth") for (let c = b.left; c <= b.right; c++) widths[c] = round(rec.value as number);
    if (rec.prop === "rowHeight") for (let r = b.top; r <= b.bottom; r++) heights[r] = round(rec.value as number);
  }
  const pl = s.pageLayout as Record<string, number> & { zoom?: { horizontalFitToPages: number; verticalFitToPages: number } };
  const inches = (pt: number): number => round(pt / 72);
  return {
    cells,
    merges: s.merges.map((m) => blockAddress(parseAddress(m)!)).sort(),
    widths,
    heights,
    freezeRows: s.freezeRows,
    print: {
      paper: pl.paperSize,
      orientation: String(pl.orientation).toLowerCase(),
      fit: pl.zoom ? `${pl.zoom.horizontalFitToPages}x${pl.zoom.verticalFitToPages}` : "none",
      margins: {
        left: inches(pl.leftMargin),
        right: inches(pl.rightMargin),
        top: inches(pl.topMargin),
        bottom: inches(pl.bottomMargin),
        header: inches(pl.headerMargin),
        footer: inches(pl.footerMargin),
      },
      center: Boolean(pl.centerHorizontally),
      titles: pl.printTitleRows ? String(pl.printTitleRows).replace(/\$/g, "") : undefined,
      area: pl.printArea,
      breaks: s.rowBreaks.map((a) => parseAddress(a)!.top),
    },
  };
}

describe.each<Lang>(["ja", "en"])("the CLI and the add-in writing the sample (%s)", (lang) => {
  const dir = tmpDir();
  afterAll(() => removeDir(dir));
  let layouts: SheetLayout[];
  let cli: ExcelJS.Workbook;
  let addin: SheetState[];
  let breaks: number[][];

  beforeAll(async () => {
    const inputs = await readWorkbookFile("samples/sample-evaluation.xlsx");
    const options = { settings: DEFAULT_SETTINGS, lang };
    layouts = buildLayouts(runEngine(inputs, options), options);
    const file = path.join(dir, "out.xlsx");
    await writeLayoutsToFile(layouts, file, { linkTarget: (l) => `#'${l.sheet}'!${l.cell}` });
    breaks = await rowBreaksIn(file);
    cli = new ExcelJS.Workbook();
    await cli.xlsx.readFile(file);
    const state = await sampleWorkbook();
    const { ctx } = contextFor(state);
    await writeLayouts(ctx, layouts);
    addin = state.sheets;
  });

  it("write the same sheets in the same order", () => {
    expect(cli.worksheets.map((w) => w.name)).toEqual(layouts.map((l) => l.name));
    expect(addin.slice(-layouts.length).map((s) => s.name)).toEqual(layouts.map((l) => l.name));
  });

  it("write every output cell alike: value, number format, font, fill, border, alignment", () => {
    for (const layout of layouts) {
      const a = fromExcelJS(cli.getWorksheet(layout.name)!, layout).cells;
      const b = fromOffice(
        addin.find((s) => s.name === layout.name)!,
        layout,
      ).cells;
      for (const address of Object.keys(a)) {
        // Under a merge only the top left cell holds a value (ExcelJS reads the others as its copy).
        const { row, col } = { row: parseAddress(address)!.top, col: parseAddress(address)!.left };
        if (coveredByMerge(layout.merges, row, col)) a[address].value = b[address].value = null;
        // The add-in writes a link as a HYPERLINK formula, which needs General; ExcelJS writes a value.
        if (a[address].link && b[address].link) a[address].numFmt = b[address].numFmt = "(link)";
        expect({ sheet: layout.name, address, ...b[address] }).toEqual({ sheet: layout.name, address, ...a[address] });
      }
    }
  });

  it("merge, size and print every sheet alike", () => {
    for (const layout of layouts) {
      const { cells: _a, ...a } = fromExcelJS(cli.getWorksheet(layout.name)!, layout, breaks[layouts.indexOf(layout)]);
      const { cells: _b, ...b } = fromOffice(
        addin.find((s) => s.name === layout.name)!,
        layout,
      );
      expect({ sheet: layout.name, ...b }).toEqual({ sheet: layout.name, ...a });
    }
  });
});
