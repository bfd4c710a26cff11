import { detectCapabilities, missingFeatures } from "../../src/excel/requirements";
import { writeLayouts } from "../../src/excel/write";
import { readSheets } from "../../src/excel/read";
import { ui, UiKey, uiEn, uiJa } from "../../src/i18n/ui";
import { contextFor, evaluationRows, layoutsFor, workbookWith } from "./helpers";

const upTo = (max: number) => (name: string, version: string) => name === "ExcelApi" && Number(version.split(".")[1]) <= max;

describe("feature detection", () => {
  it("finds everything on a current Excel", () => {
    expect(missingFeatures(detectCapabilities(upTo(17)))).toEqual([]);
  });

  it("names in words what an Excel with ExcelApi 1.7 lacks", () => {
    const missing = missingFeatures(detectCapabilities(upTo(7)));
    expect(missing.map((m) => m.feature)).toEqual(["pageLayout", "customProperties", "mergedAreas", "insertWorksheets"]);
    for (const m of missing) {
      expect(ui("ja", `feature.${m.feature}` as UiKey)).toContain(m.version);
      expect(ui("en", `feature.${m.feature}` as UiKey)).toContain(m.version);
    }
  });

  it("treats a throwing isSetSupported as unsupported", () => {
    const caps = detectCapabilities(() => {
      throw new Error("no requirements API");
    });
    expect(caps.core).toBe(false);
  });

  it("has every task pane message in English too", () => {
    expect(Object.keys(uiEn).sort()).toEqual(Object.keys(uiJa).sort());
  });

  it("reads and writes on ExcelApi 1.4 without the newer calls", async () => {
    const caps = detectCapabilities(upTo(4));
    const state = workbookWith([{ name: "評価", rows: evaluationRows(6) }]);
    const read = await readSheets(contextFor(state).ctx, { capabilities: caps, fallbackFileName: "このブック" });
    expect(read.file).toBe("このブック");
    const { fake, ctx } = contextFor(state);
    await writeLayouts(ctx, layoutsFor(read.sheets), { capabilities: caps });
    const kinds = new Set(fake.syncs.flatMap((s) => s.kinds));
    for (const k of ["application.suspendCalculation", "customProperties.add", "worksheet.freezePanes.freezeRows", "range.mergedAreas.load"])
      expect(kinds.has(k)).toBe(false);
    expect([...kinds].some((k) => k.startsWith("worksheet.pageLayout"))).toBe(false);
    expect(state.sheets.map((s) => s.name)).toContain("評価集計");
  });
});
