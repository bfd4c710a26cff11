import { runEngine } from "../../src/core/engine";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { readSheets } from "../../src/excel/read";
import { PAYLOAD_LIMIT_BYTES } from "./host/rules";
import { contextFor, evaluationRows, sampleWorkbook, workbookWith } from "./helpers";

const opts = { fallbackFileName: "このブック" };

describe("reading the open workbook", () => {
  it("reads the sample workbook in 3 syncs and the engine finds the seed's tally", async () => {
    const { fake, ctx } = contextFor(await sampleWorkbook());
    const read = await readSheets(ctx, opts);
    expect(fake.syncs).toHaveLength(3);
    expect(read.file).toBe("sample-evaluation.xlsx");
    const result = runEngine(read.sheets, { settings: DEFAULT_SETTINGS, lang: "ja" });
    expect(result.tally.total.numerical).toEqual({ A: 2, B: 3, C: 3, D: 0 });
    expect(result.tally.total.kpi).toEqual({ A: 18, B: 21, C: 15, D: 1 });
  });

  it("reads 10 and 10,000 indicators in the same number of syncs", async () => {
    const counts: number[] = [];
    for (const n of [10, 10_000]) {
      const { fake, ctx } = contextFor(
        workbookWith([
          { name: "表紙", rows: [["表紙"]] },
          { name: "評価", rows: evaluationRows(n) },
        ]),
      );
      const read = await readSheets(ctx, opts);
      expect(read.sheets.find((s) => s.sheet === "評価")?.rows).toHaveLength(n + 2);
      counts.push(fake.syncs.length);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(3);
  });

  it("reads a sheet shaped like the sample with 10,000 indicators in 3 syncs", async () => {
    const sample = await sampleWorkbook();
    const sheet = sample.sheets.find((s) => s.name === "評価シート")!;
    const body = sheet.values.slice(4, 40).filter((r) => r && r[3]);
    const rows = [...sheet.values.slice(0, 4)];
    while (rows.length < 10_004) rows.push(body[rows.length % body.length]);
    sheet.values = rows;
    const { fake, ctx } = contextFor(sample);
    const read = await readSheets(ctx, opts);
    expect(read.sheets.find((s) => s.sheet === "評価シート")?.rows).toHaveLength(10_004);
    expect(fake.syncs).toHaveLength(3);
    for (const s of fake.syncs) expect(s.responseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
  });

  it("gives the offsets of a table that does not start at A1", async () => {
    const rows = [[], [], [null, null, ...HEADER_ROW], [null, null, 1, "KPI", "x"]];
    const { ctx } = contextFor(workbookWith([{ name: "S", rows }]));
    const read = await readSheets(ctx, opts);
    expect(read.sheets[0]).toMatchObject({ rowOffset: 2, colOffset: 2 });
    expect(read.sheets[0].rows[0][0]).toBe("基本目標");
  });

  it("reads a 100,000-row sheet in row chunks, no sync over 5 MB", async () => {
    const rows = evaluationRows(100_000, (i) => `とても長い指標名の例 ${i} `.repeat(3));
    const { fake, ctx } = contextFor(workbookWith([{ name: "評価", rows }]));
    const read = await readSheets(ctx, opts);
    expect(read.sheets[0].rows).toHaveLength(100_002);
    expect(read.sheets[0].rows[100_001][2]).toBe(rows[100_001][2]);
    expect(fake.syncs.length).toBeGreaterThan(3);
    for (const s of fake.syncs) {
      expect(s.failed === undefined || s.failed === "ResponsePayloadSizeLimitExceeded").toBe(true);
      if (!s.failed) expect(s.responseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    }
  });

  it("retries in smaller chunks when the cells hold more text than estimated", async () => {
    const rows = evaluationRows(6_000, (i) => `${"長".repeat(400)}${i}`);
    const { fake, ctx } = contextFor(workbookWith([{ name: "評価", rows }]));
    const read = await readSheets(ctx, { ...opts, bytesPerCell: 8 });
    expect(read.sheets[0].rows).toHaveLength(6_002);
    expect(read.sheets[0].rows.every((r) => Array.isArray(r))).toBe(true);
    expect(fake.syncs.some((s) => s.failed === "ResponsePayloadSizeLimitExceeded")).toBe(true);
  });

  it("does not read the values of the sheets this tool wrote", async () => {
    const state = workbookWith([
      { name: "評価", rows: evaluationRows(3) },
      { name: "評価集計", rows: [["集計"]] },
    ]);
    state.sheets[1].customProperties.set("KpiReviewAssistant", JSON.stringify({ role: "summary", name: "評価集計" }));
    const { ctx } = contextFor(state);
    const read = await readSheets(ctx, opts);
    expect(read.sheets.map((s) => s.sheet)).toEqual(["評価"]);
    expect(read.infos.find((i) => i.name === "評価集計")?.owned).toBe(true);
  });

  it("reads only the chosen sheets and leaves empty sheets out", async () => {
    const { ctx } = contextFor(
      workbookWith([
        { name: "A", rows: evaluationRows(2) },
        { name: "B", rows: evaluationRows(2) },
        { name: "空", rows: [] },
      ]),
    );
    const read = await readSheets(ctx, { ...opts, names: ["B", "空"] });
    expect(read.sheets.map((s) => s.sheet)).toEqual(["B"]);
    expect(read.infos.map((i) => [i.name, i.rows])).toEqual([
      ["B", 4],
      ["空", 0],
    ]);
  });

  it("passes merged areas relative to the grid", async () => {
    const state = workbookWith([{ name: "S", rows: [[], ...evaluationRows(4)] }]);
    state.sheets[0].merges.push("A3:A4");
    const { ctx } = contextFor(state);
    const read = await readSheets(ctx, opts);
    expect(read.sheets[0].merges).toEqual([{ top: 1, left: 0, bottom: 2, right: 0 }]);
  });
});

const HEADER_ROW = ["基本目標", "区分", "指標名"];
