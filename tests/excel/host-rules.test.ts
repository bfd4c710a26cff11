// The adapter against the host rules Excel documents (tests/excel/host/rules.ts): each
// test fails if the adapter ignores its rule.
import ExcelJS from "exceljs";
import { AdapterError, classifyOfficeError } from "../../src/excel/errors";
import { importWorkbook } from "../../src/excel/import";
import { saveSetting } from "../../src/excel/ownership";
import { readSheets } from "../../src/excel/read";
import { writeLayouts } from "../../src/excel/write";
import { detectCapabilities } from "../../src/excel/requirements";
import { runExcel } from "../../src/excel/run";
import { ui } from "../../src/i18n/ui";
import { chooseImportedSheets } from "../../src/taskpane/import-plan";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { SAMPLE_HEADER, sampleCells, sampleModule, workbookOf } from "../helpers/xlsx";
import { contextOn, officeClient, useHost } from "./host/client";
import { ExcelHost, HostOptions } from "./host/host";
import { DocumentSettings } from "./host/settings";
import { WorkbookState } from "./host/state";
import { contextFor, evaluationRows, layoutsFor, sheetNames, snapshot, workbookWith } from "./helpers";
import { useExcelJsDecoder } from "./xlsx-decoder";

useExcelJsDecoder();

const mine = sampleModule.buildSampleRows().filter((r) => r.department === "企画調整課");

/** A department's workbook, adjusted with ExcelJS (a very hidden cover, a comment…). */
async function departmentFile(adjust: (wb: ExcelJS.Workbook) => void = () => undefined): Promise<string> {
  const wb = workbookOf([
    { name: "表紙", rows: [["企画調整課 令和4年度 評価シート"]] },
    { name: "評価シート", rows: [["企画調整課　数値目標・KPI評価（令和4年度実績）"], [], SAMPLE_HEADER, ...mine.map(sampleCells)] },
  ]);
  adjust(wb);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString("base64");
}

function importWith(state: WorkbookState, base64: string, options?: HostOptions, plan?: ExcelHost["failurePlan"]) {
  const host = new ExcelHost(state, options);
  host.failurePlan = plan;
  return importWorkbook(contextOn(host), base64, {
    fileName: "企画調整課.xlsx",
    choose: (inputs) => chooseImportedSheets(inputs, "企画調整課.xlsx", DEFAULT_SETTINGS, "ja"),
  });
}

describe("importing, as Excel documents it", () => {
  it("deletes a very hidden cover sheet of the file (made hidden first, as Excel requires)", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(2) }]);
    const base64 = await departmentFile((wb) => (wb.getWorksheet("表紙")!.state = "veryHidden"));
    const result = await importWith(state, base64);
    expect(result.dropped).toEqual(["表紙"]);
    expect(sheetNames(state)).toEqual(["評価", "企画調整課"]);
  });

  it("removes very hidden sheets of the file again when the import fails", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(2) }]);
    const before = snapshot(state);
    const base64 = await departmentFile((wb) => (wb.getWorksheet("表紙")!.state = "veryHidden"));
    const error = await importWith(state, base64, {}, ({ kind }) => (kind === "worksheet.name" ? { code: "Conflict" } : undefined)).catch((e: unknown) => e);
    expect((error as AdapterError).rolledBack).toBe(true);
    expect(sheetNames(state)).toEqual(["評価"]);
    expect(snapshot(state)).toEqual(before);
  });

  it("turns Excel on the web's UnsupportedFeature (a sheet with a comment) into the manual steps, workbook unchanged", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(2) }]);
    const base64 = await departmentFile((wb) => (wb.getWorksheet("評価シート")!.getCell("A1").note = "確認してください"));
    const error = await importWith(state, base64, { platform: "web" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).kind).toBe("unsupported");
    expect(ui("ja", "import.error.unsupported")).toContain("手作業");
    expect(sheetNames(state)).toEqual(["評価"]);
    // Excel on the desktop takes the same file.
    const desktop = workbookWith([{ name: "評価", rows: evaluationRows(2) }]);
    await importWith(desktop, base64, { platform: "desktop" });
    expect(sheetNames(desktop)).toEqual(["評価", "企画調整課"]);
  });

  it("turns a GeneralException of the insert into the manual steps", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(2) }]);
    const error = await importWith(state, await departmentFile(), {}, ({ kind }) =>
      kind === "workbook.insertWorksheetsFromBase64" ? { code: "GeneralException" } : undefined,
    ).catch((e: unknown) => e);
    expect((error as AdapterError).kind).toBe("general");
    expect(ui("ja", "import.error.general")).toContain("手作業");
    expect(sheetNames(state)).toEqual(["評価"]);
  });

  it("is not offered on iPad or iPhone even when ExcelApi 1.13 is reported", () => {
    const all = () => true;
    expect(detectCapabilities(all, "iOS").insertWorksheets).toBe(false);
    expect(detectCapabilities(all, "Android").insertWorksheets).toBe(false);
    expect(detectCapabilities(all, "OfficeOnline").insertWorksheets).toBe(true);
    expect(detectCapabilities(all, "PC").insertWorksheets).toBe(true);
  });
});

