// A test double of the subset of the Excel JavaScript API the adapter uses. Like the real
// API, calls are queued on the context and only run at `sync()`, in order; loaded
// properties can be read only after a sync. Every sync is recorded with the bytes it would
// send and receive, and a sync over Excel on the web's 5 MB limit fails as it does there.
// No Node-only imports: the browser fake host bundles this file too.

import { blockAddress, cellAddress, parseAddress, quoteSheetName } from "../../src/excel/a1";

export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export interface FormatRecord {
  readonly address: string;
  readonly prop: string;
  readonly value: unknown;
}

export interface ChartRecord {
  readonly type: string;
  readonly source: string;
  title?: string;
  position?: string;
}

export interface SheetState {
  id: string;
  name: string;
  visibility: string;
  protected: boolean;
  values: unknown[][];
  numberFormats: (string | undefined)[][];
  /** Cells whose text Excel would have turned into a formula or a number. */
  interpreted: Set<string>;
  formats: FormatRecord[];
  merges: string[];
  hyperlinks: Record<string, { documentReference?: string; textToDisplay?: string }>;
  customProperties: Map<string, string>;
  charts: ChartRecord[];
  freezeRows: number;
  pageLayout: Record<string, unknown>;
  /** Cells passed to horizontalPageBreaks.add: a page starts at each one's row. */
  rowBreaks: string[];
}

export interface WorkbookState {
  name: string;
  sheets: SheetState[];
  activeSheetId?: string;
  selected?: string;
  /** Incremented for each sheet added; ids are never reused. */
  nextId: number;
}

export interface SyncRecord {
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly ops: number;
  readonly kinds: readonly string[];
  readonly failed?: string;
}

export interface InjectedFailure {
  readonly code: string;
  readonly message: string;
}

/** Decides whether an operation fails: it sees the operation's kind and its global index. */
export type FailurePlan = (op: { kind: string; index: number; sync: number }) => InjectedFailure | undefined;

export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation: string };
  constructor(code: string, message: string, location = "") {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation: location };
  }
}

const encoder = typeof TextEncoder !== "undefined" ? new TextEncoder() : undefined;
export function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v) ?? "";
  return encoder ? encoder.encode(s).length : s.length * 3;
}

export function newSheet(wb: WorkbookState, name: string, rows: unknown[][] = []): SheetState {
  const s: SheetState = {
    id: `{sheet-${wb.nextId++}}`,
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
    freezeRows: 0,
    pageLayout: {},
    rowBreaks: [],
  };
  wb.sheets.push(s);
  return s;
}

export function newWorkbook(name: string, sheets: readonly { name: string; rows: unknown[][] }[]): WorkbookState {
  const wb: WorkbookState = { name, sheets: [], nextId: 1 };
  for (const s of sheets) newSheet(wb, s.name, s.rows);
  wb.activeSheetId = wb.sheets[0]?.id;
  return wb;
}

/** Used range with values only: the smallest block holding every non-empty value. */
function usedBlock(s: SheetState): { top: number; left: number; bottom: number; right: number } | undefined {
  let top = Infinity,
    left = Infinity,
    bottom = -1,
    right = -1;
  s.values.forEach((row, r) => {
    if (!row) return;
    row.forEach((v, c) => {
      if (v === null || v === undefined || v === "") return;
      if (r < top) top = r;
      if (r > bottom) bottom = r;
      if (c < left) left = c;
      if (c > right) right = c;
    });
  });
  return bottom < 0 ? undefined : { top, left, bottom, right };
}

type Op = { kind: string; bytes: number; run: () => number | void | Promise<number | void> };

/** A sheet of a workbook file, as the fake's insertWorksheetsFromBase64 copies it in. */
export interface DecodedSheet {
  readonly name: string;
  readonly rows: unknown[][];
  readonly visible?: boolean;
}
/** Turns a base64 .xlsx into its sheets (ExcelJS in Node; the test's page binding in the browser). */
export type WorkbookDecoder = (base64: string) => Promise<readonly DecodedSheet[]>;
let workbookDecoder: WorkbookDecoder | undefined;
export function setWorkbookDecoder(d: WorkbookDecoder | undefined): void {
  workbookDecoder = d;
}

