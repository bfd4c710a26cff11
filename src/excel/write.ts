// Writing the output sheets. Transactional as far as Excel allows:
//   sync 1   the sheet list;
//   sync 2…  new sheets under temporary names, written whole (number formats "@" on text
//            first, then values, then formats, merges, widths, chart), and the ownership
//            marks of the existing sheets — several syncs only past the payload budget;
//   last     one batch swaps them in: previous output sheets renamed aside, new sheets
//            renamed into place and marked, previous ones deleted, 評価集計 activated.
// Any failure: the new sheets are deleted and the previous ones get their names back, so
// the sheet list is as before. Source sheets are never written: only sheets this call added.

import { LayoutCell, SheetLayout, SheetRole } from "../core/layout-types";
import { cellAddress, quoteSheetName } from "./a1";
import { AdapterError, classifyOfficeError } from "./errors";
import { isOwnedMark, OwnedSheet, ownerMark, OWNER_KEY, OwnershipList } from "./ownership";
import { packBatches } from "./read";
import { DEFAULT_BUDGET_BYTES, jsonBytes, OP_OVERHEAD_BYTES } from "./payload";
import { ALL_CAPABILITIES, Capabilities } from "./requirements";
import { BORDER_COLOR, charsToPoints, FONT_NAME, STYLES } from "./styles";

