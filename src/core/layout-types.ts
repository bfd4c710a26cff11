// A sheet layout is the output format defined once, as plain data: both the ExcelJS
// adapter (CLI) and the Office.js adapter (add-in) render it cell by cell.

/** Named cell styles; each adapter maps a name to fonts, fills, borders and alignment. */
export type CellStyle =
  | "title" // ○令和4年度実績における評価: bold, larger, no border
  | "note" // free text beside or under a table, no border
  | "header" // table header: fill, bold, centred, border
  | "rowHeader" // 基本目標1 / 数値目標 / KPI: border, centred
  | "text" // body text: border, left, wraps
  | "number" // body number: border, right
  | "total" // 合計 rows: border, bold, light fill
  | "totalNumber"
  | "link"; // a hyperlink to a cell (入力チェック): border, blue, underlined

export interface LayoutCell {
  /** Strings are always written as text (never as a formula); null = empty. */
  readonly value: string | number | null;
  readonly style: CellStyle;
  /** Number format for numbers, e.g. "0.0%" or "#,##0". */
  readonly numberFormat?: string;
  /** Link to a source cell: its sheet and A1 address (and file, for the CLI's separate output workbook). */
  readonly link?: { readonly file?: string | undefined; readonly sheet: string; readonly cell: string } | undefined;
}

export interface Merge {
  /** 0-based inclusive. */
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** What each output sheet is; adapters use it to mark the sheets this tool owns. */
export type SheetRole = "summary" | "list" | "comparison" | "checks" | "completion" | "packages";

/** How a sheet goes on paper; both writers translate it as is. */
export interface PrintSetup {
  readonly paper: "A4" | "A3";
  readonly orientation: "portrait" | "landscape";
  /** Fit the print area to one page wide (any number of pages tall). */
  readonly fitToWidth: boolean;
  /** Margins in inches. */
  readonly margins: {
    readonly left: number;
    readonly right: number;
    readonly top: number;
    readonly bottom: number;
    readonly header: number;
    readonly footer: number;
  };
  /** Rows repeated at the top of every printed page (0-based, inclusive), if any. */
  readonly titleRows?: { readonly first: number; readonly last: number };
  /** The part of the sheet that is printed (0-based, inclusive); the rest stays on screen only. */
  readonly area?: Merge;
  readonly centerHorizontally: boolean;
  /** 0-based rows before which a new page starts (a group heading at the top of each page). */
  readonly rowBreaks?: readonly number[];
}

export interface SheetLayout {
  readonly role: SheetRole;
  readonly name: string;
  /** Rows of cells from A1; rows may be shorter than the width (missing = empty, no style). */
  readonly rows: readonly (readonly (LayoutCell | null)[])[];
  readonly merges: readonly Merge[];
  /** Column widths in Excel character units. */
  readonly columnWidths: readonly number[];
  /** Row heights in points, by 0-based row index, where a row needs more than the default. */
  readonly rowHeights?: Readonly<Record<number, number>>;
  /** Number of header rows to freeze (0 = none). */
  readonly freezeRows: number;
  readonly print: PrintSetup;
  /** Where a chart of grades per goal may be placed (summary only): the tally's data block. */
  readonly chart?: {
    readonly title: string;
    /** 0-based block of the data the chart plots, with its header row and label column. */
    readonly dataRange: Merge;
    readonly anchor: { readonly row: number; readonly col: number };
  };
}
