// Random evaluation workbooks, built with ExcelJS here, through the CLI in process: a valid
// header over rows of strange cells (merges, error values, dates, booleans, rich text,
// formulas with cached results, 40,000-character cells, hundreds of columns, hidden rows,
// numbers as text, unicode oddities) beside empty and cover sheets with Japanese names.
// The CLI never throws, finishes, exits 0 or 1, leaves the input untouched, writes an --out
// that ExcelJS reads back with every text that could run kept as text, and prints a valid
// report in which every row it did not count carries a diagnostic.
//
// Seeded by FUZZ_SEED (42) with FUZZ_RUNS runs (a few); `npm run fuzz` runs it longer.

import ExcelJS from "exceljs";
import { createHash } from "crypto";
import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { cellText, isNoteOrSubtotal } from "../../src/core/normalize";
import { t } from "../../src/core/messages";
import { DEFAULT_SETTINGS, ENGLISH_SHEET_NAMES } from "../../src/core/settings";
import { HEADER } from "../helpers/grid";
import { memoryIo, plain, removeDir, tmpDir } from "../helpers/xlsx";
import { FUZZ_SEED, fuzzRuns, fuzzTimeout } from "./fuzz-options";

type Value = ExcelJS.CellValue;
/** 1-based, inclusive, as ExcelJS.mergeCells takes them. */
interface Range {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}
interface SheetModel {
  readonly name: string;
  /** Row 1 first; null = empty cell. Merged slaves are already null (ExcelJS keeps the master only). */
  readonly rows: Value[][];
  readonly merges: readonly Range[];
  readonly hidden: readonly number[];
  /** 1-based rows below the evaluation header, or [] for a sheet without one. */
  readonly dataRows: readonly number[];
}

// ---------------------------------------------------------------------------------------
// Cells

/** Characters XML 1.0 cannot hold: kept out of the fixtures, which ExcelJS would write unreadable. They reach the CLI as _xFFFE_ escapes instead. */
const XML_ILLEGAL = /[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Control characters ExcelJS drops when it writes a string. */
// eslint-disable-next-line no-control-regex -- the control characters are the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

const ODD_TEXT = [
  "\u200f右から左へ\u200e",
  "\u202eRTL override\u202c",
  "👨‍👩‍👧‍👦 家族連れ",
  "🏳️‍🌈",
  "𠮷野家の売上",
  "e\u0301",
  "ｶﾀｶﾅ指標",
  "\u3000全角空白\u3000",
  "\u00a0NBSP",
  "\u200b",
  "\ufeffBOM",
  "_x0001_制御文字_x001F_", // ExcelJS decodes _xHHHH_ on read: the engine sees real control characters
  "_x0000_",
  "_x0007_ベル",
  "_xFFFE_非文字", // U+FFFE once read: XML cannot hold it in the output
  "_xD800_孤立サロゲート",
  "改行\r\nあり",
  "タブ\tあり",
  "=SUM(A1:A3)",
  "+81-3-0000",
  "-1-2",
  "@SUM(1)",
  "\t=1+1",
  "\r=cmd|' /C calc'!A0",
  '=HYPERLINK("http://example.com","x")',
  "＝全角の等号",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "'引用符",
  '"',
  "&amp;<>",
  "#N/A",
  "#DIV/0!",
  "TRUE",
  "1e308",
  "NaN",
];

const NUMBER_TEXT = [
  "1,234",
  "１２３",
  "１，２３４．５",
  "△5",
  "▲1.5",
  "約100",
  "50%",
  "1,234人",
  "1.2.3",
  "12345678901234567890123",
  "1e5",
  "０",
  "－",
  "―",
  "−",
  "-",
  "なし",
  " 12 ",
];

const ERRORS = ["#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"];

const errorArb: fc.Arbitrary<Value> = fc.constantFrom(...ERRORS).map((error) => ({ error }) as ExcelJS.CellErrorValue);
const dateArb: fc.Arbitrary<Value> = fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2040, 0, 1)), noInvalidDate: true });
const textArb = fc.oneof(
  fc.constantFrom(...ODD_TEXT),
  fc.string({ maxLength: 10 }),
  fc.string({ unit: "grapheme", maxLength: 6 }).filter((s) => !XML_ILLEGAL.test(s)),
);
const richArb: fc.Arbitrary<Value> = fc
  .array(fc.record({ text: fc.oneof(textArb, fc.constantFrom("リッチ", "テキスト", "")), bold: fc.boolean() }), { minLength: 1, maxLength: 3 })
  .map((runs) => ({ richText: runs.map((r) => ({ text: r.text, font: { bold: r.bold } })) }));
