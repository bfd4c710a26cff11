// Writing the output sheets. Transactional as far as Excel allows:
//   sync 1   the sheet list (and our workbook names where custom properties are missing);
//   sync 2…  new sheets under temporary names, written whole (number formats "@" on text
//            first, then values, formats, merges, widths), with the ownership marks and
//            charts of the existing sheets — several syncs only past the payload budget; a
//            request Excel still refuses as too large is split in two and sent again;
//   swap     one batch puts them in place. An output sheet of an earlier run is updated in
//            place (cleared, the new sheet's cells copied in, widths and heights set): formulas
//            the user wrote pointing at it keep working. Other new sheets are renamed into
//            place and marked; the temporary sheets and the previous extra output deleted;
//   last     best effort: print settings, then the chart — if Excel refuses either, the
//            sheets stay written and the result says what was skipped.
// Any failure before the swap: the new sheets are deleted, so the sheet list is as before.
// A failure during the swap finishes it (the temporary sheets still hold the new output).
// Source sheets are never written: only sheets this tool added or marked.

import { SheetLayout, SheetRole } from "../core/layout-types";
import { AdapterError, classifyOfficeError, isPayloadTooLarge } from "./errors";
import { NameMark, ownedRole, ownerMark, ownerName, OWNER_KEY, roleFromNames } from "./ownership";
import { DEFAULT_BUDGET_BYTES, packBatches } from "./payload";
import { bestEffortSteps, queueSheetSettings, sheetUnits, Unit } from "./render";
import { ALL_CAPABILITIES, Capabilities } from "./requirements";

export { heightRuns, hyperlinkFormula, rectangles } from "./render";

