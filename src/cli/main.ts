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
import { readWorkbookFile, UnreadableFileError } from "../xlsx/read";
import { WriteOptions, writeLayoutsToFile } from "../xlsx/write";
import { formatTable1, formatTable2 } from "./table";

export class ExitError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
}

interface SummarizeOptions {
  out?: string;
  json?: string;
  config?: string;
  lang: Lang;
  recursive?: boolean;
  force?: boolean;
  debug?: boolean;
  quiet?: boolean;
}

/** Expand files and folders into .xlsx paths (a folder: its .xlsx files; --recursive: below too). */
export function collectFiles(inputs: readonly string[], recursive: boolean, cwd: string): string[] {
  const out: string[] = [];
  const emptyFolders: string[] = [];
  for (const input of inputs) {
    const p = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EACCES" || code === "EPERM") throw new ExitError(2, `${input}: 開く権限がありません (permission denied)`);
      throw new ExitError(2, `${input}: ファイルまたはフォルダーが見つかりません (not found)`);
    }
    if (stat.isDirectory()) {
      const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory() && recursive) walk(full);
          else if (entry.isFile() && /\.xlsx$/i.test(entry.name) && !entry.name.startsWith("~$")) out.push(full);
        }
      };
      const before = out.length;
      walk(p);
      if (out.length === before) emptyFolders.push(input);
    } else out.push(p);
  }
  if (out.length === 0 && emptyFolders.length > 0)
    throw new ExitError(
      2,
      `${emptyFolders.join(", ")}: フォルダーに .xlsx ファイルがありません (a folder without .xlsx files${recursive ? "" : "; --recursive reads subfolders"})`,
    );
  return [...new Set(out)];
}

function loadSettings(configPath: string | undefined, cwd: string): Settings {
  if (!configPath) return DEFAULT_SETTINGS;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(path.resolve(cwd, configPath), "utf8"));
  } catch (e) {
    throw new ExitError(2, `${configPath}: 設定ファイルを読めません (cannot read settings): ${(e as Error).message.split("\n")[0]}`);
  }
  const r = parseSettings(json);
  if (!r.ok) throw new ExitError(2, `${configPath}: ${r.errors.map((e) => `${e.key}: ${e.message.ja} / ${e.message.en}`).join("; ")}`);
  return r.settings;
}

/** A 設定 sheet in the first workbook that has one overrides the defaults (the --config file wins). */
function settingsFromSheets(sheets: readonly SheetInput[], base: Settings, fromFile: boolean): Settings {
  if (fromFile) return base;
  const sheet = sheets.find((s) => s.sheet === SETTINGS_SHEET_NAME);
  if (!sheet) return base;
  const r = parseSettings(settingsJsonFromRows(sheet.rows), base);
  if (!r.ok) throw new ExitError(2, `${sheet.file} / ${SETTINGS_SHEET_NAME}: ${r.errors.map((e) => `${e.key}: ${e.message.ja} / ${e.message.en}`).join("; ")}`);
  return r.settings;
}

