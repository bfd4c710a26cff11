// Random .xlsx files through the CLI: it never throws, never hangs, exits 0 or 1 with a
// one-line reason, and the JSON it prints is always a valid report.

import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { HEADER } from "../helpers/grid";
import { memoryIo, removeDir, SheetSpec, tmpDir, writeXlsx } from "../helpers/xlsx";

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => removeDir(dir));

const cell = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom("基本目標1", "Ａ", "ＫＰＩ", "△5", "1,234", "－", "令和4年度", "※注記", "小計", "=1+1", "+81", "@x"),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2040, 0, 1)), noInvalidDate: true }),
  fc.constantFrom(
    { error: "#N/A" },
    { error: "#DIV/0!" },
    { richText: [{ text: "リッチ" }, { font: { bold: true }, text: "テキスト" }] },
    { formula: "1+2", result: 3 },
    { formula: "A1", result: { error: "#REF!" } },
  ),
  fc.constant("字".repeat(40000)),
);

const sheetArb = (name: string): fc.Arbitrary<SheetSpec> =>
  fc
    .record({
      withHeader: fc.boolean(),
      rows: fc.array(fc.array(cell, { maxLength: 20 }), { maxLength: 10 }),
      merge: fc.option(
        fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 })),
        { nil: undefined },
      ),
      hidden: fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }),
      wide: fc.boolean(),
    })
    .map(({ withHeader, rows, merge, hidden, wide }) => {
      const all: unknown[][] = withHeader ? [[...HEADER], ...rows] : rows;
      if (wide) all.push(Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? i : null)));
      const merges = merge ? [`${String.fromCharCode(64 + merge[1])}${merge[0]}:${String.fromCharCode(64 + merge[1] + merge[3])}${merge[0] + merge[2]}`] : [];
      return { name, rows: all, merges, hiddenRows: [...new Set(hidden)] };
    });

describe("random workbooks through the CLI", () => {
  it("never throws, exits 0 or 1, and prints a valid report or a one-line reason", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(fc.constantFrom("評価シート", "Sheet2", "空", "表紙"), { minLength: 1, maxLength: 3 })
          .chain((names) => fc.tuple(...[...new Set(names)].map(sheetArb))),
        async (sheets) => {
          const file = `f${n++}.xlsx`;
          await writeXlsx(path.join(dir, file), sheets);
          const m = memoryIo(dir);
          const code = await main(["summarize", file, "--json", "-"], m.io);
          expect([0, 1]).toContain(code);
          expect(m.err()).not.toMatch(/^\s+at /m);
          if (code === 0) {
            const report = JSON.parse(m.out());
            expect(report.schemaVersion).toBe(1);
            expect(m.err()).toBe("");
          } else {
            expect(
              m
                .err()
                .split("\n")
                .filter((l) => l !== ""),
            ).toHaveLength(1);
          }
          fs.rmSync(path.join(dir, file));
        },
      ),
      { seed: 42, numRuns: 25 },
    );
  }, 60000);
});
