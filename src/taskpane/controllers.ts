// The task pane's controllers: each talks to Excel for one user action (read, write, open,
// select a cell, create the 設定 sheet, import department workbooks) and reports to the
// store as plain state; the views draw whatever the store holds.

import { SETTINGS_SHEET_NAME } from "../core/settings";
import { Diagnostic } from "../core/types";
import { classifyOfficeError, errorMessage, isAdapterError } from "../excel/errors";
import { importWorkbook, ImportedSheet } from "../excel/import";
import { saveSetting } from "../excel/ownership";
import { readSheets } from "../excel/read";
import { runExcel } from "../excel/run";
import { createSettingsSheet } from "../excel/settings-sheet";
import { writeLayouts } from "../excel/write";
import { ui } from "../i18n/ui";
import { chooseImportedSheets } from "./import-plan";
import { Engine } from "./engine-client";
import {
  chosenRequest,
  endTask,
  Failure,
  freshRequest,
  ImportLine,
  nothingToWrite,
  PaneState,
  readRequest,
  startTask,
  Task,
  withAnalysis,
  withImportLines,
} from "./state";

export const OVERRIDES_KEY = "kpiReviewAssistant.columnOverrides";
export const DEPARTMENT_KEY = "kpiReviewAssistant.department";

export interface Store {
  get(): PaneState;
  set(next: PaneState): void;
  readonly engine: Engine;
}

export function failureOf(e: unknown): Failure {
  const adapter = isAdapterError(e) ? e : undefined;
  return { kind: adapter ? adapter.kind : classifyOfficeError(e), detail: errorMessage(e).slice(0, 200), rolledBack: adapter?.rolledBack };
}

const setTask = (store: Store, task: Task): void => store.set({ ...store.get(), task });

const readOptions = (s: PaneState, names?: string[], onProgress?: (done: number, total: number) => void) => ({
  names,
  onProgress,
  capabilities: s.caps,
  fallbackFileName: ui(s.lang, "book.thisWorkbook"),
});

/** Reads every sheet and analyses the chosen ones; `alsoSelect` adds just-imported sheets. */
export async function load(store: Store, alsoSelect: readonly string[] = []): Promise<void> {
  if (store.get().task) return;
  store.set(startTask(store.get(), { kind: "read", step: "reading" }));
  try {
    const steps = (done: number, total: number): void => setTask(store, { kind: "read", step: "reading", done, total });
    const read = await runExcel((ctx) => readSheets(ctx, readOptions(store.get(), undefined, steps)));
    setTask(store, { kind: "read", step: "analyzing" });
    const { next, req } = readRequest(store.get(), read.sheets, alsoSelect);
    const { analysis } = await store.engine.analyse(req);
    const notices = read.warnings.map((w) => ui(store.get().lang, "read.mergesSkipped", { sheet: w.sheet }));
    store.set({ ...endTask(withAnalysis(next, analysis)), notices });
  } catch (e) {
    store.set(endTask(store.get(), { kind: "readFailed", failure: failureOf(e) }));
  }
}

let latest = 0;

/** After the user changed the chosen sheets or the mapping: the analysis again, the last one wins. */
export async function reanalyse(store: Store): Promise<void> {
  const s = store.get();
  if (!s.stale || !s.loaded) return;
  const mine = ++latest;
  const { analysis } = await store.engine.analyse(chosenRequest(s));
  if (mine === latest && store.get().stale) store.set(withAnalysis(store.get(), analysis));
}

/** Reads the chosen sheets again (the user may have edited them), then writes the output sheets. */
export async function write(store: Store): Promise<void> {
  const s0 = store.get();
  if (s0.task || s0.stale || nothingToWrite(s0)) return; // a second press while writing does nothing
  store.set(startTask(s0, { kind: "write", step: "reading", done: 0, total: 0 }));
  try {
    const fresh = await runExcel((ctx) => readSheets(ctx, readOptions(store.get(), [...store.get().selected, SETTINGS_SHEET_NAME])));
    setTask(store, { kind: "write", step: "preparing", done: 0, total: 0 });
    const { next, req } = freshRequest(store.get(), fresh.sheets);
    const { analysis, ref } = await store.engine.analyse(req);
    const s = withAnalysis(next, analysis);
    store.set(s);
    if (nothingToWrite(s) || !s.result) return store.set(endTask(s));
    const layouts = await store.engine.layouts(ref, s.result, s.settings, s.lang, s.overrides);
    const written = await runExcel((ctx) =>
      writeLayouts(ctx, layouts, {
        capabilities: s.caps,
        onProgress: (done, total) => setTask(store, { kind: "write", step: "writing", done, total }),
      }),
    );
    const sheets = written.sheets.map((w) => ({ name: w.name, wanted: w.wanted, role: w.role }));
    // Print settings or the chart Excel refused: the sheets are written, the pane says what is missing.
    const skipped = written.skipped.map((k) => ui(s.lang, `write.skipped.${k.what}`, { names: k.sheets.join(s.lang === "ja" ? "、" : ", ") }));
    store.set(endTask(store.get(), { kind: "written", sheets, skipped }));
  } catch (e) {
    store.set(endTask(store.get(), { kind: "writeFailed", failure: failureOf(e) }));
  }
}

