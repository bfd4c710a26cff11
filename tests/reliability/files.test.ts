// Files the CLI cannot or should not read, and what the user sees then: exit 2 with one line
// that names the file, quickly, and no stack trace unless --debug asks for one. Also the
// reading and writing bugs found here (formulas whose cached result is 0, U+FFFE in a cell,
// sheets named like output sheets, # in file names), kept as regression tests.

import ExcelJS from "exceljs";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { readWorkbookFile } from "../../src/xlsx/read";
import { HEADER, row } from "../helpers/grid";
import { memoryIo, removeDir, tmpDir, writeXlsx } from "../helpers/xlsx";
import { cfbStreamNames, encryptedWorkbook, legacyXls } from "./cfb";
import { cliForUser, NOBODY, type CliForUser } from "../helpers/cli-as-user";

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "kpi-review.js");

let dir: string;
beforeEach(() => {
  dir = tmpDir("kpi-review-files-");
});
afterEach(() => {
  // A test may leave an unreadable file or folder behind; root or not, make it removable.
  for (const p of [dir, ...fs.readdirSync(dir).map((f) => path.join(dir, f))]) fs.chmodSync(p, 0o755);
  removeDir(dir);
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string; ms: number }> {
  const m = memoryIo(dir);
  const t0 = Date.now();
  const code = await main(argv, m.io);
  return { code, out: m.out(), err: m.err(), ms: Date.now() - t0 };
}

/** One line, naming what it should, without a stack trace. */
function expectOneLine(err: string, mentions: string): void {
  const lines = err.split("\n").filter((l) => l.trim() !== "");
  expect(lines).toHaveLength(1);
  expect(err).not.toMatch(/^\s+at /m);
  expect(lines[0]).toContain(mentions);
}

const STACK_LINE = /^\s+at .+[:(]/m;

const goodWorkbook = (file: string) =>
  writeXlsx(path.join(dir, file), [
    { name: "評価シート", rows: [[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: "新規就農者数", 基準値: 0, 目標値: 10, 令和4年度: 12, 評価: "A" })] },
  ]);

describe("encrypted and legacy workbooks", () => {
  it("builds a CFB container whose directory holds the streams Office writes for a password", () => {
    expect(cfbStreamNames(encryptedWorkbook()).sort()).toEqual(["EncryptedPackage", "EncryptionInfo"]);
  });

  it("exits 2 with one line naming a password-protected workbook (EncryptionInfo and EncryptedPackage in a CFB container)", async () => {
    fs.writeFileSync(path.join(dir, "パスワード付き.xlsx"), encryptedWorkbook());
    const r = await cli("summarize", "パスワード付き.xlsx", "--out", "o.xlsx");
    expect(r.code).toBe(2);
    expectOneLine(r.err, "パスワード付き.xlsx");
    expect(r.err).toMatch(/パスワード|encrypted/);
    expect(fs.existsSync(path.join(dir, "o.xlsx"))).toBe(false);
  });

  it("exits 2 with one line naming an Excel 97-2003 workbook saved under a .xlsx name", async () => {
    fs.writeFileSync(path.join(dir, "old.xlsx"), legacyXls());
    const r = await cli("summarize", "old.xlsx");
    expect(r.code).toBe(2);
    expectOneLine(r.err, "old.xlsx");
  });

  it("reports a password-protected workbook among good ones as file.unreadable and tallies the rest", async () => {
    await goodWorkbook("good.xlsx");
    fs.writeFileSync(path.join(dir, "secret.xlsx"), encryptedWorkbook());
    const r = await cli("summarize", "good.xlsx", "secret.xlsx", "--json", "-");
    expect(r.code).toBe(0);
    expectOneLine(r.err, "secret.xlsx");
    const report = JSON.parse(r.out);
    expect(report.indicators).toHaveLength(1);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ file: "secret.xlsx", code: "file.unreadable", severity: "error" }));
  });
});

