// kpi-review: the same engine on .xlsx files, for batch consolidation and tests.
// Exit codes: 0 a tally was produced; 1 no indicator could be read; 2 usage error or a
// file that cannot be opened. Every failure is one line on stderr; --debug adds a stack.

import { Command, CommanderError, Option } from "commander";
import * as fs from "fs";
import * as path from "path";
import { buildLayouts, runEngine } from "../core/engine";
import { toReport } from "../core/report";
import { DEFAULT_SETTINGS, parseSettings, Settings, SETTINGS_SHEET_NAME, settingsJsonFromRows } from "../core/settings";
import { Diagnostic, Lang, SheetInput } from "../core/types";
import { t } from "../i18n";
import { CliKey, cliText } from "../i18n/cli";
import { isUnreadableFileError, readWorkbookFile } from "../xlsx/read";
import { WriteOptions, writeLayoutsToFile } from "../xlsx/write";
import { ExitError, isExitError } from "./errors";
import { langOfArgv, localizeProgram, usageErrorLine } from "./help";
import { collectInputs, filesToRead, SkippedInput } from "./inputs";
import { checkOutPath, OutTarget, writeFailure } from "./out-path";
import { registerNextYear } from "./next-year";
import { formatRunSummary } from "./summary";
import { formatTable1, formatTable2 } from "./table";

export { ExitError };

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
}

interface SummarizeOptions {
  out?: string;
  json?: string;
  config?: string;
  lang?: Lang;
  recursive?: boolean;
  force?: boolean;
  debug?: boolean;
  quiet?: boolean;
}

export function loadSettings(configPath: string | undefined, cwd: string, lang: Lang): Settings {
  if (!configPath) return DEFAULT_SETTINGS;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(path.resolve(cwd, configPath), "utf8"));
  } catch (e) {
    throw new ExitError(2, `${configPath}: ${cliText(lang, "settings.unreadable", { reason: (e as Error).message.split("\n")[0] })}`);
  }
  const r = parseSettings(json);
  if (!r.ok) throw new ExitError(2, `${configPath}: ${r.errors.map((e) => `${e.key}: ${e.message.ja} / ${e.message.en}`).join("; ")}`);
  return r.settings;
}

/** A 設定 sheet in the first workbook that has one overrides the defaults (the --config file wins). */
export function settingsFromSheets(sheets: readonly SheetInput[], base: Settings, fromFile: boolean): Settings {
  if (fromFile) return base;
  const sheet = sheets.find((s) => s.sheet === SETTINGS_SHEET_NAME);
  if (!sheet) return base;
  const r = parseSettings(settingsJsonFromRows(sheet.rows), base);
  if (!r.ok) throw new ExitError(2, `${sheet.file} / ${SETTINGS_SHEET_NAME}: ${r.errors.map((e) => `${e.key}: ${e.message.ja} / ${e.message.en}`).join("; ")}`);
  return r.settings;
}

/** Display names: the base name, or the path relative to cwd when two files share one. */
export function displayNames(files: readonly string[], cwd: string): string[] {
  const names = files.map((f) => path.basename(f));
  return files.map((f, i) => (names.indexOf(names[i]) !== names.lastIndexOf(names[i]) ? path.relative(cwd, f) : names[i]));
}

export const unreadableDiagnostic = (file: string, reason: string, lang: Lang): Diagnostic => ({
  file,
  sheet: "",
  cell: "",
  severity: "error",
  code: "file.unreadable",
  message: t(lang, "file.unreadable", { reason }),
});

/** Every sheet of every file; a file that cannot be read stops a one-file run, else it is reported and skipped. */
export async function readAll(files: readonly string[], display: readonly string[], skipped: SkippedInput[], io: Io, lang: Lang): Promise<SheetInput[]> {
  const sheets: SheetInput[] = [];
  for (let i = 0; i < files.length; i++) {
    try {
      sheets.push(...(await readWorkbookFile(files[i], display[i])));
    } catch (e) {
      const reason = isUnreadableFileError(e) ? e.reason : (e as Error).message;
      if (files.length === 1 && skipped.length === 0) throw new ExitError(2, `${display[i]}: ${reason}`);
      io.stderr(`${display[i]}: ${reason}\n`);
      skipped.push({ input: display[i], reason });
    }
  }
  if (sheets.length === 0) throw new ExitError(2, cliText(lang, "input.noneReadable"));
  return sheets;
}

/** Links from the output to the source cells, relative to the output workbook, each path segment escaped. */
function linkTargets(files: readonly string[], display: readonly string[], outPath: string): WriteOptions {
  const fileOf = new Map(display.map((d, i) => [d, files[i]]));
  return {
    linkTarget: (link) => {
      const src = link.file ? fileOf.get(link.file) : undefined;
      if (!src) return undefined;
      const rel = path.relative(path.dirname(outPath), src).split(path.sep).join("/");
      const encoded = rel
        .split("/")
        .map((seg) => (seg === ".." ? seg : encodeURIComponent(seg)))
        .join("/");
      return `${encoded}#'${link.sheet.replace(/'/g, "''")}'!${link.cell}`;
    },
  };
}

