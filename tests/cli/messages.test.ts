// What the command line says: the closing summary (what was read, what was skipped and why,
// the first ten input-check findings), --version, --help in the user's language, the --out
// name rules, usage errors, and one rule for every input that cannot be used.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { SHOWN_CHECKS } from "../../src/cli/summary";
import { HEADER, row } from "../helpers/grid";
import { memoryIo, removeDir, SAMPLE_PATH, tmpDir, writeXlsx } from "../helpers/xlsx";

const ROOT = path.resolve(__dirname, "..", "..");
const STACK_LINE = /^\s+at .+[:(]/m;

let dir: string;
beforeEach(() => {
  dir = tmpDir("kpi-review-messages-");
});
afterEach(() => removeDir(dir));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const m = memoryIo(dir);
  const code = await main(argv, m.io);
  return { code, out: m.out(), err: m.err() };
}

const lines = (s: string): string[] => s.split("\n").filter((l) => l.trim() !== "");

const good = (file: string, name = "新規就農者数", goal = 1) =>
  writeXlsx(path.join(dir, file), [
    { name: "評価シート", rows: [[...HEADER], row({ 基本目標: goal, 区分: "KPI", 指標名: name, 基準値: 0, 目標値: 10, 令和4年度: 12, 評価: "A" })] },
  ]);

/** A sheet of `n` indicators whose grade is not A–D: n grade.invalid errors. */
const badGrades = (file: string, n: number) =>
  writeXlsx(path.join(dir, file), [
    {
      name: "評価シート",
      rows: [[...HEADER], ...Array.from({ length: n }, (_, i) => row({ 基本目標: 1, 区分: "KPI", 指標名: `指標${i + 1}`, 評価: "優" }))],
    },
  ]);

describe("the closing summary", () => {
  it("says how many files and sheets were read, and which sheets were not read and why", async () => {
    fs.copyFileSync(SAMPLE_PATH, path.join(dir, "sample.xlsx"));
    const r = await cli("summarize", "sample.xlsx");
    expect(r.code).toBe(0);
    expect(r.out).toContain("読み込み: ファイル 1 件・シート 3 枚（評価シート 1 枚）");
    expect(r.out).toContain("sample.xlsx / 戦略パッケージ変更: 具体的施策の表として読み込みました");
    expect(r.out).toContain("読み込まなかったもの（1 件）:");
    expect(r.out).toMatch(/sample\.xlsx \/ 表紙: 評価表がありません/);
  });

  it("names a sheet that was not read because it has an output sheet's name", async () => {
    await writeXlsx(path.join(dir, "dept.xlsx"), [
      { name: "評価シート", rows: [[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: "a", 評価: "A" })] },
      { name: "見直し一覧", rows: [[...HEADER], row({ 基本目標: 1, 区分: "KPI", 指標名: "b", 評価: "B" })] },
    ]);
    const r = await cli("summarize", "dept.xlsx");
    expect(r.out).toContain("dept.xlsx / 見直し一覧: このツールの出力シートと同じ名前のため読み込みませんでした");
  });

  it("names a file among several that could not be read, and why", async () => {
    await good("good.xlsx");
    fs.writeFileSync(path.join(dir, "bad.xlsx"), "PK\u0003\u0004 not really a zip");
    const r = await cli("summarize", "good.xlsx", "bad.xlsx");
    expect(r.code).toBe(0);
    expect(r.out).toContain("読み込み: ファイル 1 件");
    expect(r.out).toMatch(/読み込まなかったもの（1 件）:\n {2}bad\.xlsx: Excelブック（\.xlsx）として読めません/);
  });

  it("lists every input-check finding when there are ten or fewer", async () => {
    await badGrades("x.xlsx", 3);
    const r = await cli("summarize", "x.xlsx");
    expect(r.out).toContain("入力チェック（エラー・警告 3 件）:");
    expect(r.out.match(/ {2}\[エラー\] x\.xlsx \/ 評価シート \/ L\d+: 評価「優」/g)).toHaveLength(3);
    expect(r.out).not.toContain("ほか");
  });

  it("lists the first ten findings, then says how many more and where to see them", async () => {
    await badGrades("x.xlsx", 13);
    const r = await cli("summarize", "x.xlsx");
    expect(SHOWN_CHECKS).toBe(10);
    expect(r.out).toContain("入力チェック（エラー・警告 13 件、最初の 10 件）:");
    expect(r.out.match(/ {2}\[エラー\] /g)).toHaveLength(10);
    expect(r.out).toContain("  … ほか 3 件（--out のブックの「入力チェック」シート、または --json で全件を確認できます）");
    expect(r.out).toContain("指標 13 件（未評価 13）、入力チェック: エラー 13 件・警告 0 件");
  });

  it("says the same in English with --lang en", async () => {
    await badGrades("x.xlsx", 12);
    const r = await cli("summarize", "x.xlsx", "--lang", "en");
    expect(r.out).toContain("Read: 1 files, 1 sheets (1 evaluation sheets)");
    expect(r.out).toContain("Input check (12 errors and warnings, the first 10):");
    expect(r.out).toContain("  … and 2 more, see the Input check sheet of the --out workbook, or --json");
  });

  it("prints nothing with --quiet", async () => {
    await badGrades("x.xlsx", 12);
    const r = await cli("summarize", "x.xlsx", "--quiet");
    expect({ code: r.code, out: r.out, err: r.err }).toEqual({ code: 0, out: "", err: "" });
  });
});

