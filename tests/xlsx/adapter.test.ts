// The ExcelJS adapter: what it reads from a real .xlsx, and what it writes.

import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { SheetLayout } from "../../src/core/layout-types";
import { MARGINS } from "../../src/core/styles";
import { describeReadError, readWorkbookFile, UnreadableFileError } from "../../src/xlsx/read";
import { layoutsToWorkbook } from "../../src/xlsx/write";
import { readBack, removeDir, tmpDir, writeXlsx } from "../helpers/xlsx";

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => removeDir(dir));

describe("readWorkbookFile", () => {
  let sheets: Awaited<ReturnType<typeof readWorkbookFile>>;
  beforeAll(async () => {
    const file = path.join(dir, "kinds.xlsx");
    await writeXlsx(file, [
      { name: "表紙", rows: [["表紙"]] },
      {
        name: "評価シート",
        rows: [
          ["タイトル"],
          ["基本目標", "指標名", "目標値", "評価", "日付", "真偽", "リンク"],
          [
            "基本目標1",
            { richText: [{ text: "新規" }, { font: { bold: true }, text: "就農者数" }] },
            { formula: "10*2", result: 20 },
            { error: "#N/A" },
            new Date(Date.UTC(2022, 3, 1)),
            true,
            { text: "市HP", hyperlink: "https://example.jp" },
          ],
          [null, "隠れた行の指標", { formula: "1/0", result: { error: "#DIV/0!" } }, "A"],
        ],
        merges: ["A3:A4"],
        hiddenRows: [4],
      },
      { name: "空", rows: [] },
    ]);
    sheets = await readWorkbookFile(file, "表示名.xlsx");
  });

  it("gives one grid per worksheet, in order, named by the display name", () => {
    expect(sheets.map((s) => [s.file, s.sheet])).toEqual([
      ["表示名.xlsx", "表紙"],
      ["表示名.xlsx", "評価シート"],
      ["表示名.xlsx", "空"],
    ]);
    expect(sheets[2].rows).toEqual([]);
  });

  it("gives rich text as plain text, a formula as its cached result, an error as its text", () => {
    const row = sheets[1].rows[2];
    expect(row.slice(0, 4)).toEqual(["基本目標1", "新規就農者数", 20, "#N/A"]);
    expect(sheets[1].rows[3][2]).toBe("#DIV/0!");
  });

  it("gives dates as dates, booleans as booleans and hyperlinks as their text", () => {
    const row = sheets[1].rows[2];
    expect(row[4]).toBeInstanceOf(Date);
    expect(row[5]).toBe(true);
    expect(row[6]).toBe("市HP");
  });

  it("keeps a merged cell's value on its master only and hands the merge over", () => {
    expect(sheets[1].rows[3][0]).toBeNull();
    expect(sheets[1].merges).toEqual([{ top: 2, left: 0, bottom: 3, right: 0 }]);
  });

  it("reads hidden rows too", () => {
    expect(sheets[1].rows[3][1]).toBe("隠れた行の指標");
  });

  it("throws UnreadableFileError with a one-line reason for a file that is not a workbook", async () => {
    const file = path.join(dir, "not.xlsx");
    fs.writeFileSync(file, "hello");
    await expect(readWorkbookFile(file)).rejects.toBeInstanceOf(UnreadableFileError);
    await readWorkbookFile(file).catch((e: UnreadableFileError) => {
      expect(e.file).toBe("not.xlsx");
      expect(e.reason).not.toContain("\n");
    });
  });

  it("describes a missing file and a corrupt zip in words", () => {
    expect(describeReadError(new Error("ENOENT: no such file"))).toContain("file not found");
    expect(describeReadError(new Error("End of data reached (data length = 0, asked index = 4). Corrupted zip ?"))).toContain(".xlsx");
  });
});

describe("layoutsToWorkbook", () => {
  const layout: SheetLayout = {
    role: "list",
    name: "見直し一覧",
    rows: [
      [{ value: "タイトル", style: "title" }],
      [
        { value: "指標名", style: "header" },
        { value: "進捗率", style: "header" },
      ],
      [
        { value: "=1+1", style: "text" },
        { value: 0.875, style: "number", numberFormat: "0.0%" },
      ],
      [
        { value: "+81", style: "text" },
        { value: null, style: "number" },
      ],
      [{ value: "@SUM(A1)", style: "text", link: { file: "a.xlsx", sheet: "評価シート", cell: "C5" } }],
      [{ value: "-1", style: "text" }],
    ],
    merges: [{ top: 0, left: 0, bottom: 0, right: 1 }],
    columnWidths: [30, 10],
    freezeRows: 2,
    print: { paper: "A4", orientation: "landscape", fitToWidth: true, margins: MARGINS, centerHorizontally: false },
  };
  let file: string;
  beforeAll(async () => {
    file = path.join(dir, "layout.xlsx");
    await layoutsToWorkbook([layout], { linkTarget: (l) => `a.xlsx#'${l.sheet}'!${l.cell}` }).xlsx.writeFile(file);
  });

  it("writes text that looks like a formula as text, after saving and reading back", async () => {
    const wb = (await readBack(file)).wb;
    const ws = wb.getWorksheet("見直し一覧")!;
    for (const [addr, text] of [
      ["A3", "=1+1"],
      ["A4", "+81"],
      ["A6", "-1"],
    ]) {
      expect(ws.getCell(addr).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(addr).value).toBe(text);
    }
    expect(ws.getCell("A5").text).toBe("@SUM(A1)");
    expect(ws.getCell("A5").type).toBe(ExcelJS.ValueType.Hyperlink);
  });

  it("writes numbers as numbers with their format, and null as an empty cell", async () => {
    const ws = (await readBack(file)).wb.getWorksheet("見直し一覧")!;
    expect(ws.getCell("B3").value).toBe(0.875);
    expect(ws.getCell("B3").numFmt).toBe("0.0%");
    expect(ws.getCell("B4").value).toBeNull();
  });

  it("prints on A4 in the layout's orientation, with widths, merges and frozen header rows", async () => {
    const ws = (await readBack(file)).wb.getWorksheet("見直し一覧")!;
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe("landscape");
    expect(ws.getColumn(1).width).toBe(30);
    expect(ws.getCell("B1").master.address).toBe("A1");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
  });

  it("gives header cells a border, a fill and a bold font", async () => {
    const ws = (await readBack(file)).wb.getWorksheet("見直し一覧")!;
    const h = ws.getCell("A2");
    expect(h.font?.bold).toBe(true);
    expect(h.border?.bottom?.style).toBe("thin");
    expect(h.fill).toMatchObject({ type: "pattern" });
  });
});
