import { SheetLayout } from "../../src/core/layout-types";
import { reopen } from "./host/state";
import { MARGINS } from "../../src/core/styles";
import { readSheets } from "../../src/excel/read";
import { heightRuns, hyperlinkFormula, writeLayouts } from "../../src/excel/write";
import { ALL_CAPABILITIES } from "../../src/excel/requirements";
import { createSettingsSheet, settingsFromInputs } from "../../src/excel/settings-sheet";
import { PAYLOAD_LIMIT_BYTES } from "./host/rules";
import { contextFor, evaluationRows, layoutsFor, sampleWorkbook, sheetNames, snapshot, workbookWith } from "./helpers";

async function readAndLayout(state: Parameters<typeof contextFor>[0]): Promise<SheetLayout[]> {
  const { ctx } = contextFor(state);
  const read = await readSheets(ctx, { fallbackFileName: "このブック" });
  return layoutsFor(read.sheets);
}

function textLayout(values: string[]): SheetLayout {
  return {
    role: "list",
    name: "見直し一覧",
    rows: [[{ value: "指標名", style: "header" }], ...values.map((v) => [{ value: v, style: "text" as const }])],
    merges: [],
    columnWidths: [30],
    freezeRows: 1,
    print: { paper: "A4", orientation: "landscape", fitToWidth: true, margins: MARGINS, centerHorizontally: false },
  };
}