class NotLoaded extends Error {}

export class FakeContext {
  readonly workbook: FakeWorkbook;
  readonly application: { suspendApiCalculationUntilNextSync: () => void; suspendedSyncs: number };
  readonly syncs: SyncRecord[] = [];
  failurePlan?: FailurePlan;
  /** Milliseconds each sync takes, to imitate a round trip to Excel (0 = next microtask). */
  syncDelayMs = 0;
  private queue: Op[] = [];
  private opIndex = 0;

  constructor(readonly state: WorkbookState) {
    this.workbook = new FakeWorkbook(this);
    const app = {
      suspendedSyncs: 0,
      suspendApiCalculationUntilNextSync: (): void => {
        this.enqueue("application.suspendCalculation", 0, () => {
          app.suspendedSyncs++;
        });
      },
    };
    this.application = app;
  }

  enqueue(kind: string, bytes: number, run: () => number | void | Promise<number | void>): void {
    this.queue.push({ kind, bytes: bytes + 40, run });
  }

  get pendingOps(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const syncNo = this.syncs.length;
    const requestBytes = ops.reduce((n, o) => n + o.bytes, 0);
    const kinds = ops.map((o) => o.kind);
    await (this.syncDelayMs > 0 ? new Promise((r) => setTimeout(r, this.syncDelayMs)) : Promise.resolve());
    if (requestBytes > PAYLOAD_LIMIT_BYTES) {
      this.syncs.push({ requestBytes, responseBytes: 0, ops: ops.length, kinds, failed: "RequestPayloadSizeLimitExceeded" });
      throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
    }
    let responseBytes = 0;
    for (const op of ops) {
      const index = this.opIndex++;
      const failure = this.failurePlan?.({ kind: op.kind, index, sync: syncNo });
      try {
        if (failure) throw new FakeOfficeError(failure.code, failure.message, op.kind);
        responseBytes += (await op.run()) ?? 0;
      } catch (e) {
        const err = e instanceof FakeOfficeError ? e : new FakeOfficeError("GeneralException", String((e as Error).message ?? e), op.kind);
        this.syncs.push({ requestBytes, responseBytes, ops: ops.length, kinds, failed: err.code });
        throw err;
      }
    }
    if (responseBytes > PAYLOAD_LIMIT_BYTES) {
      this.syncs.push({ requestBytes, responseBytes, ops: ops.length, kinds, failed: "ResponsePayloadSizeLimitExceeded" });
      throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
    }
    this.syncs.push({ requestBytes, responseBytes, ops: ops.length, kinds });
  }

  /** Looks a sheet up as Office.js does when an operation runs: by id or by name. */
  sheetByKey(key: string): SheetState | undefined {
    return this.state.sheets.find((s) => s.id === key) ?? this.state.sheets.find((s) => s.name.toLowerCase() === key.toLowerCase());
  }
}

class Loadable {
  protected loaded: Record<string, unknown> = {};
  protected read<T>(prop: string): T {
    if (!(prop in this.loaded)) throw new NotLoaded(`PropertyNotLoaded: ${prop}`);
    return this.loaded[prop] as T;
  }
}

