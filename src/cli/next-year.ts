// kpi-review next-year: evaluation workbooks with decided revisions → the revised indicator
// list and next year's evaluation workbooks (the master, and one per department with
// --by-department), in a folder. Same exit codes as summarize: 0 written; 1 no indicator
// could be read; 2 a usage error, an unreadable file or an output folder in the way.

import { Command, Option } from "commander";
import * as fs from "fs";
import * as path from "path";
import { NextYearPlan, planNextYear } from "../core/cycle";
import { runEngine } from "../core/engine";
import { fiscalYearLabel } from "../core/revised-layout";
import { Diagnostic, Lang } from "../core/types";
import { MessageKey, t } from "../i18n";
import { cliText } from "../i18n/cli";
import { writeNextYearBook } from "../xlsx/next-year";
import { ExitError } from "./errors";
import { collectInputs, filesToRead } from "./inputs";
import { displayNames, Io, loadSettings, noTableError, readAll, settingsFromSheets, unreadableDiagnostic } from "./main";

export interface NextYearOptions {
  outDir: string;
  byDepartment?: boolean;
  force?: boolean;
  json?: string;
  config?: string;
  lang?: Lang;
  recursive?: boolean;
  password?: string;
  quiet?: boolean;
  debug?: boolean;
}

export function registerNextYear(program: Command, io: Io, done: (p: Promise<number>) => void, lang: Lang): void {
  const h = (key: MessageKey): string => t(lang, key);
  program
    .command("next-year")
    .description(h("help.nextYear"))
    .argument("<inputs...>", cliText(lang, "help.inputs"))
    .requiredOption("--out-dir <dir>", h("help.nextYear.outDir"))
    .option("--by-department", h("help.nextYear.byDepartment"))
    .option("--json <file>", h("help.nextYear.json"))
    .option("--config <file>", cliText(lang, "help.config"))
    .addOption(new Option("--lang <lang>", cliText(lang, "help.lang")).choices(["ja", "en"]))
    .option("--recursive", cliText(lang, "help.recursive"))
    .option("--password <password>", h("help.nextYear.password"))
    .option("--force", h("help.nextYear.force"))
    .option("--quiet", cliText(lang, "help.quiet"))
    .option("--debug", cliText(lang, "help.debug"))
    .action((inputs: string[], opts: NextYearOptions) => {
      done(nextYear(inputs, opts, io));
    });
}

export async function nextYear(inputs: string[], opts: NextYearOptions, io: Io): Promise<number> {
  const lang = opts.lang ?? "ja";
  const fileSettings = loadSettings(opts.config, io.cwd, lang);
  const collected = collectInputs(inputs, Boolean(opts.recursive), io.cwd, lang);
  const outDir = path.resolve(io.cwd, opts.outDir);
  checkOutDir(outDir, opts, lang);
  const files = filesToRead(collected, inputs.length, io.stderr, lang);
  const skipped = [...collected.skipped];
  const sheets = await readAll(files, displayNames(files, io.cwd), skipped, io, lang);
  const settings = settingsFromSheets(sheets, fileSettings, Boolean(opts.config));
  const result = runEngine(sheets, { settings, lang });
  if (result.indicators.length === 0) throw noTableError(lang);
  const plan = planNextYear(result, settings, lang, Boolean(opts.byDepartment));
  const written = plan.books.map((b) => ({ book: b, file: path.join(outDir, `${b.fileName}.xlsx`) }));
  const clash = written.find((w) => files.includes(w.file));
  if (clash) throw new ExitError(2, t(lang, "cli.next.input", { path: path.relative(io.cwd, clash.file) }));
  fs.mkdirSync(outDir, { recursive: true });
  for (const w of written) await writeNextYearBook(w.book, w.file, { password: opts.password });
  const unreadable = skipped.map((s) => unreadableDiagnostic(s.input, s.reason, lang));
  const diagnostics = [...unreadable, ...result.diagnostics, ...plan.revised.diagnostics];
  if (opts.json) writeJson(opts.json, plan, written, diagnostics, io);
  if (opts.json !== "-" && !opts.quiet) printSummary(plan, written, io, lang);
  return 0;
}

/** The output folder must be new or empty, unless --force; never a file. */
function checkOutDir(outDir: string, opts: NextYearOptions, lang: Lang): void {
  if (!fs.existsSync(outDir)) return;
  if (!fs.statSync(outDir).isDirectory()) throw new ExitError(2, t(lang, "cli.next.notFolder", { path: opts.outDir }));
  if (fs.readdirSync(outDir).length > 0 && !opts.force) throw new ExitError(2, t(lang, "cli.next.exists", { path: opts.outDir }));
}

type Written = readonly { readonly book: NextYearPlan["books"][number]; readonly file: string }[];

function writeJson(target: string, plan: NextYearPlan, written: Written, diagnostics: readonly Diagnostic[], io: Io): void {
  const report = {
    schemaVersion: 1,
    evaluatedYear: plan.revised.evaluatedYear,
    fiscalYear: plan.nextYear,
    files: written.map((w) => ({
      file: path.relative(io.cwd, w.file).split(path.sep).join("/"),
      department: w.book.department ?? null,
      sheet: w.book.sheet.layout.name,
      indicators: w.book.sheet.lastDataRow - w.book.sheet.firstDataRow + 1,
    })),
    revised: plan.revised.indicators.map((i) => ({
      goal: i.goal,
      package: i.package ?? null,
      category: i.category,
      name: i.name,
      target: i.target ?? null,
      department: i.department ?? null,
      status: i.status,
      revisionType: i.revisionType ?? null,
      previousName: i.previousName ?? null,
      previousTarget: i.previousTarget ?? null,
    })),
    removed: plan.revised.removed.map((r) => ({ goal: r.goal, category: r.category, name: r.name, revisionType: r.revisionType, replacedBy: r.replacedBy })),
    diagnostics,
  };
  const json = JSON.stringify(report, null, 2) + "\n";
  if (target === "-") io.stdout(json);
  else fs.writeFileSync(path.resolve(io.cwd, target), json);
}

function printSummary(plan: NextYearPlan, written: Written, io: Io, lang: Lang): void {
  const notApplied = plan.revised.indicators.filter((i) => i.status === "notApplied").length;
  const summary = {
    year: fiscalYearLabel(plan.nextYear, lang),
    books: written.length,
    count: plan.revised.indicators.length,
    removed: plan.revised.removed.length,
    notApplied,
  };
  io.stdout(t(lang, "cli.next.summary", summary) + "\n");
  for (const w of written) {
    const count = w.book.sheet.lastDataRow - w.book.sheet.firstDataRow + 1;
    io.stdout(t(lang, "cli.next.written", { path: path.relative(io.cwd, w.file), count }) + "\n");
  }
}