const formulaArb: fc.Arbitrary<Value> = fc
  .record({
    formula: fc.constantFrom("SUM(A1:A2)", "1+2", "TODAY()", '"="&"x"', "A1&B1", "1/0"),
    result: fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true, noDefaultInfinity: true }), textArb, fc.boolean(), errorArb),
  })
  .map((f) => f as ExcelJS.CellFormulaValue);
const hyperlinkArb: fc.Arbitrary<Value> = fc.constantFrom(
  { text: "リンク", hyperlink: "https://example.com/" },
  { text: "=1+1", hyperlink: "#'評価シート'!A1" },
);
const longArb: fc.Arbitrary<Value> = fc.constantFrom("字".repeat(40000), "=" + "x".repeat(39999), "A".repeat(40000));

/** Anything a hand-made sheet may hold. */
const oddCell: fc.Arbitrary<Value> = fc.oneof(
  { weight: 4, arbitrary: textArb },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBER_TEXT) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: dateArb },
  { weight: 2, arbitrary: errorArb },
  { weight: 2, arbitrary: richArb },
  { weight: 2, arbitrary: formulaArb },
  { weight: 1, arbitrary: hyperlinkArb },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: longArb },
);

const n = (min: number, max: number) => fc.integer({ min, max });
const numberish = fc.oneof(n(-1000, 100000), fc.constantFrom("1,200", "△3", "－", "１２３", null));
/** A plausible value per column of HEADER. */
const PLAUSIBLE: fc.Arbitrary<Value>[] = [
  fc.constantFrom(1, 2, "２", "基本目標3", "基本目標１ だいせんの未来", "Ⅳ", "基本目標2\n人の流れ", null), // 基本目標
  fc.constantFrom("KPI", "数値目標", "【数値目標】", "ＫＰＩ", "重要業績評価指標", null), // 区分
  fc.tuple(fc.constantFrom("", "", "=", "+", "-", "@", "\t", "\r", "＝"), n(0, 40)).map(([p, i]) => `${p}指標${i}`), // 指標名
  fc.constantFrom("人", "%", "千円", "件/年", null), // 単位
  numberish, // 基準値
  numberish, // 目標値
  fc.constantFrom("R6", "令和6年度", 2024, "2027年度", null), // 目標年度
  fc.constantFrom("累計", "単年度", null), // 累計/単年度
  numberish, // 令和2年度
  numberish, // 令和3年度
  numberish, // 令和4年度
  fc.constantFrom("A", "Ｂ", "c", "D評価", " A ", "優", null), // 評価
  fc.constantFrom("コロナ禍の影響", "物価高騰", "順調", null), // 評価理由
  fc.constantFrom("農業振興課", "観光課", null), // 担当課
  fc.constantFrom("目標値の修正", "新たな指標を設定", "指標名の変更", "修正なし", "廃止", null), // 見直し区分
  fc.oneof(n(0, 5000), fc.constantFrom("1,500", "未定", null)), // 見直し後の目標値
  fc.constantFrom("新指標", "=新指標", "@新指標", null), // 見直し後の指標名
];

const indicatorRow: fc.Arbitrary<Value[]> = fc.tuple(...PLAUSIBLE.map((p) => fc.oneof({ weight: 4, arbitrary: p }, { weight: 1, arbitrary: oddCell })));
const otherRow: fc.Arbitrary<Value[]> = fc
  .oneof(
    fc.constant<Value[]>([]), // blank separator
    fc.constantFrom<Value[]>(["※ 実績値は速報値"], ["注）R4は見込み"], ["＊参考"]), // notes
    n(0, 999).map((v): Value[] => ["小計", null, null, null, v, v]), // subtotal
    fc.constantFrom<Value[]>(["基本目標2 人の流れ"], [null, "【KPI】"], [null, "【数値目標】"]), // section rows
  )
  .map((r) => [...r]);
const dataRowArb = fc.oneof({ weight: 6, arbitrary: indicatorRow }, { weight: 1, arbitrary: otherRow });

const EVAL_NAMES = ["評価シート", "令和4年度評価", "基本目標１", "ＫＰＩ評価（農業）", "データ'引用", "シート 2", "👍評価"];
const OTHER_NAMES = ["表紙", "空のシート", "メモ書き", "結合だけ"];

