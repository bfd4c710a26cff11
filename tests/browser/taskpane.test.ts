// The built task pane in real headless Chromium: with a fake Excel host seeded from the
// sample workbook, and with the real office.js and no Office around it.
import * as fs from "fs";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { readWorkbookFile } from "../../src/xlsx/read";
import { decodeXlsx } from "../excel/xlsx-decoder";
import { SAMPLE_HEADER, SAMPLE_PATH, sampleCells, sampleModule, workbookOf } from "../helpers/xlsx";
import { bundleFakeHost, chromiumMissing, ensureBuilt, launch, ROOT, SCREENSHOTS, serveDist } from "./harness";

const missing = chromiumMissing();
const suite = missing ? describe.skip : describe;

const XSS_IMG = "<img src=x onerror=alert(1)>";
const XSS_SCRIPT = "<script>alert(2)</script>";
const XSS_URL = "javascript:alert(3)";
const OFFICE_CDN = "https://appsforoffice.microsoft.com/**";

interface Seed {
  name: string;
  sheets: { name: string; rows: unknown[][] }[];
  displayLanguage?: string;
  supported?: string;
  syncDelayMs?: number;
  failKind?: string;
  failCode?: string;
}

interface FakeSheet {
  name: string;
  values: unknown[][];
  interpreted: string[];
  charts: number;
  owner: string | null;
}

