// The Excel objects the simulator serves, over the in-memory workbook (state.ts). Each
// answers the RichApi verbs: a navigation property (Worksheets, Format…), a method call,
// a property set, and a query (PascalCase values, as the real client reads them).
// What the adapter does not use answers NotImplemented, so a new call shows up in a test.

import { blockAddress, cellAddress, parseAddress, quoteSheetName, Block } from "../../../src/excel/a1";
import {
  checkDeletable,
  checkSheetName,
  HostError,
  MAX_CELL_CHARS,
  MAX_MERGED_AREAS,
  mergedAreasIn,
  rewriteReferences,
  WEB_UNSUPPORTED_ON_INSERT,
} from "./rules";
import { newSheet, SheetState, WorkbookState } from "./state";

export interface HostEnv {
  readonly wb: WorkbookState;
  readonly platform: "web" | "desktop";
  readonly decode?: ((base64: string) => Promise<readonly DecodedSheet[]>) | undefined;
  suspendedSyncs: number;
}

/** A sheet of a workbook file, as insertWorksheetsFromBase64 copies it in. */
export interface DecodedSheet {
  readonly name: string;
  readonly rows: unknown[][];
  readonly visible?: boolean;
  readonly visibility?: string;
  readonly merges?: readonly string[];
  /** "pivotTable", "chart", "comment", "slicer": what Excel on the web refuses to insert. */
  readonly features?: readonly string[];
}

/** Turns a base64 .xlsx into its sheets when the host was given no decoder (ExcelJS in Node, a page binding in the browser). */
let defaultDecoder: ((base64: string) => Promise<readonly DecodedSheet[]>) | undefined;
export function setWorkbookDecoder(d: typeof defaultDecoder): void {
  defaultDecoder = d;
}

export abstract class HostObject {
  abstract readonly type: string;
  constructor(readonly env: HostEnv) {}
  nav(name: string): HostObject {
    throw notImplemented(this.type, name);
  }
  call(name: string, _args: unknown[]): unknown {
    throw notImplemented(this.type, name);
  }
  set(name: string, _value: unknown): void {
    throw notImplemented(this.type, name);
  }
  get(name: string): unknown {
    throw notImplemented(this.type, name);
  }
  /** Scalars returned by a load() without names. */
  defaults(): string[] {
    return [];
  }
  items(): HostObject[] | undefined {
    return undefined;
  }
  /** What an Instantiate returns (ids let the client re-address the object later). */
  identity(): Record<string, unknown> {
    return {};
  }
}

function notImplemented(type: string, member: string): HostError {
  return new HostError("NotImplemented", [`${type}.${member} (not in the simulator)`]);
}

export class WorkbookObj extends HostObject {
  readonly type = "workbook";
  override nav(name: string): HostObject {
    if (name === "Worksheets") return new WorksheetsObj(this.env);
    if (name === "Application") return new ApplicationObj(this.env);
    if (name === "Names") return new NamesObj(this.env);
    return super.nav(name);
  }
  override get(name: string): unknown {
    if (name === "Name") return this.env.wb.name;
    return super.get(name);
  }
  override call(name: string, args: unknown[]): unknown {
    // Excel.createWorkbook as the web client (excel-web-16.00.js) sends it: one method of the
    // Excel on the web workbook instead of application.createWorkbook(base64).open().
    if (name === "CreateAndOpenWorkbook") return openCreated(this.env, args[0]);
    if (name === "InsertWorksheetsFromBase64") return this.insert(String(args[0]), (args[1] ?? {}) as InsertOptions);
    if (name === "GetSelectedRange") {
      const s = activeSheet(this.env.wb);
      return new RangeObj(this.env, s, parseAddress(this.env.wb.selected ?? "A1")!);
    }
    return super.call(name, args);
  }

  private async insert(base64: string, options: InsertOptions): Promise<string[]> {
    const decode = this.env.decode ?? defaultDecoder;
    if (!decode) throw new HostError("NotImplemented", ["no workbook decoder"]);
    let decoded: readonly DecodedSheet[];
    try {
      decoded = await decode(base64);
    } catch {
      throw new HostError("InvalidArgument");
    }
    const wanted = options.sheetNamesToInsert?.length ? new Set(options.sheetNamesToInsert) : undefined;
    const chosen = decoded.filter((d) => !wanted || wanted.has(d.name));
    if (this.env.platform === "web" && chosen.some((d) => d.features?.some((f) => WEB_UNSUPPORTED_ON_INSERT.includes(f))))
      throw new HostError("UnsupportedFeature");
    const wb = this.env.wb;
    const ids: string[] = [];
    for (const d of chosen) {
      let name = d.name;
      // A name already taken gets " (2)", as Excel's Move or Copy does.
      for (let k = 2; wb.sheets.some((x) => x.name.toLowerCase() === name.toLowerCase()); k++) name = `${d.name.slice(0, 26)} (${k})`;
      const sheet = newSheet(wb, name, d.rows);
      sheet.visibility = d.visibility ?? (d.visible === false ? "Hidden" : "Visible");
      sheet.features = [...(d.features ?? [])];
      sheet.merges = [...(d.merges ?? [])];
      if (options.positionType === "Beginning") wb.sheets.splice(ids.length, 0, wb.sheets.pop()!);
      ids.push(sheet.id);
    }
    return ids;
  }
}