export interface WriteOptions {
  readonly capabilities?: Capabilities;
  readonly budgetBytes?: number;
  /** Owned sheets recorded in document settings (Excel without custom properties). */
  readonly ownedFallback?: OwnershipList;
  /** Called with the new owned list when custom properties are unavailable. */
  readonly saveOwnedFallback?: (list: OwnershipList) => Promise<void>;
  /** Which sheet to activate at the end (default: the summary). */
  readonly activate?: SheetRole;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface WrittenSheet {
  readonly role: SheetRole;
  /** The name it got: the layout's name, or "評価集計 (2)" when a user's sheet has that name. */
  readonly name: string;
  readonly wanted: string;
}

export interface WriteResult {
  readonly sheets: readonly WrittenSheet[];
  /** Previous output sheets that were replaced. */
  readonly replaced: readonly string[];
}

interface Unit {
  readonly bytes: number;
  readonly queue: () => void;
}

const MAX_NAME = 31;
/** Above this many row-height runs a sheet's rows are autofitted instead. */
const MAX_HEIGHT_RUNS = 200;

export async function writeLayouts(context: Excel.RequestContext, layouts: readonly SheetLayout[], options: WriteOptions = {}): Promise<WriteResult> {
  const caps = options.capabilities ?? ALL_CAPABILITIES;
  const budget = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  const tag = Math.random().toString(36).slice(2, 6);

  // Sync 1: the sheet list.
  const list = context.workbook.worksheets;
  list.load("items/id,items/name,items/visibility");
  try {
    await context.sync();
  } catch (e) {
    throw new AdapterError(classifyOfficeError(e), e, true); // nothing written yet
  }
  const existing = list.items.map((s) => ({ proxy: s, id: s.id, name: s.name }));
  const taken = new Set(existing.map((s) => s.name.toLowerCase()));
  const temps = layouts.map((l, i) => uniqueName(`~kpi${i + 1} ${tag}`, taken));
  const newIds: (string | undefined)[] = layouts.map(() => undefined);
  let marks: { value?: string; isNull: boolean }[] = existing.map(() => ({ isNull: true }));
  let swapStarted = false;
  const backups: { id: string; original: string; backup: string }[] = [];
  const finals: string[] = [];

  try {
    // Syncs 2…: build every new sheet completely under a temporary name.
    const units: Unit[] = [];
    const added: { index: number; sheet: Excel.Worksheet }[] = [];
    layouts.forEach((layout, i) => units.push(...sheetUnits(context, layout, temps[i], caps, budget, (sheet) => added.push({ index: i, sheet }))));
    const batches = packBatches(units, budget);
    const markLoads = caps.customProperties ? existing.map((s) => s.proxy.customProperties.getItemOrNullObject(OWNER_KEY)) : [];
    for (let b = 0; b < batches.length; b++) {
      if (caps.suspendCalculation) context.application.suspendApiCalculationUntilNextSync();
      for (const u of batches[b]) u.queue();
      if (b === 0) markLoads.forEach((m) => m.load("value"));
      await context.sync();
      // The ids of the sheets added so far are loaded now.
      for (const a of added.splice(0)) newIds[a.index] = a.sheet.id;
      options.onProgress?.(b + 1, batches.length + 1);
    }
    if (batches.length === 0 && markLoads.length > 0) {
      markLoads.forEach((m) => m.load("value"));
      await context.sync();
    }
    marks = markLoads.map((m) => ({ isNull: m.isNullObject, value: m.isNullObject ? undefined : m.value }));

    // Final sync: swap the new sheets in.
    const owned = existing.filter(
      (s, i) => (caps.customProperties && !marks[i].isNull && isOwnedMark(marks[i].value, s.name)) || Boolean(options.ownedFallback?.some((o) => o.id === s.id && o.name === s.name)),
    );
    const ownedIds = new Set(owned.map((s) => s.id));
    const userNames = new Set(existing.filter((s) => !ownedIds.has(s.id)).map((s) => s.name.toLowerCase()));
    temps.forEach((t) => userNames.add(t.toLowerCase()));
    for (const l of layouts) finals.push(freeName(l.name, userNames));
    owned.forEach((s, k) => backups.push({ id: s.id, original: s.name, backup: uniqueName(`~old${k + 1} ${tag}`, userNames) }));

    swapStarted = true;
    const sheets = context.workbook.worksheets;
    for (const b of backups) sheets.getItem(b.id).name = b.backup;
    layouts.forEach((l, i) => {
      const ws = sheets.getItem(temps[i]);
      // Mark before renaming, so every call on this proxy names the sheet as it is then.
      if (caps.customProperties) ws.customProperties.add(OWNER_KEY, ownerMark(l.role, finals[i]));
      ws.name = finals[i];
    });
    for (const b of backups) sheets.getItem(b.id).delete();
    const activeIndex = layouts.findIndex((l) => l.role === (options.activate ?? "summary"));
    if (activeIndex >= 0) sheets.getItem(finals[activeIndex]).activate();
    await context.sync();
    options.onProgress?.(batches.length + 1, batches.length + 1);
  } catch (e) {
    const forward = await recover(context, { temps, newIds, finals, backups, swapStarted, layouts, caps });
    if (!forward) throw new AdapterError(classifyOfficeError(e), e, true);
  }

  if (!caps.customProperties && options.saveOwnedFallback) {
    const kept = (options.ownedFallback ?? []).filter((o) => existing.some((s) => s.id === o.id) && !backups.some((b) => b.id === o.id));
    const added: OwnedSheet[] = layouts.map((l, i) => ({ id: newIds[i] ?? "", name: finals[i], role: l.role }));
    await options.saveOwnedFallback([...kept, ...added]);
  }
  return {
    sheets: layouts.map((l, i) => ({ role: l.role, name: finals[i], wanted: l.name })),
    replaced: backups.map((b) => b.original),
  };
}

interface RecoveryState {
  readonly temps: readonly string[];
  readonly newIds: readonly (string | undefined)[];
  readonly finals: readonly string[];
  readonly backups: readonly { id: string; original: string; backup: string }[];
  readonly swapStarted: boolean;
  readonly layouts: readonly SheetLayout[];
  readonly caps: Capabilities;
}

/**
 * After a failure: roll back (delete the new sheets, give the previous ones their names
 * back), unless a previous sheet is already deleted — then the new set is complete and
 * in place, so finish the swap instead. Returns true when it rolled forward.
 */
async function recover(context: Excel.RequestContext, st: RecoveryState): Promise<boolean> {
  try {
    const list = context.workbook.worksheets;
    list.load("items/id,items/name");
    await context.sync();
    const now = list.items.map((s) => ({ id: s.id, name: s.name }));
    const byId = (id: string | undefined) => (id ? now.find((s) => s.id === id) : undefined);
    const byName = (n: string) => now.find((s) => s.name === n);
    const backupLost = st.swapStarted && st.backups.some((b) => !byId(b.id));
    const newAll = st.temps.map((t, i) => byId(st.newIds[i]) ?? byName(t));
    const forward = backupLost && newAll.every((s, i) => s && s.name === st.finals[i]);
    const sheets = context.workbook.worksheets;
    if (forward) {
      for (const b of st.backups) if (byId(b.id)) sheets.getItem(b.id).delete();
      st.layouts.forEach((l, i) => {
        if (st.caps.customProperties) sheets.getItem(st.finals[i]).customProperties.add(OWNER_KEY, ownerMark(l.role, st.finals[i]));
      });
    } else {
      for (const s of newAll) if (s) sheets.getItem(s.id).delete();
      for (const b of st.backups) if (byId(b.id) && byId(b.id)?.name !== b.original) sheets.getItem(b.id).name = b.original;
    }
    await context.sync();
    return forward;
  } catch (e) {
    throw new AdapterError(classifyOfficeError(e), e, false);
  }
}

/** The queued work for one sheet, cut into units that each fit the payload budget. */
function sheetUnits(
  context: Excel.RequestContext,
  layout: SheetLayout,
  temp: string,
  caps: Capabilities,
  budget: number,
  onAdded: (sheet: Excel.Worksheet) => void,
): Unit[] {
  const width = Math.max(1, ...layout.rows.map((r) => r.length), layout.columnWidths.length);
  const height = layout.rows.length;
  const ws = () => context.workbook.worksheets.getItem(temp);
  const units: Unit[] = [];

  units.push({
    bytes: OP_OVERHEAD_BYTES * 3,
    queue: () => {
      const added = context.workbook.worksheets.add(temp);
      added.load("id");
      onAdded(added);
    },
  });

  // Number formats first: "@" on text cells so =, +, - and @ stay text, then the values.
  // One rectangle per run of equal formats (a single value fills a whole range), so the
  // request does not carry one format string per cell.
  for (const rect of rectangles(layout.rows, numberFormatKey)) {
    units.push({
      bytes: OP_OVERHEAD_BYTES + jsonBytes(rect.key),
      queue: () => {
        const range = ws().getRangeByIndexes(rect.top, rect.left, rect.bottom - rect.top + 1, rect.right - rect.left + 1);
        // A single format string is applied to every cell of the range.
        (range as unknown as { numberFormat: unknown }).numberFormat = rect.key;
      },
    });
  }
  const valuesOf = (r: number): (string | number)[] => {
    const row = layout.rows[r] ?? [];
    const out: (string | number)[] = [];
    for (let c = 0; c < width; c++) {
      const cell = row[c];
      out.push(cell ? (isFormulaLink(cell) ? hyperlinkFormula(cell) : cell.value ?? "") : "");
    }
    return out;
  };
  let first = 0;
  while (first < height) {
    let bytes = OP_OVERHEAD_BYTES;
    const vals: (string | number)[][] = [];
    let r = first;
    while (r < height) {
      const v = valuesOf(r);
      const add = jsonBytes(v) + 1;
      if (vals.length > 0 && bytes + add > budget) break;
      vals.push(v);
      bytes += add;
      r++;
    }
    const top = first;
    units.push({
      bytes,
      queue: () => {
        ws().getRangeByIndexes(top, 0, vals.length, width).values = vals;
      },
    });
    first = r;
  }

  // Formats: one rectangle per run of equally styled cells, runs merged down rows.
  for (const rect of rectangles(layout.rows, (c) => c.style)) {
    const style = STYLES[rect.key];
    units.push({
      bytes: OP_OVERHEAD_BYTES * 14,
      queue: () => {
        const range = ws().getRangeByIndexes(rect.top, rect.left, rect.bottom - rect.top + 1, rect.right - rect.left + 1);
        const f = range.format;
        if (style.fill) f.fill.color = style.fill;
        if (style.bold) f.font.bold = true;
        if (style.size) f.font.size = style.size;
        if (style.color) f.font.color = style.color;
        if (style.underline) f.font.underline = "Single";
        f.horizontalAlignment = style.horizontal;
        f.verticalAlignment = style.vertical;
        f.wrapText = style.wrap;
        if (style.border) {
          for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const) {
            if (edge === "InsideVertical" && rect.left === rect.right) continue;
            if (edge === "InsideHorizontal" && rect.top === rect.bottom) continue;
            const b = f.borders.getItem(edge);
            b.style = "Continuous";
            b.color = BORDER_COLOR;
          }
        }
      },
    });
  }