describe("inputs that cannot be used: one rule", () => {
  it("reports a missing file among several on stderr and as file.unreadable, and consolidates the others", async () => {
    await good("a.xlsx");
    await good("b.xlsx", "移住者数", 2);
    const r = await cli("summarize", "a.xlsx", "nowhere.xlsx", "b.xlsx", "--json", "-");
    expect(r.code).toBe(0);
    expect(lines(r.err)).toEqual(["nowhere.xlsx: ファイルまたはフォルダーが見つかりません"]);
    const report = JSON.parse(r.out);
    expect(report.indicators).toHaveLength(2);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ file: "nowhere.xlsx", code: "file.unreadable", severity: "error" }));
  });

  it("exits 2 with one line naming the file when a missing file is the only input", async () => {
    const r = await cli("summarize", "nowhere.xlsx");
    expect(r.code).toBe(2);
    expect(lines(r.err)).toEqual(["kpi-review: nowhere.xlsx: ファイルまたはフォルダーが見つかりません"]);
  });

  it("exits 2 with one line naming each when no input can be used", async () => {
    fs.writeFileSync(path.join(dir, "bad.xlsx"), "not a workbook");
    const r = await cli("summarize", "gone.xlsx", "lost.xlsx");
    expect(r.code).toBe(2);
    expect(lines(r.err)).toHaveLength(1);
    expect(r.err).toContain("gone.xlsx");
    expect(r.err).toContain("lost.xlsx");
  });
});

