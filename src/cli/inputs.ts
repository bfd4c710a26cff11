// What the command line reads: files and folders expanded into .xlsx paths, and the inputs
// it could not use, each with a reason. One rule for every input that cannot be used
// (missing, no permission, unreadable): given alone it stops the run (exit 2); among
// several it is reported and the others are still consolidated.

import * as fs from "fs";
import * as path from "path";
import { Lang } from "../core/types";
import { cliText } from "../i18n/cli";
import { ExitError } from "./errors";

/** An input the run could not use, and why (in the user's language). */
export interface SkippedInput {
  readonly input: string;
  readonly reason: string;
}

export interface CollectedInputs {
  /** Absolute .xlsx paths, in the order given (a folder's files sorted by name), without repeats. */
  readonly files: string[];
  readonly skipped: SkippedInput[];
}

function statError(e: unknown, lang: Lang): string {
  const code = (e as NodeJS.ErrnoException).code;
  return cliText(lang, code === "EACCES" || code === "EPERM" ? "input.denied" : "input.notFound");
}

function folderFiles(dir: string, recursive: boolean, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && recursive) folderFiles(full, recursive, out);
    else if (entry.isFile() && /\.xlsx$/i.test(entry.name) && !entry.name.startsWith("~$")) out.push(full);
  }
}

/** Expand files and folders into .xlsx paths (a folder: its .xlsx files; --recursive: below too). */
export function collectInputs(inputs: readonly string[], recursive: boolean, cwd: string, lang: Lang): CollectedInputs {
  const files: string[] = [];
  const skipped: SkippedInput[] = [];
  for (const input of inputs) {
    const p = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      skipped.push({ input, reason: statError(e, lang) });
      continue;
    }
    if (!stat.isDirectory()) {
      files.push(p);
      continue;
    }
    const before = files.length;
    try {
      folderFiles(p, recursive, files);
    } catch (e) {
      skipped.push({ input, reason: statError(e, lang) });
      continue;
    }
    if (files.length === before) {
      skipped.push({ input, reason: cliText(lang, "input.emptyFolder") + (recursive ? "" : cliText(lang, "input.emptyFolderRecursive")) });
    }
  }
  return { files: [...new Set(files)], skipped };
}

/**
 * The files to read, or a one-line exit 2 when nothing can be read: with one input, its own
 * reason; with several and none usable, every reason. Otherwise the skipped inputs are
 * reported on stderr, one line each, and the run goes on with the rest.
 */
export function filesToRead(collected: CollectedInputs, inputCount: number, stderr: (s: string) => void, lang: Lang): string[] {
  const { files, skipped } = collected;
  if (files.length === 0) {
    if (skipped.length === 0) throw new ExitError(2, cliText(lang, "input.noFiles"));
    throw new ExitError(2, skipped.map((s) => `${s.input}: ${s.reason}`).join("; "));
  }
  if (inputCount === 1 && skipped.length > 0) throw new ExitError(2, `${skipped[0].input}: ${skipped[0].reason}`);
  for (const s of skipped) stderr(`${s.input}: ${s.reason}\n`);
  return files;
}
