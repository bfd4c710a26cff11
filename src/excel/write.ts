// Writing the output sheets. Transactional as far as Excel allows:
//   sync 1   the sheet list;
//   sync 2…  new sheets under temporary names, written whole (number formats "@" on text
//            first, then values, then formats, merges, widths, chart), and the ownership
//            marks of the existing sheets — several syncs only past the payload budget;
//   last     one batch swaps them in: previous output sheets renamed aside, new sheets
//            renamed into place and marked, previous ones deleted, 評価集計 activated.
// Any failure: the new sheets are deleted and the previous ones get their names back, so
// the sheet list is as before. Source sheets are never written: only sheets this call added.

import { SheetLayout, SheetRole } from "../core/layout-types";
import { AdapterError, classifyOfficeError } from "./errors";
import { isOwnedMark, OwnedSheet, ownerMark, OWNER_KEY, OwnershipList } from "./ownership";
import { DEFAULT_BUDGET_BYTES, packBatches } from "./payload";
import { sheetUnits, Unit } from "./render";
import { ALL_CAPABILITIES, Capabilities } from "./requirements";

export { heightRuns, hyperlinkFormula, rectangles } from "./render";

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

const MAX_NAME = 31;

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
      // One sync per payload-sized batch: Excel on the web refuses requests over 5 MB.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
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
      (s, i) =>
        (caps.customProperties && !marks[i].isNull && isOwnedMark(marks[i].value, s.name)) ||
        Boolean(options.ownedFallback?.some((o) => o.id === s.id && o.name === s.name)),
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