interface InsertOptions {
  readonly sheetNamesToInsert?: string[];
  readonly positionType?: string;
}

function activeSheet(wb: WorkbookState): SheetState {
  const s = wb.sheets.find((x) => x.id === wb.activeSheetId) ?? wb.sheets[0];
  if (!s) throw new HostError("ItemNotFound");
  return s;
}

class ApplicationObj extends HostObject {
  readonly type = "application";
  override call(name: string, args: unknown[]): unknown {
    if (name === "SuspendApiCalculationUntilNextSync") {
      this.env.suspendedSyncs++;
      return undefined;
    }
    // Excel.createWorkbook(base64) is workbook.application.createWorkbook(base64).open() in
    // Microsoft's client (ExcelApi 1.8): "Creates and opens a new workbook. Optionally, the
    // workbook can be pre-populated with a base64-encoded .xlsx file" (Excel namespace,
    // learn.microsoft.com/javascript/api/excel; learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-workbooks,
    // "Create a workbook").
    if (name === "CreateWorkbook") return new WorkbookCreatedObj(this.env, args[0]);
    return super.call(name, args);
  }
}

/** The workbook createWorkbook made; open() opens it. */
class WorkbookCreatedObj extends HostObject {
  readonly type = "workbookCreated";
  constructor(
    env: HostEnv,
    private readonly base64: unknown,
  ) {
    super(env);
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === "Open") return openCreated(this.env, this.base64);
    return super.call(name, args);
  }
}

/** Opens a new workbook from a base64 .xlsx (or an empty one): decoded, then recorded in wb.created; a file Excel cannot read is refused. */
async function openCreated(env: HostEnv, file: unknown): Promise<undefined> {
  const base64 = file === null || file === undefined ? undefined : String(file);
  let sheets: readonly DecodedSheet[] = [];
  if (base64 !== undefined) {
    const decode = env.decode ?? defaultDecoder;
    if (!decode) throw new HostError("NotImplemented", ["no workbook decoder"]);
    try {
      sheets = await decode(base64);
    } catch {
      throw new HostError("InvalidArgument");
    }
  }
  (env.wb.created ??= []).push({ base64: base64 ?? "", sheets: sheets.map((d) => d.name) });
  return undefined;
}

export function sheetByKey(wb: WorkbookState, key: unknown): SheetState | undefined {
  const k = String(key);
  // getItem(key): "Gets a worksheet object using its name or ID" (types, WorksheetCollection.getItem).
  return wb.sheets.find((s) => s.id === k) ?? wb.sheets.find((s) => s.name.toLowerCase() === k.toLowerCase());
}

export class WorksheetsObj extends HostObject {
  readonly type = "worksheetCollection";
  override items(): HostObject[] {
    return this.env.wb.sheets.map((s) => new WorksheetObj(this.env, s));
  }
  override call(name: string, args: unknown[]): unknown {
    const wb = this.env.wb;
    switch (name) {
      case "_Indexer":
      case "GetItem": {
        const s = sheetByKey(wb, args[0]);
        if (!s) throw new HostError("ItemNotFound");
        return new WorksheetObj(this.env, s);
      }
      case "GetItemOrNullObject": {
        const s = sheetByKey(wb, args[0]);
        return s ? new WorksheetObj(this.env, s) : null;
      }
      case "Add": {
        const n = args[0] === undefined || args[0] === null ? `Sheet${wb.nextId}` : String(args[0]);
        checkSheetName(wb, n);
        return new WorksheetObj(this.env, newSheet(wb, n));
      }
      case "GetActiveWorksheet":
        return new WorksheetObj(this.env, activeSheet(wb));
      case "GetCount":
        return wb.sheets.filter((s) => !args[0] || s.visibility === "Visible").length;
    }
    return super.call(name, args);
  }
}

/** An object that belongs to one worksheet (its ranges, properties, charts, page layout …). */
abstract class SheetObject extends HostObject {
  constructor(
    env: HostEnv,
    readonly sheet: SheetState,
  ) {
    super(env);
  }
}

