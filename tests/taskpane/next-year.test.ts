// The add-in's 来年度の評価シートを作成: the section's state, the controller that opens each
// workbook with Excel.createWorkbook (feature-detected), what the next-year worker (started
// on request) runs to build the workbooks from the pane's analysis, kept out of taskpane.js.

import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { runEngine } from "../../src/core/engine";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { createWorkbookSupported } from "../../src/excel/create-workbook";
import { ALL_CAPABILITIES } from "../../src/excel/requirements";
import { forThePane, analyse } from "../../src/taskpane/analysis";
import { toBase64 } from "../../src/taskpane/base64";
import { Store } from "../../src/taskpane/controllers";
import { BuiltBook, buildNextYearBooks } from "../../src/taskpane/next-year-books";
import { createNextYear, LOAD_ERROR } from "../../src/taskpane/next-year-controller";
import { nextYearView } from "../../src/taskpane/next-year-state";
import { initialState, PaneState, readRequest, startTask, withAnalysis } from "../../src/taskpane/state";
import { HEADER, row, sheet } from "../helpers/grid";

const evaluation = sheet([
  [...HEADER],
  row({ 基本目標: 1, 区分: "数値目標", 指標名: "転入者数", 単位: "人", 基準値: 100, 目標値: 200, 目標年度: 2024, 令和4年度: 150, 評価: "B", 担当課: "企画課" }),
  row({
    基本目標: 1,
    区分: "KPI",
    指標名: "相談件数",
    単位: "件",
    基準値: 10,
    目標値: 20,
    目標年度: 2024,
    令和4年度: 20,
    評価: "A",
    担当課: "企画課",
    見直し区分: "目標値の修正",
    見直し後の目標値: 30,
  }),
  row({ 基本目標: 2, 区分: "KPI", 指標名: "観光客数", 単位: "人", 基準値: 10, 目標値: 20, 目標年度: 2024, 令和4年度: 12, 評価: "C", 担当課: "観光課" }),
]);

/** The pane after reading the evaluation, with the analysis as the engine worker sends it. */
function loaded(lang: "ja" | "en" = "ja"): PaneState {
  const { next, req } = readRequest(initialState(lang, ALL_CAPABILITIES), [evaluation]);
  return withAnalysis(next, forThePane(analyse(req)));
}

function storeOf(s: PaneState): Store & { seen: PaneState[] } {
  let state = s;
  const seen: PaneState[] = [];
  return {
    seen,
    engine: undefined as never,
    get: () => state,
    set: (n) => {
      state = n;
      seen.push(n);
    },
  };
}

const book = (fileName: string, base64 = "UEs="): BuiltBook => ({ fileName, indicators: 1, base64 });

describe("the next-year section's state", () => {
  it("is hidden until there are indicators, then offers the button with next year's name", () => {
    expect(nextYearView(initialState("ja", ALL_CAPABILITIES)).visible).toBe(false);
    const v = nextYearView(loaded());
    expect(v.visible).toBe(true);
    expect(v.button).toEqual({ label: "来年度の評価シートを作成", disabled: false });
    expect(v.hint).toContain("令和5年度の評価シート");
    expect(nextYearView(loaded("en")).button.label).toBe("Create next year's evaluation sheets");
  });

  it("disables the button while another action or its own runs", () => {
    expect(nextYearView(startTask(loaded(), { kind: "write", step: "reading", done: 0, total: 0 })).button.disabled).toBe(true);
    const v = nextYearView({ ...loaded(), nextYear: { kind: "opening", done: 1, total: 3 } });
    expect(v.button.disabled).toBe(true);
    expect(v.message?.lines).toEqual(["新しいブックを開いています…（1/3）"]);
  });

  it("names the workbooks opened, explains an Excel without createWorkbook, and says where a failure stopped", () => {
    const opened = nextYearView({ ...loaded(), nextYear: { kind: "opened", names: ["令和5年度_評価シート_全課", "令和5年度_評価シート_企画課"] } });
    expect(opened.message).toEqual({
      tone: "success",
      lines: ["新しいブックを2冊開きました: 令和5年度_評価シート_全課、令和5年度_評価シート_企画課。保存して担当課へ配布してください。"],
    });
    const old = nextYearView({ ...loaded(), nextYear: { kind: "unsupported" } });
    expect(old.message?.tone).toBe("warning");
    expect(old.message?.lines[0]).toContain("ExcelApi 1.8");
    expect(old.message?.lines[0]).toContain("kpi-review next-year --by-department");
    const failed = nextYearView({ ...loaded(), nextYear: { kind: "failed", opened: 1, failure: { kind: "unknown", detail: "x" } } });
    expect(failed.message?.tone).toBe("error");
    expect(failed.message?.lines.slice(0, 2)).toEqual(["来年度の評価シートを作成できませんでした。", "1冊目まで開いたところで止まりました。"]);
  });
});