interface Candidate {
  readonly r: number;
  readonly c: number;
  readonly h: number;
  readonly w: number;
}
const candidateArb = fc.record({ r: n(0, 999), c: n(0, 999), h: n(0, 2), w: n(0, 2) });

/** Non-overlapping merges inside the data rows [first, last] and columns 1..cols. */
function mergesFrom(cands: readonly Candidate[], first: number, last: number, cols: number): Range[] {
  const out: Range[] = [];
  if (last < first) return out;
  for (const k of cands) {
    const top = first + (k.r % (last - first + 1));
    const left = 1 + (k.c % cols);
    const range = { top, left, bottom: Math.min(last, top + k.h), right: Math.min(cols, left + k.w) };
    if (range.bottom === range.top && range.right === range.left) continue;
    const overlaps = out.some((o) => !(range.bottom < o.top || range.top > o.bottom || range.right < o.left || range.left > o.right));
    if (!overlaps) out.push(range);
  }
  return out;
}

const evalSheetArb = (name: string): fc.Arbitrary<SheetModel> =>
  fc
    .record({
      titles: fc.array(fc.constantFrom(["第2期総合戦略 数値目標・KPI 評価シート"], ["令和4年度実績"], [], ["単位：人、％"]), { maxLength: 3 }),
      titleMerged: fc.boolean(),
      data: fc.array(dataRowArb, { minLength: 1, maxLength: 10 }),
      wide: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: n(200, 400) }),
      far: fc.array(oddCell, { maxLength: 3 }),
      merges: fc.array(candidateArb, { maxLength: 4 }),
      hidden: fc.array(n(0, 999), { maxLength: 3 }),
    })
    .map(({ titles, titleMerged, data, wide, far, merges, hidden }) => {
      const rows: Value[][] = [...titles.map((t) => [...t] as Value[]), [...HEADER]];
      const headerRow = rows.length;
      for (const d of data) {
        const row = [...d];
        if (wide > 0 && row.length > 2) {
          // Hundreds of columns: a filler every third column, and odd cells far to the right.
          for (let c = HEADER.length; c < HEADER.length + wide; c++) row[c] = c % 3 === 0 ? c : null;
          far.forEach((v, i) => (row[HEADER.length + wide - 1 - i] = v));
        }
        rows.push(row);
      }
      const first = headerRow + 1;
      const last = rows.length;
      const ranges = mergesFrom(merges, first, last, HEADER.length);
      if (titleMerged && headerRow > 1) ranges.push({ top: 1, left: 1, bottom: 1, right: 8 });
      // ExcelJS keeps a merge's master only: clear the slaves so the model is what is written.
      for (const m of ranges)
        for (let r = m.top; r <= m.bottom; r++)
          for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) if (rows[r - 1]) rows[r - 1][c - 1] = null;
      const dataRows = Array.from({ length: last - first + 1 }, (_, i) => first + i);
      return { name, rows, merges: ranges, hidden: [...new Set(hidden.map((h) => first + (h % dataRows.length)))], dataRows };
    });

const otherSheetArb = (name: string): fc.Arbitrary<SheetModel> =>
  fc
    .constantFrom<Omit<SheetModel, "name">>(
      { rows: [], merges: [], hidden: [], dataRows: [] },
      { rows: [["第2期大仙市まち・ひと・しごと創生総合戦略"], [], ["令和5年3月"]], merges: [], hidden: [], dataRows: [] },
      {
        rows: [
          ["結合", null],
          [null, null],
        ],
        merges: [{ top: 1, left: 1, bottom: 2, right: 2 }],
        hidden: [],
        dataRows: [],
      },
      { rows: [[{ error: "#REF!" } as Value, { formula: "1/0", result: { error: "#DIV/0!" } } as Value]], merges: [], hidden: [1], dataRows: [] },
    )
    .map((s) => ({ ...s, name, rows: s.rows.map((r) => [...r]) }));

const workbookArb: fc.Arbitrary<SheetModel[]> = fc
  .record({
    evalNames: fc.uniqueArray(fc.constantFrom(...EVAL_NAMES), { minLength: 1, maxLength: 2 }),
    otherNames: fc.uniqueArray(fc.constantFrom(...OTHER_NAMES), { maxLength: 2 }),
    otherFirst: fc.boolean(),
  })
  .chain(({ evalNames, otherNames, otherFirst }) => {
    const evals = evalNames.map(evalSheetArb);
    const others = otherNames.map(otherSheetArb);
    return fc.tuple(...(otherFirst ? [...others, ...evals] : [...evals, ...others]));
  });