export class WorksheetObj extends SheetObject {
  readonly type = "worksheet";
  /** The sheet still in the workbook (a deleted sheet's proxy fails as in Excel). */
  live(): SheetState {
    if (!this.env.wb.sheets.includes(this.sheet)) throw new HostError("ItemNotFound");
    return this.sheet;
  }
  override identity(): Record<string, unknown> {
    return { Id: this.sheet.id };
  }
  override defaults(): string[] {
    return ["Id", "Name", "Position", "Visibility"];
  }
  override get(name: string): unknown {
    const s = this.live();
    if (name === "Id") return s.id;
    if (name === "Name") return s.name;
    if (name === "Visibility") return s.visibility;
    if (name === "Position") return this.env.wb.sheets.indexOf(s);
    return super.get(name);
  }
  override set(name: string, value: unknown): void {
    const s = this.live();
    const wb = this.env.wb;
    if (name === "Name") {
      checkSheetName(wb, String(value), s);
      const old = s.name;
      s.name = String(value);
      rewriteReferences(wb, old, s.name);
    } else if (name === "Visibility") {
      if (value !== "Visible" && s.visibility === "Visible" && wb.sheets.filter((x) => x.visibility === "Visible").length <= 1)
        throw new HostError("InvalidOperation");
      s.visibility = String(value);
    } else if (name === "Position") {
      const list = wb.sheets;
      list.splice(list.indexOf(s), 1);
      list.splice(Math.min(Number(value), list.length), 0, s);
    } else super.set(name, value);
  }
  override nav(name: string): HostObject {
    const s = this.live();
    if (name === "CustomProperties") return new CustomPropertiesObj(this.env, s);
    if (name === "Charts") return new ChartsObj(this.env, s);
    if (name === "FreezePanes") return new FreezePanesObj(this.env, s);
    if (name === "PageLayout") return new PageLayoutObj(this.env, s);
    if (name === "HorizontalPageBreaks") return new PageBreaksObj(this.env, s);
    if (name === "Protection") return new ProtectionObj(this.env, s);
    return super.nav(name);
  }
  override call(name: string, args: unknown[]): unknown {
    const s = this.live();
    const wb = this.env.wb;
    switch (name) {
      case "Delete":
        checkDeletable(wb, s);
        wb.sheets.splice(wb.sheets.indexOf(s), 1);
        rewriteReferences(wb, s.name, undefined);
        if (wb.activeSheetId === s.id) wb.activeSheetId = wb.sheets.find((x) => x.visibility === "Visible")?.id;
        return undefined;
      case "Activate":
        if (s.visibility !== "Visible") throw new HostError("InvalidOperation");
        wb.activeSheetId = s.id;
        return undefined;
      case "GetRange":
        // getRange() without an address: the whole worksheet (types, Worksheet.getRange).
        if (args[0] === undefined || args[0] === null || args[0] === "") return new RangeObj(this.env, s, WHOLE_SHEET);
        return new RangeObj(this.env, s, rangeBlock(args[0]));
      case "GetRangeByIndexes": {
        const [r, c, rows, cols] = args.map(Number);
        if (rows < 1 || cols < 1 || r < 0 || c < 0) throw new HostError("InvalidArgument");
        return new RangeObj(this.env, s, { top: r, left: c, bottom: r + rows - 1, right: c + cols - 1 });
      }
      case "GetUsedRange":
      case "GetUsedRangeOrNullObject": {
        const b = usedBlock(s);
        // "If the worksheet is blank, getUsedRange returns the top left cell" / the OrNullObject
        // variant a null object (types, Worksheet.getUsedRange / getUsedRangeOrNullObject).
        if (!b) return name === "GetUsedRange" ? new RangeObj(this.env, s, { top: 0, left: 0, bottom: 0, right: 0 }) : null;
        return new RangeObj(this.env, s, b);
      }
    }
    return super.call(name, args);
  }
}

/** A1:XFD1048576 ("Excel specifications and limits": 1,048,576 rows by 16,384 columns). */
export const WHOLE_SHEET: Block = { top: 0, left: 0, bottom: 1_048_575, right: 16_383 };

function rangeBlock(address: unknown): Block {
  const b = parseAddress(address === undefined || address === null ? "A1" : String(address));
  if (!b) throw new HostError("InvalidArgument");
  return b;
}

/** Used range with values only: the smallest block holding every non-empty value. */
export function usedBlock(s: SheetState): Block | undefined {
  let top = Infinity,
    left = Infinity,
    bottom = -1,
    right = -1;
  s.values.forEach((row, r) => {
    row?.forEach((v, c) => {
      if (v === null || v === undefined || v === "") return;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    });
  });
  return bottom < 0 ? undefined : { top, left, bottom, right };
}

function writable(s: SheetState): SheetState {
  // A protected sheet refuses changes: "The cell or chart you're trying to change is on a protected sheet" (AccessDenied).
  if (s.protected) throw new HostError("AccessDenied");
  return s;
}