describe("errors, as Excel reports them", () => {
  it("are classified by code although a ja-JP Excel words them in Japanese", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(2) }]);
    state.sheets[0].protected = true;
    const host = new ExcelHost(state, { locale: "ja-JP" });
    const error = await (async () => {
      const ctx = contextOn(host);
      ctx.workbook.worksheets.getItem("評価").getRange("A1").values = [["x"]];
      await ctx.sync();
    })().catch((e: unknown) => e);
    expect((error as { message: string }).message).toMatch(/[ぁ-んァ-ン]/);
    expect((error as { code: string }).code).toBe("AccessDenied");
    expect(classifyOfficeError(error)).toBe("protected");
  });

  it("classifies every code the wrapper promises, each with words in both languages", () => {
    const cases: [string, string][] = [
      ["InvalidOperationInCellEditMode", "cellEdit"],
      ["ApiNotFound", "unsupported"],
      ["UnsupportedFeature", "unsupported"],
      ["RequestPayloadSizeLimitExceeded", "tooLarge"],
      ["InactiveWorkbook", "inactive"],
      ["AccessDenied", "protected"],
      ["ItemNotFound", "gone"],
      ["GeneralException", "general"],
    ];
    for (const [code, kind] of cases) {
      expect(classifyOfficeError({ code, message: "protected edit mode payload size" })).toBe(kind);
      for (const lang of ["ja", "en"] as const) {
        expect(ui(lang, `error.${kind}` as never)).not.toBe(`error.${kind}`);
        expect(ui(lang, `import.error.${kind}` as never)).not.toBe(`import.error.${kind}`);
      }
    }
    // The old, nonexistent code and message texts decide nothing.
    expect(classifyOfficeError({ code: "EditModeCannotPerformOperation", message: "edit mode" })).toBe("unknown");
  });
});

describe("cell edit mode", () => {
  it("fails a plain Excel.run with InvalidOperationInCellEditMode", async () => {
    const host = new ExcelHost(workbookWith([{ name: "評価", rows: evaluationRows(2) }]));
    host.cellEditMode = true;
    useHost(host);
    const error = await officeClient()
      .Excel.run((ctx) => readSheets(ctx, { fallbackFileName: "x" }))
      .catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe("InvalidOperationInCellEditMode");
    expect(classifyOfficeError(error)).toBe("cellEdit");
  });

  it("makes the add-in's runs wait until the user leaves the cell (delayForCellEdit)", async () => {
    const host = new ExcelHost(workbookWith([{ name: "評価", rows: evaluationRows(2) }]));
    host.cellEditMode = true;
    useHost(host);
    const reading = runExcel((ctx) => readSheets(ctx, { fallbackFileName: "x" }));
    setTimeout(() => host.leaveCellEdit(), 10);
    const read = await reading;
    expect(read.sheets.map((s) => s.sheet)).toEqual(["評価"]);
    expect(host.syncs.every((s) => s.flags & 64)).toBe(true);
  });
});

describe("writing, as Excel documents it", () => {
  const layoutsOf = (state: WorkbookState) => layoutsFor([{ file: "t.xlsx", sheet: "評価", rows: state.sheets[0].values }]);

  it("writes the sheets when Excel refuses the print settings, and says they were skipped", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(8) }]);
    const { fake, ctx } = contextFor(state);
    fake.failurePlan = ({ kind }) => (kind.startsWith("pageLayout.") ? { code: "GeneralException" } : undefined);
    const result = await writeLayouts(ctx, layoutsOf(state));
    expect(result.skipped.map((k) => k.what)).toEqual(["print"]);
    expect(result.skipped[0].sheets).toContain("評価集計");
    const summary = state.sheets.find((s) => s.name === "評価集計")!;
    expect(summary.values[0][0]).toMatch(/^○/);
    expect(summary.charts).toHaveLength(1);
    expect(summary.pageLayout.paperSize).toBeUndefined();
  });

  it("writes the sheets when Excel refuses the chart, and says it was skipped", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(8) }]);
    const { fake, ctx } = contextFor(state);
    fake.failurePlan = ({ kind }) => (kind === "chartCollection.add" ? { code: "GeneralException" } : undefined);
    const result = await writeLayouts(ctx, layoutsOf(state));
    expect(result.skipped.map((k) => k.what)).toEqual(["chart"]);
    const summary = state.sheets.find((s) => s.name === "評価集計")!;
    expect(summary.charts).toHaveLength(0);
    expect(summary.pageLayout.paperSize).toBe("A4");
  });

  it("cuts a text longer than a cell holds (32,767 characters) instead of failing the write", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(2) }]);
    const long = "長".repeat(40_000);
    const layout = { ...layoutsOf(state)[0], rows: [[{ value: long, style: "text" as const }]], merges: [] };
    delete (layout as { chart?: unknown }).chart;
    await writeLayouts(contextFor(state).ctx, [layout]);
    const written = state.sheets.find((s) => s.name === layout.name)!.values[0][0] as string;
    expect(written.length).toBe(32_767);
    expect(written.endsWith("…")).toBe(true);
  });
});