describe("writing the output sheets", () => {
  it("writes the sample's output sheets in 4 syncs (list, content, swap, print and chart) and activates 評価集計", async () => {
    const state = await sampleWorkbook();
    const layouts = await readAndLayout(state);
    const { fake, ctx } = contextFor(state);
    const result = await writeLayouts(ctx, layouts);
    expect(fake.syncs).toHaveLength(4);
    expect(result.sheets.map((s) => s.name)).toEqual(layouts.map((l) => l.name));
    expect(sheetNames(state)).toEqual(["表紙", "評価シート", "戦略パッケージ変更", ...layouts.map((l) => l.name)]);
    const summary = state.sheets.find((s) => s.name === "評価集計")!;
    expect(state.activeSheetId).toBe(summary.id);
    expect(summary.charts).toHaveLength(1);
    expect(summary.charts[0].type).toBe("ColumnStacked");
    expect(summary.values[0][0]).toBe("○令和4年度実績における評価");
    expect(fake.suspendedSyncs).toBeGreaterThan(0);
  });

  it("writes 10 and 10,000 indicators in the same number of syncs", async () => {
    const counts: number[] = [];
    for (const n of [10, 10_000]) {
      const state = workbookWith([{ name: "評価", rows: evaluationRows(n) }]);
      const layouts = await readAndLayout(state);
      const { fake, ctx } = contextFor(state);
      await writeLayouts(ctx, layouts);
      counts.push(fake.syncs.length);
      for (const s of fake.syncs) expect(s.requestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
      expect(state.sheets.find((s) => s.name === "見直し一覧")!.values.length).toBeGreaterThan(n);
    }
    expect(counts).toEqual([4, 4]);
  });

  it("writes 10,000 indicators shaped like the sample (about 6 MB) in the fewest syncs the 5 MB limit allows", async () => {
    const state = await sampleWorkbook();
    const sheet = state.sheets.find((s) => s.name === "評価シート")!;
    const body = sheet.values.slice(4, 40).filter((r) => r && r[3]);
    const rows = [...sheet.values.slice(0, 4)];
    for (let k = 0; rows.length < 10_004; k++) {
      const r = [...body[rows.length % body.length]];
      r[3] = `${String(r[3])}${k}`;
      rows.push(r);
    }
    sheet.values = rows;
    const layouts = await readAndLayout(state);
    const { fake, ctx } = contextFor(state);
    await writeLayouts(ctx, layouts);
    const content = fake.syncs.slice(1, -2);
    const total = content.reduce((n, s) => n + s.requestBytes, 0);
    expect(total).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    expect(content).toHaveLength(Math.ceil(total / (4 * 1024 * 1024)));
    for (const s of fake.syncs) expect(s.requestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
  });

  it("splits a write that would pass 5 MB into several syncs, none over the limit", async () => {
    const big = textLayout(Array.from({ length: 30_000 }, (_, i) => `${"長い見直し理由".repeat(20)}${i}`));
    const { fake, ctx } = contextFor(workbookWith([{ name: "評価", rows: evaluationRows(2) }]));
    await writeLayouts(ctx, [big]);
    expect(fake.syncs.length).toBeGreaterThan(4);
    for (const s of fake.syncs) expect(s.requestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
  });

  it("splits and sends again a request Excel on the web refuses as too large (RequestPayloadSizeLimitExceeded)", async () => {
    const big = textLayout(Array.from({ length: 30_000 }, (_, i) => `${"長い見直し理由".repeat(20)}${i}`));
    const state = workbookWith([{ name: "評価", rows: evaluationRows(2) }]);
    const { fake, ctx } = contextFor(state);
    // A budget above the limit: the adapter's own estimate lets the request through, Excel refuses it.
    await writeLayouts(ctx, [big], { budgetBytes: 12 * 1024 * 1024 });
    expect(fake.syncs.some((s) => s.failed === "RequestPayloadSizeLimitExceeded")).toBe(true);
    for (const s of fake.syncs.filter((x) => !x.failed)) expect(s.requestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    const sheet = state.sheets.find((s) => s.name === "見直し一覧")!;
    expect(sheet.values).toHaveLength(30_001);
    expect(sheet.values[30_000][0]).toBe(`${"長い見直し理由".repeat(20)}29999`);
  });

  it("leaves every source cell unchanged", async () => {
    const state = await sampleWorkbook();
    const before = snapshot(state);
    const { ctx } = contextFor(state);
    await writeLayouts(ctx, await readAndLayout(state));
    const after = snapshot(state);
    for (const name of Object.keys(before)) expect(after[name]).toBe(before[name]);
  });

  it("keeps a user's sheet named 評価集計 and writes the summary as 評価集計 (2)", async () => {
    const state = workbookWith([
      { name: "評価", rows: evaluationRows(8) },
      { name: "評価集計", rows: [["私のメモ"]] },
    ]);
    const layouts = await readAndLayout(state);
    const { ctx } = contextFor(state);
    const result = await writeLayouts(ctx, layouts);
    expect(state.sheets.find((s) => s.name === "評価集計")!.values).toEqual([["私のメモ"]]);
    expect(result.sheets.find((s) => s.role === "summary")!.name).toBe("評価集計 (2)");
    expect(state.sheets.find((s) => s.name === "評価集計 (2)")!.values[0][0]).toMatch(/^○/);
  });

  it("replaces only the sheets it owns on a second run", async () => {
    const state = workbookWith([
      { name: "評価", rows: evaluationRows(8) },
      { name: "評価集計", rows: [["私のメモ"]] },
    ]);
    const layouts = await readAndLayout(state);
    await writeLayouts(contextFor(state).ctx, layouts);
    // The user renames one output sheet to keep it: it becomes theirs.
    state.sheets.find((s) => s.name === "新旧対照表")!.name = "新旧対照表（保存）";
    const namesBefore = sheetNames(state);
    const second = await writeLayouts(contextFor(state).ctx, layouts);
    expect(second.replaced).toEqual([]);
    expect(
      second.sheets
        .filter((w) => w.inPlace)
        .map((w) => w.name)
        .sort(),
    ).toEqual(["入力チェック", "提出状況", "見直し一覧", "評価集計 (2)"].sort());
    expect(sheetNames(state).sort()).toEqual([...namesBefore, "新旧対照表"].sort());
    expect(sheetNames(state)).toContain("新旧対照表");
    expect(state.sheets.find((s) => s.name === "評価集計")!.values).toEqual([["私のメモ"]]);
    expect(state.sheets.filter((s) => s.name.startsWith("~"))).toEqual([]);
  });

  it("replaces its own sheets, marked with hidden workbook names, when custom properties are missing — also after reopening", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(8) }]);
    const layouts = await readAndLayout(state);
    const caps = { ...ALL_CAPABILITIES, customProperties: false };
    await writeLayouts(contextFor(state).ctx, layouts, { capabilities: caps });
    expect(state.names.map((n) => n.name).sort()).toEqual(layouts.map((l) => `KpiReviewAssistant.${l.role}`).sort());
    expect(state.names.every((n) => !n.visible)).toBe(true);
    const names = sheetNames(state);
    reopen(state);
    const again = await writeLayouts(contextFor(state).ctx, layouts, { capabilities: caps });
    expect(again.sheets.every((s) => s.inPlace)).toBe(true);
    expect(sheetNames(state)).toEqual(names);
    // Reading skips them as output sheets.
    const read = await readSheets(contextFor(state).ctx, { fallbackFileName: "x", capabilities: caps });
    expect(read.sheets.map((s) => s.sheet)).toEqual(["評価"]);
  });

  it("replaces its own sheets after the workbook was closed and opened again (sheet ids change), instead of adding 評価集計 (2)", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(8) }]);
    const layouts = await readAndLayout(state);
    await writeLayouts(contextFor(state).ctx, layouts);
    const ids = state.sheets.map((s) => s.id);
    const names = sheetNames(state);
    reopen(state);
    expect(state.sheets.map((s) => s.id)).not.toEqual(ids);
    await writeLayouts(contextFor(state).ctx, layouts);
    expect(sheetNames(state)).toEqual(names);
  });

  it("updates its sheets in place, so a user's formula pointing at 評価集計 keeps working (no #REF!)", async () => {
    const state = workbookWith([
      { name: "評価", rows: evaluationRows(8) },
      { name: "メモ", rows: [] },
    ]);
    const layouts = await readAndLayout(state);
    await writeLayouts(contextFor(state).ctx, layouts);
    const memo = state.sheets.find((s) => s.name === "メモ")!;
    memo.values = [["='評価集計'!A1"]];
    memo.interpreted.add("A1");
    const summaryId = state.sheets.find((s) => s.name === "評価集計")!.id;
    const again = await writeLayouts(contextFor(state).ctx, layoutsFor((await readSheets(contextFor(state).ctx, { fallbackFileName: "x" })).sheets));
    expect(again.sheets.find((s) => s.role === "summary")!.inPlace).toBe(true);
    expect(state.sheets.find((s) => s.name === "評価集計")!.id).toBe(summaryId);
    expect(memo.values[0][0]).toBe("='評価集計'!A1");
    const summary = state.sheets.find((s) => s.name === "評価集計")!;
    expect(summary.values[0][0]).toMatch(/^○/);
    expect(summary.charts).toHaveLength(1);
    expect(state.sheets.filter((s) => s.name.startsWith("~"))).toEqual([]);
  });

  it("without Range.copyFrom (ExcelApi 1.8) recreates its sheets, and a formula pointing at them becomes #REF! as the README says", async () => {
    const state = workbookWith([
      { name: "評価", rows: evaluationRows(8) },
      { name: "メモ", rows: [["='評価集計'!A1"]] },
    ]);
    state.sheets[1].interpreted.add("A1");
    const caps = { ...ALL_CAPABILITIES, pageLayout: false, customProperties: false, mergedAreas: false, insertWorksheets: false };
    const layouts = await readAndLayout(state);
    await writeLayouts(contextFor(state).ctx, layouts, { capabilities: caps });
    state.sheets[1].values[0][0] = "='評価集計'!A1";
    await writeLayouts(contextFor(state).ctx, layouts, { capabilities: caps });
    expect(state.sheets[1].values[0][0]).toBe("=#REF!A1");
  });

  it.each(["=SUM(A1:A9)", "+81 90", "-1", "@user", "0012", "=1+1", "\t=SUM(A1)", "\r\n=1", '=HYPERLINK("http://example.com","x")'])(
    "writes the indicator name %s as text",
    async (name) => {
      const state = workbookWith([{ name: "評価", rows: evaluationRows(2) }]);
      const { fake, ctx } = contextFor(state);
      await writeLayouts(ctx, [textLayout([name])]);
      const sheet = state.sheets.find((s) => s.name === "見直し一覧")!;
      expect(sheet.values[1][0]).toBe(name);
      expect(sheet.numberFormats[1][0]).toBe("@");
      expect(sheet.interpreted.size).toBe(0);
      const kinds = fake.syncs.flatMap((s) => s.kinds);
      expect(kinds.indexOf("range.numberFormat")).toBeLessThan(kinds.indexOf("range.values"));
    },
  );

  it("writes links, merges, widths, freeze panes and A4 page layout", async () => {
    const state = await sampleWorkbook();
    await writeLayouts(contextFor(state).ctx, await readAndLayout(state));
    const summary = state.sheets.find((s) => s.name === "評価集計")!;
    expect(summary.merges.length).toBeGreaterThan(0);
    expect(summary.pageLayout.paperSize).toBe("A4");
    expect(summary.formats.some((f) => f.prop === "columnWidth")).toBe(true);
    expect(summary.formats.some((f) => f.prop === "borders.EdgeTop.style")).toBe(true);
    const checks = state.sheets.find((s) => s.name === "入力チェック")!;
    expect(checks.values.flat().some((v) => typeof v === "string" && v.startsWith(`=HYPERLINK("#'評価シート'!`))).toBe(true);
    expect(state.sheets.find((s) => s.name === "見直し一覧")!.freezeRows).toBeGreaterThan(0);
  });
});