export interface WriteOptions {
  readonly capabilities?: Capabilities;
  readonly budgetBytes?: number;
  /** Which sheet to activate at the end (default: the summary). */
  readonly activate?: SheetRole;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface WrittenSheet {
  readonly role: SheetRole;
  /** The name it got: the layout's name, or "評価集計 (2)" when a user's sheet has that name. */
  readonly name: string;
  readonly wanted: string;
  /** An earlier output sheet updated in place (formulas pointing at it keep working). */
  readonly inPlace: boolean;
}

/** A best-effort step Excel refused: the sheets are written without it. */
export interface SkippedStep {
  readonly what: "print" | "chart";
  readonly sheets: readonly string[];
}

export interface WriteResult {
  readonly sheets: readonly WrittenSheet[];
  /** Previous output sheets that were deleted (not updated in place). */
  readonly replaced: readonly string[];
  readonly skipped: readonly SkippedStep[];
}

const MAX_NAME = 31;

interface Existing {
  readonly id: string;
  readonly name: string;
  role?: string | undefined;
  charts: string[];
}

/** What the swap does, decided once the marks are read. */
interface Plan {
  readonly layouts: readonly SheetLayout[];
  readonly caps: Capabilities;
  readonly temps: readonly string[];
  readonly newIds: (string | undefined)[];
  /** Per layout: the earlier output sheet updated in place, if any. */
  readonly targets: (Existing | undefined)[];
  readonly finals: string[];
  readonly backups: { id: string; original: string; backup: string }[];
  readonly names: NameMark[];
  readonly activate: SheetRole;
}

export async function writeLayouts(context: Excel.RequestContext, layouts: readonly SheetLayout[], options: WriteOptions = {}): Promise<WriteResult> {
  const caps = options.capabilities ?? ALL_CAPABILITIES;
  const tag = Math.random().toString(36).slice(2, 6);
  let existing: Existing[];
  let names: NameMark[];
  try {
    ({ existing, names } = await listSheets(context, caps));
  } catch (e) {
    throw new AdapterError(classifyOfficeError(e), e, true); // nothing written yet
  }
  const taken = new Set(existing.map((s) => s.name.toLowerCase()));
  const temps = layouts.map((l, i) => uniqueName(`~kpi${i + 1} ${tag}`, taken));
  const plan: Plan = {
    layouts,
    caps,
    temps,
    newIds: layouts.map(() => undefined),
    targets: [],
    finals: [],
    backups: [],
    names,
    activate: options.activate ?? "summary",
  };
  let swapStarted = false;
  let steps = 1;
  try {
    steps = (await buildTemps(context, plan, existing, options)) + 1;
    planSwap(plan, existing, tag);
    swapStarted = true;
    queueSwap(context, plan, undefined);
    await context.sync();
  } catch (e) {
    await recover(context, plan, swapStarted, e);
  }
  options.onProgress?.(steps, steps);
  const skipped = await bestEffort(context, plan);
  return {
    sheets: layouts.map((l, i) => ({ role: l.role, name: plan.finals[i], wanted: l.name, inPlace: plan.targets[i] !== undefined })),
    replaced: plan.backups.map((b) => b.original),
    skipped,
  };
}

/** Sync 1: the sheets, and our workbook names where custom properties are missing. */
async function listSheets(context: Excel.RequestContext, caps: Capabilities): Promise<{ existing: Existing[]; names: NameMark[] }> {
  const list = context.workbook.worksheets;
  list.load("items/id,items/name");
  const names = caps.customProperties ? undefined : context.workbook.names;
  names?.load("items/name,items/comment,items/value");
  await context.sync();
  const marks: NameMark[] = names ? names.items.map((n) => ({ name: n.name, comment: n.comment, value: n.value as unknown })) : [];
  const existing = list.items.map((s) => ({ id: s.id, name: s.name, role: caps.customProperties ? undefined : roleFromNames(marks, s.name), charts: [] }));
  return { existing, names: marks };
}

/** Syncs 2…: every new sheet built whole under its temporary name; the existing sheets' marks and charts. Returns the number of batches. */
async function buildTemps(context: Excel.RequestContext, plan: Plan, existing: Existing[], options: WriteOptions): Promise<number> {
  const budget = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  const units: Unit[] = [];
  const added: { index: number; sheet: Excel.Worksheet }[] = [];
  plan.layouts.forEach((layout, i) => units.push(...sheetUnits(context, layout, plan.temps[i], plan.caps, budget, (sheet) => added.push({ index: i, sheet }))));
  let existingRead = false;
  const send = async (batch: readonly Unit[]): Promise<void> => {
    if (plan.caps.suspendCalculation) context.application.suspendApiCalculationUntilNextSync();
    const settle = existingRead ? undefined : queueExistingLoads(context, plan.caps, existing);
    for (const u of batch) u.queue();
    try {
      await context.sync();
    } catch (e) {
      added.splice(0); // nothing of a refused request was done
      // Excel on the web refused the request as too large: send it again in two halves.
      if (!isPayloadTooLarge(e) || batch.length < 2) throw e;
      await send(batch.slice(0, Math.ceil(batch.length / 2)));
      await send(batch.slice(Math.ceil(batch.length / 2)));
      return;
    }
    settle?.();
    existingRead = true;
    for (const a of added.splice(0)) plan.newIds[a.index] = a.sheet.id;
  };
  const batches = packBatches(units, budget);
  for (let b = 0; b < batches.length; b++) {
    await send(batches[b]);
    options.onProgress?.(b + 1, batches.length + 1);
  }
  if (batches.length === 0) await send([]);
  return batches.length;
}

/** Queues the loads of the existing sheets' ownership marks and chart names; the returned function records them after the sync. */
function queueExistingLoads(context: Excel.RequestContext, caps: Capabilities, existing: Existing[]): () => void {
  const sheets = context.workbook.worksheets;
  const marks = caps.customProperties ? existing.map((s) => sheets.getItem(s.id).customProperties.getItemOrNullObject(OWNER_KEY)) : [];
  marks.forEach((m) => m.load("value"));
  const charts = existing.map((s) => sheets.getItem(s.id).charts);
  charts.forEach((c) => c.load("items/name"));
  return () => {
    marks.forEach((m, i) => (existing[i].role = m.isNullObject ? undefined : ownedRole(m.value, existing[i].name)));
    charts.forEach((c, i) => (existing[i].charts = c.items.map((x) => x.name)));
  };
}

/** Which earlier output sheet each layout updates in place, the rest deleted; the names. */
function planSwap(plan: Plan, existing: readonly Existing[], tag: string): void {
  const owned = existing.filter((s) => s.role !== undefined);
  const claimed = new Set<string>();
  plan.layouts.forEach((l, i) => {
    // Range.copyFrom is ExcelApi 1.9: without it an earlier sheet is replaced (its formulas' references break).
    const mine = plan.caps.pageLayout ? owned.filter((s) => s.role === l.role && !claimed.has(s.id)) : [];
    const target = mine.find((s) => s.name === l.name) ?? mine[0];
    if (target) claimed.add(target.id);
    plan.targets[i] = target;
  });
  const replaced = owned.filter((s) => !claimed.has(s.id));
  const userNames = new Set(existing.filter((s) => !replaced.some((r) => r.id === s.id)).map((s) => s.name.toLowerCase()));
  plan.temps.forEach((t) => userNames.add(t.toLowerCase()));
  plan.layouts.forEach((l, i) => plan.finals.push(plan.targets[i]?.name ?? freeName(l.name, userNames)));
  replaced.forEach((s, k) => plan.backups.push({ id: s.id, original: s.name, backup: uniqueName(`~old${k + 1} ${tag}`, userNames) }));
}

/**
 * The swap, as one batch. With `present` (the sheets there now, after a failed swap) it
 * does only what is left: a temporary sheet still there still has to be put in place.
 */
function queueSwap(context: Excel.RequestContext, plan: Plan, present: Map<string, string> | undefined): void {
  const sheets = context.workbook.worksheets;
  const has = (id: string | undefined, name?: string): boolean =>
    !present || (id !== undefined && present.has(id)) || (!!name && [...present.values()].includes(name));
  for (const b of plan.backups) if (has(b.id) && present?.get(b.id) !== b.backup) sheets.getItem(b.id).name = b.backup;
  plan.layouts.forEach((l, i) => {
    const tempKey = plan.newIds[i] ?? plan.temps[i];
    if (!has(plan.newIds[i], plan.temps[i])) return;
    const temp = sheets.getItem(tempKey);
    const target = plan.targets[i];
    if (target) {
      const ws = sheets.getItem(target.id);
      ws.getRange().clear("All");
      ws.getRange().unmerge();
      for (const c of target.charts) ws.charts.getItem(c).delete();
      const width = Math.max(1, ...l.rows.map((r) => r.length), l.columnWidths.length);
      if (l.rows.length > 0) ws.getRange("A1").copyFrom(temp.getRangeByIndexes(0, 0, l.rows.length, width), "All");
      queueSheetSettings(ws, l, plan.caps);
      temp.delete();
      return;
    }
    // Mark before renaming, so every call on this proxy names the sheet as it is then.
    if (plan.caps.customProperties) temp.customProperties.add(OWNER_KEY, ownerMark(l.role, plan.finals[i]));
    else markWithName(context, plan, i, temp);
    if (present?.get(plan.newIds[i] ?? "") !== plan.finals[i]) temp.name = plan.finals[i];
  });
  for (const b of plan.backups) if (has(b.id)) sheets.getItem(b.id).delete();
  const active = plan.layouts.findIndex((l) => l.role === plan.activate);
  if (active >= 0) sheets.getItem(plan.finals[active]).activate();
}

/** The hidden workbook name marking a new output sheet (Excel without custom properties). */
function markWithName(context: Excel.RequestContext, plan: Plan, i: number, sheet: Excel.Worksheet): void {
  const role = plan.layouts[i].role;
  const key = ownerName(role);
  const names = context.workbook.names;
  if (plan.names.some((n) => n.name.toLowerCase() === key.toLowerCase())) names.getItem(key).delete();
  const item = names.add(key, sheet.getRange("A1"), ownerMark(role, plan.finals[i]));
  item.visible = false;
}

/**
 * After a failure: delete the new sheets and give the earlier ones their names back (the
 * workbook is as before) — unless the swap already cleared an earlier sheet or deleted one:
 * then finish the swap from the temporary sheets, which still hold the new output.
 */
async function recover(context: Excel.RequestContext, plan: Plan, swapStarted: boolean, error: unknown): Promise<void> {
  try {
    const list = context.workbook.worksheets;
    list.load("items/id,items/name");
    const names = plan.caps.customProperties ? undefined : context.workbook.names;
    names?.load("items/name");
    const charts = plan.targets.map((t) => (t ? list.getItem(t.id).charts : undefined));
    charts.forEach((c) => c?.load("items/name"));
    await context.sync();
    const present = new Map(list.items.map((s) => [s.id, s.name]));
    const forward = swapStarted && (plan.targets.some(Boolean) || plan.backups.some((b) => !present.has(b.id)));
    if (forward) {
      charts.forEach((c, i) => {
        const target = plan.targets[i];
        if (c && target) target.charts = c.items.map((x) => x.name);
      });
      if (names) plan.names.splice(0, plan.names.length, ...names.items.map((n) => ({ name: n.name, comment: "", value: "" })));
      queueSwap(context, plan, present);
      await context.sync();
      return;
    }
    plan.temps.forEach((t, i) => {
      const id = plan.newIds[i] ?? list.items.find((s) => s.name === t)?.id;
      if (id && present.has(id)) list.getItem(id).delete();
    });
    for (const b of plan.backups) if (present.has(b.id) && present.get(b.id) !== b.original) list.getItem(b.id).name = b.original;
    await context.sync();
  } catch (e) {
    throw new AdapterError(classifyOfficeError(error), e, false);
  }
  throw new AdapterError(classifyOfficeError(error), error, true);
}

/**
 * The last step: print settings and the chart, in one sync. If Excel refuses, each is tried
 * alone (charts a failed attempt left half-made removed first) and what still fails is skipped.
 */
async function bestEffort(context: Excel.RequestContext, plan: Plan): Promise<SkippedStep[]> {
  const sheets = context.workbook.worksheets;
  const steps = plan.layouts.map((l, i) => ({ name: plan.finals[i], ...bestEffortSteps(sheets.getItem(plan.finals[i]), l, plan.caps) }));
  const prints = steps.flatMap(({ name, print }) => (print ? [{ name, print }] : []));
  const charts = steps.flatMap(({ name, chart }) => (chart ? [{ name, chart }] : []));
  if (prints.length + charts.length === 0) return [];
  try {
    for (const s of prints) s.print();
    for (const s of charts) s.chart();
    await context.sync();
    return [];
  } catch {
    const skipped: SkippedStep[] = [];
    if (prints.length > 0 && !(await attempt(context, () => prints.forEach((s) => s.print()))))
      skipped.push({ what: "print", sheets: prints.map((s) => s.name) });
    if (charts.length > 0 && !(await retryCharts(context, charts))) skipped.push({ what: "chart", sheets: charts.map((s) => s.name) });
    return skipped;
  }
}

async function attempt(context: Excel.RequestContext, queue: () => void): Promise<boolean> {
  try {
    queue();
    await context.sync();
    return true;
  } catch {
    return false;
  }
}

/** The new output sheets' charts again: what the failed attempt added is deleted first. */
async function retryCharts(context: Excel.RequestContext, charts: readonly { name: string; chart: () => void }[]): Promise<boolean> {
  const sheets = context.workbook.worksheets;
  const lists = charts.map((s) => sheets.getItem(s.name).charts);
  if (!(await attempt(context, () => lists.forEach((l) => l.load("items/name"))))) return false;
  return attempt(context, () => {
    lists.forEach((l) => l.items.forEach((c) => c.delete()));
    charts.forEach((s) => s.chart());
  });
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