/** Written beside the target, then renamed: a failed run leaves no half-written workbook. */
async function writeWorkbook(layouts: ReturnType<typeof buildLayouts>, target: OutTarget, options: WriteOptions, lang: Lang): Promise<void> {
  const tmp = `${target.path}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(target.path), { recursive: true });
    await writeLayoutsToFile(layouts, tmp, options);
    fs.renameSync(tmp, target.path);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw writeFailure(e, target.shown, lang);
  }
}

export function noTableError(lang: Lang): ExitError {
  return new ExitError(
    1,
    t(lang, "file.noTable") +
      (lang === "ja"
        ? "（見出しに「指標名」「評価」「目標値」「区分」などがある表を探しました）"
        : " (looked for a table with headers such as 指標名, 評価, 目標値, 区分)"),
  );
}

export async function summarize(inputs: string[], opts: SummarizeOptions, io: Io): Promise<number> {
  const lang = opts.lang ?? "ja";
  const fileSettings = loadSettings(opts.config, io.cwd, lang);
  const collected = collectInputs(inputs, Boolean(opts.recursive), io.cwd, lang);
  const target = opts.out ? checkOutPath(opts.out, io.cwd, collected.files, Boolean(opts.force), lang) : undefined;
  const files = filesToRead(collected, inputs.length, io.stderr, lang);
  const display = displayNames(files, io.cwd);
  const skipped = [...collected.skipped];
  const sheets = await readAll(files, display, skipped, io, lang);

  const settings = settingsFromSheets(sheets, fileSettings, Boolean(opts.config));
  const settingsSheet = opts.config ? undefined : sheets.find((s) => s.sheet === SETTINGS_SHEET_NAME);
  const engine = runEngine(sheets, { settings, lang });
  const result = { ...engine, diagnostics: [...skipped.map((s) => unreadableDiagnostic(s.input, s.reason, lang)), ...engine.diagnostics] };
  if (opts.json) {
    const json = JSON.stringify(toReport(result), null, 2) + "\n";
    if (opts.json === "-") io.stdout(json);
    else fs.writeFileSync(path.resolve(io.cwd, opts.json), json);
  }
  if (result.indicators.length === 0) throw noTableError(lang);
  if (target) await writeWorkbook(buildLayouts(result, { settings, lang }), target, linkTargets(files, display, target.path), lang);

  // The human summary goes to stdout unless stdout carries the JSON report.
  if (opts.json !== "-" && !opts.quiet) {
    io.stdout(formatTable1(result, lang) + "\n");
    io.stdout(formatTable2(result, settings, lang) + "\n");
    const filesRead = files.length - (skipped.length - collected.skipped.length);
    io.stdout(formatRunSummary({ lang, settings, filesRead, skipped, sheets, settingsSheet, result, written: target }));
  }
  return 0;
}

export function buildProgram(io: Io, done: (p: Promise<number>) => void, lang: Lang = "ja"): Command {
  const h = (key: CliKey): string => cliText(lang, key);
  const program = localizeProgram(new Command("kpi-review"), lang)
    .description(h("help.program"))
    .exitOverride()
    // Usage errors are printed by main(), one line in the user's language.
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined });
  program
    .command("summarize")
    .description(h("help.summarize"))
    .argument("<inputs...>", h("help.inputs"))
    .option("--out <file>", h("help.out"))
    .option("--json <file>", h("help.json"))
    .option("--config <file>", h("help.config"))
    .addOption(new Option("--lang <lang>", h("help.lang")).choices(["ja", "en"]))
    .option("--recursive", h("help.recursive"))
    .option("--force", h("help.force"))
    .option("--quiet", h("help.quiet"))
    .option("--debug", h("help.debug"))
    .action((inputs: string[], opts: SummarizeOptions) => {
      done(summarize(inputs, opts, io));
    });
  registerNextYear(program, io, done, lang);
  return program;
}

/** Entry point: parse argv, run, and return the exit code. Never throws. */
export async function main(
  argv: readonly string[],
  io: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), cwd: process.cwd() },
): Promise<number> {
  const debug = argv.includes("--debug");
  const lang = langOfArgv(argv);
  let pending: Promise<number> | undefined;
  try {
    const program = buildProgram(
      io,
      (p) => {
        pending = p;
      },
      lang,
    );
    if (argv.length === 0) {
      program.outputHelp();
      return 2;
    }
    await program.parseAsync([...argv], { from: "user" });
    return pending ? await pending : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0; // --help, --version
      io.stderr(`kpi-review: ${usageErrorLine(e, lang)}\n`);
      return 2;
    }
    if (isExitError(e)) {
      io.stderr(`kpi-review: ${e.message}\n`);
      return e.code;
    }
    io.stderr(`kpi-review: ${cliText(lang, "unexpected", { reason: e instanceof Error ? e.message.split("\n")[0] : String(e) })}\n`);
    if (debug && e instanceof Error && e.stack) io.stderr(e.stack + "\n");
    return 2;
  }
}