export async function summarize(inputs: string[], opts: SummarizeOptions, io: Io): Promise<number> {
  const lang = opts.lang;
  const fileSettings = loadSettings(opts.config, io.cwd);
  const files = collectFiles(inputs, Boolean(opts.recursive), io.cwd);
  if (files.length === 0) throw new ExitError(2, "読み込む .xlsx ファイルがありません (no .xlsx files to read)");
  const outPath = opts.out ? path.resolve(io.cwd, opts.out) : undefined;
  if (outPath && files.includes(outPath)) throw new ExitError(2, `${opts.out}: 入力ファイルには書き込みません (refusing to overwrite an input)`);
  if (outPath && fs.existsSync(outPath) && !opts.force)
    throw new ExitError(2, `${opts.out}: すでに存在します。上書きするには --force を付けてください (exists; use --force)`);

  // Display names: the base name, or the relative path when two files share one.
  const names = files.map((f) => path.basename(f));
  const display = files.map((f, i) => (names.indexOf(names[i]) !== names.lastIndexOf(names[i]) ? path.relative(io.cwd, f) : names[i]));

  const sheets: SheetInput[] = [];
  const unreadable: Diagnostic[] = [];
  for (let i = 0; i < files.length; i++) {
    try {
      sheets.push(...(await readWorkbookFile(files[i], display[i])));
    } catch (e) {
      const reason = e instanceof UnreadableFileError ? e.reason : (e as Error).message;
      if (files.length === 1) throw new ExitError(2, `${display[i]}: ${reason}`);
      io.stderr(`${display[i]}: ${reason}\n`);
      unreadable.push({ file: display[i], sheet: "", cell: "", severity: "error", code: "file.unreadable", message: t(lang, "file.unreadable", { reason }) });
    }
  }
  if (sheets.length === 0) throw new ExitError(2, "どのファイルも読み込めませんでした (no file could be read)");

  const settings = settingsFromSheets(sheets, fileSettings, Boolean(opts.config));
  const engine = runEngine(sheets, { settings, lang });
  const result = { ...engine, diagnostics: [...unreadable, ...engine.diagnostics] };
  if (opts.json) {
    const json = JSON.stringify(toReport(result), null, 2) + "\n";
    if (opts.json === "-") io.stdout(json);
    else fs.writeFileSync(path.resolve(io.cwd, opts.json), json);
  }

  if (result.indicators.length === 0) {
    throw new ExitError(
      1,
      t(lang, "file.noTable") +
        (lang === "ja"
          ? "（見出しに「指標名」「評価」「目標値」「区分」などがある表を探しました）"
          : " (looked for a table with headers such as 指標名, 評価, 目標値, 区分)"),
    );
  }

  if (outPath) {
    const layouts = buildLayouts(result, { settings, lang });
    const fileOf = new Map(display.map((d, i) => [d, files[i]]));
    const writeOptions: WriteOptions = {
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
    fs.mkdirSync(path.dirname(outPath), { recursive: true });
    // Written beside the target, then renamed: a failed run leaves no half-written workbook.
    const tmp = `${outPath}.${process.pid}.tmp`;
    try {
      await writeLayoutsToFile(layouts, tmp, writeOptions);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw e;
    }
    fs.renameSync(tmp, outPath);
  }

  // The human summary goes to stdout unless stdout carries the JSON report.
  if (opts.json !== "-" && !opts.quiet) {
    const log = io.stdout;
    log(formatTable1(result, lang) + "\n");
    log(formatTable2(result, lang) + "\n");
    const errors = result.diagnostics.filter((d) => d.severity === "error").length;
    const warnings = result.diagnostics.filter((d) => d.severity === "warning").length;
    log(
      lang === "ja"
        ? `指標 ${result.indicators.length} 件（未評価 ${result.tally.ungraded}）、入力チェック: エラー ${errors} 件・警告 ${warnings} 件\n`
        : `${result.indicators.length} indicators (${result.tally.ungraded} ungraded); input check: ${errors} errors, ${warnings} warnings\n`,
    );
    if (outPath) log((lang === "ja" ? "出力: " : "Written: ") + path.relative(io.cwd, outPath) + "\n");
  }
  return 0;
}

export function buildProgram(io: Io, done: (p: Promise<number>) => void): Command {
  const program = new Command("kpi-review")
    .description("KPI見直しアシスタント: 数値目標・KPIの評価を集計し、見直し案と集計シートを作成します")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  program
    .command("summarize")
    .description("evaluation workbooks (.xlsx files or folders) → tally, revision list and summary workbook")
    .argument("<inputs...>", ".xlsx files or folders")
    .option("--out <file>", "write the output workbook (評価集計, 見直し一覧, 新旧対照表, 入力チェック …)")
    .option("--json <file>", "write the report JSON to a file, or - for stdout")
    .option("--config <file>", "settings JSON (bands, rules, keywords, sheet names)")
    .addOption(new Option("--lang <lang>", "language of messages and output").choices(["ja", "en"]).default("ja"))
    .option("--recursive", "read folders recursively")
    .option("--force", "overwrite an existing --out file")
    .option("--quiet", "print nothing but errors")
    .option("--debug", "show stack traces")
    .action((inputs: string[], opts: SummarizeOptions) => {
      done(summarize(inputs, opts, io));
    });
  return program;
}

/** Entry point: parse argv, run, and return the exit code. Never throws. */
export async function main(
  argv: readonly string[],
  io: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), cwd: process.cwd() },
): Promise<number> {
  const debug = argv.includes("--debug");
  let pending: Promise<number> | undefined;
  try {
    const program = buildProgram(io, (p) => {
      pending = p;
    });
    if (argv.length === 0) {
      program.outputHelp();
      return 2;
    }
    await program.parseAsync([...argv], { from: "user" });
    return pending ? await pending : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2; // commander already printed its one-line message
    }
    if (e instanceof ExitError) {
      io.stderr(`kpi-review: ${e.message}\n`);
      return e.code;
    }
    io.stderr(`kpi-review: 予期しないエラーです (unexpected error): ${e instanceof Error ? e.message.split("\n")[0] : String(e)}\n`);
    if (debug && e instanceof Error && e.stack) io.stderr(e.stack + "\n");
    return 2;
  }
}
