// What the task pane shows, as plain data: the state (what was read, what the user chose,
// what is running, how the last action ended) and the pure functions that change it and
// describe it. No DOM, no Office: the controllers feed it, the views draw it, jest tests it.

import { DEFAULT_SETTINGS, Settings, SETTINGS_SHEET_NAME } from "../core/settings";
import { Diagnostic, EngineResult, Lang, ReviewedIndicator, SheetInput } from "../core/types";
import type { FailureKind } from "../excel/errors";
import type { Capabilities } from "../excel/requirements";
import { settingsFromInputs } from "../excel/settings-sheet";
import { columnLetters } from "../excel/a1";
import { ui, UiKey, UiParams } from "../i18n/ui";
import { Analysis, AnalysisRequest, Overrides, SheetSummary } from "./analysis";
import type { NextYearStatus } from "./next-year-state";

export type { Overrides } from "./analysis";

/** The views under the sticky top, one at a time. */
export const TABS = ["tally", "indicators", "checks", "completion"] as const;
export type Tab = (typeof TABS)[number];

/** A grade label (Grade), "ungraded", or "" for all. */
export type GradeFilter = string;

/** What is running now; the pane is busy while there is one. */
export type Task =
  | { readonly kind: "read"; readonly step: "reading" | "analyzing"; readonly done?: number; readonly total?: number }
  | { readonly kind: "write"; readonly step: "reading" | "preparing" | "writing"; readonly done: number; readonly total: number }
  | { readonly kind: "import"; readonly step: "reading" | "running"; readonly file: string; readonly done: number; readonly total: number }
  | { readonly kind: "settings" }
  | { readonly kind: "open" };

/** An Office failure, in the terms the words are made from. */
export interface Failure {
  readonly kind: FailureKind;
  readonly detail: string;
  /** False when the adapter could not undo what it had begun (sheets may be left over). */
  readonly rolledBack?: boolean | undefined;
}

export interface WrittenName {
  readonly name: string;
  readonly wanted: string;
  /** The sheet's role (summary, list…), to open the summary. */
  readonly role?: string;
}

/** How the last action ended. */
export type Outcome =
  | { readonly kind: "readFailed"; readonly failure: Failure }
  | { readonly kind: "written"; readonly sheets: readonly WrittenName[]; readonly skipped?: readonly string[] }
  | { readonly kind: "writeFailed"; readonly failure: Failure }
  | { readonly kind: "selected"; readonly cell: string }
  | { readonly kind: "selectFailed"; readonly failure: Failure }
  | { readonly kind: "settings"; readonly created: boolean }
  | { readonly kind: "settingsFailed"; readonly failure: Failure };

/** One line of the import's report. */
export interface ImportLine {
  readonly tone: "success" | "warning" | "error" | "note";
  readonly lines: readonly string[];
  /** Show the manual copy steps under it. */
  readonly manual?: boolean;
}

export interface PaneState {
  readonly lang: Lang;
  readonly caps: Capabilities;
  readonly task?: Task | undefined;
  /** A read has completed (successfully) at least once. */
  readonly loaded: boolean;
  readonly inputs: readonly SheetInput[];
  readonly settings: Settings;
  readonly settingsFromSheet: boolean;
  /** The 設定 sheet's problems, in words. */
  readonly settingsErrors: readonly string[];
  /** The evaluation sheets found. */
  readonly readings: readonly SheetSummary[];
  /** The chosen evaluation sheets, in the workbook's order. */
  readonly selected: readonly string[];
  readonly overrides: Overrides;
  readonly result?: EngineResult | undefined;
  readonly engineError?: string | undefined;
  /** The department of each diagnostic's row (from the analysis), in the order of result.diagnostics. */
  readonly diagnosticDepartments?: readonly (string | undefined)[] | undefined;
  /** The choice changed since the result was made: a new analysis is on its way. */
  readonly stale: boolean;
  /** What Excel would not do (merged cells unread, a setting not saved), in words. */
  readonly notices?: readonly string[];
  readonly outcome?: Outcome | undefined;
  readonly importLines: readonly ImportLine[];
  readonly grade: GradeFilter;
  /** The department chosen for the whole pane; "" = every department. */
  readonly department: string;
  readonly tab: Tab;
  /** How many items of each long list are shown. */
  readonly shown: { readonly indicators: number; readonly checks: number };
  /** The 来年度の評価シートを作成 action (next-year-state.ts). */
  readonly nextYear?: NextYearStatus;
}

