// The named cell styles of a layout, as Excel formats. Fonts that show Japanese, thin
// borders, a pale header fill: the look of the seed's tables.

import { CellStyle } from "../core/layout-types";

export interface ExcelStyle {
  readonly fill?: string;
  readonly bold?: boolean;
  readonly size?: number;
  readonly color?: string;
  readonly underline?: boolean;
  readonly horizontal: "General" | "Left" | "Center" | "Right";
  readonly vertical: "Top" | "Center";
  readonly wrap: boolean;
  readonly border: boolean;
}

export const FONT_NAME = "游ゴシック";
export const BORDER_COLOR = "#808080";

export const STYLES: Readonly<Record<CellStyle, ExcelStyle>> = {
  title: { bold: true, size: 14, horizontal: "Left", vertical: "Center", wrap: false, border: false },
  note: { size: 10, horizontal: "Left", vertical: "Top", wrap: false, border: false },
  header: { fill: "#DDEBF7", bold: true, horizontal: "Center", vertical: "Center", wrap: true, border: true },
  rowHeader: { horizontal: "Center", vertical: "Center", wrap: true, border: true },
  text: { horizontal: "Left", vertical: "Top", wrap: true, border: true },
  number: { horizontal: "Right", vertical: "Center", wrap: false, border: true },
  total: { fill: "#F2F2F2", bold: true, horizontal: "Center", vertical: "Center", wrap: true, border: true },
  totalNumber: { fill: "#F2F2F2", bold: true, horizontal: "Right", vertical: "Center", wrap: false, border: true },
  link: { color: "#0563C1", underline: true, horizontal: "Left", vertical: "Top", wrap: false, border: true },
};

/** Excel column width is in points; layouts give characters (about 7 px each plus padding). */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}