export class RangeObj extends HostObject {
  readonly type = "range";
  constructor(
    env: HostEnv,
    readonly sheet: SheetState,
    readonly block: Block,
  ) {
    super(env);
  }
  override defaults(): string[] {
    return ["Address", "RowCount", "ColumnCount", "RowIndex", "ColumnIndex", "Values", "NumberFormat", "Formulas"];
  }
  private get rows(): number {
    return this.block.bottom - this.block.top + 1;
  }
  private get cols(): number {
    return this.block.right - this.block.left + 1;
  }
  override get(name: string): unknown {
    const b = this.block;
    switch (name) {
      case "Address":
        return `${quoteSheetName(this.sheet.name)}!${blockAddress(b)}`;
      case "RowCount":
        return this.rows;
      case "ColumnCount":
        return this.cols;
      case "RowIndex":
        return b.top;
      case "ColumnIndex":
        return b.left;
      case "Values":
        return this.grid((r, c) => cellValue(this.sheet, r, c));
      case "Formulas":
        return this.grid((r, c) => this.sheet.values[r]?.[c] ?? "");
      case "NumberFormat":
        return this.grid((r, c) => this.sheet.numberFormats[r]?.[c] ?? "General");
    }
    return super.get(name);
  }
  private grid(f: (r: number, c: number) => unknown): unknown[][] {
    const out: unknown[][] = [];
    for (let r = this.block.top; r <= this.block.bottom; r++) {
      const row: unknown[] = [];
      for (let c = this.block.left; c <= this.block.right; c++) row.push(f(r, c));
      out.push(row);
    }
    return out;
  }
  override set(name: string, value: unknown): void {
    const s = writable(this.sheet);
    if (name === "Values" || name === "Formulas") this.each(value, (r, c, v) => writeCell(s, r, c, v));
    else if (name === "NumberFormat") this.each(value, (r, c, v) => ((s.numberFormats[r] ??= [])[c] = String(v)));
    else if (name === "Hyperlink") {
      const link = value as { textToDisplay?: string };
      s.hyperlinks[cellAddress(this.block.top, this.block.left)] = { ...(value as object) };
      if (link.textToDisplay !== undefined) writeCell(s, this.block.top, this.block.left, link.textToDisplay);
    } else super.set(name, value);
  }
  /**
   * A 2-D array must match the range's size; a single value is applied to every cell
   * (types, Range.values / numberFormat: "If the specified value is a single value, it will be applied to all cells").
   */
  private each(value: unknown, f: (r: number, c: number, v: unknown) => void): void {
    const grid = Array.isArray(value) ? (value as unknown[][]) : undefined;
    if (grid && (grid.length !== this.rows || grid.some((row) => !Array.isArray(row) || row.length !== this.cols))) throw new HostError("InvalidArgument");
    for (let r = 0; r < this.rows; r++) for (let c = 0; c < this.cols; c++) f(this.block.top + r, this.block.left + c, grid ? grid[r][c] : value);
  }
  override nav(name: string): HostObject {
    if (name === "Format") return new FormatObj(this.env, this, "");
    if (name === "Worksheet") return new WorksheetObj(this.env, this.sheet);
    return super.nav(name);
  }
  override call(name: string, args: unknown[]): unknown {
    const s = this.sheet;
    switch (name) {
      case "_KeepReference":
        return undefined;
      case "_ValidateArraySize":
        // The client splits a large values array into 1,500-cell pieces after this check.
        if (Number(args[0]) !== this.rows || Number(args[1]) !== this.cols) throw new HostError("InvalidArgument");
        return undefined;
      case "Clear":
        writable(s);
        clearBlock(s, this.block, String(args[0] ?? "All"));
        return undefined;
      case "Unmerge":
        writable(s).merges = s.merges.filter((m) => !overlaps(parseAddress(m)!, this.block));
        return undefined;
      case "CopyFrom":
        copyRange(this, args[0], String(args[1] ?? "All"));
        return undefined;
      case "GetRow":
      case "GetColumn":
      case "GetCell":
      case "GetBoundingRect":
        return this.related(name, args);
      case "Merge":
        writable(s);
        this.merge(Boolean(args[0]));
        return undefined;
      case "Select":
        this.env.wb.activeSheetId = s.id;
        this.env.wb.selected = blockAddress(this.block);
        return undefined;
      case "GetMergedAreasOrNullObject": {
        const areas = mergedAreasIn(s, this.block);
        if (areas.length > MAX_MERGED_AREAS) throw new HostError("GeneralException");
        return areas.length === 0 ? null : new RangeAreasObj(this.env, s, areas);
      }
    }
    return super.call(name, args);
  }
  private related(name: string, args: unknown[]): RangeObj {
    const b = this.block;
    const at = (top: number, left: number, bottom: number, right: number): RangeObj => new RangeObj(this.env, this.sheet, { top, left, bottom, right });
    if (name === "GetRow") return at(b.top + Number(args[0]), b.left, b.top + Number(args[0]), b.right);
    if (name === "GetColumn") return at(b.top, b.left + Number(args[0]), b.bottom, b.left + Number(args[0]));
    if (name === "GetCell") return at(b.top + Number(args[0]), b.left + Number(args[1]), b.top + Number(args[0]), b.left + Number(args[1]));
    const o = args[0];
    if (!(o instanceof RangeObj) || o.sheet !== this.sheet) throw new HostError("InvalidArgument");
    return at(Math.min(b.top, o.block.top), Math.min(b.left, o.block.left), Math.max(b.bottom, o.block.bottom), Math.max(b.right, o.block.right));
  }
  private merge(across: boolean): void {
    const parts: Block[] = across
      ? Array.from({ length: this.rows }, (_, k) => ({ ...this.block, top: this.block.top + k, bottom: this.block.top + k }))
      : [this.block];
    for (const p of parts) {
      this.sheet.merges = this.sheet.merges.filter((m) => !overlaps(parseAddress(m)!, p));
      if (p.top !== p.bottom || p.left !== p.right) this.sheet.merges.push(blockAddress(p));
    }
  }
  recordFormat(prop: string, value: unknown): void {
    writable(this.sheet).formats.push({ address: blockAddress(this.block), prop, value });
  }
}

