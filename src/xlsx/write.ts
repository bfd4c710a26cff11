// ExcelJS adapter, writing side: render sheet layouts into a new workbook.

import ExcelJS from "exceljs";
import { CellStyle, LayoutCell, Merge, SheetLayout } from "../core/layout-types";
import { columnLetter } from "../core/address";
import { DEFAULT_ROW_HEIGHT, numberFormatOf, STYLES } from "../core/styles";

export interface WriteOptions {
  /** Where a link to a source cell points: returns a hyperlink target, or undefined for none. */
  readonly linkTarget?: (link: NonNullable<LayoutCell["link"]>) => string | undefined;
}

const argb = (hex: string): string => `FF${hex}`;

/** Characters XML cannot hold (U+FFFE, U+FFFF, lone surrogates, most C0 controls) become U+FFFD. */
export function xmlSafe(s: string): string {
  // eslint-disable-next-line no-control-regex -- these control characters are what XML cannot hold
  return s.replace(/[\uFFFE\uFFFF\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}
const styleCache = new Map<string, Partial<ExcelJS.Style>>();

/** The core's cell style as an ExcelJS style: one shared object per (style, number format). */
function sharedStyle(style: CellStyle, numFmt: string | undefined): Partial<ExcelJS.Style> {
  const key = `${style}|${numFmt ?? ""}`;
  let shared = styleCache.get(key);
  if (!shared) {
    const spec = STYLES[style];
    const edge: Partial<ExcelJS.Border> | undefined = spec.border ? { style: "thin", color: { argb: argb(spec.border) } } : undefined;
    shared = {
      font: { name: spec.font, size: spec.size, bold: spec.bold, color: { argb: argb(spec.color) }, underline: spec.underline },
      alignment: { horizontal: spec.horizontal, vertical: spec.vertical === "center" ? "middle" : "top", wrapText: spec.wrap },
      ...(spec.fill ? { fill: { type: "pattern", pattern: "solid", fgColor: { argb: argb(spec.fill) } } as ExcelJS.Fill } : {}),
      ...(edge ? { border: { top: edge, left: edge, bottom: edge, right: edge } } : {}),
      ...(numFmt ? { numFmt } : {}),
    };
    styleCache.set(key, shared);
  }
  return shared;
}

type AnyWorksheet = ExcelJS.Worksheet;

/**
 * A print area as ExcelJS wants it: it puts "$" before each corner itself, so "A$1:R$65"
 * becomes the absolute $A$1:$R$65 (LibreOffice ignores a print area of "$A1:$R65").
 */
const printAreaA1 = (b: Merge): string => `${columnLetter(b.left)}$${b.top + 1}:${columnLetter(b.right)}$${b.bottom + 1}`;

/** The layout's print setup as ExcelJS page setup. */
function worksheetOptions(layout: SheetLayout): Partial<ExcelJS.AddWorksheetOptions> {
  const p = layout.print;
  return {
    pageSetup: {
      paperSize: (p.paper === "A3" ? 8 : 9) as ExcelJS.PaperSize, // OOXML paper codes: 8 = A3, 9 = A4
      orientation: p.orientation,
      fitToPage: p.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { ...p.margins },
      horizontalCentered: p.centerHorizontally,
      ...(p.area ? { printArea: printAreaA1(p.area) } : {}),
      ...(p.titleRows ? { printTitlesRow: `${p.titleRows.first + 1}:${p.titleRows.last + 1}` } : {}),
    },
    views: layout.freezeRows > 0 ? [{ state: "frozen", ySplit: layout.freezeRows }] : [],
    properties: { defaultRowHeight: DEFAULT_ROW_HEIGHT } as ExcelJS.WorksheetProperties,
  };
}

/**
 * Fill a worksheet (in memory, or ExcelJS's streaming writer) from a layout. With
 * `commitRows`, rows are committed as they are written, unless merges need them later.
 */
function fillWorksheet(ws: AnyWorksheet, layout: SheetLayout, options: WriteOptions, commitRows: boolean): void {
  layout.columnWidths.forEach((w, i) => {
    // ExcelJS takes a width of exactly 9 for its default and does not write it (Excel's
    // default is then 8.43): a hair more keeps the column as wide as the layout says.
    ws.getColumn(i + 1).width = w === 9 ? 9.0001 : w;
  });
  const commit = commitRows && layout.merges.length === 0;
  layout.rows.forEach((cells, r) => {
    const row = ws.getRow(r + 1);
    cells.forEach((cell, col) => {
      if (!cell) return;
      const target = row.getCell(col + 1);
      const link = cell.link && options.linkTarget ? options.linkTarget(cell.link) : undefined;
      if (typeof cell.value === "string") {
        const text = xmlSafe(cell.value);
        target.value = link ? { text, hyperlink: link } : text;
      } else target.value = cell.value;
      // Strings get "@" so Excel never re-reads them as formulas on edit. One shared style
      // object per (style, format): ExcelJS dedupes styles by object, not by content.
      target.style = sharedStyle(cell.style, numberFormatOf(cell));
    });
    const height = layout.rowHeights?.[r];
    if (height !== undefined) row.height = height;
    if (layout.print.rowBreaks?.includes(r + 1)) row.addPageBreak();
    if (commit) row.commit();
  });
  for (const m of layout.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
}

export function renderLayout(wb: ExcelJS.Workbook, layout: SheetLayout, options: WriteOptions = {}): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(layout.name, worksheetOptions(layout));
  fillWorksheet(ws, layout, options, false);
  return ws;
}

/**
 * Write layouts straight to a file with ExcelJS's streaming writer: rows go out as they are
 * made and Node's zlib compresses, so a 20,000-indicator summary costs little more than
 * reading the input.
 */
export async function writeLayoutsToFile(layouts: readonly SheetLayout[], filePath: string, options: WriteOptions = {}): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: filePath, useStyles: true, useSharedStrings: true });
  wb.creator = "KPI見直しアシスタント";
  wb.created = new Date(0);
  wb.modified = new Date(0);
  for (const layout of layouts) {
    const ws = wb.addWorksheet(layout.name, worksheetOptions(layout)) as unknown as AnyWorksheet & { commit(): void };
    fillWorksheet(ws, layout, options, true);
    ws.commit();
  }
  await wb.commit();
}

export function layoutsToWorkbook(layouts: readonly SheetLayout[], options: WriteOptions = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "KPI見直しアシスタント";
  wb.created = new Date(0);
  wb.modified = new Date(0);
  for (const layout of layouts) renderLayout(wb, layout, options);
  return wb;
}
