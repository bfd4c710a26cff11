// A fresh clone stands alone: cloned into a private (mode-700) temporary folder with nothing
// beside it, `npm run validate` passes, and the permission tests can still run the CLI as
// another user. The clone is of the committed repository (HEAD), as a newcomer gets it;
// node_modules is linked from this checkout and lib/ copied, so no network is needed.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { cliForUser, NOBODY } from "../helpers/cli-as-user";
import { removeDir, tmpDir } from "../helpers/xlsx";

const ROOT = path.resolve(__dirname, "..", "..");
const IN_CI = process.env.CI === "true";
const IS_ROOT = typeof process.getuid === "function" && process.getuid() === 0;

function missing(): string | undefined {
  const git = spawnSync("git", ["-C", ROOT, "rev-parse", "HEAD"], { encoding: "utf8" });
  if (git.error) return "git not found: install Debian package git (apt-get install -y git)";
  if (git.status !== 0) return "this folder is not a git checkout, so it cannot be cloned";
  if (spawnSync("xmllint", ["--version"]).error) return "xmllint not found: install Debian package libxml2-utils (apt-get install -y libxml2-utils)";
  return undefined;
}

const why = missing();
if (why && !IN_CI) console.warn(`skipping the fresh-clone test: ${why}`);
const itClone = why && !IN_CI ? it.skip : it;

let parent: string;
let clone: string;
beforeAll(() => {
  if (why) return;
  parent = tmpDir("kpi-review-clone-");
  fs.chmodSync(parent, 0o700);
  clone = path.join(parent, "x");
  const r = spawnSync("git", ["clone", "--quiet", "--no-hardlinks", ROOT, clone], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git clone failed: ${r.stderr}`);
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(clone, "node_modules"), "junction");
}, 60_000);
afterAll(() => {
  if (parent) removeDir(parent);
});

describe("a fresh clone in a private folder", () => {
  itClone(
    "has nothing beside it and passes npm run validate",
    () => {
      if (why) throw new Error(`cannot test a fresh clone on this CI machine: ${why}`);
      expect(fs.readdirSync(parent)).toEqual(["x"]);
      expect((fs.statSync(parent).mode & 0o777).toString(8)).toBe("700");
      const npm = process.platform === "win32" ? "npm.cmd" : "npm";
      const r = spawnSync(npm, ["run", "--silent", "validate"], { cwd: clone, encoding: "utf8", timeout: 120_000, shell: process.platform === "win32" });
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.stringContaining("validates") });
    },
    120_000,
  );

  const itRoot = IS_ROOT ? itClone : it.skip;
  itRoot(
    "still lets the permission tests run the CLI as nobody (through a copy nobody can reach)",
    () => {
      if (why) throw new Error(`cannot test a fresh clone on this CI machine: ${why}`);
      fs.cpSync(path.join(ROOT, "lib"), path.join(clone, "lib"), { recursive: true });
      const cli = cliForUser(clone, NOBODY);
      try {
        expect(cli.skip).toBeUndefined();
        expect(cli.bin?.startsWith(clone)).toBe(false);
        const r = spawnSync(process.execPath, [cli.bin ?? "", "summarize", "no-such.xlsx"], { cwd: "/", uid: NOBODY, gid: NOBODY, encoding: "utf8" });
        expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 2, stderr: expect.stringContaining("no-such.xlsx") });
      } finally {
        cli.cleanup();
      }
    },
    60_000,
  );
});