  // Links that do not fit a HYPERLINK formula (long texts) get a hyperlink each.
  const links = layout.rows.flatMap((row, r) =>
    row.flatMap((cell, c) => (cell?.link && !isFormulaLink(cell) ? [{ r, c, cell: cell as LayoutCell & { link: NonNullable<LayoutCell["link"]> } }] : [])),
  );
  const heights = heightRuns(layout.rowHeights ?? {});
  units.push({
    bytes:
      OP_OVERHEAD_BYTES * (8 + layout.merges.length + layout.columnWidths.length + Math.min(heights.length, MAX_HEIGHT_RUNS) + links.length) +
      jsonBytes(links.map((l) => l.cell.value)) +
      jsonBytes(layout.merges),
    queue: () => {
      const sheet = ws();
      if (height > 0) sheet.getRangeByIndexes(0, 0, height, width).format.font.name = FONT_NAME;
      for (const m of layout.merges) sheet.getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1).merge(false);
      layout.columnWidths.forEach((w, c) => {
        if (w > 0) sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = charsToPoints(w);
      });
      // Many different heights (long wrapped texts): let Excel fit the rows in one call.
      if (heights.length > MAX_HEIGHT_RUNS) sheet.getRangeByIndexes(0, 0, height, width).format.autofitRows();
      else for (const run of heights) sheet.getRangeByIndexes(run.top, 0, run.count, 1).format.rowHeight = run.height;
      if (caps.v17) {
        if (layout.freezeRows > 0) sheet.freezePanes.freezeRows(layout.freezeRows);
        for (const { r, c, cell } of links) {
          sheet.getRangeByIndexes(r, c, 1, 1).hyperlink = {
            documentReference: `${quoteSheetName(cell.link.sheet)}!${cell.link.cell}`,
            textToDisplay: cell.value === null ? cell.link.cell : String(cell.value),
          };
        }
      }
      if (caps.pageLayout) {
        sheet.pageLayout.orientation = layout.print.orientation === "landscape" ? "Landscape" : "Portrait";
        sheet.pageLayout.paperSize = "A4";
        if (layout.print.fitToWidth) sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      }
      if (layout.chart) {
        const d = layout.chart.dataRange;
        const chart = sheet.charts.add("ColumnStacked", sheet.getRangeByIndexes(d.top, d.left, d.bottom - d.top + 1, d.right - d.left + 1), "Columns");
        chart.title.text = layout.chart.title;
        const a = layout.chart.anchor;
        chart.setPosition(cellAddress(a.row, a.col), cellAddress(a.row + 15, a.col + 7));
      }
    },
  });
  return units;
}