export const PAGE = { indicators: 50, checks: 100 } as const;

export function initialState(lang: Lang, caps: Capabilities, overrides: Overrides = {}, department = ""): PaneState {
  return {
    lang,
    caps,
    loaded: false,
    inputs: [],
    settings: DEFAULT_SETTINGS,
    settingsFromSheet: false,
    settingsErrors: [],
    readings: [],
    selected: [],
    overrides,
    stale: false,
    importLines: [],
    grade: "",
    department,
    tab: "tally",
    shown: { ...PAGE },
  };
}

// --- changes ---------------------------------------------------------------------------

export function startTask(s: PaneState, task: Task): PaneState {
  return { ...s, task, outcome: task.kind === "import" || task.kind === "open" ? s.outcome : undefined };
}

export function endTask(s: PaneState, outcome?: Outcome): PaneState {
  return { ...s, task: undefined, outcome: outcome ?? s.outcome };
}

/** Sheets read from the workbook, with their settings applied, and the analysis to ask for. */
export function readRequest(s: PaneState, inputs: readonly SheetInput[], alsoSelect: readonly string[] = []): { next: PaneState; req: AnalysisRequest } {
  const parsed = settingsFromInputs(inputs);
  const settings = parsed.ok ? parsed.settings : DEFAULT_SETTINGS;
  const settingsErrors = parsed.ok ? [] : parsed.errors.map((er) => settingsProblem(s.lang, er.key, er.message[s.lang], inputs));
  const next: PaneState = { ...s, inputs, settings, settingsFromSheet: parsed.fromSheet && parsed.ok, settingsErrors };
  const choose = { kind: "find" as const, previous: s.selected, alsoSelect, keep: s.loaded };
  return { next, req: { inputs, settings, lang: s.lang, overrides: s.overrides, choose } };
}

/** Replaces some inputs (read again before writing), keeping the rest. */
export function freshRequest(s: PaneState, fresh: readonly SheetInput[]): { next: PaneState; req: AnalysisRequest } {
  const byName = new Map(fresh.map((x) => [x.sheet, x]));
  const kept = s.inputs.map((x) => byName.get(x.sheet) ?? x);
  const added = fresh.filter((x) => !s.inputs.some((y) => y.sheet === x.sheet));
  return readRequest(s, [...kept, ...added]);
}

/** The analysis for the sheets and mapping chosen now. */
export function chosenRequest(s: PaneState): AnalysisRequest {
  return {
    inputs: s.inputs,
    settings: s.settings,
    lang: s.lang,
    overrides: s.overrides,
    choose: { kind: "given", selected: s.selected, sheets: s.readings },
  };
}

export function withAnalysis(s: PaneState, a: Analysis): PaneState {
  return {
    ...s,
    loaded: true,
    readings: a.sheets,
    selected: a.selected,
    result: a.result,
    diagnosticDepartments: a.diagnosticDepartments,
    engineError: a.error,
    stale: false,
  };
}

export function toggleSheet(s: PaneState, sheet: string, on: boolean): PaneState {
  const set = new Set(s.selected);
  if (on) set.add(sheet);
  else set.delete(sheet);
  const selected = s.readings.map((r) => r.sheet).filter((n) => set.has(n));
  return { ...s, selected, outcome: undefined, stale: true };
}

export function setOverride(s: PaneState, key: string, field: string, letter: string): PaneState {
  const mine = { ...(s.overrides[key] ?? {}), [field]: letter };
  if (!letter) delete mine[field];
  return { ...s, overrides: { ...s.overrides, [key]: mine }, outcome: undefined, stale: true };
}

export function resetOverrides(s: PaneState, key: string): PaneState {
  const overrides = { ...s.overrides };
  delete overrides[key];
  return { ...s, overrides, outcome: undefined, stale: true };
}

export function setTab(s: PaneState, tab: Tab): PaneState {
  return { ...s, tab };
}

export function setGrade(s: PaneState, grade: GradeFilter): PaneState {
  return { ...s, grade, shown: { ...s.shown, indicators: PAGE.indicators } };
}

export function setDepartment(s: PaneState, department: string): PaneState {
  return { ...s, department, shown: { ...PAGE } };
}

export function showMore(s: PaneState, list: keyof PaneState["shown"]): PaneState {
  return { ...s, shown: { ...s.shown, [list]: s.shown[list] + PAGE[list] } };
}

