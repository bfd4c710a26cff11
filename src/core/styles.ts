// The one table of cell styles and page metrics, as plain data: the ExcelJS writer (CLI)
// and the Office.js writer (add-in) only translate it, so both write the same sheet.

import { CellStyle, LayoutCell, PrintSetup } from "./layout-types";

export interface StyleSpec {
  readonly font: string;
  readonly size: number;
  readonly bold: boolean;
  readonly underline: boolean;
  /** Font colour as RRGGBB. */
  readonly color: string;
  /** Fill colour as RRGGBB, or undefined for none. */
  readonly fill?: string;
  /** Thin border colour (RRGGBB) on all four sides, or undefined for none. */
  readonly border?: string | undefined;
  readonly horizontal: "left" | "center" | "right";
  readonly vertical: "top" | "center";
  readonly wrap: boolean;
}

/** A font that shows Japanese on Windows, Mac and (by fallback) LibreOffice. */
export const FONT_NAME = "游ゴシック";
export const BORDER_COLOR = "808080";
/** Points of a row with one line of body text (both writers set it as the sheets' default). */
export const DEFAULT_ROW_HEIGHT = 18;
/** The body text size; no text of an output sheet is smaller. */
export const BODY_SIZE = 10.5;

const base: StyleSpec = {
  font: FONT_NAME,
  size: BODY_SIZE,
  bold: false,
  underline: false,
  color: "000000",
  border: BORDER_COLOR,
  horizontal: "left",
  vertical: "top",
  wrap: false,
};

export const STYLES: Readonly<Record<CellStyle, StyleSpec>> = {
  title: { ...base, bold: true, size: 12, border: undefined, vertical: "center" },
  note: { ...base, border: undefined, color: "404040" },
  header: { ...base, bold: true, fill: "D9E1F2", horizontal: "center", vertical: "center", wrap: true },
  rowHeader: { ...base, horizontal: "center", vertical: "center", wrap: true },
  text: { ...base, wrap: true },
  number: { ...base, horizontal: "right" },
  total: { ...base, bold: true, fill: "F2F2F2", horizontal: "center", vertical: "center", wrap: true },
  totalNumber: { ...base, bold: true, fill: "F2F2F2", horizontal: "right", vertical: "center" },
  link: { ...base, color: "0563C1", underline: true, wrap: true },
};

/** Numbers get thousands separators unless the layout names another format. */
export const NUMBER_FORMAT = "#,##0";
/** Text is formatted "@" so Excel never re-reads it as a formula or a number on edit. */
export const TEXT_FORMAT = "@";

/** The number format of a cell: "@" for text, the layout's (or #,##0) for numbers; undefined = General. */
export function numberFormatOf(cell: LayoutCell): string | undefined {
  if (typeof cell.value === "string") return TEXT_FORMAT;
  if (cell.style === "number" || cell.style === "totalNumber") return cell.numberFormat ?? NUMBER_FORMAT;
  return cell.numberFormat;
}

/** A column width in Excel's character units as points (7 px per character plus padding, at 96 dpi). */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** Paper sizes in points (portrait). */
const PAPER: Readonly<Record<PrintSetup["paper"], { readonly width: number; readonly height: number }>> = {
  A4: { width: 595, height: 842 },
  A3: { width: 842, height: 1191 },
};

/** The printable width and height of a page in points, inside the margins. */
export function printableSize(print: Pick<PrintSetup, "paper" | "orientation" | "margins">): { width: number; height: number } {
  const p = PAPER[print.paper];
  const [w, h] = print.orientation === "portrait" ? [p.width, p.height] : [p.height, p.width];
  const m = print.margins;
  return { width: w - (m.left + m.right) * 72, height: h - (m.top + m.bottom) * 72 };
}

export const MARGINS: PrintSetup["margins"] = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };

/** A printed page: fit to one page wide, the team's margins, and whatever else is given. */
export function printSetup(paper: PrintSetup["paper"], orientation: PrintSetup["orientation"], extra: Partial<PrintSetup> = {}): PrintSetup {
  return { paper, orientation, fitToWidth: true, margins: MARGINS, centerHorizontally: false, ...extra };
}
