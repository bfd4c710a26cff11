// One output sheet as queued Office.js calls, cut into units that each fit the payload
// budget: the sheet added under a temporary name, number formats ("@" on text) before
// values, values in row chunks, formats as rectangles of equal style, then merges,
// widths, heights and freeze panes. Print settings and the chart are separate, best-effort
// steps (bestEffortSteps). No sync here.

import { LayoutCell, Merge, PrintSetup, SheetLayout } from "../core/layout-types";
import { charsToPoints, numberFormatOf } from "../core/styles";
import { blockAddress, cellAddress, quoteSheetName } from "./a1";
import { jsonBytes, OP_OVERHEAD_BYTES } from "./payload";
import { Capabilities } from "./requirements";
import { ExcelStyle, excelStyle } from "./styles";

export interface Unit {
  readonly bytes: number;
  readonly queue: () => void;
}

/** "Total number of characters that a cell can contain: 32,767" (Excel specifications and limits). */
export const MAX_CELL_CHARS = 32_767;

/** A text longer than a cell holds, cut with an ellipsis (never half a surrogate pair). */
function fitCell(v: string | number): string | number {
  if (typeof v !== "string" || v.length <= MAX_CELL_CHARS) return v;
  return `${v.slice(0, MAX_CELL_CHARS - 1).replace(/[\uD800-\uDBFF]$/, "")}…`;
}

/** Above this many row-height runs a sheet's rows are autofitted instead. */
const MAX_HEIGHT_RUNS = 200;
/** Values are queued in pieces of at most this size. */
const VALUE_CHUNK_BYTES = 256 * 1024;

/** The queued work for one sheet, cut into units that each fit the payload budget. */
export function sheetUnits(
  context: Excel.RequestContext,
  layout: SheetLayout,
  temp: string,
  caps: Capabilities,
  budget: number,
  onAdded: (sheet: Excel.Worksheet) => void,
): Unit[] {
  const ws = () => context.workbook.worksheets.getItem(temp);
  const addUnit: Unit = {
    bytes: OP_OVERHEAD_BYTES * 3,
    queue: () => {
      const added = context.workbook.worksheets.add(temp);
      added.load("id");
      onAdded(added);
    },
  };
  return [
    addUnit,
    ...numberFormatUnits(ws, layout),
    ...valueUnits(ws, layout, Math.min(budget, VALUE_CHUNK_BYTES)),
    ...styleUnits(ws, layout),
    finishingUnit(ws, layout, caps),
  ];
}

const sheetWidth = (layout: SheetLayout): number => Math.max(1, ...layout.rows.map((r) => r.length), layout.columnWidths.length);

/**
 * Number formats first: "@" on text cells so =, +, - and @ stay text, then the values. One
 * rectangle per run of equal formats (a single value fills a whole range), so the request
 * does not carry one format string per cell.
 */
function numberFormatUnits(ws: () => Excel.Worksheet, layout: SheetLayout): Unit[] {
  return rectangles(layout.rows, numberFormatKey).map((rect) => ({
    bytes: OP_OVERHEAD_BYTES + jsonBytes(rect.key),
    queue: () => {
      const range = ws().getRangeByIndexes(rect.top, rect.left, rect.bottom - rect.top + 1, rect.right - rect.left + 1);
      // A single format string is applied to every cell of the range.
      (range as unknown as { numberFormat: unknown }).numberFormat = rect.key;
    },
  }));
}

/** The values in row chunks of at most chunkBytes; small chunks let the batches fill up close to the budget. */
function valueUnits(ws: () => Excel.Worksheet, layout: SheetLayout, chunkBytes: number): Unit[] {
  const width = sheetWidth(layout);
  const height = layout.rows.length;
  const valuesOf = (r: number): (string | number)[] => {
    const row = layout.rows[r] ?? [];
    const out: (string | number)[] = [];
    for (let c = 0; c < width; c++) {
      const cell = row[c];
      out.push(cell ? (isFormulaLink(cell) ? hyperlinkFormula(cell) : fitCell(cell.value ?? "")) : "");
    }
    return out;
  };
  const units: Unit[] = [];
  let first = 0;
  while (first < height) {
    let bytes = OP_OVERHEAD_BYTES;
    const vals: (string | number)[][] = [];
    let r = first;
    while (r < height) {
      const v = valuesOf(r);
      const add = jsonBytes(v) + 1;
      if (vals.length > 0 && bytes + add > chunkBytes) break;
      vals.push(v);
      bytes += add;
      r++;
    }
    const top = first;
    units.push({
      bytes,
      queue: () => {
        ws().getRangeByIndexes(top, 0, vals.length, width).values = vals;
      },
    });
    first = r;
  }
  return units;
}

