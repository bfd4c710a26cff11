// The closing summary on stdout: what was read, what was not and why, the first input-check
// findings, the totals and the file written.

import { isOutputSheetName } from "../core/engine";
import { readPackageChanges } from "../core/packages";
import { Settings, sheetNamesFor } from "../core/settings";
import { Diagnostic, EngineResult, Lang, SheetInput } from "../core/types";
import { cliText } from "../i18n/cli";
import { SkippedInput } from "./inputs";

/** How many input-check findings the terminal shows before pointing to the sheet and --json. */
export const SHOWN_CHECKS = 10;

export interface RunFacts {
  readonly lang: Lang;
  readonly settings: Settings;
  /** Files that were read, as displayed. */
  readonly filesRead: number;
  /** Inputs and files that could not be used. */
  readonly skipped: readonly SkippedInput[];
  /** Every sheet of the files that were read. */
  readonly sheets: readonly SheetInput[];
  /** The 設定 sheet the settings came from, if one did. */
  readonly settingsSheet?: SheetInput | undefined;
  readonly result: EngineResult;
  readonly written?: { readonly shown: string | undefined; readonly extensionAdded: boolean } | undefined;
}

/** One line per sheet that was not read as an evaluation sheet: why, or what it was read as instead. */
function sheetLines(facts: RunFacts): { used: string[]; skipped: string[] } {
  const { lang, settings, result } = facts;
  const evaluation = new Set(result.sheets.filter((s) => s.isEvaluationSheet).map((s) => `${s.file}\u0000${s.sheet}`));
  const used: string[] = [];
  const skipped: string[] = [];
  for (const s of facts.sheets) {
    const where = { file: s.file, sheet: s.sheet };
    if (evaluation.has(`${s.file}\u0000${s.sheet}`)) continue;
    if (s === facts.settingsSheet) used.push(cliText(lang, "summary.settingsSheet", where));
    else if (isOutputSheetName(s.sheet, settings)) skipped.push(cliText(lang, "summary.skippedSheet", { ...where, reason: cliText(lang, "skip.outputName") }));
    else if (readPackageChanges(s)) used.push(cliText(lang, "summary.packagesSheet", where));
    else skipped.push(cliText(lang, "summary.skippedSheet", { ...where, reason: cliText(lang, "skip.noTable") }));
  }
  return { used, skipped };
}

function readLines(facts: RunFacts): string[] {
  const { lang } = facts;
  const evaluation = facts.result.sheets.filter((s) => s.isEvaluationSheet).length;
  const { used, skipped } = sheetLines(facts);
  const lines = [cliText(lang, "summary.read", { files: facts.filesRead, sheets: facts.sheets.length, evaluation }), ...used];
  const files = facts.skipped.map((s) => cliText(lang, "summary.skippedFile", { file: s.input, reason: s.reason }));
  const notRead = [...files, ...skipped];
  if (notRead.length > 0) lines.push(cliText(lang, "summary.skippedTitle", { count: notRead.length }), ...notRead);
  return lines;
}

function where(d: Diagnostic): string {
  return [d.file, d.sheet, d.cell].filter((p) => p !== "").join(" / ");
}

/** Errors first, then warnings, the first SHOWN_CHECKS of them, then how many more and where to see them. */
function checkLines(facts: RunFacts): string[] {
  const { lang } = facts;
  const findings = facts.result.diagnostics.filter((d) => d.severity === "error").concat(facts.result.diagnostics.filter((d) => d.severity === "warning"));
  if (findings.length === 0) return [];
  const shown = findings.slice(0, SHOWN_CHECKS);
  const first = findings.length > SHOWN_CHECKS ? cliText(lang, "summary.checksFirst", { shown: SHOWN_CHECKS }) : "";
  const lines = [cliText(lang, "summary.checksTitle", { count: findings.length, first })];
  for (const d of shown) {
    const severity = cliText(lang, d.severity === "error" ? "severity.error" : "severity.warning");
    lines.push(cliText(lang, "summary.check", { severity, where: where(d), message: d.message }));
  }
  if (findings.length > SHOWN_CHECKS) {
    lines.push(cliText(lang, "summary.more", { count: findings.length - SHOWN_CHECKS, sheet: sheetNamesFor(facts.settings, lang).checks }));
  }
  return lines;
}

/** The closing summary, one string ending in a newline. */
export function formatRunSummary(facts: RunFacts): string {
  const { lang, result } = facts;
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = result.diagnostics.filter((d) => d.severity === "warning").length;
  const lines = [
    ...readLines(facts),
    ...checkLines(facts),
    cliText(lang, "summary.totals", { indicators: result.indicators.length, ungraded: result.tally.ungraded, errors, warnings }),
  ];
  if (facts.written) {
    const added = facts.written.extensionAdded ? cliText(lang, "summary.extensionAdded") : "";
    lines.push(cliText(lang, "summary.written", { file: facts.written.shown }) + added);
  }
  return lines.join("\n") + "\n";
}
