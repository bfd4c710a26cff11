// The core's cell styles (src/core/styles.ts) as Office.js format values: the add-in only
// translates them, so it writes the same sheet as the CLI.

import { CellStyle } from "../core/layout-types";
import { STYLES } from "../core/styles";

export interface ExcelStyle {
  readonly font: string;
  readonly size: number;
  readonly bold: boolean;
  readonly underline: "Single" | "None";
  readonly color: string;
  readonly fill?: string;
  readonly border?: string;
  readonly horizontal: "Left" | "Center" | "Right";
  readonly vertical: "Top" | "Center";
  readonly wrap: boolean;
}

const hex = (rgb: string): string => `#${rgb}`;
const cap = <T extends string>(s: T): Capitalize<T> => (s.charAt(0).toUpperCase() + s.slice(1)) as Capitalize<T>;

export function excelStyle(style: CellStyle): ExcelStyle {
  const s = STYLES[style];
  return {
    font: s.font,
    size: s.size,
    bold: s.bold,
    underline: s.underline ? "Single" : "None",
    color: hex(s.color),
    ...(s.fill ? { fill: hex(s.fill) } : {}),
    ...(s.border ? { border: hex(s.border) } : {}),
    horizontal: cap(s.horizontal),
    vertical: cap(s.vertical),
    wrap: s.wrap,
  };
}
