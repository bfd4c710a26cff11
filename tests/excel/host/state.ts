// The in-memory workbook behind the workbook host simulator (tests/excel/host/host.ts):
// what a test seeds and inspects. Plain data (structuredClone copies it); the rules of
// Excel live in the host, not here. No Node-only imports: the browser test bundles it.

export interface FormatRecord {
  readonly address: string;
  readonly prop: string;
  readonly value: unknown;
}

export interface ChartRecord {
  readonly type: string;
  name?: string;
  readonly source: string;
  title?: string;
  position?: string;
}

export interface SheetState {
  id: string;
  name: string;
  /** "Visible" | "Hidden" | "VeryHidden" (Excel.SheetVisibility). */
  visibility: string;
  protected: boolean;
  /** What is in each cell: a value, or the formula text for cells in `interpreted`. */
  values: unknown[][];
  numberFormats: (string | undefined)[][];
  /** Cells whose text Excel turned into a formula or a number (A1 addresses). */
  interpreted: Set<string>;
  formats: FormatRecord[];
  /** Merged areas, A1 without the sheet ("A3:A4"). */
  merges: string[];
  hyperlinks: Record<string, { documentReference?: string; textToDisplay?: string; address?: string }>;
  customProperties: Map<string, string>;
  charts: ChartRecord[];
  /** Features Excel on the web cannot insert from a file (PivotTables, charts, comments, slicers). */
  features: string[];
  freezeRows: number;
  pageLayout: Record<string, unknown>;
  /** Addresses given to horizontalPageBreaks.add: a printed page starts at each one's row. */
  rowBreaks: string[];
}

export interface NameState {
  name: string;
  /** "='Sheet'!$A$1"; "=#REF!$A$1" once the sheet is deleted. */
  formula: string;
  comment: string;
  visible: boolean;
}

export interface WorkbookState {
  name: string;
  sheets: SheetState[];
  names: NameState[];
  activeSheetId?: string | undefined;
  selected?: string;
  /** Incremented for each sheet added; ids are never reused within a session. */
  nextId: number;
  /** Bumped by reopen(): worksheet ids are per session. */
  session: number;
  /** The workbooks Excel.createWorkbook opened (each a new window; this workbook is unchanged). */
  created?: { readonly base64: string; readonly sheets: readonly string[] }[];
}

export function newSheet(wb: WorkbookState, name: string, rows: unknown[][] = []): SheetState {
  const s: SheetState = {
    id: sheetId(wb, wb.nextId++),
    name,
    visibility: "Visible",
    protected: false,
    values: rows.map((r) => [...r]),
    numberFormats: [],
    interpreted: new Set(),
    formats: [],
    merges: [],
    hyperlinks: {},
    customProperties: new Map(),
    charts: [],
    features: [],
    freezeRows: 0,
    pageLayout: {},
    rowBreaks: [],
  };
  wb.sheets.push(s);
  return s;
}

function sheetId(wb: WorkbookState, n: number): string {
  // Shaped like Excel's ids ("{00000000-0001-0000-0000-000000000000}"), different per session.
  const hex = (v: number, w: number): string => v.toString(16).toUpperCase().padStart(w, "0");
  return `{${hex(wb.session * 7919 + n, 8)}-${hex(n, 4)}-0000-0000-000000000000}`;
}

export function newWorkbook(name: string, sheets: readonly { name: string; rows: unknown[][] }[]): WorkbookState {
  const wb: WorkbookState = { name, sheets: [], names: [], nextId: 1, session: 1 };
  for (const s of sheets) newSheet(wb, s.name, s.rows);
  wb.activeSheetId = wb.sheets[0]?.id;
  return wb;
}

/**
 * Closing and opening the workbook again: every sheet gets a new id (worksheet ids are only
 * valid in one session — see host.ts), everything saved in the file stays.
 */
export function reopen(wb: WorkbookState): void {
  wb.session++;
  const active = wb.sheets.findIndex((s) => s.id === wb.activeSheetId);
  wb.sheets.forEach((s, i) => (s.id = sheetId(wb, i + 1)));
  wb.nextId = wb.sheets.length + 1;
  wb.activeSheetId = wb.sheets[Math.max(0, active)]?.id;
}