const inside = (r: number, c: number, b: Block): boolean => r >= b.top && r <= b.bottom && c >= b.left && c <= b.right;
/** Sheet-level settings a clear or a copy of cells leaves alone. */
const SHEET_LEVEL_FORMATS = ["columnWidth", "rowHeight", "autofitRows", "autofitColumns"];

/**
 * Range.clear(applyTo): "All" clears contents and formats (merges and hyperlinks included),
 * "Contents" the values, "Formats" the formats; column widths and row heights stay
 * (types, Range.clear / Excel.ClearApplyTo).
 */
function clearBlock(s: SheetState, b: Block, applyTo: string): void {
  const all = applyTo === "All";
  if (all || applyTo === "Contents") {
    s.values.forEach((row, r) => row?.forEach((_, c) => inside(r, c, b) && (row[c] = "")));
    for (const key of [...s.interpreted]) {
      const k = parseAddress(key)!;
      if (inside(k.top, k.left, b)) s.interpreted.delete(key);
    }
  }
  if (all || applyTo === "Formats") {
    s.numberFormats.forEach((row, r) => row?.forEach((_, c) => inside(r, c, b) && (row[c] = undefined)));
    s.formats = s.formats.filter((f) => SHEET_LEVEL_FORMATS.includes(f.prop) || !overlaps(parseAddress(f.address)!, b));
    s.merges = s.merges.filter((m) => !overlaps(parseAddress(m)!, b));
  }
  if (all || applyTo === "Hyperlinks" || applyTo === "RemoveHyperlinks")
    for (const key of Object.keys(s.hyperlinks)) if (overlaps(parseAddress(key)!, b)) delete s.hyperlinks[key];
}

/**
 * Range.copyFrom(source, "All"): values, formulas, number formats, formats, merged cells
 * and hyperlinks of the source land at this range's top-left cell; column widths and row
 * heights are not copied (types, Range.copyFrom, ExcelApi 1.9).
 */
function copyRange(dest: RangeObj, source: unknown, copyType: string): void {
  if (!(source instanceof RangeObj)) throw new HostError("InvalidArgument");
  const s = writable(dest.sheet);
  const from = source.sheet;
  const b = source.block;
  const dr = dest.block.top - b.top;
  const dc = dest.block.left - b.left;
  const move = (a: string): string => {
    const k = parseAddress(a)!;
    return blockAddress({ top: k.top + dr, left: k.left + dc, bottom: k.bottom + dr, right: k.right + dc });
  };
  const values = copyType === "All" || copyType === "Values" || copyType === "Formulas";
  const formats = copyType === "All" || copyType === "Formats";
  for (let r = b.top; r <= Math.min(b.bottom, from.values.length - 1); r++) {
    for (let c = b.left; c <= b.right; c++) {
      const v = from.values[r]?.[c];
      if (values && v !== undefined) (s.values[r + dr] ??= [])[c + dc] = v;
      if (values && from.interpreted.has(cellAddress(r, c))) s.interpreted.add(cellAddress(r + dr, c + dc));
      const nf = from.numberFormats[r]?.[c];
      if (formats && nf !== undefined) (s.numberFormats[r + dr] ??= [])[c + dc] = nf;
    }
  }
  if (!formats) return;
  for (const f of from.formats) {
    const k = parseAddress(f.address)!;
    if (!SHEET_LEVEL_FORMATS.includes(f.prop) && inside(k.top, k.left, b)) s.formats.push({ ...f, address: move(f.address) });
  }
  for (const m of from.merges) if (inside(parseAddress(m)!.top, parseAddress(m)!.left, b)) s.merges.push(move(m));
  for (const [key, link] of Object.entries(from.hyperlinks)) if (overlaps(parseAddress(key)!, b)) s.hyperlinks[move(key)] = { ...link };
}