describe("paths that are not readable files", () => {
  // Found here, now fixed. Was (src/cli/main.ts summarize: `if (files.length === 0) throw new ExitError(2, "読み込む .xlsx
  // ファイルがありません (no .xlsx files to read)")`): a folder named like a workbook is taken as a
  // folder of workbooks; when it holds none, the one line does not say which input it was.
  it("exits 2 with one line naming a .xlsx path that is an empty folder", async () => {
    fs.mkdirSync(path.join(dir, "評価.xlsx"));
    const r = await cli("summarize", "評価.xlsx");
    expect(r.code).toBe(2);
    expectOneLine(r.err, "評価.xlsx");
  });

  it("reads a folder named like a workbook as a folder of workbooks", async () => {
    fs.mkdirSync(path.join(dir, "評価.xlsx"));
    await goodWorkbook(path.join("評価.xlsx", "a.xlsx"));
    const r = await cli("summarize", "評価.xlsx", "--json", "-");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).indicators).toHaveLength(1);
  });

  it("exits 2 quickly, with one line naming it, for a 50 MB file of zero bytes", async () => {
    const file = path.join(dir, "zeros.xlsx");
    const fd = fs.openSync(file, "w");
    const block = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < 50; i++) fs.writeSync(fd, block);
    fs.closeSync(fd);
    const r = await cli("summarize", "zeros.xlsx");
    expect(r.code).toBe(2);
    expectOneLine(r.err, "zeros.xlsx");
    expect(r.ms).toBeLessThan(10_000);
  }, 30_000);
});

// Root reads every file whatever its mode, so as root the CLI runs as `nobody` through
// bin/kpi-review.js (lib/, compiled by `npm test`'s build:cli). When the repository lies in a
// folder nobody may enter (a clone in /root/x, any mode-700 folder), a copy of the CLI in the
// temp folder is run instead (tests/helpers/cli-as-user.ts). When even that cannot work, the
// tests are skipped and say why; under CI=true they fail instead.
const IS_ROOT = typeof process.getuid === "function" && process.getuid() === 0;
const asNobody: CliForUser = IS_ROOT ? cliForUser(ROOT, NOBODY) : { cleanup: () => undefined };
afterAll(() => asNobody.cleanup());
const permissionSkip = asNobody.skip;
if (permissionSkip && process.env.CI !== "true") console.warn(`skipping permission tests (running as root): ${permissionSkip}`);
const itPermissions = permissionSkip && process.env.CI !== "true" ? it.skip : it;

async function cliAsUser(cwd: string, ...argv: string[]): Promise<{ code: number; err: string }> {
  if (permissionSkip) throw new Error(`cannot run the CLI as nobody on this CI machine: ${permissionSkip}`);
  if (!IS_ROOT || !asNobody.bin) {
    const m = memoryIo(cwd);
    return { code: await main(argv, m.io), err: m.err() };
  }
  const r = spawnSync(process.execPath, [asNobody.bin, ...argv], { cwd, uid: NOBODY, gid: NOBODY, encoding: "utf8", timeout: 30_000 });
  return { code: r.status ?? -1, err: r.stderr };
}

describe("files without permission", () => {
  itPermissions("exits 2 with one line naming a workbook it has no permission to read", async () => {
    await goodWorkbook("locked.xlsx");
    fs.chmodSync(path.join(dir, "locked.xlsx"), 0o000);
    fs.chmodSync(dir, 0o755);
    const r = await cliAsUser(dir, "summarize", "locked.xlsx");
    expect(r.code).toBe(2);
    expectOneLine(r.err, "locked.xlsx");
    expect(r.err).toMatch(/権限|permission/);
  });

  // Found here, now fixed (src/cli/main.ts collectFiles looked at no error code): a workbook
  // inside a folder the user may not open was reported as missing.
  itPermissions("says permission denied, not not-found, for a workbook inside a folder it may not open", async () => {
    fs.mkdirSync(path.join(dir, "private"));
    await goodWorkbook(path.join("private", "a.xlsx"));
    fs.chmodSync(path.join(dir, "private"), 0o700);
    fs.chmodSync(dir, 0o755);
    // As nobody (or any user but the owner when not root): root owns the folder here only when root runs the tests.
    if (!IS_ROOT) fs.chmodSync(path.join(dir, "private"), 0o000);
    const r = await cliAsUser(dir, "summarize", path.join("private", "a.xlsx"));
    expect(r.code).toBe(2);
    expectOneLine(r.err, "a.xlsx");
    expect(r.err).toMatch(/権限|permission/);
  });
});

describe("an --out folder without write permission", () => {
  itPermissions("says in plain words that it may not write there, on one line, without EACCES", async () => {
    await goodWorkbook("a.xlsx");
    fs.mkdirSync(path.join(dir, "readonly"));
    fs.chmodSync(path.join(dir, "readonly"), 0o555);
    fs.chmodSync(dir, 0o755);
    const r = await cliAsUser(dir, "summarize", "a.xlsx", "--out", path.join("readonly", "o.xlsx"));
    expect(r.code).toBe(2);
    expectOneLine(r.err, "o.xlsx");
    expect(r.err).toContain("書き込む権限がありません");
    expect(r.err).not.toMatch(/EACCES/);
  });
});