export class FakeWorkbook extends Loadable {
  readonly worksheets: FakeWorksheets;
  constructor(private readonly ctx: FakeContext) {
    super();
    this.worksheets = new FakeWorksheets(ctx);
  }
  get name(): string {
    return this.read("name");
  }
  load(_props?: unknown): this {
    this.ctx.enqueue("workbook.load", 20, () => {
      this.loaded.name = this.ctx.state.name;
      return jsonBytes(this.ctx.state.name);
    });
    return this;
  }
  /** Copies every sheet of a .xlsx (or those named) in; names taken get " (2)", as Excel's Move or Copy does. */
  insertWorksheetsFromBase64(base64: string, options: { sheetNamesToInsert?: string[]; positionType?: string } = {}): { readonly value: string[] } {
    const result: { value?: string[] } = {};
    this.ctx.enqueue("workbook.insertWorksheetsFromBase64", base64.length, async () => {
      if (!workbookDecoder) throw new FakeOfficeError("ApiNotAvailable", "no workbook decoder registered in the test double");
      let decoded: readonly DecodedSheet[];
      try {
        decoded = await workbookDecoder(base64);
      } catch (e) {
        throw new FakeOfficeError("InvalidArgument", `The file is not a valid workbook: ${String((e as Error).message ?? e)}`);
      }
      const wanted = options.sheetNamesToInsert?.length ? new Set(options.sheetNamesToInsert) : undefined;
      const wb = this.ctx.state;
      const ids: string[] = [];
      for (const d of decoded) {
        if (wanted && !wanted.has(d.name)) continue;
        let name = d.name;
        for (let k = 2; wb.sheets.some((x) => x.name.toLowerCase() === name.toLowerCase()); k++) name = `${d.name.slice(0, 26)} (${k})`;
        const sheet = newSheet(wb, name, d.rows);
        if (d.visible === false) sheet.visibility = "Hidden";
        if (options.positionType === "Beginning") wb.sheets.splice(ids.length, 0, wb.sheets.pop()!);
        ids.push(sheet.id);
      }
      result.value = ids;
      return jsonBytes(ids);
    });
    return {
      get value(): string[] {
        if (!result.value) throw new NotLoaded("PropertyNotLoaded: value (sync first)");
        return result.value;
      },
    };
  }
  getSelectedRange(): FakeRange {
    return new FakeRange(
      this.ctx,
      () => this.active(),
      () => this.ctx.state.selected ?? "A1",
    );
  }
  private active(): SheetState {
    const s = this.ctx.state.sheets.find((x) => x.id === this.ctx.state.activeSheetId) ?? this.ctx.state.sheets[0];
    if (!s) throw new FakeOfficeError("ItemNotFound", "no sheet");
    return s;
  }
}