describe("the next-year controller", () => {
  const g = globalThis as { Excel?: unknown };
  afterEach(() => delete g.Excel);

  it("opens the master and each department's workbook as new workbooks, in order", async () => {
    const created: string[] = [];
    g.Excel = { createWorkbook: (b: string) => Promise.resolve(void created.push(b)) };
    const store = storeOf(loaded());
    await createNextYear(store, () => Promise.resolve([book("全体", "AA=="), book("企画課", "BB=="), book("観光課", "CC==")]), true);
    expect(created).toEqual(["AA==", "BB==", "CC=="]);
    expect(store.get().nextYear).toEqual({ kind: "opened", names: ["全体", "企画課", "観光課"] });
    expect(store.seen.map((s) => s.nextYear?.kind)).toEqual(["building", "opening", "opening", "opening", "opening", "opened"]);
  });

  it("where Excel has no createWorkbook, explains and builds nothing", async () => {
    const build = jest.fn(() => Promise.resolve([book("全体")]));
    const store = storeOf(loaded());
    await createNextYear(store, build, false);
    expect(build).not.toHaveBeenCalled();
    expect(store.get().nextYear).toEqual({ kind: "unsupported" });
  });

  it("detects createWorkbook by ExcelApi 1.8", () => {
    expect(createWorkbookSupported((name, v) => name === "ExcelApi" && Number(v.split(".")[1]) <= 8)).toBe(true);
    expect(createWorkbookSupported((name, v) => name === "ExcelApi" && Number(v.split(".")[1]) <= 7)).toBe(false);
    expect(
      createWorkbookSupported(() => {
        throw new Error("no Office");
      }),
    ).toBe(false);
  });

  it("reports how many workbooks were opened when Excel refuses one", async () => {
    let calls = 0;
    g.Excel = { createWorkbook: () => (++calls === 2 ? Promise.reject(new Error("refused")) : Promise.resolve()) };
    const store = storeOf(loaded());
    await createNextYear(store, () => Promise.resolve([book("全体"), book("企画課"), book("観光課")]), true);
    expect(store.get().nextYear).toMatchObject({ kind: "failed", opened: 1 });
  });

  it("says the worker could not be loaded when the browser could not fetch it", async () => {
    const store = storeOf(loaded());
    const missing = Object.assign(new Error("next-year-worker.js"), { name: LOAD_ERROR });
    await createNextYear(store, () => Promise.reject(missing), true);
    expect(store.get().nextYear).toEqual({ kind: "loadFailed" });
  });

  it("does nothing while another action runs", async () => {
    const build = jest.fn(() => Promise.resolve([book("全体")]));
    const store = storeOf(startTask(loaded(), { kind: "open" }));
    await createNextYear(store, build, true);
    expect(build).not.toHaveBeenCalled();
    expect(store.seen).toEqual([]);
  });
});

describe("the next-year worker's builder", () => {
  async function sheetsOf(b: BuiltBook): Promise<Record<string, unknown[][]>> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(b.base64, "base64") as unknown as ArrayBuffer);
    const out: Record<string, unknown[][]> = {};
    wb.eachSheet((ws) => {
      const rows: unknown[][] = [];
      ws.eachRow({ includeEmpty: true }, (r) =>
        rows.push((r.values as unknown[]).slice(1).map((v) => (v && typeof v === "object" && "formula" in v ? "=formula" : v))),
      );
      out[ws.name] = rows;
    });
    return out;
  }

  it("builds from the pane's analysis the same workbooks as from the engine's full result: the master with the revised list, one per department", async () => {
    const pane = loaded();
    const fromPane = await buildNextYearBooks(pane.result!, pane.settings, "ja");
    const full = runEngine([evaluation], { settings: DEFAULT_SETTINGS, lang: "ja" });
    const fromEngine = await buildNextYearBooks(full, DEFAULT_SETTINGS, "ja");
    expect(fromPane.map((b) => [b.fileName, b.department, b.indicators])).toEqual([
      ["令和5年度_評価シート_全課", undefined, 3],
      ["令和5年度_評価シート_企画課", "企画課", 2],
      ["令和5年度_評価シート_観光課", "観光課", 1],
    ]);
    expect(fromEngine.map((b) => b.fileName)).toEqual(fromPane.map((b) => b.fileName));
    for (let i = 0; i < fromPane.length; i++) expect(await sheetsOf(fromPane[i])).toEqual(await sheetsOf(fromEngine[i]));
    const master = await sheetsOf(fromPane[0]);
    expect(Object.keys(master)).toContain("改訂後の指標一覧");
    expect(JSON.stringify(master)).toContain("相談件数");
    expect(Object.keys(await sheetsOf(fromPane[1]))).not.toContain("改訂後の指標一覧");
  });

  it("encodes bytes as base64 exactly as Node does, across the slices it builds strings in", () => {
    const bytes = new Uint8Array(70000).map((_, i) => (i * 37 + (i >> 8)) & 255);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    expect(toBase64(new Uint8Array(0))).toBe("");
  });

  it("is imported by the next-year worker only (types aside), so ExcelJS stays out of taskpane.js", () => {
    const dir = path.join(__dirname, "../../src/taskpane");
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".ts") && !["next-year-books.ts", "next-year-worker.ts"].includes(n))) {
      const text = fs.readFileSync(path.join(dir, f), "utf8");
      const statics = [...text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"\.\/next-year-books";/gm)].filter((m) => !m[1]);
      expect({ file: f, statics: statics.length }).toEqual({ file: f, statics: 0 });
    }
  });
});