describe("stack traces", () => {
  // --json into a folder fails in fs.writeFileSync, an error the CLI has no words for: the
  // cleanest unexpected error there is.
  it("shows no stack trace for an unexpected error without --debug, only one line", async () => {
    await goodWorkbook("a.xlsx");
    fs.mkdirSync(path.join(dir, "report.json"));
    const r = await cli("summarize", "a.xlsx", "--json", "report.json");
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(STACK_LINE);
    expectOneLine(r.err, "report.json");
  });

  // In process, jest's sandbox gives fs errors another realm's Error, so main() cannot tell
  // them from a thrown string and prints no stack; the bin, as users run it, is plain Node.
  const itBin = fs.existsSync(path.join(ROOT, "lib", "cli", "main.js")) ? it : it.skip;
  const bin = (...argv: string[]) => spawnSync(process.execPath, [BIN, ...argv], { cwd: dir, encoding: "utf8", timeout: 30_000 });

  itBin("shows the stack trace of an unexpected error with --debug (the bin, as users run it)", async () => {
    await goodWorkbook("a.xlsx");
    fs.mkdirSync(path.join(dir, "report.json"));
    const r = bin("summarize", "a.xlsx", "--json", "report.json", "--debug");
    expect(r.status).toBe(2);
    expect(r.stderr.split("\n")[0]).toContain("report.json");
    expect(r.stderr).toMatch(STACK_LINE);
  });

  itBin("shows no stack trace for the same error without --debug (the bin, as users run it)", async () => {
    await goodWorkbook("a.xlsx");
    fs.mkdirSync(path.join(dir, "report.json"));
    const r = bin("summarize", "a.xlsx", "--json", "report.json");
    expect(r.status).toBe(2);
    expectOneLine(r.stderr, "report.json");
  });

  it("shows no stack trace for files it cannot read, even with --debug", async () => {
    fs.writeFileSync(path.join(dir, "secret.xlsx"), encryptedWorkbook());
    const r = await cli("summarize", "secret.xlsx", "--debug");
    expect(r.code).toBe(2);
    expectOneLine(r.err, "secret.xlsx");
  });

  it("shows no stack trace when the --out folder cannot be created", async () => {
    await goodWorkbook("a.xlsx");
    fs.writeFileSync(path.join(dir, "notafolder"), "x");
    const r = await cli("summarize", "a.xlsx", "--out", path.join("notafolder", "o.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(STACK_LINE);
    expect(r.err.split("\n").filter((l) => l !== "")).toHaveLength(1);
  });
});

describe("a formula whose cached result is 0", () => {
  // Found here, now fixed. Was (src/xlsx/read.ts worksheetToInput: `out[col - 1] = plainValue(cell.value)`): ExcelJS's
  // cell.value for a formula copies only truthy fields (exceljs lib/doc/cell.js FormulaValue
  // _copyModel: `if (value) copy[name] = value`), so a cached result of 0 or FALSE is lost and
  // the cell reads as blank. cell.result keeps it. An actual of 0 computed by =B5-C5 vanishes,
  // and the evaluation year falls back to the year before.
  const zeroByFormula = async (file: string) => {
    await writeXlsx(path.join(dir, file), [
      {
        name: "評価シート",
        rows: [
          [...HEADER],
          row({ 基本目標: 1, 区分: "KPI", 指標名: "空き家の件数", 基準値: 10, 目標値: 0, 令和3年度: 4, 令和4年度: { formula: "I2-I2", result: 0 }, 評価: "A" }),
        ],
      },
    ]);
  };
  const R4 = HEADER.indexOf("令和4年度");

  it("is written to the fixture with its cached value", async () => {
    await zeroByFormula("zero.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "zero.xlsx"));
    expect(wb.worksheets[0].getCell(2, R4 + 1).result).toBe(0);
  });

  it("reads as the number 0, not as a blank cell", async () => {
    await zeroByFormula("zero.xlsx");
    const [sheet] = await readWorkbookFile(path.join(dir, "zero.xlsx"));
    expect(sheet.rows[1][R4]).toBe(0);
  });

  it("keeps the year of that actual as the evaluation year", async () => {
    await zeroByFormula("zero.xlsx");
    const r = await cli("summarize", "zero.xlsx", "--json", "-");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).fiscalYear).toBe(2022);
  });
});

describe("a name holding U+FFFE", () => {
  // Found here, now fixed (xmlSafe in src/xlsx/write.ts). Was (src/xlsx/write.ts renderLayout: `target.value = ... cell.value` writes text as read):
  // Excel stores U+FFFE as _xFFFE_, ExcelJS decodes it on reading, and ExcelJS writes it back
  // raw; U+FFFE is not allowed in XML, so the --out workbook cannot be opened (ExcelJS:
  // "disallowed character"). Lone surrogates (_xD800_) are written as U+FFFD and survive.
  // The writer should drop or replace U+FFFE/U+FFFF (and lone surrogates) in every string.
  it("still gives an --out workbook that can be read back", async () => {
    await writeXlsx(path.join(dir, "odd.xlsx"), [
      { name: "評価シート", rows: [[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: "指標_xFFFE_名", 評価: "A" })] },
    ]);
    const r = await cli("summarize", "odd.xlsx", "--out", "o.xlsx");
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "o.xlsx"));
    expect(wb.worksheets.length).toBeGreaterThan(0);
  });
});