describe("merged areas, as Excel gives them", () => {
  /** n rows of an evaluation table, each row's C:D, E:F and G:H merged (3 merges a row). */
  function mergedSheet(n: number, perRow = 3): WorkbookState {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(n).map((r) => [...r, ...Array<string>(34).fill("x")]) }]);
    for (let r = 2; r < n + 2; r++) for (let k = 0; k < perRow; k++) state.sheets[0].merges.push(`${col(2 + 2 * k)}${r + 1}:${col(3 + 2 * k)}${r + 1}`);
    return state;
  }
  const col = (c: number): string => (c < 26 ? String.fromCharCode(65 + c) : `A${String.fromCharCode(65 + c - 26)}`);

  it("reads 600 merged areas although Excel refuses more than 512 in one request", async () => {
    const state = mergedSheet(200);
    const { fake, ctx } = contextFor(state);
    const read = await readSheets(ctx, { fallbackFileName: "x" });
    expect(read.sheets[0].merges).toHaveLength(600);
    expect(read.warnings).toEqual([]);
    // Refused once for the whole chunk, then asked in thinner slices.
    expect(fake.syncs.filter((s) => s.failed)).toHaveLength(1);
  });

  it("reads a merge crossing the edge of a slice of rows once, whole", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(600) }]);
    state.sheets[0].merges.push("A250:A270");
    const read = await readSheets(contextFor(state).ctx, { fallbackFileName: "x" });
    expect(read.sheets[0].merges).toEqual([{ top: 249, left: 0, bottom: 269, right: 0 }]);
  });

  it("reads the values without merges, and says so, when Excel refuses them even in thin slices", async () => {
    const state = mergedSheet(60, 20);
    const { fake, ctx } = contextFor(state);
    const read = await readSheets(ctx, { fallbackFileName: "x" });
    expect(read.sheets[0].rows).toHaveLength(62);
    expect(read.sheets[0].merges).toEqual([]);
    expect(read.warnings).toEqual([{ kind: "mergesSkipped", sheet: "評価" }]);
    expect(ui("ja", "read.mergesSkipped", { sheet: "評価" })).toContain("評価");
    expect(fake.syncs.some((s) => s.failed)).toBe(true);
  });
});

describe("Microsoft's client under the adapter", () => {
  it("throws PropertyNotLoaded for a property not loaded, and a setter updates the proxy's own value", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(2) }]);
    const { ctx } = contextFor(state);
    const ws = ctx.workbook.worksheets.getItem("評価");
    let code = "";
    try {
      void ws.visibility;
    } catch (e) {
      code = (e as { code: string }).code;
    }
    expect(code).toBe("PropertyNotLoaded");
    ws.name = "評価2";
    expect(ws.name).toBe("評価2");
    await ctx.sync();
    expect(state.sheets[0].name).toBe("評価2");
  });

  it("rewrites a formula pointing at a sheet the add-in renames, and turns it into #REF! when the sheet is deleted", async () => {
    const state = workbookWith([
      { name: "評価", rows: evaluationRows(2) },
      { name: "メモ", rows: [["='評価'!A1"]] },
      { name: "仮", rows: [["x"]] },
    ]);
    state.sheets[1].interpreted.add("A1");
    const { ctx } = contextFor(state);
    ctx.workbook.worksheets.getItem("評価").name = "評価R4";
    await ctx.sync();
    expect(state.sheets[1].values[0][0]).toBe("='評価R4'!A1");
    ctx.workbook.worksheets.getItem("評価R4").delete();
    await ctx.sync();
    expect(state.sheets[0].values[0][0]).toBe("=#REF!A1");
  });
});

describe("document settings (Office.context.document.settings; not part of the RichApi, so a stand-in)", () => {
  it("report when saveAsync fails, so the pane can say the choice was not saved", async () => {
    const settings = new DocumentSettings();
    expect(await saveSetting("k", { a: 1 }, settings as unknown as Office.Settings)).toBe(true);
    settings.failSave = { code: 5009, message: "read-only" };
    expect(await saveSetting("k", { a: 2 }, settings as unknown as Office.Settings)).toBe(false);
    expect(ui("ja", "mapping.notSaved")).toContain("保存できませんでした");
  });
});
