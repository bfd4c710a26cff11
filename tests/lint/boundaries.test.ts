// The import boundaries of eslint.config.mjs bite: fixtures outside src are linted with the
// project's own config, as if they were files of src/core, src/excel or src/taskpane
// (ESLint's API, in a child process: ESLint loads its config as an ES module).

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(__dirname, "fixtures");

interface Finding {
  readonly ruleId: string | null;
  readonly line: number;
  readonly message: string;
}

/**
 * The project's ESLint config on fixtures' text, each as if the file were at its path, in one
 * child process; type-aware rules off (the files are not in the project).
 */
function lintAll(cases: readonly (readonly [string, string])[]): Finding[][] {
  const inputs = cases.map(([fixture, asPath]) => ({ text: fs.readFileSync(path.join(FIXTURES, fixture), "utf8"), filePath: path.join(ROOT, asPath) }));
  const script = `
    const { ESLint } = require("eslint");
    const tseslint = require("typescript-eslint");
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: [tseslint.configs.disableTypeChecked] });
      const out = [];
      for (const input of JSON.parse(process.argv[1])) {
        const [result] = await eslint.lintText(input.text, { filePath: input.filePath });
        out.push(result.messages.map((m) => ({ ruleId: m.ruleId, line: m.line, message: m.message })));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { process.stderr.write(String((e && e.stack) || e)); process.exit(2); });
  `;
  const r = spawnSync(process.execPath, ["-e", script, JSON.stringify(inputs)], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Finding[][];
}

const boundaryLines = (findings: readonly Finding[]): number[] =>
  findings
    .filter((f) => f.ruleId === "no-restricted-imports" || f.ruleId === "no-restricted-globals")
    .map((f) => f.line)
    .sort((a, b) => a - b);

describe("the import boundaries", () => {
  let core: Finding[], coreAllowed: Finding[], excel: Finding[], taskpane: Finding[], cli: Finding[];
  beforeAll(() => {
    [core, coreAllowed, excel, taskpane, cli] = lintAll([
      ["core-forbidden.ts", "src/core/boundary-fixture.ts"],
      ["core-allowed.ts", "src/core/boundary-fixture.ts"],
      ["adapters-forbidden.ts", "src/excel/boundary-fixture.ts"],
      ["adapters-forbidden.ts", "src/taskpane/boundary-fixture.ts"],
      ["adapters-forbidden.ts", "src/cli/boundary-fixture.ts"],
    ]);
  });

  it("refuse ExcelJS, Node, another folder of src, the DOM and Office in src/core", () => {
    // exceljs, fs, node:fs/promises, ../excel, ../i18n on lines 2–6; document and Office on line 8.
    expect(boundaryLines(core)).toEqual([2, 3, 4, 5, 6, 8, 8]);
    expect(core.find((f) => f.line === 5)?.message).toMatch(/src\/core imports nothing from the other folders/);
  });

  it("let src/core import from inside the core", () => expect(boundaryLines(coreAllowed)).toEqual([]));

  it("keep the ExcelJS adapter out of the Office.js adapter and the task pane, but not out of the CLI", () => {
    expect(boundaryLines(excel)).toEqual([2]);
    expect(boundaryLines(taskpane)).toEqual([2]);
    expect(boundaryLines(cli)).toEqual([]);
  });
});