describe("an evaluation sheet named like one of the tool's output sheets", () => {
  // Sheets named 評価集計, 見直し一覧, 新旧対照表, 入力チェック … (or Summary, Revisions … and
  // "(2)" copies) are skipped as input, so that a summary fed back is not read twice.
  const named = (sheet: string) =>
    writeXlsx(path.join(dir, "dept.xlsx"), [
      { name: sheet, rows: [[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: "移住者数", 目標値: 10, 令和4年度: 12, 評価: "A" })] },
    ]);

  it("is not read as input, and the run exits 1 with one line", async () => {
    await named("Summary");
    const r = await cli("summarize", "dept.xlsx", "--json", "-");
    expect(r.code).toBe(1);
    expect(r.err.split("\n").filter((l) => l !== "")).toHaveLength(1);
  });

  // Found here, now fixed. Was (src/core/engine.ts runEngine: `if (isOutputSheetName(sheet.sheet, settings)) continue;`
  // skips without a word): a department's evaluation sheet that happens to be called Summary or
  // 見直し一覧 vanishes, and the one line says no sheet has an evaluation table, which is untrue.
  // Expected: a diagnostic naming the skipped sheet (or the exit-1 line saying why).
  it("says which sheet it skipped and why", async () => {
    await named("見直し一覧");
    const r = await cli("summarize", "dept.xlsx", "--json", "-");
    const report = JSON.parse(r.out);
    const mentioned = report.diagnostics.some((d: { sheet: string }) => d.sheet === "見直し一覧") || r.err.includes("見直し一覧");
    expect(mentioned).toBe(true);
  });
});

describe("links from the output back to the source cells", () => {
  const linksOf = async (file: string): Promise<string[]> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const links: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => void (c.hyperlink && links.push(c.hyperlink)))));
    return links;
  };
  const oneRow = (file: string) =>
    writeXlsx(path.join(dir, file), [{ name: "評価シート", rows: [[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: "移住者数", 評価: "優" })] }]);

  it("point at the source file, sheet and cell", async () => {
    await oneRow("第2期 評価%.xlsx");
    expect((await cli("summarize", "第2期 評価%.xlsx", "--out", "o.xlsx")).code).toBe(0);
    const links = await linksOf(path.join(dir, "o.xlsx"));
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(decodeURIComponent(l.slice(0, l.indexOf("#")))).toBe("第2期 評価%.xlsx");
  });

  // Found here, now fixed. Was (src/cli/main.ts summarize, linkTarget: `${encodeURI(rel)}#'${sheet}'!${cell}`): encodeURI
  // leaves "#" as it is, so for a file named 第2期#1.xlsx every link reads
  // "%E7%AC%AC2%E6%9C%9F#1.xlsx#'評価シート'!C2" and Excel looks for a file named 第2期.
  // Escaping each path segment with encodeURIComponent (or "#" as %23) fixes it.
  it("still point at the source file when its name holds a #", async () => {
    await oneRow("第2期#1.xlsx");
    expect((await cli("summarize", "第2期#1.xlsx", "--out", "o.xlsx")).code).toBe(0);
    const links = await linksOf(path.join(dir, "o.xlsx"));
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(decodeURIComponent(l.slice(0, l.indexOf("#")))).toBe("第2期#1.xlsx");
  });
});
