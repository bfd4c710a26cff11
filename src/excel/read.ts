// Reading the open workbook into SheetInput grids, in a constant number of syncs:
//   1. the sheet list (the workbook name; our workbook names where custom properties are missing);
//   2. each chosen sheet's used range (address and size) and ownership mark;
//   3. the values of every used range — several syncs only when the estimated response
//      would pass the payload budget, each sync carrying whole row chunks — with the merged
//      areas of each chunk, asked for in slices of rows: Excel refuses
//      getMergedAreasOrNullObject on a range with more than 512 merged areas, so a refused
//      batch is asked again with thinner slices, and at worst without merges (a warning).
// No engine logic here: the core decides what the grids mean.

import { CellRange, SheetInput } from "../core/types";
import { parseAddress } from "./a1";
import { isPayloadTooLarge } from "./errors";
import { isOwnedMark, NameMark, OWNER_KEY, roleFromNames } from "./ownership";
import { DEFAULT_BUDGET_BYTES, packBatches, READ_BYTES_PER_CELL } from "./payload";
import { ALL_CAPABILITIES, Capabilities } from "./requirements";

export interface SheetInfo {
  readonly id: string;
  readonly name: string;
  readonly visible: boolean;
  /** Written by this tool (an output sheet); its values are not read. */
  readonly owned: boolean;
  /** 1-based rows × columns of the used range; 0 when empty. */
  readonly rows: number;
  readonly columns: number;
}

export interface ReadOptions {
  /** Only these sheets (by name); all when absent. */
  readonly names?: readonly string[] | undefined;
  /** Only these sheets (by id); all when absent. */
  readonly ids?: readonly string[];
  readonly capabilities?: Capabilities;
  /** File name to use when the workbook name is unavailable (このブック). */
  readonly fallbackFileName: string;
  /** Read output sheets too (default false). */
  readonly includeOwned?: boolean;
  readonly budgetBytes?: number;
  readonly bytesPerCell?: number;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

/** Something read less well than asked: the pane says it in words. */
export interface ReadWarning {
  /** "mergesSkipped": Excel refused the merged areas; the sheet was read without them. */
  readonly kind: "mergesSkipped";
  readonly sheet: string;
}

export interface ReadResult {
  readonly file: string;
  readonly sheets: readonly SheetInput[];
  readonly infos: readonly SheetInfo[];
  readonly warnings: readonly ReadWarning[];
}

interface Chunk {
  readonly sheet: number; // index in `targets`
  readonly firstRow: number; // 0-based within the used range
  readonly rowCount: number;
  readonly bytes: number;
}

interface Target {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly cols: number;
  readonly grid: unknown[][];
  /** Merged areas as Excel gave them ("'S'!A3:A4"), each once. */
  readonly merges: Set<string>;
  mergesSkipped: boolean;
}

/** Rows per merged-areas query at first; halved down to MIN_MERGE_ROWS when Excel refuses. */
export const MERGE_SLICE_ROWS = 256;
const MIN_MERGE_ROWS = 32;

export async function readSheets(context: Excel.RequestContext, options: ReadOptions): Promise<ReadResult> {
  const caps = options.capabilities ?? ALL_CAPABILITIES;
  const { file, infos, targets } = await readSheetList(context, options, caps);
  const chunks = rowChunks(targets, options.budgetBytes ?? DEFAULT_BUDGET_BYTES, options.bytesPerCell ?? READ_BYTES_PER_CELL);
  const reader = new ChunkReader(context, targets, caps.mergedAreas ? MERGE_SLICE_ROWS : 0, chunks, options.onProgress);
  for (const batch of packBatches(chunks, options.budgetBytes ?? DEFAULT_BUDGET_BYTES)) await reader.load(batch, reader.sliceRows);

  const sheets: SheetInput[] = targets.map((t) => ({
    file,
    sheet: t.name,
    rows: t.grid,
    merges: [...t.merges].flatMap((a) => parseMergedAreas(a, t.top, t.left)),
    rowOffset: t.top,
    colOffset: t.left,
  }));
  const warnings: ReadWarning[] = targets.filter((t) => t.mergesSkipped).map((t) => ({ kind: "mergesSkipped", sheet: t.name }));
  return { file, sheets, infos, warnings };
}

/** Syncs 1 and 2: the sheets, their used ranges and which ones are ours. */
async function readSheetList(
  context: Excel.RequestContext,
  options: ReadOptions,
  caps: Capabilities,
): Promise<{ file: string; infos: SheetInfo[]; targets: Target[] }> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/id,items/name,items/visibility");
  if (caps.v17) context.workbook.load("name");
  const names = caps.customProperties ? undefined : context.workbook.names;
  names?.load("items/name,items/comment,items/value");
  await context.sync();
  const file = (caps.v17 && context.workbook.name) || options.fallbackFileName;
  const marks: NameMark[] = names ? names.items.map((n) => ({ name: n.name, comment: n.comment, value: n.value as unknown })) : [];
  const wanted = options.names ? new Set(options.names) : undefined;
  const wantedIds = options.ids ? new Set(options.ids) : undefined;
  const chosen = sheets.items.filter((s) => (!wanted || wanted.has(s.name)) && (!wantedIds || wantedIds.has(s.id)));

  const used = chosen.map((s) => {
    const r = s.getUsedRangeOrNullObject(true);
    r.load("address,rowCount,columnCount");
    const mark = caps.customProperties ? s.customProperties.getItemOrNullObject(OWNER_KEY) : undefined;
    mark?.load("value");
    return { sheet: s, range: r, mark };
  });
  await context.sync();