describe("row heights", () => {
  it("are set in runs of equal height", () => {
    expect(heightRuns({ 3: 20, 4: 20, 5: 30, 9: 20 })).toEqual([
      { top: 3, count: 2, height: 20 },
      { top: 5, count: 1, height: 30 },
      { top: 9, count: 1, height: 20 },
    ]);
  });

  it("become one autofit call when every row differs", async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [{ value: "理由".repeat(1 + (i % 40)), style: "text" as const }]);
    const heights: Record<number, number> = {};
    rows.forEach((_, i) => (heights[i] = 15 + (i % 40)));
    const state = workbookWith([{ name: "評価", rows: evaluationRows(2) }]);
    const { fake, ctx } = contextFor(state);
    await writeLayouts(ctx, [{ ...textLayout([]), rows, rowHeights: heights }]);
    const kinds = fake.syncs.flatMap((s) => s.kinds);
    expect(kinds.filter((k) => k === "rangeFormat.rowHeight")).toHaveLength(0);
    expect(kinds.filter((k) => k === "rangeFormat.autofitRows")).toHaveLength(1);
  });
});

describe("links to source cells", () => {
  it("are HYPERLINK formulas whose texts stay string literals", () => {
    const f = hyperlinkFormula({ value: 'a"),CALL("x', style: "link", link: { sheet: "It's", cell: "B2" } });
    expect(f).toBe(`=HYPERLINK("#'It''s'!B2","a""),CALL(""x")`);
  });

  it("fall back to a hyperlink when the text is too long for a formula", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(2) }]);
    const long = "長".repeat(300);
    const layout = { ...textLayout([]), rows: [[{ value: long, style: "link" as const, link: { sheet: "評価", cell: "C3" } }]] };
    await writeLayouts(contextFor(state).ctx, [layout]);
    const sheet = state.sheets.find((s) => s.name === "見直し一覧")!;
    expect(sheet.values[0][0]).toBe(long);
    expect(sheet.numberFormats[0][0]).toBe("@");
    expect(sheet.hyperlinks.A1.documentReference).toBe("'評価'!C3");
  });
});

describe("the 設定 sheet", () => {
  it("is created with the defaults when absent, and never over an existing one", async () => {
    const state = workbookWith([{ name: "評価", rows: evaluationRows(2) }]);
    expect(await createSettingsSheet(contextFor(state).ctx)).toBe("created");
    const sheet = state.sheets.find((s) => s.name === "設定")!;
    expect(sheet.values[0]).toEqual(["項目", "値"]);
    sheet.values[1][1] = 0.95;
    expect(await createSettingsSheet(contextFor(state).ctx)).toBe("exists");
    expect(sheet.values[1][1]).toBe(0.95);
  });

  it("is read from the grids and its errors name the key", async () => {
    const state = workbookWith([
      {
        name: "設定",
        rows: [
          ["項目", "値"],
          ["bands.A", 1.0],
          ["bands.B", "たくさん"],
        ],
      },
    ]);
    const read = await readSheets(contextFor(state).ctx, { fallbackFileName: "x" });
    const parsed = settingsFromInputs(read.sheets);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0].key).toBe("bands.B");
  });
});
