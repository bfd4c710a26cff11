// Importing department workbooks into the open one (insertWorksheetsFromBase64), against
// the host simulator through Microsoft's Excel client: the sample split by department, built here with ExcelJS.
import { runEngine } from "../../src/core/engine";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { AdapterError } from "../../src/excel/errors";
import { cleanSheetName, freeSheetName, importWorkbook, ImportResult, MAX_SHEET_NAME } from "../../src/excel/import";
import { readSheets } from "../../src/excel/read";
import { detectCapabilities, missingFeatures } from "../../src/excel/requirements";
import { ui } from "../../src/i18n/ui";
import { chooseImportedSheets, commonDepartment, fileBaseName } from "../../src/taskpane/import-plan";
import { SEED_INDICATORS, SEED_TALLY } from "../helpers/seed";
import { SAMPLE_HEADER, sampleCells, sampleModule, SampleRow, SheetSpec, workbookOf } from "../helpers/xlsx";
import { contextOn } from "./host/client";
import { ExcelHost, InjectedFailure } from "./host/host";
import { WorkbookState } from "./host/state";
import { evaluationRows, HEADER, sheetNames, snapshot, workbookWith } from "./helpers";
import { useExcelJsDecoder } from "./xlsx-decoder";

useExcelJsDecoder();

const settings = DEFAULT_SETTINGS;
const rows = sampleModule.buildSampleRows();
const departments = [...new Set(rows.map((r) => r.department))];

async function base64Of(sheets: readonly SheetSpec[]): Promise<string> {
  const buf = await workbookOf(sheets).xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer).toString("base64");
}

/** A department's workbook: a cover sheet, then its evaluation sheet. */
function departmentSheets(title: string, mine: readonly SampleRow[]): SheetSpec[] {
  return [
    { name: "表紙", rows: [[`${title} 令和4年度 評価シート`], ["提出日", "令和5年6月1日"]] },
    { name: "評価シート", rows: [[`${title}　数値目標・KPI評価（令和4年度実績）`], [], SAMPLE_HEADER, ...mine.map(sampleCells)] },
  ];
}

async function importInto(state: WorkbookState, fileName: string, base64: string): Promise<{ result: ImportResult; syncs: number }> {
  const fake = new ExcelHost(state);
  const result = await importWorkbook(contextOn(fake), base64, {
    fileName,
    choose: (inputs) => chooseImportedSheets(inputs, fileName, settings, "ja"),
  });
  return { result, syncs: fake.syncs.length };
}

async function tallyOf(state: WorkbookState) {
  const read = await readSheets(contextOn(new ExcelHost(state)), { fallbackFileName: "このブック" });
  return runEngine(read.sheets, { settings, lang: "ja" });
}