export interface Rect<K> {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  readonly key: K;
}

/**
 * Runs of cells with one key on a row, joined with the identical run of the row above:
 * a table body becomes a few rectangles whatever its length. Cells keyed undefined are
 * left alone.
 */
export function rectangles<K extends string>(rows: readonly (readonly (LayoutCell | null)[])[], keyOf: (cell: LayoutCell) => K | undefined): Rect<K>[] {
  const done: Rect<K>[] = [];
  let open = new Map<string, Rect<K>>();
  rows.forEach((row, r) => {
    const next = new Map<string, Rect<K>>();
    let c = 0;
    while (c < row.length) {
      const cell = row[c];
      const key = cell ? keyOf(cell) : undefined;
      if (key === undefined) {
        c++;
        continue;
      }
      let end = c;
      while (end + 1 < row.length) {
        const n = row[end + 1];
        if (!n || keyOf(n) !== key) break;
        end++;
      }
      const id = `${c}:${end}:${key}`;
      const prev = open.get(id);
      if (prev) {
        next.set(id, { ...prev, bottom: r });
        open.delete(id);
      } else next.set(id, { top: r, left: c, bottom: r, right: end, key });
      c = end + 1;
    }
    done.push(...open.values());
    open = next;
  });
  done.push(...open.values());
  return done;
}

/** Consecutive rows of equal height, set with one call each. */
export function heightRuns(heights: Readonly<Record<number, number>>): { top: number; count: number; height: number }[] {
  const rows = Object.keys(heights)
    .map(Number)
    .filter((r) => Number.isInteger(r) && r >= 0 && heights[r] > 0)
    .sort((a, b) => a - b);
  const runs: { top: number; count: number; height: number }[] = [];
  for (const r of rows) {
    const last = runs[runs.length - 1];
    if (last && last.top + last.count === r && last.height === heights[r]) last.count++;
    else runs.push({ top: r, count: 1, height: heights[r] });
  }
  return runs;
}

/** "@" for text, the layout's format for numbers; undefined = General (a new sheet's default). */
function numberFormatKey(cell: LayoutCell): string | undefined {
  if (isFormulaLink(cell)) return undefined;
  if (typeof cell.value === "string") return "@";
  return typeof cell.value === "number" ? cell.numberFormat : undefined;
}

// A link is written as a HYPERLINK formula inside the values array: no extra call per
// link. The texts are string literals with quotes doubled, so nothing in them runs.
const FORMULA_TEXT_MAX = 255;

function linkTarget(cell: LayoutCell): string {
  return cell.link ? `#${quoteSheetName(cell.link.sheet)}!${cell.link.cell}` : "";
}

function isFormulaLink(cell: LayoutCell): boolean {
  if (!cell.link) return false;
  const text = cell.value === null ? cell.link.cell : String(cell.value);
  return text.length <= FORMULA_TEXT_MAX && linkTarget(cell).length <= FORMULA_TEXT_MAX;
}

export function hyperlinkFormula(cell: LayoutCell): string {
  const text = cell.value === null ? cell.link?.cell ?? "" : String(cell.value);
  const lit = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  return `=HYPERLINK(${lit(linkTarget(cell))},${lit(text)})`;
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base.slice(0, MAX_NAME);
  for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${base.slice(0, MAX_NAME - 4)}~${k}`;
  taken.add(name.toLowerCase());
  return name;
}

/** The wanted name, or "name (2)", "name (3)"… when a user's sheet already has it. */
export function freeName(wanted: string, taken: Set<string>): string {
  let name = wanted.slice(0, MAX_NAME);
  for (let k = 2; taken.has(name.toLowerCase()); k++) {
    const suffix = ` (${k})`;
    name = wanted.slice(0, MAX_NAME - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}