async function writeModel(file: string, sheets: readonly SheetModel[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v;
      }),
    );
    for (const m of s.merges) ws.mergeCells(m.top, m.left, m.bottom, m.right);
    for (const h of s.hidden) ws.getRow(h).hidden = true;
  }
  await wb.xlsx.writeFile(file);
}

// ---------------------------------------------------------------------------------------
// The oracle: what the engine is given, computed from the model

/** A string as the engine receives it: control characters dropped by the writer, _xHHHH_ decoded by the reader. */
const asRead = (s: string): string => s.replace(CONTROL, "").replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

function engineValue(v: Value): unknown {
  // ExcelJS writes a formula's empty-text result as no cached value at all: the cell reads as blank.
  if (v !== null && typeof v === "object" && "formula" in v && (v as ExcelJS.CellFormulaValue).result === "") return null;
  const p = plain(v);
  return typeof p === "string" ? asRead(p) : p;
}

/** The sheet's grid with merged masters spread over their ranges, as the engine sees it. */
function spread(s: SheetModel): unknown[][] {
  const grid = s.rows.map((r) => r.map(engineValue));
  for (const m of s.merges) {
    const v = grid[m.top - 1]?.[m.left - 1];
    if (v === null || v === undefined || v === "") continue;
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) (grid[r - 1] ??= [])[c - 1] = v;
  }
  return grid;
}

const NAME_COL = HEADER.indexOf("指標名");

/** Rows that must be counted or diagnosed: not blank, not a note or subtotal, and with a name (else a section row). */
function rowsToAccountFor(s: SheetModel): number[] {
  const grid = spread(s);
  return s.dataRows.filter((r) => {
    const row = grid[r - 1] ?? [];
    const first = row.map(cellText).find((t) => t !== "") ?? "";
    if (first === "" || isNoteOrSubtotal(first)) return false;
    return cellText(row[NAME_COL]) !== "";
  });
}

// ---------------------------------------------------------------------------------------
// Checks on the results

interface Report {
  schemaVersion: number;
  tally: { total: Record<"numerical" | "kpi", Record<string, number>>; ungraded: number };
  indicators: { source: { file: string; sheet: string; row: number }; name: string }[];
  diagnostics: { file: string; sheet: string; cell: string; severity: string; code: string; message: string }[];
}

function expectValidReport(report: Report, file: string): void {
  expect(report.schemaVersion).toBe(1);
  const graded = (["numerical", "kpi"] as const).reduce((sum, cat) => sum + Object.values(report.tally.total[cat]).reduce((a, b) => a + b, 0), 0);
  expect(graded + report.tally.ungraded).toBe(report.indicators.length);
  for (const i of report.indicators) expect(i.source.file).toBe(file);
  for (const d of report.diagnostics) {
    expect(d.cell).toMatch(/^(|[A-Z]{1,3}[1-9]\d*)$/);
    expect(["error", "warning", "info"]).toContain(d.severity);
    expect(d.code).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
    expect(typeof d.message).toBe("string");
    expect(d.message.length).toBeGreaterThan(0);
  }
}

const RUNNABLE = /^[=+\-@\t\r]/;
const TEXT_TYPES: readonly ExcelJS.ValueType[] = [ExcelJS.ValueType.String, ExcelJS.ValueType.RichText, ExcelJS.ValueType.Hyperlink];
const textOf = (cell: ExcelJS.Cell): string | undefined => {
  const v = cell.value as unknown;
  if (typeof v === "string") return v;
  const o = v as { richText?: { text: string }[]; text?: unknown } | null;
  if (o && Array.isArray(o.richText)) return o.richText.map((r) => r.text).join("");
  if (o && typeof o.text === "string") return o.text;
  return undefined;
};

/** Every cell of the output is a plain value; text that could run is a string, never a formula. Returns how many such texts it saw. */
function expectNoFormulas(wb: ExcelJS.Workbook): number {
  let runnable = 0;
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const where = `${ws.name}!${cell.address}`;
        if (cell.formula !== undefined || cell.type === ExcelJS.ValueType.Formula) throw new Error(`${where} holds a formula: ${String(cell.formula)}`);
        const text = textOf(cell);
        if (text !== undefined && text.length > 32767) throw new Error(`${where} holds ${text.length} characters, more than an Excel cell can`);
        if (text !== undefined && RUNNABLE.test(text)) {
          runnable++;
          if (!TEXT_TYPES.includes(cell.type))
            throw new Error(`${where} starts with ${JSON.stringify(text.slice(0, 20))} but is of type ${cell.type}, not text`);
        }
      }),
    );
  }
  return runnable;
}