/** Formats: one rectangle per run of equally styled cells, runs merged down rows. */
function styleUnits(ws: () => Excel.Worksheet, layout: SheetLayout): Unit[] {
  return rectangles(layout.rows, (c) => c.style).map((rect) => {
    const style = excelStyle(rect.key);
    return {
      bytes: OP_OVERHEAD_BYTES * 16,
      queue: () => applyStyle(ws().getRangeByIndexes(rect.top, rect.left, rect.bottom - rect.top + 1, rect.right - rect.left + 1), style, rect),
    };
  });
}

/** Merges, widths, heights, freeze panes, and the links that do not fit a HYPERLINK formula (long texts). */
function finishingUnit(ws: () => Excel.Worksheet, layout: SheetLayout, caps: Capabilities): Unit {
  const links = layout.rows.flatMap((row, r) =>
    row.flatMap((cell, c) => (cell?.link && !isFormulaLink(cell) ? [{ r, c, cell: cell as LayoutCell & { link: NonNullable<LayoutCell["link"]> } }] : [])),
  );
  const heights = heightRuns(layout.rowHeights ?? {});
  return {
    bytes:
      OP_OVERHEAD_BYTES *
        (20 +
          (layout.print.rowBreaks?.length ?? 0) +
          layout.merges.length +
          layout.columnWidths.length +
          Math.min(heights.length, MAX_HEIGHT_RUNS) +
          links.length) +
      jsonBytes(links.map((l) => l.cell.value)) +
      jsonBytes(layout.merges),
    queue: () => {
      const sheet = ws();
      for (const m of layout.merges) sheet.getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1).merge(false);
      queueSheetSettings(sheet, layout, caps);
      if (caps.v17) {
        for (const { r, c, cell } of links) {
          sheet.getRangeByIndexes(r, c, 1, 1).hyperlink = {
            documentReference: `${quoteSheetName(cell.link.sheet)}!${cell.link.cell}`,
            textToDisplay: cell.value === null ? cell.link.cell : String(cell.value),
          };
        }
      }
    },
  };
}

/**
 * What a copy of the cells does not carry: column widths, row heights, freeze panes. Queued
 * on the new sheet, and again on an output sheet updated in place.
 */
export function queueSheetSettings(sheet: Excel.Worksheet, layout: SheetLayout, caps: Capabilities): void {
  const width = sheetWidth(layout);
  const height = layout.rows.length;
  const heights = heightRuns(layout.rowHeights ?? {});
  layout.columnWidths.forEach((w, c) => {
    if (w > 0) sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = charsToPoints(w);
  });
  // Many different heights (long wrapped texts): let Excel fit the rows in one call.
  if (heights.length > MAX_HEIGHT_RUNS) sheet.getRangeByIndexes(0, 0, Math.max(1, height), width).format.autofitRows();
  else for (const run of heights) sheet.getRangeByIndexes(run.top, 0, run.count, 1).format.rowHeight = run.height;
  if (caps.v17) {
    sheet.freezePanes.unfreeze();
    if (layout.freezeRows > 0) sheet.freezePanes.freezeRows(layout.freezeRows);
  }
}

/**
 * The last, best-effort step of a write (after the sheets are in place): print settings and
 * the chart. Excel may refuse either (a printer driver, a protected chart…); the sheets
 * stay written and the pane says what was skipped.
 */
export function bestEffortSteps(
  sheet: Excel.Worksheet,
  layout: SheetLayout,
  caps: Capabilities,
): { print?: (() => void) | undefined; chart?: (() => void) | undefined } {
  const chart = layout.chart;
  return {
    print: caps.pageLayout ? () => applyPrint(sheet, layout.print) : undefined,
    chart: chart
      ? () => {
          const d = chart.dataRange;
          const added = sheet.charts.add("ColumnStacked", sheet.getRangeByIndexes(d.top, d.left, d.bottom - d.top + 1, d.right - d.left + 1), "Columns");
          added.title.text = chart.title;
          added.setPosition(cellAddress(chart.anchor.row, chart.anchor.col), cellAddress(chart.anchor.row + 15, chart.anchor.col + 7));
        }
      : undefined,
  };
}

export interface Rect<K> {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  readonly key: K;
}

/**
 * Runs of cells with one key on a row, joined with the identical run of the row above:
 * a table body becomes a few rectangles whatever its length. Cells keyed undefined are
 * left alone.
 */