function overlaps(a: Block, b: Block): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** What Values returns for a cell: a formula's result (HYPERLINK's text; others unevaluated), a number typed as text in a General cell as a number. */
function cellValue(s: SheetState, r: number, c: number): unknown {
  const v = s.values[r]?.[c] ?? "";
  if (typeof v !== "string" || !s.interpreted.has(cellAddress(r, c))) return v;
  const link = /^=HYPERLINK\("(?:[^"]|"")*",\s*"((?:[^"]|"")*)"\)$/i.exec(v);
  if (link) return link[1].replace(/""/g, '"');
  const n = Number(v);
  return v.trim() !== "" && !Number.isNaN(n) ? n : v;
}

/**
 * Writing a cell. Text in a cell formatted "@" stays text; in a General cell Excel reads
 * what a user would type: "=", "+", "-" start a formula and a numeric text becomes a number
 * (types, Range.values: "If the returned value starts with a plus ("+"), minus ("-"), or
 * equal sign ("="), Excel interprets this value as a formula").
 */
function writeCell(s: SheetState, r: number, c: number, v: unknown): void {
  if (typeof v === "string" && v.length > MAX_CELL_CHARS) throw new HostError("InvalidArgument");
  const key = cellAddress(r, c);
  s.interpreted.delete(key);
  if (typeof v === "string" && (s.numberFormats[r]?.[c] ?? "General") !== "@") {
    if (/^[=+\-@]/.test(v) || (v.trim() !== "" && !Number.isNaN(Number(v)))) s.interpreted.add(key);
  }
  (s.values[r] ??= [])[c] = v;
}

const FORMAT_PROPS: Record<string, readonly string[]> = {
  "": ["HorizontalAlignment", "VerticalAlignment", "WrapText", "ColumnWidth", "RowHeight"],
  "font.": ["Bold", "Color", "Size", "Name", "Underline", "Italic"],
  "fill.": ["Color"],
  border: ["Style", "Color", "Weight"],
};

/** RangeFormat, RangeFont, RangeFill, RangeBorder: each property set is recorded with its range. */
class FormatObj extends HostObject {
  readonly type: string;
  constructor(
    env: HostEnv,
    readonly range: RangeObj,
    readonly prefix: string,
  ) {
    super(env);
    this.type = prefix === "" ? "rangeFormat" : `rangeFormat.${prefix.replace(/\.$/, "")}`;
  }
  override nav(name: string): HostObject {
    if (this.prefix === "" && name === "Font") return new FormatObj(this.env, this.range, "font.");
    if (this.prefix === "" && name === "Fill") return new FormatObj(this.env, this.range, "fill.");
    if (this.prefix === "" && name === "Borders") return new BordersObj(this.env, this.range);
    return super.nav(name);
  }
  override set(name: string, value: unknown): void {
    const allowed = FORMAT_PROPS[this.prefix.startsWith("borders.") ? "border" : this.prefix] ?? [];
    if (!allowed.includes(name)) return super.set(name, value);
    this.range.recordFormat(`${this.prefix}${name[0].toLowerCase()}${name.slice(1)}`, value);
  }
  override call(name: string, args: unknown[]): unknown {
    if (this.prefix === "" && (name === "AutofitRows" || name === "AutofitColumns")) {
      this.range.recordFormat(name[0].toLowerCase() + name.slice(1), true);
      return undefined;
    }
    return super.call(name, args);
  }
}

const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"];

class BordersObj extends HostObject {
  readonly type = "rangeBorderCollection";
  constructor(
    env: HostEnv,
    readonly range: RangeObj,
  ) {
    super(env);
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === "_Indexer" || name === "GetItem") {
      if (!EDGES.includes(String(args[0]))) throw new HostError("InvalidArgument");
      return new FormatObj(this.env, this.range, `borders.${String(args[0])}.`);
    }
    return super.call(name, args);
  }
}

class RangeAreasObj extends HostObject {
  readonly type = "rangeAreas";
  constructor(
    env: HostEnv,
    readonly sheet: SheetState,
    readonly areas: readonly string[],
  ) {
    super(env);
  }
  override defaults(): string[] {
    return ["Address", "AreaCount"];
  }
  override get(name: string): unknown {
    if (name === "Address") return this.areas.map((a) => `${quoteSheetName(this.sheet.name)}!${a}`).join(",");
    if (name === "AreaCount") return this.areas.length;
    return super.get(name);
  }
}

