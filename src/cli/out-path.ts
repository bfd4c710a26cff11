// The --out path, checked before any work: a .xlsx name (added when the name has no
// extension), not an input, not an existing file without --force, and not inside a file
// (README.md/x.xlsx). Write failures are turned into plain words as well.

import * as fs from "fs";
import * as path from "path";
import { Lang } from "../core/types";
import { cliText } from "../i18n/cli";
import { ExitError } from "./errors";

export interface OutTarget {
  /** Absolute path of the workbook to write. */
  readonly path: string;
  /** As the user should read it: --out, with .xlsx added when it had no extension. */
  readonly shown: string;
  readonly extensionAdded: boolean;
}

/** The nearest existing ancestor of a path that is not a folder, if any (README.md for README.md/x.xlsx). */
function fileInTheWay(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      return fs.statSync(d).isDirectory() ? undefined : d;
    } catch {
      if (path.dirname(d) === d) return undefined;
    }
  }
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

export function checkOutPath(out: string, cwd: string, inputs: readonly string[], force: boolean, lang: Lang): OutTarget {
  const ext = path.extname(out);
  const isFolder = /[\\/]$/.test(out) || Boolean(statOrUndefined(path.resolve(cwd, out))?.isDirectory());
  const extensionAdded = ext === "" && !isFolder;
  const shown = extensionAdded ? `${out}.xlsx` : out;
  const target = path.resolve(cwd, shown);
  const fail = (message: string): never => {
    throw new ExitError(2, `--out ${shown}: ${message}`);
  };
  if (isFolder) fail(cliText(lang, "out.isFolder", { example: path.join(out, "summary.xlsx") }));
  if (!extensionAdded && ext.toLowerCase() !== ".xlsx") fail(cliText(lang, "out.notXlsx", { ext }));
  const blocker = fileInTheWay(path.dirname(target));
  if (blocker) fail(cliText(lang, "out.underFile", { file: path.relative(cwd, blocker) || blocker }));
  if (inputs.includes(target)) fail(cliText(lang, "out.isInput"));
  if (statOrUndefined(target) && !force) fail(cliText(lang, "out.exists"));
  return { path: target, shown, extensionAdded };
}

const WRITE_ERRORS: Readonly<Record<string, "out.denied" | "out.readOnly" | "out.noSpace" | "out.busy">> = {
  EACCES: "out.denied",
  EPERM: "out.denied",
  EROFS: "out.readOnly",
  ENOSPC: "out.noSpace",
  EBUSY: "out.busy",
};

/** A failure to write `shown`, in plain words: one line, no stack. Errors that are not about the file system pass through. */
export function writeFailure(e: unknown, shown: string, lang: Lang): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string" || !/^E[A-Z]+$/.test(code)) return e;
  const key = WRITE_ERRORS[code];
  const reason = key ? cliText(lang, key) : cliText(lang, "out.failed", { reason: code });
  return new ExitError(2, `${shown}: ${reason}`);
}
