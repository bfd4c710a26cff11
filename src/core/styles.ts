// What each named cell style looks like, as plain data both adapters translate.

import { CellStyle } from "./layout-types";

export interface StyleSpec {
  readonly bold: boolean;
  readonly size: number;
  /** Fill colour as RRGGBB, or undefined for none. */
  readonly fill?: string;
  readonly color: string;
  readonly horizontal: "left" | "center" | "right";
  readonly vertical: "top" | "center";
  readonly wrap: boolean;
  readonly border: boolean;
  readonly underline: boolean;
}

/** A font that shows Japanese on Windows, Mac and (by fallback) LibreOffice. */
export const FONT_NAME = "游ゴシック";

const base: StyleSpec = { bold: false, size: 10.5, color: "000000", horizontal: "left", vertical: "center", wrap: false, border: true, underline: false };

export const STYLES: Readonly<Record<CellStyle, StyleSpec>> = {
  title: { ...base, bold: true, size: 12, border: false },
  note: { ...base, size: 10, border: false, color: "404040" },
  header: { ...base, bold: true, fill: "D9E1F2", horizontal: "center", wrap: true },
  rowHeader: { ...base, horizontal: "center", wrap: true },
  text: { ...base, wrap: true, vertical: "top" },
  number: { ...base, horizontal: "right" },
  total: { ...base, bold: true, fill: "F2F2F2", horizontal: "center" },
  totalNumber: { ...base, bold: true, fill: "F2F2F2", horizontal: "right" },
  link: { ...base, color: "0563C1", underline: true, horizontal: "center" },
};