class CustomPropertiesObj extends SheetObject {
  readonly type = "worksheetCustomPropertyCollection";
  override items(): HostObject[] {
    return [...this.sheet.customProperties.keys()].map((k) => new CustomPropertyObj(this.env, this.sheet, k));
  }
  private find(key: unknown): string | undefined {
    // Keys are case-insensitive (types, WorksheetCustomPropertyCollection.getItem: "The key is case-insensitive").
    return [...this.sheet.customProperties.keys()].find((k) => k.toLowerCase() === String(key).toLowerCase());
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === "Add") {
      const key = this.find(args[0]) ?? String(args[0]);
      if (key.length === 0 || key.length > 255) throw new HostError("InvalidArgument");
      this.sheet.customProperties.set(key, String(args[1]));
      return new CustomPropertyObj(this.env, this.sheet, key);
    }
    if (name === "GetItem" || name === "_Indexer" || name === "GetItemOrNullObject") {
      const key = this.find(args[0]);
      if (key === undefined && name !== "GetItemOrNullObject") throw new HostError("ItemNotFound");
      return key === undefined ? null : new CustomPropertyObj(this.env, this.sheet, key);
    }
    if (name === "GetCount") return this.sheet.customProperties.size;
    return super.call(name, args);
  }
}

class CustomPropertyObj extends HostObject {
  readonly type = "worksheetCustomProperty";
  constructor(
    env: HostEnv,
    readonly sheet: SheetState,
    readonly key: string,
  ) {
    super(env);
  }
  override defaults(): string[] {
    return ["Key", "Value"];
  }
  override get(name: string): unknown {
    if (name === "Key") return this.key;
    if (name === "Value") return this.sheet.customProperties.get(this.key) ?? "";
    return super.get(name);
  }
  override set(name: string, value: unknown): void {
    if (name === "Value") this.sheet.customProperties.set(this.key, String(value));
    else super.set(name, value);
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === "Delete") {
      this.sheet.customProperties.delete(this.key);
      return undefined;
    }
    return super.call(name, args);
  }
}

class ChartsObj extends SheetObject {
  readonly type = "chartCollection";
  override call(name: string, args: unknown[]): unknown {
    if (name === "Add") {
      const source = args[1];
      if (!(source instanceof RangeObj)) throw new HostError("InvalidArgument");
      const record = { type: String(args[0]), source: `${source.sheet.name}!${blockAddress(source.block)}`, name: `Chart ${this.sheet.charts.length + 1}` };
      writable(this.sheet).charts.push(record);
      return new ChartObj(this.env, this.sheet, record);
    }
    if (name === "GetCount") return this.sheet.charts.length;
    if (name === "GetItem" || name === "_Indexer" || name === "GetItemOrNullObject") {
      const found = this.sheet.charts.find((c) => c.name === String(args[0]));
      if (!found && name !== "GetItemOrNullObject") throw new HostError("ItemNotFound");
      return found ? new ChartObj(this.env, this.sheet, found) : null;
    }
    return super.call(name, args);
  }
  override items(): HostObject[] {
    return this.sheet.charts.map((c) => new ChartObj(this.env, this.sheet, c));
  }
}

class ChartObj extends HostObject {
  readonly type = "chart";
  override defaults(): string[] {
    return ["Name"];
  }
  override get(name: string): unknown {
    if (name === "Name") return this.record.name ?? "";
    return super.get(name);
  }
  constructor(
    env: HostEnv,
    readonly sheet: SheetState,
    readonly record: SheetState["charts"][number],
  ) {
    super(env);
  }
  override nav(name: string): HostObject {
    if (name === "Title") return new ChartTitleObj(this.env, this.record);
    return super.nav(name);
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === "SetPosition") {
      this.record.position = args[1] ? `${String(args[0])}:${String(args[1])}` : String(args[0]);
      return undefined;
    }
    if (name === "Delete") {
      writable(this.sheet).charts.splice(this.sheet.charts.indexOf(this.record), 1);
      return undefined;
    }
    return super.call(name, args);
  }
}

class ChartTitleObj extends HostObject {
  readonly type = "chartTitle";
  constructor(
    env: HostEnv,
    readonly record: SheetState["charts"][number],
  ) {
    super(env);
  }
  override set(name: string, value: unknown): void {
    if (name === "Text") this.record.title = String(value);
    else super.set(name, value);
  }
}

class FreezePanesObj extends SheetObject {
  readonly type = "worksheetFreezePanes";
  override call(name: string, args: unknown[]): unknown {
    if (name === "FreezeRows") writable(this.sheet).freezeRows = Number(args[0] ?? 1);
    else if (name === "Unfreeze") this.sheet.freezeRows = 0;
    else return super.call(name, args);
    return undefined;
  }
}

const PAGE_LAYOUT_PROPS = [
  "Orientation",
  "PaperSize",
  "Zoom",
  "CenterHorizontally",
  "CenterVertically",
  "PrintGridlines",
  "PrintArea",
  "LeftMargin",
  "RightMargin",
  "TopMargin",
  "BottomMargin",
  "HeaderMargin",
  "FooterMargin",
];