describe("importing department workbooks", () => {
  let files: { name: string; base64: string }[];
  beforeAll(async () => {
    files = [];
    for (const d of departments)
      files.push({
        name: `${d}.xlsx`,
        base64: await base64Of(
          departmentSheets(
            d,
            rows.filter((r) => r.department === d),
          ),
        ),
      });
  });

  it("gives the seed's tally once every department's workbook is imported, one sheet per department", async () => {
    const state = workbookWith([{ name: "はじめに", rows: [["令和4年度 評価の集約"]] }]);
    for (const f of files) {
      const { result } = await importInto(state, f.name, f.base64);
      expect(result.kept.map((k) => k.name)).toEqual([f.name.replace(".xlsx", "")]);
      expect(result.dropped).toEqual(["表紙"]);
    }
    expect(sheetNames(state)).toEqual(["はじめに", ...departments]);
    const result = await tallyOf(state);
    expect(result.indicators).toHaveLength(SEED_INDICATORS);
    expect(result.tally).toMatchObject(SEED_TALLY);
    expect(result.diagnostics.filter((d) => d.code === "indicator.duplicate")).toEqual([]);
    // 提出状況: one row per department, nothing ungraded.
    expect(result.completion.map((r) => r.department).sort()).toEqual([...departments].sort());
    expect(result.completion.every((r) => r.ungraded === 0)).toBe(true);
  });

  it("gives the seed's tally from two workbooks holding several departments each, named after their files", async () => {
    const half = Math.ceil(departments.length / 2);
    const parts = [departments.slice(0, half), departments.slice(half)];
    const state = workbookWith([{ name: "はじめに", rows: [["集約"]] }]);
    for (const [i, part] of parts.entries()) {
      const name = `第${i + 1}グループ.xlsx`;
      const { result } = await importInto(
        state,
        name,
        await base64Of(
          departmentSheets(
            name,
            rows.filter((r) => part.includes(r.department)),
          ),
        ),
      );
      expect(result.kept.map((k) => k.name)).toEqual([`第${i + 1}グループ`]);
    }
    expect(sheetNames(state)).toEqual(["はじめに", "第1グループ", "第2グループ"]);
    const result = await tallyOf(state);
    expect(result.tally.total).toEqual(SEED_TALLY.total);
    expect(result.tally).toMatchObject(SEED_TALLY);
  });

  it("does not keep a cover sheet, a settings sheet or an output sheet of this tool from the file", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(3) }]);
    const before = snapshot(state);
    const base64 = await base64Of([
      ...departmentSheets(
        "企画調整課",
        rows.filter((r) => r.department === "企画調整課"),
      ),
      {
        name: "設定",
        rows: [
          ["項目", "値"],
          ["duplicatePolicy", "first"],
        ],
      },
      { name: "評価集計", rows: [["○令和4年度実績における評価"], [], HEADER] },
      { name: "メモ", rows: [["課内メモ"]] },
    ]);
    const { result } = await importInto(state, "企画調整課.xlsx", base64);
    expect(result.kept.map((k) => k.name)).toEqual(["企画調整課"]);
    expect([...result.dropped].sort()).toEqual(["メモ", "表紙", "評価集計", "設定"].sort());
    expect(sheetNames(state)).toEqual(["評価", "企画調整課"]);
    // The sheets there before are untouched; the imported one is an ordinary user sheet.
    expect(snapshot(state)["評価"]).toBe(before["評価"]);
    expect(state.sheets[1].customProperties.size).toBe(0);
  });

  it('names a sheet "name (2)" when the workbook already has that name, and leaves the existing sheet alone', async () => {
    const state = workbookWith([
      { name: "企画調整課", rows: [["自分のメモ"]] },
      { name: "評価シート", rows: [["既存"]] },
    ]);
    const base64 = await base64Of(
      departmentSheets(
        "企画調整課",
        rows.filter((r) => r.department === "企画調整課"),
      ),
    );
    const { result } = await importInto(state, "企画調整課.xlsx", base64);
    expect(result.kept).toEqual([{ from: "評価シート (2)", wanted: "企画調整課", name: "企画調整課 (2)" }]);
    expect(sheetNames(state)).toEqual(["企画調整課", "評価シート", "企画調整課 (2)"]);
    expect(state.sheets[0].values).toEqual([["自分のメモ"]]);
    expect(state.sheets[1].values).toEqual([["既存"]]);
    // A second import of the same department: (3).
    await importInto(state, "企画調整課.xlsx", base64);
    expect(sheetNames(state)).toEqual(["企画調整課", "評価シート", "企画調整課 (2)", "企画調整課 (3)"]);
  });

  it("names a sheet without one common department after its file, cleaned to what Excel accepts", async () => {
    const mixed = rows.filter((r) => r.goal === 1).slice(0, 6);
    expect(new Set(mixed.map((r) => r.department)).size).toBeGreaterThan(1);
    const state = workbookWith([{ name: "メモ", rows: [["x"]] }]);
    const fileName = "[第2期]総合戦略:評価/集約?版*とても長いファイル名のブック.xlsx";
    const { result } = await importInto(state, fileName, await base64Of(departmentSheets("混在", mixed)));
    const name = result.kept[0].name;
    expect(name.length).toBeLessThanOrEqual(MAX_SHEET_NAME);
    expect(name).not.toMatch(/[:\\/?*[\]]/);
    expect(name.startsWith("_第2期_総合戦略_評価_集約_版_とても長い")).toBe(true);
  });

  it("never names a sheet like an output sheet, which would not be read", async () => {
    const state = workbookWith([{ name: "メモ", rows: [["x"]] }]);
    const mixed = rows.filter((r) => r.goal === 2).slice(0, 4);
    const { result } = await importInto(state, "評価集計.xlsx", await base64Of(departmentSheets("混在", mixed)));
    expect(result.kept.map((k) => k.name)).toEqual(["評価集計_取込"]);
    expect((await tallyOf(state)).indicators).toHaveLength(4);
  });

  it("keeps nothing from a workbook without an evaluation sheet, and says so", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(2) }]);
    const { result } = await importInto(
      state,
      "表紙だけ.xlsx",
      await base64Of([
        { name: "表紙", rows: [["表紙"]] },
        { name: "Sheet2", rows: [] },
      ]),
    );
    expect(result.kept).toEqual([]);
    expect(sheetNames(state)).toEqual(["評価"]);
  });

  it("takes the same number of syncs for a 5-indicator and a 500-indicator file", async () => {
    const counts: number[] = [];
    for (const n of [5, 500]) {
      const state = workbookWith([{ name: "メモ", rows: [["x"]] }]);
      const base64 = await base64Of([
        { name: "表紙", rows: [["表紙"]] },
        { name: "評価", rows: evaluationRows(n).map((r, i) => (i < 2 ? r : r.map((v, j) => (j === 8 ? "企画課" : v)))) },
      ]);
      const { result, syncs } = await importInto(state, `課${n}.xlsx`, base64);
      expect(result.kept.map((k) => k.name)).toEqual(["企画課"]);
      expect(state.sheets[1].values.length).toBe(n + 2);
      counts.push(syncs);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBe(6);
  });
});