export function withImportLines(s: PaneState, importLines: readonly ImportLine[]): PaneState {
  return { ...s, importLines };
}

// --- what the pane shows ---------------------------------------------------------------

export type ActionKind = "load" | "write" | "open";

export interface Action {
  readonly kind: ActionKind;
  readonly label: string;
  readonly disabled: boolean;
}

export interface Alert {
  readonly tone: "error" | "warning" | "success";
  readonly lines: readonly string[];
}

export interface PaneView {
  /** The status line: what is running or what was read; never contradicts the content. */
  readonly status: string;
  readonly busy: boolean;
  /** Real steps while running: done of total, when known. */
  readonly progress?: { readonly done: number; readonly total: number; readonly label: string };
  /** What was read: sheets and indicators (and the fiscal year). */
  readonly read?: string | undefined;
  readonly problems: { readonly errors: number; readonly warnings: number };
  /** The next step; undefined when there is nothing to do, with the reason. */
  readonly action?: Action;
  readonly reason?: string;
  /** Secondary actions offered beside the primary one. */
  readonly secondary: readonly Action[];
  readonly alert?: Alert | undefined;
  /** The tabs and their content are shown (there is a result with indicators). */
  readonly content: boolean;
}

const tr = (s: PaneState, key: UiKey, params?: UiParams): string => ui(s.lang, key, params);

export function paneView(s: PaneState): PaneView {
  const problems = problemCounts(s);
  const content = Boolean(s.result && s.result.indicators.length > 0);
  return {
    ...statusOf(s),
    read: readLine(s),
    problems,
    ...actionOf(s),
    alert: alertOf(s),
    content,
  };
}

function statusOf(s: PaneState): Pick<PaneView, "status" | "busy" | "progress"> {
  const t = s.task;
  if (t?.kind === "read" && t.step === "reading" && t.total) {
    const steps = { done: t.done ?? 0, total: t.total };
    const words = { done: steps.done.toLocaleString("en-US"), total: steps.total.toLocaleString("en-US") };
    return { status: tr(s, "status.readingSteps", words), busy: true, progress: { ...steps, label: tr(s, "progress.read") } };
  }
  if (t?.kind === "read") return { status: tr(s, t.step === "reading" ? "status.reading" : "status.analyzing"), busy: true };
  if (t?.kind === "write") {
    if (t.step === "reading") return { status: tr(s, "status.writeReading"), busy: true };
    if (t.step === "preparing") return { status: tr(s, "status.writePreparing"), busy: true };
    const label = tr(s, "status.writing", { done: t.done, total: t.total });
    return { status: label, busy: true, progress: { done: t.done, total: t.total, label: tr(s, "progress.write") } };
  }
  if (t?.kind === "import") {
    const status = tr(s, t.step === "reading" ? "import.reading" : "import.running", { file: t.file, done: t.done, total: t.total });
    return { status, busy: true, progress: { done: t.done - 1, total: t.total, label: tr(s, "progress.import") } };
  }
  if (t?.kind === "settings") return { status: tr(s, "status.settingsRunning"), busy: true };
  if (t?.kind === "open") return { status: tr(s, "status.opening"), busy: true };
  if (s.stale) return { status: tr(s, "status.analyzing"), busy: true };
  return { status: outcomeStatus(s) ?? restingStatus(s), busy: false };
}

function outcomeStatus(s: PaneState): string | undefined {
  const o = s.outcome;
  if (!o) return undefined;
  switch (o.kind) {
    case "readFailed":
      return tr(s, "error.read");
    case "written":
      return tr(s, "status.written", { count: o.sheets.length });
    case "writeFailed":
      return tr(s, o.failure.rolledBack === false ? "status.writePartial" : "status.writeFailed");
    case "selected":
      return tr(s, "status.selected", { cell: o.cell });
    case "selectFailed":
      return tr(s, "error.select");
    case "settings":
      return tr(s, o.created ? "status.settingsCreated" : "status.settingsExists");
    case "settingsFailed":
      return tr(s, "status.settingsFailed");
  }
}

/** When nothing runs and no action just ended: what was read, or why there is nothing. */
function restingStatus(s: PaneState): string {
  if (!s.loaded) return tr(s, "status.reading");
  const why = nothingToWrite(s);
  if (why) return why;
  return tr(s, "status.ready", { sheets: s.selected.length, count: s.result?.indicators.length ?? 0 });
}