class PageLayoutObj extends SheetObject {
  readonly type = "pageLayout";
  override set(name: string, value: unknown): void {
    if (!PAGE_LAYOUT_PROPS.includes(name)) return super.set(name, value);
    writable(this.sheet).pageLayout[name[0].toLowerCase() + name.slice(1)] = value;
  }
  override get(name: string): unknown {
    if (!PAGE_LAYOUT_PROPS.includes(name)) return super.get(name);
    return this.sheet.pageLayout[name[0].toLowerCase() + name.slice(1)] ?? null;
  }
  override call(name: string, args: unknown[]): unknown {
    // setPrintArea / setPrintTitleRows given an address: kept as given.
    if (name === "SetPrintArea") writable(this.sheet).pageLayout.printArea = args[0];
    else if (name === "SetPrintTitleRows") writable(this.sheet).pageLayout.printTitleRows = args[0];
    else return super.call(name, args);
    return undefined;
  }
}

/** Worksheet.horizontalPageBreaks: add(address) starts a page at that row. */
class PageBreaksObj extends SheetObject {
  readonly type = "pageBreakCollection";
  override call(name: string, args: unknown[]): unknown {
    if (name === "RemovePageBreaks") {
      writable(this.sheet).rowBreaks = [];
      return undefined;
    }
    if (name !== "Add") return super.call(name, args);
    writable(this.sheet).rowBreaks.push(String(args[0]));
    return new PageBreakObj(this.env);
  }
}

/** The Excel.PageBreak that add() returns. */
class PageBreakObj extends HostObject {
  readonly type = "pageBreak";
}

class ProtectionObj extends SheetObject {
  readonly type = "worksheetProtection";
  override defaults(): string[] {
    return ["Protected"];
  }
  override get(name: string): unknown {
    if (name === "Protected") return this.sheet.protected;
    return super.get(name);
  }
}

/**
 * Workbook-scoped names (ExcelApi 1.4). A name is saved with the file; its formula follows
 * a renamed sheet and becomes #REF! when the sheet is deleted (rules.rewriteReferences).
 * Name syntax: starts with a letter, "_" or "\", no spaces, at most 255 characters, not a
 * cell reference ("Names in formulas",
 * https://support.microsoft.com/office/define-and-use-names-in-formulas-4d0f13ac-53b7-422e-afd2-abd7ff379c64).
 */
class NamesObj extends HostObject {
  readonly type = "namedItemCollection";
  override items(): HostObject[] {
    return this.env.wb.names.map((n) => new NameObj(this.env, n));
  }
  private find(name: unknown) {
    return this.env.wb.names.find((n) => n.name.toLowerCase() === String(name).toLowerCase());
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === "Add") {
      const n = String(args[0]);
      if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(n) || n.length > 255 || /^[A-Za-z]{1,3}\d+$/.test(n) || /^[rc]$/i.test(n))
        throw new HostError("InvalidArgument");
      if (this.find(n)) throw new HostError("ItemAlreadyExists");
      const ref = args[1];
      const formula =
        ref instanceof RangeObj ? `=${quoteSheetName(ref.sheet.name)}!${absolute(ref.block)}` : String(ref).startsWith("=") ? String(ref) : `=${String(ref)}`;
      const item = { name: n, formula, comment: args[2] === undefined || args[2] === null ? "" : String(args[2]), visible: true };
      this.env.wb.names.push(item);
      return new NameObj(this.env, item);
    }
    if (name === "GetItem" || name === "_Indexer" || name === "GetItemOrNullObject") {
      const found = this.find(args[0]);
      if (!found && name !== "GetItemOrNullObject") throw new HostError("ItemNotFound");
      return found ? new NameObj(this.env, found) : null;
    }
    return super.call(name, args);
  }
}

function absolute(b: Block): string {
  const one = (r: number, c: number): string => cellAddress(r, c).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  return b.top === b.bottom && b.left === b.right ? one(b.top, b.left) : `${one(b.top, b.left)}:${one(b.bottom, b.right)}`;
}

class NameObj extends HostObject {
  readonly type = "namedItem";
  constructor(
    env: HostEnv,
    readonly item: WorkbookState["names"][number],
  ) {
    super(env);
  }
  override identity(): Record<string, unknown> {
    return {};
  }
  override defaults(): string[] {
    return ["Name", "Formula", "Comment", "Type", "Visible", "Value"];
  }
  override get(name: string): unknown {
    const i = this.item;
    if (name === "Name") return i.name;
    if (name === "Formula") return i.formula;
    if (name === "Comment") return i.comment;
    if (name === "Visible") return i.visible;
    if (name === "Type") return i.formula.includes("#REF!") ? "Error" : "Range";
    if (name === "Value") return i.formula.replace(/^=/, "");
    return super.get(name);
  }
  override set(name: string, value: unknown): void {
    if (name === "Formula") this.item.formula = String(value);
    else if (name === "Comment") this.item.comment = String(value);
    else if (name === "Visible") this.item.visible = Boolean(value);
    else super.set(name, value);
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === "Delete") {
      this.env.wb.names.splice(this.env.wb.names.indexOf(this.item), 1);
      return undefined;
    }
    return super.call(name, args);
  }
}
