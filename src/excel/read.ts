// Reading the open workbook into SheetInput grids, in a constant number of syncs:
//   1. the sheet list (and the workbook name);
//   2. each chosen sheet's used range (address and size) and ownership mark;
//   3. the values of every used range — several syncs only when the estimated response
//      would pass the payload budget, each sync carrying whole row chunks.
// No engine logic here: the core decides what the grids mean.

import { CellRange, SheetInput } from "../core/types";
import { parseAddress } from "./a1";
import { isPayloadTooLarge } from "./errors";
import { isOwnedMark, OWNER_KEY, OwnershipList } from "./ownership";
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
  readonly names?: readonly string[];
  /** Only these sheets (by id); all when absent. */
  readonly ids?: readonly string[];
  readonly capabilities?: Capabilities;
  /** File name to use when the workbook name is unavailable (このブック). */
  readonly fallbackFileName: string;
  /** Sheet ids recorded as owned in document settings (when custom properties are missing). */
  readonly ownedFallback?: OwnershipList;
  /** Read output sheets too (default false). */
  readonly includeOwned?: boolean;
  readonly budgetBytes?: number;
  readonly bytesPerCell?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ReadResult {
  readonly file: string;
  readonly sheets: readonly SheetInput[];
  readonly infos: readonly SheetInfo[];
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
  merges: CellRange[];
}

export async function readSheets(context: Excel.RequestContext, options: ReadOptions): Promise<ReadResult> {
  const caps = options.capabilities ?? ALL_CAPABILITIES;
  const budget = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  const perCell = options.bytesPerCell ?? READ_BYTES_PER_CELL;

  // Sync 1: which sheets exist.
  const sheets = context.workbook.worksheets;
  sheets.load("items/id,items/name,items/visibility");
  if (caps.v17) context.workbook.load("name");
  await context.sync();
  const file = (caps.v17 && context.workbook.name) || options.fallbackFileName;
  const wanted = options.names ? new Set(options.names) : undefined;
  const wantedIds = options.ids ? new Set(options.ids) : undefined;
  const chosen = sheets.items.filter((s) => (!wanted || wanted.has(s.name)) && (!wantedIds || wantedIds.has(s.id)));

  // Sync 2: each chosen sheet's used range and ownership mark.
  const used = chosen.map((s) => {
    const r = s.getUsedRangeOrNullObject(true);
    r.load("address,rowCount,columnCount");
    const mark = caps.customProperties ? s.customProperties.getItemOrNullObject(OWNER_KEY) : undefined;
    mark?.load("value");
    return { sheet: s, range: r, mark };
  });
  await context.sync();

  const infos: SheetInfo[] = used.map(({ sheet, range, mark }) => {
    const owned =
      (mark !== undefined && !mark.isNullObject && isOwnedMark(mark.value, sheet.name)) ||
      Boolean(options.ownedFallback?.some((o) => o.id === sheet.id && o.name === sheet.name));
    return {
      id: sheet.id,
      name: sheet.name,
      visible: sheet.visibility === "Visible",
      owned,
      rows: range.isNullObject ? 0 : range.rowCount,
      columns: range.isNullObject ? 0 : range.columnCount,
    };
  });

  const targets: Target[] = [];
  used.forEach(({ range }, i) => {
    const info = infos[i];
    if (range.isNullObject || (info.owned && !options.includeOwned)) return;
    const block = parseAddress(range.address);
    if (!block) return;
    targets.push({ name: info.name, top: block.top, left: block.left, rows: range.rowCount, cols: range.columnCount, grid: [], merges: [] });
  });

  // Syncs 3…: values, in row chunks packed into batches under the budget.
  const chunks: Chunk[] = [];
  targets.forEach((t, i) => {
    const rowBytes = Math.max(1, t.cols * perCell);
    const rowsPerChunk = Math.max(1, Math.floor(budget / rowBytes));
    for (let first = 0; first < t.rows; first += rowsPerChunk) {
      const n = Math.min(rowsPerChunk, t.rows - first);
      chunks.push({ sheet: i, firstRow: first, rowCount: n, bytes: n * rowBytes });
    }
  });
  const batches = packBatches(chunks, budget);
  let done = 0;
  let mergesQueued = false;
  const loadBatch = async (batch: readonly Chunk[]): Promise<void> => {
    const loads = batch.map((c) => {
      const t = targets[c.sheet];
      const r = context.workbook.worksheets.getItem(t.name).getRangeByIndexes(t.top + c.firstRow, t.left, c.rowCount, t.cols);
      r.load("values");
      return { c, r };
    });
    // Merged areas ride along with the first batch (ExcelApi 1.13, optional).
    const merged =
      caps.mergedAreas && !mergesQueued
        ? targets.map((t) => {
            const m = context.workbook.worksheets.getItem(t.name).getRangeByIndexes(t.top, t.left, t.rows, t.cols).getMergedAreasOrNullObject();
            m.load("address");
            return { t, m };
          })
        : [];
    try {
      await context.sync();
    } catch (e) {
      if (isPayloadTooLarge(e) && batch.some((c) => c.rowCount > 1)) {
        // The estimate was too low for this data: split every chunk in two and retry.
        const halves = batch.flatMap((c) => splitChunk(c));
        const mid = Math.ceil(halves.length / 2);
        await loadBatch(halves.slice(0, mid));
        await loadBatch(halves.slice(mid));
        return;
      }
      throw e;
    }
    if (merged.length > 0) mergesQueued = true;
    for (const { t, m } of merged) {
      if (!m.isNullObject) t.merges = parseMergedAreas(m.address, t.top, t.left);
    }
    for (const { c, r } of loads) {
      const t = targets[c.sheet];
      const values = r.values;
      for (let k = 0; k < values.length; k++) t.grid[c.firstRow + k] = values[k];
      done += c.rowCount;
    }
    options.onProgress?.(
      done,
      chunks.reduce((n, c) => n + c.rowCount, 0),
    );
  };
  for (const batch of batches) await loadBatch(batch);

  const inputs: SheetInput[] = targets.map((t) => ({
    file,
    sheet: t.name,
    rows: t.grid,
    merges: t.merges,
    rowOffset: t.top,
    colOffset: t.left,
  }));
  return { file, sheets: inputs, infos };
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
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) parts.push(cur);
  return parts;
}