/** Activates the summary sheet just written. */
export async function openWritten(store: Store): Promise<void> {
  const s = store.get();
  if (s.task || s.outcome?.kind !== "written") return;
  const outcome = s.outcome;
  const target = outcome.sheets.find((w) => w.role === "summary") ?? outcome.sheets[0];
  if (!target) return;
  store.set(startTask(s, { kind: "open" }));
  try {
    await runExcel(async (ctx) => {
      ctx.workbook.worksheets.getItem(target.name).activate();
      await ctx.sync();
    });
    store.set(endTask(store.get(), outcome));
  } catch (e) {
    store.set(endTask(store.get(), { kind: "selectFailed", failure: failureOf(e) }));
  }
}

/** Selects a diagnostic's cell in Excel. */
export async function selectCell(store: Store, d: Diagnostic): Promise<void> {
  if (!d.cell) return;
  try {
    await runExcel(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(d.sheet);
      ws.activate();
      ws.getRange(d.cell).select();
      await ctx.sync();
    });
    store.set({ ...store.get(), outcome: { kind: "selected", cell: `${d.sheet}!${d.cell}` } });
  } catch (e) {
    store.set({ ...store.get(), outcome: { kind: "selectFailed", failure: failureOf(e) } });
  }
}

export async function createSettings(store: Store): Promise<void> {
  if (store.get().task) return;
  store.set(startTask(store.get(), { kind: "settings" }));
  try {
    const outcome = await runExcel((ctx) => createSettingsSheet(ctx));
    store.set(endTask(store.get(), { kind: "settings", created: outcome === "created" }));
  } catch (e) {
    store.set(endTask(store.get(), { kind: "settingsFailed", failure: failureOf(e) }));
  }
}

/** Saves a choice with the workbook; when Office reports that saving failed, the pane says so. */
export function remember(store: Store, key: string, value: unknown): void {
  void saveSetting(key, value).then(
    (saved) => {
      if (saved) return;
      const s = store.get();
      const words = ui(s.lang, "mapping.notSaved");
      if (!s.notices?.includes(words)) store.set({ ...s, notices: [...(s.notices ?? []), words] });
    },
    () => undefined,
  );
}

// --- importing department workbooks ---------------------------------------------------

/** Copies the evaluation sheets of each chosen file in, then reads the workbook again. */
export async function importFiles(store: Store, files: readonly File[]): Promise<void> {
  if (store.get().task || files.length === 0) return;
  const lines: ImportLine[] = [];
  const imported: string[] = [];
  store.set(withImportLines(store.get(), []));
  for (let i = 0; i < files.length; i++) {
    const step = { file: files[i].name, done: i + 1, total: files.length };
    store.set(startTask(store.get(), { kind: "import", step: "reading", ...step }));
    const kept = await importOne(store, files[i], lines, step);
    imported.push(...kept);
  }
  store.set(endTask(withImportLines(store.get(), lines)));
  await load(store, imported);
}

async function importOne(store: Store, file: File, lines: ImportLine[], step: { file: string; done: number; total: number }): Promise<string[]> {
  const s = store.get();
  const t = (key: Parameters<typeof ui>[1], params?: Parameters<typeof ui>[2]): string => ui(s.lang, key, params);
  if (!/\.xlsx$/i.test(file.name)) {
    lines.push({ tone: "warning", lines: [t("import.notXlsx", { file: file.name })] });
    return [];
  }
  let base64: string;
  try {
    base64 = await readAsBase64(file);
  } catch (e) {
    lines.push({ tone: "error", lines: [t("import.readFailed", { file: file.name, detail: errorMessage(e).slice(0, 200) || "FileReader" })] });
    return [];
  }
  setTask(store, { kind: "import", step: "running", ...step });
  try {
    const done = await runExcel((ctx) =>
      importWorkbook(ctx, base64, {
        capabilities: s.caps,
        fileName: file.name,
        choose: (inputs) => chooseImportedSheets(inputs, file.name, s.settings, s.lang),
      }),
    );
    lines.push(...importedLines(s, file.name, done.kept));
    return done.kept.map((k) => k.name);
  } catch (e) {
    const f = failureOf(e);
    const words = [t("import.failed", { file: file.name }), t(`import.error.${f.kind}`, { detail: f.detail || f.kind })];
    if (f.rolledBack !== undefined) words.push(t(f.rolledBack ? "error.unchanged" : "import.leftover"));
    lines.push({ tone: "error", lines: words, manual: f.kind === "tooLarge" || f.kind === "unsupported" || f.kind === "general" });
    return [];
  }
}

function importedLines(s: PaneState, file: string, kept: readonly ImportedSheet[]): ImportLine[] {
  if (kept.length === 0) return [{ tone: "warning", lines: [ui(s.lang, "import.none", { file })] }];
  return [
    { tone: "success", lines: [ui(s.lang, "import.done", { file, names: kept.map((k) => k.name).join("、") })] },
    ...kept
      .filter((k) => k.name !== k.wanted)
      .map((k): ImportLine => ({ tone: "note", lines: [ui(s.lang, "import.renamed", { wanted: k.wanted, name: k.name })] })),
  ];
}

/** The file's bytes as base64, read in the pane (nothing leaves the computer). */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? "");
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error("FileReader"));
    reader.readAsDataURL(file);
  });
}
