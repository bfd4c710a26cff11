// End to end: the kpi-review bin, as npx runs it, in a child process.

import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { removeDir, SAMPLE_PATH, tmpDir } from "../helpers/xlsx";
import { SEED_REVISIONS, SEED_TALLY } from "../helpers/seed";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "kpi-review.js");
const LIB_MAIN = path.join(ROOT, "lib", "cli", "main.js");

/** Newest modification time under the folders the CLI build compiles. */
function newestSource(): number {
  let newest = 0;
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const sub of ["core", "i18n", "xlsx", "cli"]) walk(path.join(ROOT, "src", sub));
  return newest;
}

let dir: string;
beforeAll(() => {
  dir = tmpDir();
  if (!fs.existsSync(LIB_MAIN) || fs.statSync(LIB_MAIN).mtimeMs < newestSource()) {
    execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.cli.json"], { cwd: ROOT, stdio: "pipe" });
  }
}, 120000);
afterAll(() => removeDir(dir));

const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8", timeout: 60000 });

describe("bin/kpi-review.js", () => {
  it("summarizes the sample and prints the JSON report with the seed's tables", () => {
    const r = run("summarize", SAMPLE_PATH, "--json", "-", "--out", "summary.xlsx");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.tally).toEqual(SEED_TALLY);
    expect(report.revisions).toEqual(SEED_REVISIONS);
    expect(fs.existsSync(path.join(dir, "summary.xlsx"))).toBe(true);
  });

  it("exits 2 with one line and no stack trace for a missing file", () => {
    const r = run("summarize", "missing.xlsx");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("missing.xlsx");
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
