import { SheetLayout } from "../../src/core/layout-types";
import { AdapterError } from "../../src/excel/errors";
import { writeLayouts, WriteResult } from "../../src/excel/write";
import { contextOn } from "./host/client";
import { ExcelHost, InjectedFailure } from "./host/host";
import { WorkbookState } from "./host/state";
import { evaluationRows, layoutsFor, sheetNames, snapshot, workbookWith } from "./helpers";

const FAILURES: InjectedFailure[] = [
  { code: "AccessDenied" },
  { code: "AccessDenied" },
  { code: "Conflict" },
  { code: "RequestPayloadSizeLimitExceeded" },
  { code: "GeneralException" },
];

function inputsOf(n: number) {
  return [{ file: "test.xlsx", sheet: "評価", rows: evaluationRows(n) }];
}

/** Total operations of a successful write, to inject a failure at each one. */
async function countOps(state: WorkbookState, layouts: SheetLayout[]): Promise<number> {
  const fake = new ExcelHost(structuredClone(state));
  await writeLayouts(contextOn(fake), layouts);
  return fake.syncs.reduce((n, s) => n + s.ops, 0);
}

/** Runs the write with one failure at operation `at` (transient: recovery is not failed). */
async function writeFailingAt(
  state: WorkbookState,
  layouts: SheetLayout[],
  at: number,
  failure: InjectedFailure,
): Promise<{ error?: unknown; result?: WriteResult; kind?: string | undefined }> {
  const fake = new ExcelHost(state);
  let kind: string | undefined;
  fake.failurePlan = (op) => (op.index === at ? ((kind = op.kind), failure) : undefined);
  try {
    return { result: await writeLayouts(contextOn(fake), layouts), kind };
  } catch (e) {
    return { error: e, kind };
  }
}

describe("a failure while writing", () => {
  const layouts = layoutsFor(inputsOf(8));

  it("injected at each step of a first write leaves the workbook as before, or (print settings, chart) writes the sheets and says what was skipped", async () => {
    const base = workbookWith([
      { name: "評価", rows: evaluationRows(8) },
      { name: "メモ", rows: [["=これは文字"]] },
    ]);
    const total = await countOps(base, layouts);
    expect(total).toBeGreaterThan(20);
    let skipped = 0;
    for (let at = 0; at < total; at++) {
      const state = structuredClone(base);
      const before = snapshot(state);
      const { error, result } = await writeFailingAt(state, layouts, at, FAILURES[at % FAILURES.length]);
      if (result) {
        // Only the last, best-effort step may fail without undoing the write (tried again alone, or skipped and said).
        expect(sheetNames(state)).toEqual([...sheetNames(base), ...layouts.map((l) => l.name)]);
        skipped++;
        continue;
      }
      expect(error).toBeInstanceOf(AdapterError);
      expect((error as AdapterError).rolledBack).toBe(true);
      expect(sheetNames(state)).toEqual(sheetNames(base));
      expect(snapshot(state)).toEqual(before);
    }
    expect(skipped).toBeGreaterThan(0);
    expect(skipped).toBeLessThan(total / 4);
  }, 300_000);

  it("injected at each step of a second write leaves either the previous output or the new one, complete", async () => {
    const base = workbookWith([{ name: "評価", rows: evaluationRows(8) }]);
    await writeLayouts(contextOn(new ExcelHost(base)), layouts);
    const newLayouts = layoutsFor(inputsOf(12));
    const done = structuredClone(base);
    await writeLayouts(contextOn(new ExcelHost(done)), newLayouts);
    const oldOutput = snapshot(base);
    const newOutput = snapshot(done);
    const total = await countOps(base, newLayouts);
    let rolledForward = 0;
    for (let at = 0; at < total; at++) {
      const state = structuredClone(base);
      const { error } = await writeFailingAt(state, newLayouts, at, FAILURES[at % FAILURES.length]);
      expect(sheetNames(state).sort()).toEqual(sheetNames(base).sort());
      const now = snapshot(state);
      if (error) {
        expect(error).toBeInstanceOf(AdapterError);
        expect(now).toEqual(oldOutput);
      } else {
        rolledForward++;
        for (const name of Object.keys(now)) expect(now[name]).toBe(newOutput[name]);
      }
    }
    expect(rolledForward).toBeLessThan(total);
  }, 300_000);

  it("on a protected workbook says so and adds nothing", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(4) }]);
    const fake = new ExcelHost(state);
    fake.failurePlan = ({ kind }) => (kind === "worksheetCollection.add" ? FAILURES[1] : undefined);
    const error = await writeLayouts(contextOn(fake), layouts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).kind).toBe("protected");
    expect(sheetNames(state)).toEqual(["評価"]);
  });

  it("reports when cleaning up failed too, so the user can check the sheet tabs", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(4) }]);
    const fake = new ExcelHost(state);
    fake.failurePlan = ({ kind }) => (kind === "range.values" || kind === "worksheet.delete" ? FAILURES[2] : undefined);
    const error = await writeLayouts(contextOn(fake), layouts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).rolledBack).toBe(false);
    expect((error as AdapterError).kind).toBe("conflict");
    expect(sheetNames(state).filter((n) => n.startsWith("~")).length).toBeGreaterThan(0);
  });
});