suite("the task pane in Chromium", () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let fakeHost: string;
  let sample: Seed;

  beforeAll(async () => {
    ensureBuilt();
    fakeHost = await bundleFakeHost();
    server = await serveDist();
    browser = await launch();
    const inputs = await readWorkbookFile(path.join(ROOT, "samples/sample-evaluation.xlsx"));
    const sheets = inputs.map((s) => ({ name: s.sheet, rows: s.rows.map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : (v ?? null)))) }));
    // Two indicator names that would run if they were ever parsed as HTML.
    const evaluation = sheets.find((s) => s.name === "評価シート")!;
    evaluation.rows[7][3] = XSS_IMG;
    evaluation.rows[8][3] = XSS_SCRIPT;
    evaluation.rows[9][3] = XSS_URL;
    sample = { name: "sample-evaluation.xlsx", sheets };
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page on the built task pane with the fake host; every request is recorded. */
  async function openWithFakeHost(seed: Seed): Promise<{ page: Page; dialogs: string[]; external: string[] }> {
    const page = await browser.newPage({ viewport: { width: 360, height: 900 }, locale: "ja-JP" });
    const dialogs: string[] = [];
    const external: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("request", (r) => {
      const u = new URL(r.url());
      if (u.hostname !== "127.0.0.1" && u.hostname !== "appsforoffice.microsoft.com") external.push(r.url());
    });
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await page.route(OFFICE_CDN, (route) => route.fulfill({ status: 200, contentType: "application/javascript", body: fakeHost }));
    await page.exposeFunction("__kpiDecodeXlsx", decodeXlsx);
    await page.addInitScript((s) => {
      (window as unknown as Record<string, unknown>).__KPI_FAKE_SEED__ = s;
    }, seed);
    await page.goto(`${server.url}/taskpane.html`);
    return { page, dialogs, external };
  }

  const fakeSheets = (page: Page): Promise<FakeSheet[]> =>
    page.evaluate(() => (window as unknown as { __kpiFake: { sheets: () => FakeSheet[] } }).__kpiFake.sheets());

  const cell = (page: Page, category: string, grade: string) =>
    page.locator(`#tally-table tr[data-goal="total"][data-category="${category}"] td[data-grade="${grade}"]`);

  it("chooses a sheet, shows the seed's tally, and writes the summary sheets once", async () => {
    // Each sync takes 150 ms, as a round trip to Excel would: a second press lands mid-write.
    const { page, dialogs, external } = await openWithFakeHost({ ...sample, syncDelayMs: 150 });
    const box = page.locator('#sheet-list fluent-checkbox[data-sheet="評価シート"]');
    await box.waitFor({ timeout: 20_000 });
    await expect(box.textContent()).resolves.toContain("評価シート（63指標）");
    expect(await page.locator("#sheet-list fluent-checkbox").count()).toBe(1);

    // Choose: unchecking empties the review, checking brings it back.
    await box.click();
    await page.locator("#tally-table").waitFor({ state: "detached" });
    await box.click();
    await page.locator("#tally-table").waitFor();

    const expected: Record<string, Record<string, string>> = {
      numerical: { A: "2", B: "3", C: "3", D: "" },
      kpi: { A: "18", B: "21", C: "15", D: "1" },
    };
    for (const [category, grades] of Object.entries(expected)) {
      for (const [grade, text] of Object.entries(grades)) expect((await cell(page, category, grade).textContent())?.trim()).toBe(text);
    }
    expect(await page.locator("svg.chart rect[data-grade]").count()).toBeGreaterThan(4);

    // Indicator names shown as text, never as markup.
    await expect(page.getByText(XSS_IMG, { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByText(XSS_SCRIPT, { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByText(XSS_URL, { exact: true }).count()).resolves.toBe(1);
    expect(await page.locator("#app img, #app script, #app a[href], #app iframe").count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "taskpane-review.png"), fullPage: false });

    // Diagnostics: clicking one selects its cell in Excel.
    const firstDiag = page.locator("#diag-list button.diag:not([disabled])").first();
    const target = await firstDiag.getAttribute("data-cell");
    await firstDiag.click();
    await page.waitForFunction((c) => (window as unknown as { __kpiFake: { selected: () => string } }).__kpiFake.selected() === c, target);

    // Suggestions filtered by grade.
    await page.selectOption("#filter-grade", "D");
    await expect(page.locator("#sugg-list li").count()).resolves.toBe(1);
    await page.selectOption("#filter-grade", "");
    await page.locator("#diagnostics").evaluate((e) => e.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: path.join(SCREENSHOTS, "taskpane-diagnostics.png"), fullPage: false });
    await page.locator("#suggestions .filters").evaluate((e) => e.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: path.join(SCREENSHOTS, "taskpane-suggestions.png"), fullPage: false });

    // Write, pressing twice: one set of output sheets.
    const before = await fakeSheets(page);
    const write = page.locator("#write-button");
    await write.click();
    await write.click({ force: true });
    await page.locator("#write-status").evaluate((e) => e.scrollIntoView({ block: "center" }));
    await page.screenshot({ path: path.join(SCREENSHOTS, "taskpane-writing.png"), fullPage: false });
    await page.locator("#write-done").waitFor({ timeout: 30_000 });
    const after = await fakeSheets(page);
    const names = after.map((s) => s.name);
    expect(names).toEqual(
      ["表紙", "評価シート", "戦略パッケージ変更", "評価集計", "見直し一覧", "新旧対照表", "入力チェック", "提出状況", "具体的施策"].filter((n) =>
        names.includes(n),
      ),
    );
    // The sample's 戦略パッケージ変更 sheet is laid out per basic goal, as the seed's （２）具体的施策.
    expect(names).toContain("具体的施策");
    expect(names.filter((n) => n.startsWith("評価集計"))).toEqual(["評価集計"]);
    expect(await page.evaluate(() => (window as unknown as { __kpiFake: { writes: () => number } }).__kpiFake.writes())).toBe(1);
    // Reading: 3 syncs; writing: 3 to read fresh values, 3 to write.
    const syncs = await page.evaluate(() => (window as unknown as { __kpiFake: { syncCounts: () => number[] } }).__kpiFake.syncCounts());
    expect(syncs[0]).toBe(3);
    expect(syncs.slice(-2)).toEqual([3, 3]);
    expect(names.some((n) => n.startsWith("~"))).toBe(false);
    for (const s of before) expect(after.find((a) => a.name === s.name)?.values).toEqual(s.values);
    const summary = after.find((s) => s.name === "評価集計")!;
    expect(summary.values[0][0]).toBe("○令和4年度実績における評価");
    expect(summary.charts).toBe(1);
    expect(summary.owner).toContain("summary");
    const list = after.find((s) => s.name === "見直し一覧")!;
    expect(list.values.flat()).toContain(XSS_IMG);
    expect(await page.evaluate(() => (window as unknown as { __kpiFake: { active: () => string } }).__kpiFake.active())).toBe("評価集計");
    await page.locator("#write-result").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, "taskpane-written.png"), fullPage: false });

    expect(dialogs).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  }, 120_000);

  it("says in words what to do when the workbook is protected, and writes nothing", async () => {
    const { page, dialogs } = await openWithFakeHost({ ...sample, failKind: "worksheets.add", failCode: "AccessDenied" });
    await page.locator("#tally-table").waitFor({ timeout: 20_000 });
    const before = (await fakeSheets(page)).map((s) => s.name);
    await page.locator("#write-button").click();
    const error = page.locator("#write-error");
    await error.waitFor({ state: "visible", timeout: 20_000 });
    expect(await error.textContent()).toContain("保護");
    expect(await error.textContent()).toContain("ブックは変更していません");
    expect((await fakeSheets(page)).map((s) => s.name)).toEqual(before);
    await page.screenshot({ path: path.join(SCREENSHOTS, "taskpane-error.png"), fullPage: false });
    expect(dialogs).toEqual([]);
    await page.close();
  }, 120_000);

  it("is in English when Office's display language is not Japanese", async () => {
    const { page } = await openWithFakeHost({ ...sample, displayLanguage: "en-US" });
    await page.locator("#tally-table").waitFor({ timeout: 20_000 });
    expect(await page.locator("#write-button").textContent()).toContain("Write summary sheets");
    expect(await page.locator("#h-sheets").textContent()).toBe("1. Choose the evaluation sheets");
    await page.close();
  }, 120_000);

  it("shows the column mapping when the grade column is unsure, and remembers the user's choice", async () => {
    const rows: unknown[][] = [["基本目標", "区分", "指標名", "単位", "基準値", "目標値", "R4実績", "判定", "担当課"]];
    for (let i = 0; i < 8; i++) rows.push([1 + (i % 2), i < 2 ? "数値目標" : "KPI", `指標${i + 1}`, "件", 10, 20, 20 - (i % 4) * 3, "ABCD"[i % 4], "企画課"]);
    const { page, dialogs } = await openWithFakeHost({
      name: "m.xlsx",
      sheets: [
        { name: "KPI", rows },
        { name: "評価集計", rows: [["自分のメモ"]] },
      ],
    });
    const grade = page.locator('.mapping select[data-field="grade"]');
    await grade.waitFor({ timeout: 20_000 });
    expect(await grade.inputValue()).toBe("");
    expect(await page.locator(".mapping option", { hasText: "H: 判定" }).count()).toBeGreaterThan(0);
    await grade.selectOption("H");
    await page.waitForFunction(
      () => document.querySelector('#tally-table tr[data-goal="total"][data-category="kpi"] td[data-grade="C"]')?.textContent === "2",
      undefined,
      { timeout: 10_000 },
    );
    const saved = await page.evaluate(() => (window as unknown as { __kpiFake: { settings: { data: Record<string, unknown> } } }).__kpiFake.settings.data);
    expect(saved["kpiReviewAssistant.columnOverrides"]).toEqual({ "m.xlsx|KPI": { grade: "H" } });
    await page.locator(".mapping").evaluate((e) => e.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: path.join(SCREENSHOTS, "taskpane-mapping.png"), fullPage: false });

    // A user's sheet named 評価集計 is kept; the summary goes to 評価集計 (2).
    await page.locator("#write-button").click();
    await page.locator("#write-done").waitFor({ timeout: 30_000 });
    expect(await page.locator("#write-result").textContent()).toContain("評価集計 (2)");
    const after = await fakeSheets(page);
    expect(after.find((s) => s.name === "評価集計")?.values).toEqual([["自分のメモ"]]);
    expect(after.find((s) => s.name === "評価集計 (2)")?.owner).toContain("summary");
    expect(dialogs).toEqual([]);
    await page.close();
  }, 120_000);

  it("tells the user of an Excel without the needed API version, instead of failing", async () => {
    const { page } = await openWithFakeHost({ ...sample, supported: "1.3" } as Seed);
    const message = page.locator("#host-message");
    await message.waitFor({ timeout: 20_000 });
    expect(await message.textContent()).toContain("1.4");
    await page.close();
  }, 60_000);

  it("names the key of a wrong value in the 設定 sheet and goes on with the defaults", async () => {
    const settingsRows = [
      ["項目", "値"],
      ["bands.B", "たくさん"],
    ];
    const { page } = await openWithFakeHost({ ...sample, sheets: [...sample.sheets, { name: "設定", rows: settingsRows }] });
    await page.locator("#tally-table").waitFor({ timeout: 20_000 });
    const error = page.locator("#error");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toContain("bands.B");
    expect((await cell(page, "kpi", "B").textContent())?.trim()).toBe("21");
    await page.close();
  }, 60_000);

  it("imports department workbooks chosen with the file input, then shows the seed's tally and the completion status", async () => {
    const rows = sampleModule.buildSampleRows();
    const departments = [...new Set(rows.map((r) => r.department))];
    const files = [];
    for (const d of departments) {
      const wb = workbookOf([
        { name: "表紙", rows: [[`${d} 令和4年度 評価シート`]] },
        {
          name: "評価シート",
          rows: [[`${d}　数値目標・KPI評価（令和4年度実績）`], [], SAMPLE_HEADER, ...rows.filter((r) => r.department === d).map(sampleCells)],
        },
      ]);
      files.push({
        name: `${d}.xlsx`,
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: Buffer.from(await wb.xlsx.writeBuffer()),
      });
    }
    const { page, dialogs, external } = await openWithFakeHost({ name: "集約.xlsx", sheets: [{ name: "はじめに", rows: [["令和4年度 評価の集約"]] }] });
    await page.locator("#sheet-list .message").waitFor({ timeout: 20_000 });
    await page.setInputFiles("#import-input", files);
    await page.locator("#completion-table").waitFor({ timeout: 30_000 });
    expect((await page.locator("#import-result").textContent()) ?? "").toContain("取り込みました");
    expect((await fakeSheets(page)).map((s) => s.name)).toEqual(["はじめに", ...departments]);
    expect(await page.locator("#sheet-list fluent-checkbox").count()).toBe(departments.length);
    const expected: Record<string, Record<string, string>> = { numerical: { A: "2", B: "3", C: "3", D: "" }, kpi: { A: "18", B: "21", C: "15", D: "1" } };
    for (const [category, grades] of Object.entries(expected)) {
      for (const [grade, text] of Object.entries(grades)) expect((await cell(page, category, grade).textContent())?.trim()).toBe(text);
    }
    // 提出状況: one row per department, none ungraded; no duplicates yet.
    expect(await page.locator("#completion-table tbody tr").count()).toBe(departments.length);
    const ungraded = await page.locator('#completion-table td[data-column="ungraded"]').allTextContents();
    expect(ungraded.every((v) => v === "0")).toBe(true);
    // …and one row per imported sheet (source), named after its department.
    expect(await page.locator("#completion-by-source tbody tr th").allTextContents()).toEqual(expect.arrayContaining(departments));
    expect(await page.locator("#duplicates").textContent()).toContain("重複している指標はありません");
    await page.locator("#completion").evaluate((e) => e.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: path.join(SCREENSHOTS, "taskpane-completion.png"), fullPage: false });

    // The combined sample as well: every indicator is a duplicate, the tally stays the seed's.
    await page.setInputFiles("#import-input", SAMPLE_PATH);
    await page.locator("#duplicates[data-count]").waitFor({ timeout: 30_000 });
    expect(await page.locator("#duplicates summary").textContent()).toContain("63件");
    expect(await page.locator("#dup-list li").count()).toBe(63);
    expect((await cell(page, "kpi", "B").textContent())?.trim()).toBe("21");
    const names = (await fakeSheets(page)).map((s) => s.name);
    expect(names).toEqual(["はじめに", ...departments, "sample-evaluation"]);
    expect(dialogs).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  }, 120_000);

  it("on ExcelApi 1.12 says how to copy the sheets by hand instead of offering the import", async () => {
    const { page } = await openWithFakeHost({ ...sample, supported: "1.12" });
    await page.locator("#tally-table").waitFor({ timeout: 20_000 });
    expect(await page.locator("#import-input").count()).toBe(0);
    const manual = (await page.locator("#import-manual").textContent()) ?? "";
    expect(manual).toContain("右クリック");
    expect(manual).toContain("移動またはコピー");
    await page.close();
  }, 60_000);

  it("without office.js at all, says it must be opened in Excel", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await page.goto(`${server.url}/taskpane.html`);
    await page.locator("#host-message").waitFor({ timeout: 8_000 });
    expect(await page.locator("#host-message").textContent()).toContain("Excel で開いてください");
    await page.close();
  }, 60_000);

  it("with the real office.js and no Office host, says it must be opened in Excel", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
    const outside: string[] = [];
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("request", (r) => {
      const u = new URL(r.url());
      if (u.hostname !== "127.0.0.1" && u.hostname !== "appsforoffice.microsoft.com") outside.push(r.url());
    });
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    const officeDist = path.join(ROOT, "node_modules/@microsoft/office-js/dist");
    await page.route(OFFICE_CDN, (route) => {
      const rel = new URL(route.request().url()).pathname.replace(/^\/lib\/1\/hosted\//, "");
      const file = path.resolve(officeDist, rel);
      if (!file.startsWith(officeDist) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: "" });
      return route.fulfill({ status: 200, contentType: "application/javascript", body: fs.readFileSync(file) });
    });
    const started = Date.now();
    await page.goto(`${server.url}/taskpane.html`);
    const message = page.locator("#host-message");
    await message.waitFor({ timeout: 8_000 });
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(await message.textContent()).toContain("Excel で開いてください");
    expect(await message.textContent()).toContain("Open this add-in in Excel");
    await page.screenshot({ path: path.join(SCREENSHOTS, "taskpane-not-in-excel.png"), fullPage: false });
    expect(outside).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  }, 60_000);
});