describe("--version and --help", () => {
  it("prints the version of package.json with --version", async () => {
    const r = await cli("--version");
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
  });

  it("shows the help in Japanese by default", async () => {
    const r = await cli("summarize", "--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain("使い方: kpi-review summarize");
    expect(r.out).toContain("オプション:");
    expect(r.out).toContain("既存の --out ファイルを上書きします");
    expect(r.out).not.toContain("Options:");
  });

  it("shows the program's help in Japanese, commands included", async () => {
    const r = await cli("--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain("コマンド:");
    expect(r.out).toContain("バージョンを表示します");
  });

  it("shows the help in English with --lang en", async () => {
    const r = await cli("summarize", "--lang", "en", "--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Options:");
    expect(r.out).toContain("overwrite an existing --out file");
    expect(r.out).not.toMatch(/使い方|オプション|上書き/);
  });
});

describe("usage errors", () => {
  it("says in Japanese, on one line, that an option is unknown, and where help is", async () => {
    await good("a.xlsx");
    const r = await cli("summarize", "a.xlsx", "--bogus");
    expect(r.code).toBe(2);
    expect(lines(r.err)).toEqual(["kpi-review: 知らないオプションです（unknown option '--bogus'）。kpi-review --help で使い方を表示します"]);
  });

  it("says on one line that summarize needs files or folders", async () => {
    const r = await cli("summarize");
    expect(r.code).toBe(2);
    expect(lines(r.err)).toHaveLength(1);
    expect(r.err).toContain("読み込むファイルまたはフォルダーを指定してください");
  });
});

describe("--out", () => {
  it("adds .xlsx to an --out name without an extension, and says so", async () => {
    await good("a.xlsx");
    const r = await cli("summarize", "a.xlsx", "--out", "集計");
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(dir, "集計.xlsx"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "集計"))).toBe(false);
    expect(r.out).toContain("出力: 集計.xlsx（--out に .xlsx を付けました）");
  });

  it("refuses an --out name with another extension, on one line, before reading anything", async () => {
    await good("a.xlsx");
    const r = await cli("summarize", "a.xlsx", "--out", "集計.csv");
    expect(r.code).toBe(2);
    expect(lines(r.err)).toEqual([
      "kpi-review: --out 集計.csv: 出力は Excel ブックです。ファイル名を .xlsx で終えてください（.csv のファイルは書き出せません）",
    ]);
    expect(fs.readdirSync(dir)).toEqual(["a.xlsx"]);
  });

  it("says in plain words that it cannot write inside a file (README.md/x.xlsx), not EEXIST", async () => {
    await good("a.xlsx");
    fs.writeFileSync(path.join(dir, "README.md"), "# notes\n");
    const r = await cli("summarize", "a.xlsx", "--out", path.join("README.md", "x.xlsx"));
    expect(r.code).toBe(2);
    expect(lines(r.err)).toEqual([
      `kpi-review: --out ${path.join("README.md", "x.xlsx")}: 「README.md」はファイルなので、その中には書き出せません。フォルダーを指定し直してください`,
    ]);
    expect(r.err).not.toMatch(/EEXIST|ENOTDIR/);
  });

  it("says in plain words when --out is a folder", async () => {
    await good("a.xlsx");
    fs.mkdirSync(path.join(dir, "out"));
    const r = await cli("summarize", "a.xlsx", "--out", "out");
    expect(r.code).toBe(2);
    expect(lines(r.err)).toHaveLength(1);
    expect(r.err).toContain("フォルダーです。ファイル名まで指定してください");
  });

  it("names the file with its added .xlsx when that file exists already", async () => {
    await good("a.xlsx");
    fs.writeFileSync(path.join(dir, "集計.xlsx"), "precious");
    const r = await cli("summarize", "a.xlsx", "--out", "集計");
    expect(r.code).toBe(2);
    expect(lines(r.err)).toEqual(["kpi-review: --out 集計.xlsx: すでに存在します。上書きするには --force を付けてください"]);
    expect(fs.readFileSync(path.join(dir, "集計.xlsx"), "utf8")).toBe("precious");
  });
});

// The bin as users run it (plain Node, lib/ compiled by npm test's build:cli): no user error
// shows a stack trace.
const itBin = fs.existsSync(path.join(ROOT, "lib", "cli", "main.js")) ? it : it.skip;
describe("no stack trace for a user error", () => {
  itBin(
    "prints one line and no stack for each user error (the bin, as users run it)",
    async () => {
      await good("a.xlsx");
      fs.writeFileSync(path.join(dir, "README.md"), "x");
      fs.writeFileSync(path.join(dir, "bad.xlsx"), "x");
      const errors = [
        ["summarize"],
        ["summarize", "a.xlsx", "--bogus"],
        ["summarize", "a.xlsx", "--lang", "fr"],
        ["summarize", "gone.xlsx"],
        ["summarize", "bad.xlsx"],
        ["summarize", "a.xlsx", "--out", "README.md/x.xlsx"],
        ["summarize", "a.xlsx", "--out", "x.csv"],
        ["summarize", "a.xlsx", "--config", "none.json"],
        ["tally", "a.xlsx"],
      ];
      for (const argv of errors) {
        const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "kpi-review.js"), ...argv], { cwd: dir, encoding: "utf8", timeout: 30_000 });
        expect({ argv, status: r.status, lines: lines(r.stderr).length, stack: STACK_LINE.test(r.stderr) }).toEqual({
          argv,
          status: 2,
          lines: 1,
          stack: false,
        });
      }
    },
    60_000,
  );

  const itPipe = fs.existsSync(path.join(ROOT, "lib", "cli", "main.js")) && process.platform !== "win32" ? it : it.skip;
  itPipe(
    "prints no stack trace when its output is piped into a program that stops reading (| head)",
    () => {
      const bin = JSON.stringify(path.join(ROOT, "bin", "kpi-review.js"));
      const r = spawnSync("sh", ["-c", `${JSON.stringify(process.execPath)} ${bin} summarize ${JSON.stringify(SAMPLE_PATH)} --json - | head -c 0`], {
        cwd: dir,
        encoding: "utf8",
        timeout: 60_000,
      });
      expect({ out: r.stdout, err: r.stderr }).toEqual({ out: "", err: "" });
    },
    60_000,
  );
});