/** Why there is nothing to write, or undefined when there is something. */
export function nothingToWrite(s: PaneState): string | undefined {
  if (!s.loaded) return undefined;
  if (s.readings.length === 0) return tr(s, "reason.noTable");
  if (s.selected.length === 0) return tr(s, "reason.noneSelected");
  if (s.engineError) return s.engineError;
  if (!s.result || s.result.indicators.length === 0) return tr(s, "reason.noIndicators");
  return undefined;
}

function readLine(s: PaneState): string | undefined {
  if (!s.loaded || !s.result || s.result.indicators.length === 0) return undefined;
  const year = s.result.fiscalYear;
  const names = s.selected.length > 1 ? tr(s, "read.more", { first: s.selected[0], count: s.selected.length - 1 }) : s.selected[0];
  const scale = s.result.scale.grades.map((g) => g.label).join("/");
  return tr(s, "read.line", { names, year: year === undefined ? "" : fiscalYearText(s.lang, year), scale });
}

/** 令和4年度 (Japanese) or FY2022 (English): one calendar throughout the pane. */
export function fiscalYearText(lang: Lang, year: number): string {
  if (lang === "en") return `FY${year}`;
  if (year >= 2019) return `令和${year === 2019 ? "元" : year - 2018}年度`;
  if (year >= 1989) return `平成${year === 1989 ? "元" : year - 1988}年度`;
  return `${year}年度`;
}

function actionOf(s: PaneState): Pick<PaneView, "action" | "reason" | "secondary"> {
  const busy = s.task !== undefined;
  const reload: Action = { kind: "load", label: tr(s, "action.reload"), disabled: busy };
  if (s.task?.kind === "write") return { action: { kind: "write", label: tr(s, "write.running"), disabled: true }, secondary: [] };
  if (!s.loaded || s.outcome?.kind === "readFailed") {
    return { action: { kind: "load", label: tr(s, busy ? "action.loading" : "action.load"), disabled: busy }, secondary: [] };
  }
  const why = nothingToWrite(s);
  if (why) return { reason: tr(s, "reason.nothing"), secondary: [reload] };
  const write: Action = { kind: "write", label: tr(s, "write.button"), disabled: busy || s.stale };
  if (s.outcome?.kind === "written") {
    return { action: { kind: "open", label: tr(s, "action.open"), disabled: busy }, secondary: [{ ...write, label: tr(s, "action.rewrite") }, reload] };
  }
  return { action: write, secondary: [reload] };
}

function alertOf(s: PaneState): Alert | undefined {
  const o = s.outcome;
  if (o?.kind === "readFailed") return { tone: "error", lines: [tr(s, "error.read"), ...failureLines(s.lang, o.failure)] };
  if (o?.kind === "writeFailed") {
    const head = tr(s, o.failure.rolledBack === false ? "status.writePartial" : "status.writeFailed");
    return { tone: "error", lines: [head, ...failureLines(s.lang, o.failure)] };
  }
  if (o?.kind === "selectFailed") return { tone: "error", lines: [tr(s, "error.select"), ...failureLines(s.lang, o.failure)] };
  if (o?.kind === "settingsFailed") return { tone: "error", lines: failureLines(s.lang, o.failure) };
  if (s.settingsErrors.length) return { tone: "error", lines: [tr(s, "settings.errorHead"), ...s.settingsErrors] };
  if (s.engineError) return { tone: "error", lines: [s.engineError] };
  if (o?.kind === "written") {
    const renamed = o.sheets.filter((x) => x.name !== x.wanted).map((x) => tr(s, "status.renamed", { wanted: x.wanted, name: x.name }));
    const names = o.sheets.map((x) => x.name).join(s.lang === "ja" ? "、" : ", ");
    const skipped = o.skipped ?? [];
    return { tone: skipped.length ? "warning" : "success", lines: [tr(s, "status.writtenNames", { names }), ...renamed, ...skipped] };
  }
  if (s.notices?.length) return { tone: "warning", lines: s.notices };
  return undefined;
}

/** An Office failure in words: what happened and whether the workbook was left unchanged. */
export function failureLines(lang: Lang, f: Failure): string[] {
  const lines = [ui(lang, `error.${f.kind}` as UiKey, { detail: f.detail || f.kind })];
  if (f.rolledBack !== undefined) lines.push(ui(lang, f.rolledBack ? "error.unchanged" : "error.leftover"));
  return lines;
}

// --- the department filter and the lists it narrows -------------------------------------