describe("a failure while importing", () => {
  const FAILURES: InjectedFailure[] = [
    { code: "AccessDenied" },
    { code: "Conflict" },
    { code: "GeneralException" },
    { code: "RequestPayloadSizeLimitExceeded" },
  ];
  let base64: string;
  let base: WorkbookState;
  beforeAll(async () => {
    base64 = await base64Of(
      departmentSheets(
        "企画調整課",
        rows.filter((r) => r.department === "企画調整課"),
      ),
    );
    base = workbookWith([
      { name: "評価シート", rows: evaluationRows(4) },
      { name: "企画調整課", rows: [["メモ"]] },
    ]);
  });

  it("injected at each step leaves the sheet list and every sheet as before, and says it was rolled back", async () => {
    const done = structuredClone(base);
    const probe = new ExcelHost(done);
    await importWorkbook(contextOn(probe), base64, {
      fileName: "f.xlsx",
      choose: (i) => chooseImportedSheets(i, "f.xlsx", settings, "ja"),
    });
    const total = probe.syncs.reduce((n, s) => n + s.ops, 0);
    expect(total).toBeGreaterThan(10);
    let failed = 0;
    for (let at = 0; at < total; at++) {
      const state = structuredClone(base);
      const before = snapshot(state);
      const fake = new ExcelHost(state);
      let kind = "";
      fake.failurePlan = (op) => (op.index === at ? ((kind = op.kind), FAILURES[at % FAILURES.length]) : undefined);
      const error = await importWorkbook(contextOn(fake), base64, {
        fileName: "f.xlsx",
        choose: (i) => chooseImportedSheets(i, "f.xlsx", settings, "ja"),
      }).catch((e: unknown) => e);
      if (!(error instanceof AdapterError)) {
        // Only a read is retried (in smaller pieces, or without merged areas), and then the import completes.
        expect(kind).toMatch(/^(range|rangeAreas|worksheet)\.(load|getRangeByIndexes|getMergedAreasOrNullObject)$/);
        expect(sheetNames(state)).toEqual(sheetNames(done));
        continue;
      }
      failed++;
      expect(error.rolledBack).toBe(true);
      expect(sheetNames(state)).toEqual(sheetNames(base));
      expect(snapshot(state)).toEqual(before);
    }
    expect(failed).toBeGreaterThan(total / 2);
  }, 120_000);

  it("on a protected workbook says so and adds nothing", async () => {
    const state = structuredClone(base);
    const fake = new ExcelHost(state);
    fake.failurePlan = ({ kind }) => (kind === "workbook.insertWorksheetsFromBase64" ? FAILURES[0] : undefined);
    const error = await importWorkbook(contextOn(fake), base64, { fileName: "f.xlsx", choose: () => [] }).catch((e: unknown) => e);
    expect((error as AdapterError).kind).toBe("protected");
    expect(sheetNames(state)).toEqual(sheetNames(base));
  });

  it("reports when removing the inserted sheets failed too", async () => {
    const state = structuredClone(base);
    const fake = new ExcelHost(state);
    fake.failurePlan = ({ kind }) => (kind === "worksheet.name" || kind === "worksheet.delete" ? FAILURES[1] : undefined);
    const error = await importWorkbook(contextOn(fake), base64, {
      fileName: "f.xlsx",
      choose: (i) => chooseImportedSheets(i, "f.xlsx", settings, "ja"),
    }).catch((e: unknown) => e);
    expect((error as AdapterError).rolledBack).toBe(false);
    expect((error as AdapterError).kind).toBe("conflict");
  });

  it("turns a file that is not a workbook into an error and adds nothing", async () => {
    const state = structuredClone(base);
    const error = await importWorkbook(contextOn(new ExcelHost(state)), Buffer.from("not a zip").toString("base64"), {
      fileName: "x.xlsx",
      choose: () => [],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect(sheetNames(state)).toEqual(sheetNames(base));
  });
});

describe("on an Excel without ExcelApi 1.13", () => {
  const upTo = (max: number) => (name: string, version: string) => name === "ExcelApi" && Number(version.split(".")[1]) <= max;

  it("finds no import and says in words how to copy the sheets by hand", () => {
    const caps = detectCapabilities(upTo(12));
    expect(caps.insertWorksheets).toBe(false);
    expect(missingFeatures(caps).map((m) => m.feature)).toContain("insertWorksheets");
    expect(ui("ja", "import.manual")).toContain("1.13");
    expect(ui("ja", "import.manualSteps")).toContain("右クリック");
    expect(ui("ja", "import.manualSteps")).toContain("移動またはコピー");
    expect(ui("en", "import.manualSteps")).toContain("Move or Copy");
    expect(detectCapabilities(upTo(13)).insertWorksheets).toBe(true);
  });
});

describe("sheet names for imported sheets", () => {
  it("replaces the characters Excel forbids and cuts at 31 characters", () => {
    expect(cleanSheetName("a:b\\c/d?e*f[g]h")).toBe("a_b_c_d_e_f_g_h");
    expect(cleanSheetName("'引用'")).toBe("引用");
    expect(cleanSheetName("あ".repeat(40))).toHaveLength(31);
    expect(cleanSheetName("   ")).toBe("Sheet");
    expect(cleanSheetName(`${"あ".repeat(30)}𠮷`)).toBe("あ".repeat(30)); // 𠮷 is two UTF-16 units: not cut in half
  });

  it("adds (2), (3)… within 31 characters, comparing without case", () => {
    const taken = new Set(["企画課", "abc"]);
    expect(freeSheetName("企画課", taken)).toBe("企画課 (2)");
    expect(freeSheetName("企画課", taken)).toBe("企画課 (3)");
    expect(freeSheetName("ABC", taken)).toBe("ABC (2)");
    const long = "長".repeat(31);
    taken.add(long);
    expect(freeSheetName(long, taken)).toBe(`${"長".repeat(27)} (2)`);
  });

  it("uses the department every indicator names, or else the file name", () => {
    expect(commonDepartment(["企画課", "企画課 "])).toBe("企画課");
    expect(commonDepartment(["企画課", "総務課"])).toBeUndefined();
    expect(commonDepartment([undefined, "企画課"])).toBeUndefined();
    expect(commonDepartment([])).toBeUndefined();
    expect(fileBaseName("総務課.XLSX")).toBe("総務課");
  });
});
