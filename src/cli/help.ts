// The command line's own words around commander: the language chosen from argv, --help and
// --version in that language, and commander's usage errors as one line in that language.

import { Command, CommanderError, Help, Option } from "commander";
import * as fs from "fs";
import * as path from "path";
import { Lang } from "../core/types";
import { CliKey, cliText } from "../i18n/cli";

/** --lang from argv (`--lang en` or `--lang=en`), before commander parses it; Japanese by default. */
export function langOfArgv(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i] === "--lang" ? argv[i + 1] : argv[i].startsWith("--lang=") ? argv[i].slice(7) : undefined;
    if (value === "en") return "en";
  }
  return "ja";
}

/** The version in package.json (lib/cli and src/cli are both two folders below it). */
export function packageVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version?: string }).version ?? "";
  } catch {
    return "";
  }
}

const TITLES = ["Usage:", "Options:", "Arguments:", "Commands:", "Global Options:"] as const;

/** --help, --version and the help command in the user's language; inherited by the subcommands added after it. */
export function localizeProgram(program: Command, lang: Lang): Command {
  const title = (s: string): string => (TITLES.includes(s as (typeof TITLES)[number]) ? cliText(lang, `help.title.${s}` as CliKey) : s);
  return program
    .version(packageVersion(), "-V, --version", cliText(lang, "help.version"))
    .helpOption("-h, --help", cliText(lang, "help.help"))
    .helpCommand("help [command]", cliText(lang, "help.helpCommand"))
    .configureHelp({
      styleTitle: title,
      // The descriptions in the catalogs already name the choices and the default.
      optionDescription: (option: Option) => option.description,
    } as Partial<Help>);
}

const USAGE_CODES = new Set(["unknownOption", "unknownCommand", "missingArgument", "optionMissingArgument", "invalidArgument", "excessArguments"]);

/** One line for a commander usage error: what is wrong in the user's language, commander's detail, and where help is. */
export function usageErrorLine(e: CommanderError, lang: Lang): string {
  const code = e.code.replace(/^commander\./, "");
  const what = cliText(lang, USAGE_CODES.has(code) ? (`usage.commander.${code}` as CliKey) : "usage.other");
  const detail = e.message
    .replace(/^error:\s*/, "")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join(" ");
  return lang === "en" ? `${detail} (${cliText(lang, "usage.hint")})` : `${what}（${detail}）。${cliText(lang, "usage.hint")}`;
}
