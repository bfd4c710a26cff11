// ExcelJS adapter, writing side: render sheet layouts into a new workbook.

import ExcelJS from "exceljs";
import { CellStyle, LayoutCell, SheetLayout } from "../core/layout-types";
import { columnLetter } from "../core/address";
import { FONT_NAME, STYLES } from "../core/styles";

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
const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF808080" } };

const styleCache = new Map<string, Partial<ExcelJS.Style>>();

function sharedStyle(style: CellStyle, numFmt: string | undefined): Partial<ExcelJS.Style> {
  const key = `${style}|${numFmt ?? ""}`;
  let shared = styleCache.get(key);
  if (!shared) {
    const spec = STYLES[style];
    shared = {
      font: { name: FONT_NAME, size: spec.size, bold: spec.bold, color: { argb: argb(spec.color) }, underline: spec.underline },
      alignment: { horizontal: spec.horizontal, vertical: spec.vertical === "center" ? "middle" : "top", wrapText: spec.wrap },
      ...(spec.fill ? { fill: { type: "pattern", pattern: "solid", fgColor: { argb: argb(spec.fill) } } as ExcelJS.Fill } : {}),
      ...(spec.border ? { border: { top: thin, left: thin, bottom: thin, right: thin } } : {}),
      ...(numFmt ? { numFmt } : {}),
    };
    styleCache.set(key, shared);
  }
  return shared;
}

type AnyWorksheet = ExcelJS.Worksheet;

function worksheetOptions(layout: SheetLayout): Partial<ExcelJS.AddWorksheetOptions> {
  const lastCol = layout.columnWidths.length;
  const lastRow = layout.rows.length;
  const printArea = lastRow > 0 && lastCol > 0 ? `A1:${columnLetter(lastCol - 1)}${lastRow}` : undefined;
  return {
    pageSetup: {
      paperSize: 9, // A4
      orientation: layout.print.orientation,
      fitToPage: layout.print.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      ...(printArea ? { printArea } : {}),
      ...(layout.freezeRows > 0 ? { printTitlesRow: `1:${layout.freezeRows}` } : {}),
    },
    views: layout.freezeRows > 0 ? [{ state: "frozen", ySplit: layout.freezeRows }] : [],
    properties: { defaultRowHeight: 18 } as ExcelJS.WorksheetProperties,
  };
}

/**
 * Fill a worksheet (in memory, or ExcelJS's streaming writer) from a layout. With
 * `commitRows`, rows are committed as they are written, unless merges need them later.
 */
function fillWorksheet(ws: AnyWorksheet, layout: SheetLayout, options: WriteOptions, commitRows: boolean): void {
  layout.columnWidths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
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
      target.style = sharedStyle(cell.style, typeof cell.value === "string" ? "@" : cell.numberFormat);
    });
    const height = layout.rowHeights?.[r];
    if (height !== undefined) row.height = height;
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
