// Running the compiled CLI (bin/ + lib/) as another user, for the permission tests: root reads
// every file whatever its mode, so as root the tests run the CLI as `nobody`. A clone in a
// folder nobody may enter (/root/x, any mode-700 folder) cannot be run by nobody in place, so
// then the CLI (bin/, lib/, package.json and the production packages of package-lock.json) is
// copied to a temporary folder nobody can reach. Every step is probed; when one is missing,
// `skip` says which and how to get it.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const NOBODY = 65534;

export interface CliForUser {
  /** bin/kpi-review.js that the user can run, when it can. */
  readonly bin?: string;
  /** Why the user cannot run the CLI here, and what would help. */
  readonly skip?: string;
  /** Removes the copy, if one was made. */
  cleanup(): void;
}

/** Exit status and first stderr line of `node -e code` run as uid. */
function probe(uid: number, code: string): { ok: boolean; why: string } {
  const r = spawnSync(process.execPath, ["-e", code], { uid, gid: uid, cwd: os.tmpdir(), encoding: "utf8", timeout: 30_000 });
  if (r.error) return { ok: false, why: r.error.message };
  const firstError = (r.stderr ?? "").split("\n").find((l) => /Error|EACCES|denied/.test(l)) ?? (r.stderr ?? "").split("\n")[0];
  return { ok: r.status === 0, why: firstError?.trim() || `exit ${r.status}` };
}

const canLoad = (root: string): string => `require(${JSON.stringify(path.join(root, "lib", "cli", "main.js"))})`;

/** The node_modules folders package-lock.json marks as production (not dev, optional or peer). */
export function productionPackages(root: string): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean; peer?: boolean; link?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([key, p]) => key.startsWith("node_modules/") && !p.dev && !p.devOptional && !p.optional && !p.peer && !p.link)
    .map(([key]) => key);
}

/** A copy of the CLI in a fresh folder under the system temp folder, readable by everyone. */
export function copyCli(root: string): string {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-review-cli-"));
  fs.chmodSync(dest, 0o755);
  for (const part of ["bin", "lib", "package.json", ...productionPackages(root)]) {
    const from = path.join(root, part);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dest, part), { recursive: true, dereference: true });
  }
  return dest;
}

/** A CLI that uid can run: the repository's own when uid can reach it, else a copy. */
export function cliForUser(root: string, uid: number): CliForUser {
  const none = { cleanup: () => undefined };
  if (!fs.existsSync(path.join(root, "lib", "cli", "main.js"))) {
    return { ...none, skip: "lib/ is missing: run `npm run build:cli` (npm test does) to compile the CLI" };
  }
  const node = probe(uid, "");
  if (!node.ok) {
    return {
      ...none,
      skip: `cannot run ${process.execPath} as uid ${uid} (${node.why}): the tests must run as root, and Node must be installed where every user can run it (e.g. Debian's nodejs, or /usr/local)`,
    };
  }
  if (probe(uid, canLoad(root)).ok) return { ...none, bin: path.join(root, "bin", "kpi-review.js") };
  const copy = copyCli(root);
  const cleanup = () => fs.rmSync(copy, { recursive: true, force: true });
  const loaded = probe(uid, canLoad(copy));
  if (!loaded.ok) {
    cleanup();
    return {
      ...none,
      skip: `uid ${uid} can reach neither the repository nor a copy of the CLI in ${os.tmpdir()} (${loaded.why}); set TMPDIR to a folder every user can enter`,
    };
  }
  return { bin: path.join(copy, "bin", "kpi-review.js"), cleanup };
}