  const infos: SheetInfo[] = used.map(({ sheet, range, mark }) => ({
    id: sheet.id,
    name: sheet.name,
    visible: sheet.visibility === "Visible",
    owned: mark ? !mark.isNullObject && isOwnedMark(mark.value, sheet.name) : roleFromNames(marks, sheet.name) !== undefined,
    rows: range.isNullObject ? 0 : range.rowCount,
    columns: range.isNullObject ? 0 : range.columnCount,
  }));
  const targets: Target[] = [];
  used.forEach(({ range }, i) => {
    if (range.isNullObject || (infos[i].owned && !options.includeOwned)) return;
    const block = parseAddress(range.address);
    if (!block) return;
    const t = { name: infos[i].name, top: block.top, left: block.left, rows: range.rowCount, cols: range.columnCount };
    targets.push({ ...t, grid: [], merges: new Set(), mergesSkipped: false });
  });
  return { file, infos, targets };
}

function rowChunks(targets: readonly Target[], budget: number, perCell: number): Chunk[] {
  const chunks: Chunk[] = [];
  targets.forEach((t, i) => {
    const rowBytes = Math.max(1, t.cols * perCell);
    const rowsPerChunk = Math.max(1, Math.floor(budget / rowBytes));
    for (let first = 0; first < t.rows; first += rowsPerChunk) {
      const n = Math.min(rowsPerChunk, t.rows - first);
      chunks.push({ sheet: i, firstRow: first, rowCount: n, bytes: n * rowBytes });
    }
  });
  return chunks;
}

/** Syncs 3…: one batch of row chunks per sync, with their merged areas. */
class ChunkReader {
  private done = 0;
  private readonly total: number;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly targets: readonly Target[],
    /** Rows per merged-areas query; 0 = none. */
    public sliceRows: number,
    chunks: readonly Chunk[],
    private readonly onProgress?: (done: number, total: number) => void,
  ) {
    this.total = chunks.reduce((n, c) => n + c.rowCount, 0);
  }

  async load(batch: readonly Chunk[], sliceRows: number): Promise<void> {
    const loads = batch.map((c) => {
      const t = this.targets[c.sheet];
      const r = this.context.workbook.worksheets.getItem(t.name).getRangeByIndexes(t.top + c.firstRow, t.left, c.rowCount, t.cols);
      r.load("values");
      return { c, r };
    });
    const merged = sliceRows > 0 ? batch.flatMap((c) => this.queueMerges(c, sliceRows)) : [];
    try {
      await this.context.sync();
    } catch (e) {
      return this.retry(batch, sliceRows, merged.length > 0, e);
    }
    for (const { t, m } of merged) if (!m.isNullObject) for (const a of splitAreas(m.address)) t.merges.add(a);
    for (const { c, r } of loads) {
      const t = this.targets[c.sheet];
      const values = r.values;
      for (let k = 0; k < values.length; k++) t.grid[c.firstRow + k] = values[k];
      this.done += c.rowCount;
    }
    this.onProgress?.(this.done, this.total);
  }

  /**
   * Merged areas of a chunk in overlapping slices of rows: a merge crossing a slice's edge
   * lies whole in the next slice when it is shorter than the overlap.
   */
  private queueMerges(c: Chunk, sliceRows: number): { t: Target; m: Excel.RangeAreas }[] {
    const t = this.targets[c.sheet];
    const out: { t: Target; m: Excel.RangeAreas }[] = [];
    const overlap = Math.floor(sliceRows / 4);
    for (let first = c.firstRow; first < c.firstRow + c.rowCount; first += sliceRows) {
      const rows = Math.min(sliceRows + overlap, t.rows - first);
      const m = this.context.workbook.worksheets
        .getItem(t.name)
        .getRangeByIndexes(t.top + first, t.left, rows, t.cols)
        .getMergedAreasOrNullObject();
      m.load("address");
      out.push({ t, m });
    }
    return out;
  }

  private async retry(batch: readonly Chunk[], sliceRows: number, hadMerges: boolean, e: unknown): Promise<void> {
    if (isPayloadTooLarge(e) && batch.some((c) => c.rowCount > 1)) {
      // The estimate was too low for this data: split every chunk in two and retry.
      const halves = batch.flatMap((c) => splitChunk(c));
      const mid = Math.ceil(halves.length / 2);
      await this.load(halves.slice(0, mid), sliceRows);
      await this.load(halves.slice(mid), sliceRows);
      return;
    }
    if (!hadMerges) throw e;
    // Excel refused the merged areas (more than 512 in a slice, or not at all): thinner
    // slices, then none for this batch, said in a warning.
    if (sliceRows / 2 >= MIN_MERGE_ROWS) return this.load(batch, sliceRows / 2);
    for (const c of batch) this.targets[c.sheet].mergesSkipped = true;
    return this.load(batch, 0);
  }
}

function splitChunk(c: Chunk): Chunk[] {
  if (c.rowCount <= 1) return [c];
  const a = Math.ceil(c.rowCount / 2);
  const perRow = c.bytes / c.rowCount;
  return [
    { ...c, rowCount: a, bytes: a * perRow },
    { ...c, firstRow: c.firstRow + a, rowCount: c.rowCount - a, bytes: (c.rowCount - a) * perRow },
  ];
}

/** "Sheet!A1:B2,Sheet!C3:C9" → blocks relative to the used range's top-left cell. */
export function parseMergedAreas(address: string, top: number, left: number): CellRange[] {
  const out: CellRange[] = [];
  for (const part of splitAreas(address)) {
    const b = parseAddress(part);
    if (b) out.push({ top: b.top - top, left: b.left - left, bottom: b.bottom - top, right: b.right - left });
  }
  return out;
}

/** Splits on commas outside quoted sheet names. */
function splitAreas(address: string): string[] {
  const parts: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      parts.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts;
}
