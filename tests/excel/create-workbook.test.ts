// Excel.createWorkbook on Microsoft's real Excel client against the host simulator: the
// add-in's next-year workbooks, built by the pane's chunk from the sample, open as new
// workbooks (this one unchanged); a file Excel cannot read is refused.

import { runEngine } from "../../src/core/engine";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { openAsNewWorkbooks } from "../../src/excel/create-workbook";
import { buildNextYearBooks } from "../../src/taskpane/next-year-books";
import { readWorkbookFile } from "../../src/xlsx/read";
import { officeClient, useHost } from "./host/client";
import { ExcelHost } from "./host/host";
import { sampleWorkbook } from "./helpers";
import { decodeXlsx } from "./xlsx-decoder";

describe("Excel.createWorkbook on the real client", () => {
  it("opens the master and every department's next-year workbook as new workbooks, leaving this one as it was", async () => {
    officeClient();
    const state = await sampleWorkbook();
    const before = JSON.stringify(state.sheets.map((s) => [s.name, s.values]));
    const host = new ExcelHost(state, { decode: decodeXlsx });
    useHost(host);
    const inputs = await readWorkbookFile("samples/sample-evaluation.xlsx");
    const result = runEngine(inputs, { settings: DEFAULT_SETTINGS, lang: "ja" });
    const books = await buildNextYearBooks(result, DEFAULT_SETTINGS, "ja");
    const seen: number[] = [];
    await openAsNewWorkbooks(
      books.map((b) => b.base64),
      (done) => seen.push(done),
    );
    expect(seen).toEqual(books.map((_, i) => i + 1));
    const created = state.created ?? [];
    expect(created.map((c) => c.base64)).toEqual(books.map((b) => b.base64));
    expect(created[0].sheets).toEqual(["全課", "記入要領", "改訂後の指標一覧"]);
    for (const c of created.slice(1)) expect(c.sheets).toHaveLength(2);
    expect(books.length).toBeGreaterThan(2);
    expect(JSON.stringify(state.sheets.map((s) => [s.name, s.values]))).toBe(before);
  }, 60_000);

  it("refuses a file that is not a workbook, and opens nothing", async () => {
    officeClient();
    const state = await sampleWorkbook();
    useHost(new ExcelHost(state, { decode: decodeXlsx }));
    await expect(openAsNewWorkbooks([Buffer.from("not a workbook").toString("base64")])).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(state.created ?? []).toEqual([]);
  });
});