export class FakeWorksheets extends Loadable {
  constructor(private readonly ctx: FakeContext) {
    super();
  }
  get items(): FakeWorksheet[] {
    return this.read("items");
  }
  load(_props?: unknown): this {
    this.ctx.enqueue("worksheets.load", 30, () => {
      const items = this.ctx.state.sheets.map((s) => {
        const w = new FakeWorksheet(this.ctx, () => s);
        w.snapshot();
        return w;
      });
      this.loaded.items = items;
      return jsonBytes(this.ctx.state.sheets.map((s) => ({ id: s.id, name: s.name, visibility: s.visibility })));
    });
    return this;
  }
  add(name?: string): FakeWorksheet {
    let created: SheetState | undefined;
    this.ctx.enqueue("worksheets.add", jsonBytes(name), () => {
      const wb = this.ctx.state;
      const n = name ?? `Sheet${wb.nextId}`;
      if (wb.sheets.some((s) => s.name.toLowerCase() === n.toLowerCase())) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named ${n} already exists.`);
      created = newSheet(wb, n);
    });
    return new FakeWorksheet(this.ctx, () => {
      if (!created) throw new FakeOfficeError("ItemNotFound", "the added sheet does not exist");
      return created;
    });
  }
  /** Like Office.js, the lookup is a queued call: later calls on the proxy use the sheet it found then. */
  private lookup(key: string, nullable: boolean): FakeWorksheet {
    let found: SheetState | undefined;
    this.ctx.enqueue("worksheets.getItem", jsonBytes(key), () => {
      found = this.ctx.sheetByKey(key);
      if (!found && !nullable) throw new FakeOfficeError("ItemNotFound", `sheet not found: ${key}`);
    });
    return new FakeWorksheet(this.ctx, () => (found && this.ctx.state.sheets.includes(found) ? found : undefined), nullable);
  }
  getItem(key: string): FakeWorksheet {
    return this.lookup(key, false);
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    return this.lookup(key, true);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.sheetByKey(this.ctx.state.activeSheetId ?? ""));
  }
}

export class FakeWorksheet extends Loadable {
  readonly customProperties: FakeCustomProperties;
  readonly charts: FakeCharts;
  readonly freezePanes: { freezeRows: (n: number) => void };
  readonly pageLayout: Record<string, unknown>;
  readonly horizontalPageBreaks: { add: (cell: string) => void };
  readonly protection: FakeProtection;

  constructor(
    private readonly ctx: FakeContext,
    readonly resolve: () => SheetState | undefined,
    private readonly nullable = false,
  ) {
    super();
    this.customProperties = new FakeCustomProperties(ctx, () => this.must());
    this.charts = new FakeCharts(ctx, () => this.must());
    this.protection = new FakeProtection(ctx, () => this.must());
    this.freezePanes = {
      freezeRows: (n: number): void => this.write("freezePanes.freezeRows", 8, (s) => void (s.freezeRows = n)),
    };
    const pageLayout: Record<string, unknown> = {};
    const props = ["orientation", "paperSize", "centerHorizontally", "leftMargin", "rightMargin", "topMargin", "bottomMargin", "headerMargin", "footerMargin"];
    for (const prop of props) {
      Object.defineProperty(pageLayout, prop, {
        set: (v: unknown) => this.write(`pageLayout.${prop}`, jsonBytes(v), (s) => void (s.pageLayout[prop] = v)),
        get: () => this.must().pageLayout[prop],
      });
    }
    Object.defineProperty(pageLayout, "zoom", {
      set: (v: unknown) => this.write("pageLayout.zoom", jsonBytes(v), (s) => void (s.pageLayout.zoom = v)),
      get: () => this.must().pageLayout.zoom,
    });
    // setPrintTitleRows / setPrintArea take an address; recorded as given.
    for (const method of ["setPrintTitleRows", "setPrintArea"]) {
      const prop = method === "setPrintArea" ? "printArea" : "printTitleRows";
      pageLayout[method] = (v: string) => this.write(`pageLayout.${method}`, jsonBytes(v), (s) => void (s.pageLayout[prop] = v));
    }
    this.pageLayout = pageLayout;
    this.horizontalPageBreaks = {
      add: (cell: string): void => this.write("horizontalPageBreaks.add", jsonBytes(cell), (s) => void s.rowBreaks.push(cell)),
    };
  }

  must(): SheetState {
    const s = this.resolve();
    if (!s) throw new FakeOfficeError("ItemNotFound", "the worksheet does not exist");
    return s;
  }

  /** A write on this sheet; a protected sheet refuses it as Excel does. */
  write(kind: string, bytes: number, apply: (s: SheetState) => void): void {
    this.ctx.enqueue(`worksheet.${kind}`, bytes, () => {
      const s = this.must();
      if (s.protected) throw new FakeOfficeError("AccessDenied", "The cell or chart you're trying to change is on a protected sheet.");
      apply(s);
    });
  }

  snapshot(): void {
    const s = this.resolve();
    this.loaded.isNullObject = !s;
    if (s) Object.assign(this.loaded, { id: s.id, name: s.name, visibility: s.visibility, position: this.ctx.state.sheets.indexOf(s) });
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get id(): string {
    return this.read("id");
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.ctx.enqueue("worksheet.rename", jsonBytes(v), () => {
      const s = this.must();
      const clash = this.ctx.state.sheets.find((x) => x !== s && x.name.toLowerCase() === v.toLowerCase());
      if (clash) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named ${v} already exists.`);
      s.name = v;
    });
  }
  get position(): number {
    return this.read("position");
  }
  set position(v: number) {
    this.ctx.enqueue("worksheet.position", 8, () => {
      const s = this.must();
      const list = this.ctx.state.sheets;
      list.splice(list.indexOf(s), 1);
      list.splice(Math.min(v, list.length), 0, s);
    });
  }
  get visibility(): string {
    return this.read("visibility");
  }
  load(_props?: unknown): this {
    this.ctx.enqueue("worksheet.load", 30, () => {
      const s = this.resolve();
      if (!s && !this.nullable) throw new FakeOfficeError("ItemNotFound", "the worksheet does not exist");
      this.snapshot();
      return 60;
    });
    return this;
  }
  delete(): void {
    this.ctx.enqueue("worksheet.delete", 20, () => {
      const s = this.must();
      const list = this.ctx.state.sheets;
      if (list.filter((x) => x.visibility === "Visible").length <= 1)
        throw new FakeOfficeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      list.splice(list.indexOf(s), 1);
      if (this.ctx.state.activeSheetId === s.id) this.ctx.state.activeSheetId = list[0]?.id;
    });
  }
  activate(): void {
    this.ctx.enqueue("worksheet.activate", 10, () => {
      this.ctx.state.activeSheetId = this.must().id;
    });
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(
      this.ctx,
      () => this.must(),
      () => address ?? "A1",
    );
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(
      this.ctx,
      () => this.must(),
      () => blockAddress({ top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 }),
    );
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    return new FakeRange(
      this.ctx,
      () => this.must(),
      () => {
        const b = usedBlock(this.must());
        return b ? blockAddress(b) : undefined;
      },
    );
  }
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return this.getUsedRangeOrNullObject(valuesOnly);
  }
}

