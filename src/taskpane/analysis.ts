// One analysis of the workbook, as plain data in and out: the same function runs in the
// engine worker (off the main thread) and, where no worker can start, in the pane itself.

import { buildLayouts, runEngine } from "../core/engine";
import { SheetLayout } from "../core/layout-types";
import { Settings } from "../core/settings";
import { EngineResult, Lang, SheetInput } from "../core/types";
import { ui } from "../i18n/ui";

export type Overrides = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** An evaluation sheet found, as the pane lists it. */
export interface SheetSummary {
  readonly sheet: string;
  readonly count: number;
}

export interface AnalysisRequest {
  readonly inputs: readonly SheetInput[];
  readonly settings: Settings;
  readonly lang: Lang;
  readonly overrides: Overrides;
  /**
   * The chosen sheets: "find" to find the evaluation sheets first and keep the `previous`
   * choice among them (plus `alsoSelect`); otherwise the chosen names, the sheets known.
   */
  readonly choose:
    | { readonly kind: "find"; readonly previous: readonly string[]; readonly alsoSelect: readonly string[]; readonly keep: boolean }
    | { readonly kind: "given"; readonly selected: readonly string[]; readonly sheets: readonly SheetSummary[] };
}

export interface Analysis {
  readonly sheets: readonly SheetSummary[];
  readonly selected: readonly string[];
  /** The result without each sheet's own indicator list (the pane never shows it; half the size to copy). */
  readonly result?: EngineResult;
  /** The department of the indicator on each diagnostic's row, in the order of result.diagnostics. */
  readonly diagnosticDepartments?: readonly (string | undefined)[];
  readonly error?: string;
}

/** What the pane is sent: lighter, and the department of each problem worked out here. */
export function forThePane(a: Omit<Analysis, "diagnosticDepartments">): Analysis {
  if (!a.result) return a;
  const byRow = new Map<string, string | undefined>();
  for (const r of a.result.sheets) for (const i of r.indicators) byRow.set(`${r.sheet}|${i.source.row}`, i.department);
  const diagnosticDepartments = a.result.diagnostics.map((d) => byRow.get(`${d.sheet}|${/(\d+)$/.exec(d.cell)?.[1] ?? ""}`));
  const result = { ...a.result, sheets: a.result.sheets.map((r) => ({ ...r, indicators: [] })) };
  return { ...a, result, diagnosticDepartments };
}

export function analyse(req: AnalysisRequest): Analysis {
  try {
    const run = (inputs: readonly SheetInput[]): EngineResult => runEngine(inputs, { settings: req.settings, lang: req.lang, columnOverrides: req.overrides });
    if (req.choose.kind === "given") {
      const { selected, sheets } = req.choose;
      return { sheets, selected, result: run(chosenInputs(req.inputs, sheets, selected)) };
    }
    const all = run(req.inputs);
    const sheets = all.sheets.filter((r) => r.isEvaluationSheet).map((r) => ({ sheet: r.sheet, count: r.indicators.length }));
    const selected = chooseSheets(
      sheets.map((x) => x.sheet),
      req.choose,
    );
    // Every evaluation sheet chosen: the first run is the analysis (half the work for big books).
    const result = selected.length === sheets.length ? all : run(chosenInputs(req.inputs, sheets, selected));
    return { sheets, selected, result };
  } catch (e) {
    return { sheets: req.choose.kind === "given" ? req.choose.sheets : [], selected: [], error: engineError(req.lang, e) };
  }
}

/** Keeps the previous choice (and the sheets just imported) among the sheets found; all of them when none is left. */
export function chooseSheets(names: readonly string[], c: { previous: readonly string[]; alsoSelect: readonly string[]; keep: boolean }): string[] {
  const wanted = new Set([...c.previous, ...c.alsoSelect]);
  const kept = c.keep ? names.filter((n) => wanted.has(n)) : [...names];
  return kept.length ? kept : [...names];
}

/** The chosen evaluation sheets, plus the sheets without an evaluation table (one may list the package changes). */
export function chosenInputs(inputs: readonly SheetInput[], sheets: readonly SheetSummary[], selected: readonly string[]): SheetInput[] {
  const evaluation = new Set(sheets.map((r) => r.sheet));
  const chosen = new Set(selected);
  return inputs.filter((x) => chosen.has(x.sheet) || !evaluation.has(x.sheet));
}

export function layoutsOf(result: EngineResult, settings: Settings, lang: Lang, overrides: Overrides): SheetLayout[] {
  return buildLayouts(result, { settings, lang, columnOverrides: overrides });
}

function engineError(lang: Lang, e: unknown): string {
  return ui(lang, "error.engine", { detail: String((e as Error)?.message ?? e).slice(0, 200) });
}