const sha = (file: string): string => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/** The CLI must settle by itself; a synchronous hang would stall the worker and fail on jest's timeout instead. */
function withinMs<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------

let dir: string;
beforeAll(() => {
  dir = tmpDir("kpi-review-fuzz-");
});
afterAll(() => removeDir(dir));

const RUNS = fuzzRuns(8);

describe("fuzz: random .xlsx workbooks through the CLI", () => {
  it(
    "fuzz: never throws, exits 0 or 1, keeps the input, writes a readable --out without formulas, and accounts for every row",
    async () => {
      let k = 0;
      let runnableSeen = 0;
      await fc.assert(
        fc.asyncProperty(workbookArb, fc.constantFrom("ja", "en"), async (sheets, lang) => {
          const file = `wb${k++}.xlsx`;
          const input = path.join(dir, file);
          const out = path.join(dir, `out-${file}`);
          await writeModel(input, sheets);
          const before = sha(input);
          const m = memoryIo(dir);
          let code: number;
          try {
            code = await withinMs(main(["summarize", file, "--out", path.basename(out), "--json", "-", "--lang", lang], m.io), 30_000, "kpi-review");
          } catch (e) {
            throw new Error(`main threw or hung: ${(e as Error).message}\nstderr: ${m.err()}`);
          }
          expect(sha(input)).toBe(before);
          expect(m.err()).not.toMatch(/^\s+at /m);
          if (code !== 0 && code !== 1) throw new Error(`exit ${code} for a valid workbook: ${m.err()}`);
          if (code === 1) {
            expect(
              m
                .err()
                .split("\n")
                .filter((l) => l.trim() !== ""),
            ).toHaveLength(1);
            expect(fs.existsSync(out)).toBe(false);
          }
          const report = JSON.parse(m.out()) as Report;
          expectValidReport(report, file);

          // Every row with a name that is not counted has a diagnostic on that row.
          for (const s of sheets) {
            const counted = new Set(report.indicators.filter((i) => i.source.sheet === s.name).map((i) => i.source.row));
            const diagnosed = new Set(report.diagnostics.filter((d) => d.sheet === s.name).map((d) => Number(/\d+$/.exec(d.cell)?.[0] ?? 0)));
            for (const r of rowsToAccountFor(s)) {
              if (counted.has(r) || diagnosed.has(r)) continue;
              throw new Error(`${s.name} row ${r} is neither counted nor diagnosed: ${JSON.stringify(s.rows[r - 1]).slice(0, 400)}`);
            }
          }

          if (code === 0) {
            expect(m.err()).toBe("");
            const wb = new ExcelJS.Workbook();
            await wb.xlsx.readFile(out); // throws when the output is not a readable workbook
            runnableSeen += expectNoFormulas(wb);
            // Nothing lost on the way out: each indicator's name is in 見直し一覧 as it was read.
            const list = wb.getWorksheet(lang === "ja" ? DEFAULT_SETTINGS.sheetNames.list : ENGLISH_SHEET_NAMES.list);
            expect(list).toBeDefined();
            // Control characters and characters XML cannot hold (decoded from _x0007_, _xFFFE_ …)
            // come back as U+FFFD or not at all, and a literal "_x0007_" (a formula's text result is not
            // decoded on reading) is written unescaped and decoded on reading back: compared as
            // decoded text without control characters or U+FFFD.
            const visible = (t: string | undefined) =>
              asRead(t ?? "")
                .replace(CONTROL, "")
                .replace(new RegExp(XML_ILLEGAL.source, "g"), "")
                .replace(/\ufffd/g, "");
            // The name column found by its header, so a reordered list is still checked.
            const headers = (list!.getRow(2).values as unknown[]).map((v) => (typeof v === "string" ? v : undefined));
            const nameColumn = headers.indexOf(t(lang, "col.name"));
            expect(nameColumn).toBeGreaterThan(0);
            report.indicators.forEach((ind, i) => {
              expect(visible(textOf(list!.getCell(i + 3, nameColumn)))).toBe(visible(ind.name));
            });
            fs.rmSync(out);
          }
          fs.rmSync(input);
        }),
        { seed: FUZZ_SEED, numRuns: RUNS },
      );
      // The formula check above saw texts that could run (names start with = + - @ often).
      if (RUNS >= 8) expect(runnableSeen).toBeGreaterThan(0);
    },
    fuzzTimeout(RUNS, 15_000),
  );
});