class FakeProtection extends Loadable {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => SheetState,
  ) {
    super();
  }
  get protected(): boolean {
    return this.read("protected");
  }
  load(_p?: unknown): this {
    this.ctx.enqueue("protection.load", 20, () => {
      this.loaded.protected = this.sheet().protected;
      return 10;
    });
    return this;
  }
}

class FakeCustomProperty extends Loadable {
  constructor(
    private readonly ctx: FakeContext,
    private readonly get: () => { key: string; value: string } | undefined,
  ) {
    super();
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get key(): string {
    return this.read("key");
  }
  get value(): string {
    return this.read("value");
  }
  snapshot(): number {
    const p = this.get();
    this.loaded.isNullObject = !p;
    if (p) Object.assign(this.loaded, p);
    return jsonBytes(p ?? null);
  }
  load(_p?: unknown): this {
    this.ctx.enqueue("customProperty.load", 20, () => this.snapshot());
    return this;
  }
}

class FakeCustomProperties extends Loadable {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => SheetState,
  ) {
    super();
  }
  add(key: string, value: string): void {
    this.ctx.enqueue("customProperties.add", jsonBytes([key, value]), () => void this.sheet().customProperties.set(key, value));
  }
  getItemOrNullObject(key: string): FakeCustomProperty {
    return new FakeCustomProperty(this.ctx, () => {
      const v = this.sheet().customProperties.get(key);
      return v === undefined ? undefined : { key, value: v };
    });
  }
}

class FakeCharts {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => SheetState,
  ) {}
  add(type: string, source: FakeRange, _seriesBy?: string): FakeChart {
    const record: ChartRecord = { type, source: "" };
    this.ctx.enqueue("charts.add", 40, () => {
      const s = this.sheet();
      if (s.protected) throw new FakeOfficeError("AccessDenied", "The cell or chart you're trying to change is on a protected sheet.");
      (record as { source: string }).source = `${s.name}!${source.addressNow()}`;
      s.charts.push(record);
    });
    return new FakeChart(this.ctx, record);
  }
}

class FakeChart {
  readonly title: { text: string };
  constructor(
    private readonly ctx: FakeContext,
    private readonly record: ChartRecord,
  ) {
    const title = {} as { text: string };
    Object.defineProperty(title, "text", {
      set: (v: string) => this.ctx.enqueue("chart.title", jsonBytes(v), () => void (record.title = v)),
      get: () => record.title ?? "",
    });
    this.title = title;
  }
  setPosition(start: string, end?: string): void {
    this.ctx.enqueue("chart.setPosition", 20, () => void (this.record.position = end ? `${start}:${end}` : start));
  }
}

/** A format facade recording each property set on it, with its range's address. */
function formatFacade(range: FakeRange, path: string, props: string[], children: Record<string, unknown> = {}): Record<string, unknown> {
  const o: Record<string, unknown> = { ...children };
  for (const p of props) {
    Object.defineProperty(o, p, {
      set: (v: unknown) => range.recordFormat(`${path}${p}`, v),
      get: () => undefined,
    });
  }
  return o;
}