export function rectangles<K extends string>(rows: readonly (readonly (LayoutCell | null)[])[], keyOf: (cell: LayoutCell) => K | undefined): Rect<K>[] {
  const done: Rect<K>[] = [];
  let open = new Map<string, Rect<K>>();
  rows.forEach((row, r) => {
    const next = new Map<string, Rect<K>>();
    let c = 0;
    while (c < row.length) {
      const cell = row[c];
      const key = cell ? keyOf(cell) : undefined;
      if (key === undefined) {
        c++;
        continue;
      }
      let end = c;
      while (end + 1 < row.length) {
        const n = row[end + 1];
        if (!n || keyOf(n) !== key) break;
        end++;
      }
      const id = `${c}:${end}:${key}`;
      const prev = open.get(id);
      if (prev) {
        next.set(id, { ...prev, bottom: r });
        open.delete(id);
      } else next.set(id, { top: r, left: c, bottom: r, right: end, key });
      c = end + 1;
    }
    done.push(...open.values());
    open = next;
  });
  done.push(...open.values());
  return done;
}

/** Consecutive rows of equal height, set with one call each. */
export function heightRuns(heights: Readonly<Record<number, number>>): { top: number; count: number; height: number }[] {
  const rows = Object.keys(heights)
    .map(Number)
    .filter((r) => Number.isInteger(r) && r >= 0 && heights[r] > 0)
    .sort((a, b) => a - b);
  const runs: { top: number; count: number; height: number }[] = [];
  for (const r of rows) {
    const last = runs[runs.length - 1];
    if (last && last.top + last.count === r && last.height === heights[r]) last.count++;
    else runs.push({ top: r, count: 1, height: heights[r] });
  }
  return runs;
}

/** The core's number format of a cell; undefined = General (a new sheet's default). */
function numberFormatKey(cell: LayoutCell): string | undefined {
  return isFormulaLink(cell) ? undefined : numberFormatOf(cell);
}

/** One style from the core's table on a range: font, fill, alignment, thin borders. */
function applyStyle(range: Excel.Range, style: ExcelStyle, block: Merge): void {
  const f = range.format;
  f.font.name = style.font;
  f.font.size = style.size;
  f.font.bold = style.bold;
  f.font.color = style.color;
  f.font.underline = style.underline;
  if (style.fill) f.fill.color = style.fill;
  f.horizontalAlignment = style.horizontal;
  f.verticalAlignment = style.vertical;
  f.wrapText = style.wrap;
  if (!style.border) return;
  for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const) {
    if (edge === "InsideVertical" && block.left === block.right) continue;
    if (edge === "InsideHorizontal" && block.top === block.bottom) continue;
    const b = f.borders.getItem(edge);
    b.style = "Continuous";
    b.weight = "Thin";
    b.color = style.border;
  }
}

/** The layout's print setup as page layout: paper, orientation, fit, margins, titles, area, breaks. */
function applyPrint(sheet: Excel.Worksheet, print: PrintSetup): void {
  const pl = sheet.pageLayout;
  pl.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
  pl.paperSize = print.paper;
  if (print.fitToWidth) pl.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  const pt = (inches: number): number => inches * 72;
  pl.leftMargin = pt(print.margins.left);
  pl.rightMargin = pt(print.margins.right);
  pl.topMargin = pt(print.margins.top);
  pl.bottomMargin = pt(print.margins.bottom);
  pl.headerMargin = pt(print.margins.header);
  pl.footerMargin = pt(print.margins.footer);
  pl.centerHorizontally = print.centerHorizontally;
  if (print.titleRows) pl.setPrintTitleRows(`$${print.titleRows.first + 1}:$${print.titleRows.last + 1}`);
  if (print.area) pl.setPrintArea(blockAddress(print.area));
  // Breaks of an earlier write of the same sheet (updated in place) go first.
  sheet.horizontalPageBreaks.removePageBreaks();
  for (const row of print.rowBreaks ?? []) sheet.horizontalPageBreaks.add(cellAddress(row, 0));
}

// A link is written as a HYPERLINK formula inside the values array: no extra call per
// link. The texts are string literals with quotes doubled, so nothing in them runs.
const FORMULA_TEXT_MAX = 255;

function linkTarget(cell: LayoutCell): string {
  return cell.link ? `#${quoteSheetName(cell.link.sheet)}!${cell.link.cell}` : "";
}

function isFormulaLink(cell: LayoutCell): boolean {
  if (!cell.link) return false;
  const text = cell.value === null ? cell.link.cell : String(cell.value);
  return text.length <= FORMULA_TEXT_MAX && linkTarget(cell).length <= FORMULA_TEXT_MAX;
}

export function hyperlinkFormula(cell: LayoutCell): string {
  const text = cell.value === null ? (cell.link?.cell ?? "") : String(cell.value);
  const lit = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  return `=HYPERLINK(${lit(linkTarget(cell))},${lit(text)})`;
}
