// The adapter against the host rules Excel documents (tests/excel/host/rules.ts): each
// test fails if the adapter ignores its rule.
import ExcelJS from "exceljs";
import { AdapterError, classifyOfficeError } from "../../src/excel/errors";
import { importWorkbook } from "../../src/excel/import";
import { readSheets } from "../../src/excel/read";
import { detectCapabilities } from "../../src/excel/requirements";
import { runExcel } from "../../src/excel/run";
import { ui } from "../../src/i18n/ui";
import { chooseImportedSheets } from "../../src/taskpane/import-plan";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { SAMPLE_HEADER, sampleCells, sampleModule, workbookOf } from "../helpers/xlsx";
import { contextOn, officeClient, useHost } from "./host/client";
import { ExcelHost, HostOptions } from "./host/host";
import { WorkbookState } from "./host/state";
import { evaluationRows, sheetNames, snapshot, workbookWith } from "./helpers";
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