export class FakeRange extends Loadable {
  readonly format: Record<string, unknown>;

  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => SheetState,
    private readonly addr: () => string | undefined,
  ) {
    super();
    const borders = {
      getItem: (edge: string) => formatFacade(this, `borders.${edge}.`, ["style", "color", "weight"]),
    };
    this.format = formatFacade(this, "", ["horizontalAlignment", "verticalAlignment", "wrapText", "columnWidth", "rowHeight"], {
      fill: formatFacade(this, "fill.", ["color"]),
      font: formatFacade(this, "font.", ["bold", "color", "size", "name", "underline", "italic"]),
      borders,
      autofitRows: () => this.recordFormat("autofitRows", true),
      autofitColumns: () => this.recordFormat("autofitColumns", true),
    });
  }

  addressNow(): string {
    const a = this.addr();
    if (a === undefined) throw new FakeOfficeError("ItemNotFound", "the range is a null object");
    return a;
  }
  private block() {
    const b = parseAddress(this.addressNow());
    if (!b) throw new FakeOfficeError("InvalidArgument", `bad address ${this.addressNow()}`);
    return b;
  }

  recordFormat(prop: string, value: unknown): void {
    this.writeOp(`format.${prop}`, jsonBytes(value), (s) => void s.formats.push({ address: this.addressNow(), prop, value }));
  }

  private writeOp(kind: string, bytes: number, apply: (s: SheetState) => void): void {
    this.ctx.enqueue(`range.${kind}`, bytes, () => {
      const s = this.sheet();
      if (s.protected) throw new FakeOfficeError("AccessDenied", "The cell or chart you're trying to change is on a protected sheet.");
      apply(s);
    });
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get address(): string {
    return this.read("address");
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }

  load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? "address,values").split(",")).map((p) => p.trim());
    this.ctx.enqueue("range.load", 30, () => {
      const a = this.addr();
      this.loaded.isNullObject = a === undefined;
      if (a === undefined) return 10;
      const s = this.sheet();
      const b = this.block();
      let bytes = 0;
      for (const p of list) {
        if (p === "address") this.loaded.address = `${quoteSheetName(s.name)}!${blockAddress(b)}`;
        else if (p === "rowCount") this.loaded.rowCount = b.bottom - b.top + 1;
        else if (p === "columnCount") this.loaded.columnCount = b.right - b.left + 1;
        else if (p === "rowIndex") this.loaded.rowIndex = b.top;
        else if (p === "columnIndex") this.loaded.columnIndex = b.left;
        else if (p === "values" || p === "numberFormat") {
          const grid: unknown[][] = [];
          for (let r = b.top; r <= b.bottom; r++) {
            const row: unknown[] = [];
            for (let c = b.left; c <= b.right; c++) {
              row.push(p === "values" ? (s.values[r]?.[c] ?? "") : (s.numberFormats[r]?.[c] ?? "General"));
            }
            grid.push(row);
          }
          this.loaded[p] = grid;
          bytes += jsonBytes(grid);
        }
        bytes += 20;
      }
      return bytes;
    });
    return this;
  }

  set numberFormat(input: unknown[][] | string) {
    this.writeOp("numberFormat", jsonBytes(input), (s) => {
      const b = this.block();
      // A single value applies to every cell of the range, as in Office.js.
      const grid = typeof input === "string" ? Array.from({ length: b.bottom - b.top + 1 }, () => Array(b.right - b.left + 1).fill(input)) : input;
      this.eachCell(b, grid, (r, c, v) => {
        (s.numberFormats[r] ??= [])[c] = String(v);
      });
    });
  }

  set values(grid: unknown[][]) {
    this.writeOp("values", jsonBytes(grid), (s) => {
      const b = this.block();
      this.eachCell(b, grid, (r, c, v) => {
        const key = cellAddress(r, c);
        s.interpreted.delete(key);
        // What Excel does with a string typed into a General cell: =, +, -, @ start a
        // formula, and a numeric-looking text becomes a number.
        if (typeof v === "string" && (s.numberFormats[r]?.[c] ?? "General") !== "@") {
          if (/^[=+\-@]/.test(v) || (v.trim() !== "" && !Number.isNaN(Number(v)))) s.interpreted.add(key);
        }
        (s.values[r] ??= [])[c] = v;
      });
    });
  }

  private eachCell(b: { top: number; left: number; bottom: number; right: number }, grid: unknown[][], f: (r: number, c: number, v: unknown) => void): void {
    const rows = b.bottom - b.top + 1;
    const cols = b.right - b.left + 1;
    if (grid.length !== rows || grid.some((row) => row.length !== cols))
      throw new FakeOfficeError(
        "InvalidArgument",
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}x${cols}).`,
      );
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) f(b.top + r, b.left + c, grid[r][c]);
  }

  set hyperlink(link: { documentReference?: string; textToDisplay?: string }) {
    this.writeOp("hyperlink", jsonBytes(link), (s) => void (s.hyperlinks[this.addressNow()] = link));
  }

  merge(_across?: boolean): void {
    this.writeOp("merge", 20, (s) => void s.merges.push(this.addressNow()));
  }

  select(): void {
    this.ctx.enqueue("range.select", 20, () => {
      this.ctx.state.activeSheetId = this.sheet().id;
      this.ctx.state.selected = this.addressNow();
    });
  }

  getMergedAreasOrNullObject(): { load: (p?: unknown) => unknown; readonly isNullObject: boolean; readonly address: string } {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the returned object's methods act on this range
    const self = this;
    const loaded: Record<string, unknown> = {};
    const obj = {
      load(_p?: unknown) {
        self.ctx.enqueue("range.mergedAreas.load", 30, () => {
          const s = self.sheet();
          const b = self.block();
          const inside = s.merges.filter((m) => {
            const mb = parseAddress(m);
            return mb && mb.top >= b.top && mb.bottom <= b.bottom && mb.left >= b.left && mb.right <= b.right;
          });
          loaded.isNullObject = inside.length === 0;
          loaded.address = inside.map((m) => `${quoteSheetName(s.name)}!${m}`).join(",");
          return jsonBytes(loaded.address);
        });
        return obj;
      },
      get isNullObject(): boolean {
        if (!("isNullObject" in loaded)) throw new NotLoaded("PropertyNotLoaded: isNullObject");
        return loaded.isNullObject as boolean;
      },
      get address(): string {
        if (!("address" in loaded)) throw new NotLoaded("PropertyNotLoaded: address");
        return loaded.address as string;
      },
    };
    return obj;
  }
}

/** Office.context.document.settings, kept in memory. */
export class FakeDocumentSettings {
  readonly data: Record<string, unknown> = {};
  saves = 0;
  get(name: string): unknown {
    return this.data[name] ?? null;
  }
  set(name: string, value: unknown): void {
    this.data[name] = JSON.parse(JSON.stringify(value));
  }
  remove(name: string): void {
    delete this.data[name];
  }
  saveAsync(cb?: (r: { status: string }) => void): void {
    this.saves++;
    cb?.({ status: "succeeded" });
  }
}

export interface FakeOfficeOptions {
  readonly supported?: string; // highest ExcelApi minor version, e.g. "1.12"
  readonly displayLanguage?: string;
  readonly syncDelayMs?: number;
}

/** Globals `Office` and `Excel` backed by one workbook state, for the adapter and the task pane. */
export function makeFakeOffice(state: WorkbookState, opts: FakeOfficeOptions = {}) {
  const maxMinor = Number((opts.supported ?? "1.17").split(".")[1]);
  const settings = new FakeDocumentSettings();
  const contexts: FakeContext[] = [];
  let failurePlan: FailurePlan | undefined;
  const Office = {
    HostType: { Excel: "Excel", Word: "Word" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    context: {
      displayLanguage: opts.displayLanguage ?? "ja-JP",
      requirements: {
        isSetSupported(name: string, version?: string): boolean {
          if (name !== "ExcelApi") return false;
          const minor = Number(String(version ?? "1.1").split(".")[1] ?? 0);
          return minor <= maxMinor;
        },
      },
      document: { settings },
    },
    onReady(cb?: (info: { host: string; platform: string }) => void) {
      const info = { host: "Excel", platform: "OfficeOnline" };
      cb?.(info);
      return Promise.resolve(info);
    },
  };
  const Excel = {
    async run<T>(first: unknown, second?: (ctx: FakeContext) => Promise<T>): Promise<T> {
      const batch = (second ?? first) as (ctx: FakeContext) => Promise<T>;
      const ctx = new FakeContext(state);
      ctx.failurePlan = failurePlan;
      ctx.syncDelayMs = opts.syncDelayMs ?? 0;
      contexts.push(ctx);
      return batch(ctx);
    },
    RequestContext: FakeContext,
  };
  return {
    Office,
    Excel,
    settings,
    contexts,
    setFailurePlan(p: FailurePlan | undefined) {
      failurePlan = p;
    },
  };
}