export function departments(s: PaneState): string[] {
  const all = (s.result?.indicators ?? []).map((i) => i.department ?? "").filter((d) => d !== "");
  return [...new Set(all)].sort();
}

/** The department in force: the chosen one when this workbook has it, else every department. */
export function activeDepartment(s: PaneState): string {
  return s.department && departments(s).includes(s.department) ? s.department : "";
}

export function visibleIndicators(s: PaneState): ReviewedIndicator[] {
  const dept = activeDepartment(s);
  return (s.result?.indicators ?? []).filter(
    (i) => (s.grade === "" || (s.grade === "ungraded" ? i.grade === undefined : i.grade === s.grade)) && (dept === "" || i.department === dept),
  );
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** The input check, errors first, narrowed to the department's rows (sheet-wide problems stay). */
export function visibleDiagnostics(s: PaneState): Diagnostic[] {
  const dept = activeDepartment(s);
  const all = s.result?.diagnostics ?? [];
  const of = s.diagnosticDepartments ?? [];
  return all
    .map((d, i) => ({ d, i }))
    .filter((x) => dept === "" || of[x.i] === undefined || of[x.i] === dept)
    .sort((a, b) => SEVERITY_ORDER[a.d.severity] - SEVERITY_ORDER[b.d.severity] || a.i - b.i)
    .map((x) => x.d);
}

export function problemCounts(s: PaneState): { errors: number; warnings: number } {
  const list = visibleDiagnostics(s);
  return {
    errors: list.filter((d) => d.severity === "error").length + s.settingsErrors.length,
    warnings: list.filter((d) => d.severity === "warning").length,
  };
}

/** Column letters with their header text (both header rows joined), for the mapping selects. */
export function headerTexts(input: SheetInput, headerRows: readonly number[]): { letter: string; text: string }[] {
  const rowOffset = input.rowOffset ?? 0;
  const colOffset = input.colOffset ?? 0;
  const width = Math.max(0, ...input.rows.map((r) => r.length));
  const out: { letter: string; text: string }[] = [];
  for (let c = 0; c < width; c++) {
    const parts = headerRows
      .map((r) => input.rows[r - 1 - rowOffset]?.[c])
      .filter((v) => v !== null && v !== undefined && v !== "")
      .map((v) => String(v).replace(/\s+/g, " ").slice(0, 30));
    out.push({ letter: columnLetters(c + colOffset), text: [...new Set(parts)].join(" / ") });
  }
  return out;
}

/** A wrong value of the 設定 sheet, by its row and what it sets, never by its key. */
export function settingsProblem(lang: Lang, key: string, message: string, inputs: readonly SheetInput[]): string {
  const sheet = inputs.find((x) => x.sheet === SETTINGS_SHEET_NAME);
  const index = sheet ? sheet.rows.findIndex((r) => typeof r[0] === "string" && (r[0].trim() === key || key.startsWith(`${r[0].trim()}.`))) : -1;
  const label = settingLabel(lang, key);
  // The core's message starts with the key: "bands.B は…" / "bands.B must…" → "…" / "It must…".
  const rest = message.replace(key, "").replace(/^\s*(は|:)?\s*/u, "");
  message = sentence(lang, lang === "en" && rest !== message ? `The value ${rest}` : rest);
  if (index < 0 || !sheet) return ui(lang, "settings.errorNoRow", { label, message });
  return ui(lang, "settings.error", { row: index + 1 + (sheet.rowOffset ?? 0), label, message });
}

function settingLabel(lang: Lang, key: string): string {
  const [head, second] = key.split(".");
  if (head === "bands") return ui(lang, "setting.bands", { grade: second });
  if (head === "rules") return ui(lang, "setting.criteria", { grade: second });
  const known: Record<string, UiKey> = {
    progressFormula: "setting.progressFormula",
    planStart: "setting.planStart",
    planEnd: "setting.planEnd",
    evaluationYear: "setting.evaluationYear",
    premiseKeywords: "setting.premiseKeywords",
    duplicatePolicy: "setting.duplicatePolicy",
    sheetNames: "setting.sheetNames",
  };
  return ui(lang, known[head] ?? "setting.other");
}

/** The core's message as a sentence: 「。」 at the end in Japanese, "." in English. */
export function sentence(lang: Lang, text: string): string {
  const t = text.trim();
  if (t === "" || /[。.！？!?]$/u.test(t)) return t;
  return t + (lang === "ja" ? "。" : ".");
}
