// The same eight indicators in several hand-made layouts, each written as a real .xlsx,
// run through the CLI and read back cell by cell: every layout gives the same 評価集計.

import ExcelJS from "exceljs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { memoryIo, readBack, removeDir, SheetSpec, tmpDir, writeXlsx } from "../helpers/xlsx";

interface Item {
  goal: number;
  cat: "数値目標" | "KPI";
  name: string;
  grade: string;
  baseline: number;
  target: number;
  actuals: [number, number, number];
  revision?: [string, number | null, string | null];
}

const GOAL_NAMES: Record<number, string> = { 1: "だいせんの未来を拓く地域産業の振興", 2: "新たな人の流れを生むまちづくり" };
const ITEMS: Item[] = [
  { goal: 1, cat: "数値目標", name: "農業産出額", grade: "B", baseline: 230, target: 250, actuals: [238, 240, 247] },
  { goal: 1, cat: "KPI", name: "新規就農者数（累計）", grade: "A", baseline: 0, target: 100, actuals: [22, 45, 68], revision: ["目標値の修正", 115, null] },
  { goal: 1, cat: "KPI", name: "園芸作物の販売額", grade: "A", baseline: 1520, target: 2000, actuals: [1650, 1820, 2050] },
  { goal: 1, cat: "KPI", name: "農地集積率", grade: "C", baseline: 72.5, target: 80, actuals: [74.1, 75.3, 77.6] },
  { goal: 2, cat: "数値目標", name: "移住者数（累計）", grade: "A", baseline: 0, target: 500, actuals: [98, 215, 342] },
  { goal: 2, cat: "KPI", name: "市公式SNSのフォロワー数", grade: "B", baseline: 3200, target: 8000, actuals: [4100, 5600, 7200] },
  {
    goal: 2,
    cat: "KPI",
    name: '=HYPERLINK("http://x") 交流イベント数',
    grade: "D",
    baseline: 10,
    target: 20,
    actuals: [2, 3, 4],
    revision: ["新たな指標を設定", null, "+81 海外からの問い合わせ件数"],
  },
  {
    goal: 2,
    cat: "KPI",
    name: "@観光入込客数",
    grade: "C",
    baseline: 2650,
    target: 2800,
    actuals: [1020, 1380, 2150],
    revision: ["指標名の変更", 1800, "-主要観光施設の入込客数"],
  },
];

// Table 1 of these items (A4:F9 of 評価集計), zero blank.
const TABLE1 = [
  ["基本目標1", "数値目標", null, 1, null, null],
  ["基本目標1", "KPI", 2, null, 1, null],
  ["基本目標2", "数値目標", 1, null, null, null],
  ["基本目標2", "KPI", null, 1, 1, 1],
  ["合計", "数値目標", 1, 1, null, null],
  ["合計", "KPI", 2, 1, 2, 1],
];

const FULL = (s: string): string => s.replace(/[A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const rev = (i: Item) => i.revision ?? [null, null, null];

const HEAD = [
  "基本目標",
  "区分",
  "指標名",
  "基準値",
  "目標値",
  "令和2年度",
  "令和3年度",
  "令和4年度",
  "評価",
  "見直し区分",
  "見直し後の目標値",
  "見直し後の指標名",
];
const flat = (i: Item, goal: unknown = i.goal) => [goal, i.cat, i.name, i.baseline, i.target, ...i.actuals, i.grade, ...rev(i)];

const LAYOUTS: Record<string, () => SheetSpec[]> = {
  "title rows above the table": () => [
    {
      name: "評価シート",
      rows: [
        ["第2期総合戦略 数値目標・KPI 評価シート"],
        ["令和4年度実績"],
        ["評価：A 100%以上、B 80%以上、C 60%以上、D 60%未満"],
        [],
        HEAD,
        ...ITEMS.map((i) => flat(i)),
      ],
    },
  ],

  "a two-row header with merged groups": () => {
    const top = ["基本目標", "区分", "指標名", "基準値", null, "目標値", "実績値", null, null, "評価", "見直し区分", "見直し後の目標値", "見直し後の指標名"];
    const sub = [null, null, null, "数値", "年度", null, "令和2年度", "令和3年度", "令和4年度", null, null, null, null];
    const data = ITEMS.map((i) => [i.goal, i.cat, i.name, i.baseline, "R1", i.target, ...i.actuals, i.grade, ...rev(i)]);
    const vertical = ["A", "B", "C", "F", "J", "K", "L", "M"].map((c) => `${c}1:${c}2`);
    return [{ name: "評価シート", rows: [top, sub, ...data], merges: ["D1:E1", "G1:I1", ...vertical] }];
  },

  "goal cells merged down their block, with the goal's name on a new line": () => {
    const data = ITEMS.map((i, k) => flat(i, k === 0 || ITEMS[k - 1].goal !== i.goal ? `基本目標${i.goal}\n${GOAL_NAMES[i.goal]}` : null));
    return [{ name: "評価シート", rows: [HEAD, ...data], merges: ["A2:A5", "A6:A9"] }];
  },

  "columns in another order, goals left blank below their first row": () => {
    const order = [8, 2, 11, 7, 6, 5, 4, 3, 1, 10, 9, 0];
    const pick = (r: unknown[]) => order.map((k) => r[k]);
    const data = ITEMS.map((i, k) => flat(i, k === 0 || ITEMS[k - 1].goal !== i.goal ? i.goal : null));
    return [{ name: "評価シート", rows: [pick(HEAD), ...data.map(pick)] }];
  },

  "full-width grades, goals and categories": () => [
    {
      name: "評価シート",
      rows: [
        HEAD,
        ...ITEMS.map((i) => [FULL(`基本目標${i.goal}`), FULL(i.cat), i.name, FULL(String(i.baseline)), i.target, ...i.actuals, FULL(i.grade), ...rev(i)]),
      ],
    },
  ],

  "subtotal, note and blank rows between the indicators, after a cover sheet": () => {
    const rows: unknown[][] = [HEAD];
    for (const g of [1, 2]) {
      rows.push(...ITEMS.filter((i) => i.goal === g).map((i) => flat(i)));
      rows.push(["小計", null, null, null, null, null, null, null, "4"]);
      rows.push([]);
    }
    rows.push(["※ 評価は各担当課が入力しています。"]);
    rows.push(["※ 実績値の「－」は未集計を表します。", null, null, null, null, null, null, null, "X"]);
    return [
      { name: "表紙", rows: [["第2期大仙市まち・ひと・しごと創生総合戦略"], [], ["令和5年6月 大仙市"]] },
      { name: "評価シート", rows },
    ];
  },
};

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => removeDir(dir));

describe.each(Object.keys(LAYOUTS))("an evaluation sheet with %s", (layout) => {
  let out: Awaited<ReturnType<typeof readBack>>;
  let report: { tally: { ungraded: number }; indicators: { name: string }[]; diagnostics: { code: string; severity: string }[] };
  let code: number;

  beforeAll(async () => {
    const file = `${Object.keys(LAYOUTS).indexOf(layout)}.xlsx`;
    await writeXlsx(path.join(dir, file), LAYOUTS[layout]());
    const m = memoryIo(dir);
    code = await main(["summarize", file, "--out", `${file}.out.xlsx`, "--json", `${file}.json`], m.io);
    out = await readBack(path.join(dir, `${file}.out.xlsx`));
    report = JSON.parse(require("fs").readFileSync(path.join(dir, `${file}.json`), "utf8"));
  });

  it("reads all eight indicators without an error", () => {
    expect(code).toBe(0);
    expect(report.indicators).toHaveLength(ITEMS.length);
    expect(report.tally.ungraded).toBe(0);
    expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("writes 評価集計 table 1 cell by cell", () => {
    expect(out.block("評価集計", "A3:F3")).toEqual([["", "", "A評価", "B評価", "C評価", "D評価"]]);
    expect(out.block("評価集計", "A4:F9")).toEqual(TABLE1);
  });

  it("writes table 2 from the decided revisions", () => {
    const t2 = [15, 16, 17, 18].map((r) => [out.value("評価集計", `A${r}`), out.value("評価集計", `F${r}`), out.value("評価集計", `G${r}`)]);
    expect(t2).toEqual([
      ["A評価", 1, "すべての目標値を修正"],
      ["B評価", null, ""],
      ["C評価", 1, "指標名の変更 … 1指標"],
      ["D評価", 1, "新たな指標を設定"],
    ]);
  });

  it("writes names that begin with =, + , - or @ as text, never as formulas", () => {
    const check = (sheet: string, text: string) => {
      const ws = out.wb.getWorksheet(sheet)!;
      let found = 0;
      ws.eachRow((r) =>
        r.eachCell((cell) => {
          if (cell.value === text) {
            found++;
            expect(cell.type).toBe(ExcelJS.ValueType.String);
          }
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        }),
      );
      expect(found).toBeGreaterThan(0);
    };
    check("見直し一覧", '=HYPERLINK("http://x") 交流イベント数');
    check("見直し一覧", "@観光入込客数");
    check("新旧対照表", "+81 海外からの問い合わせ件数");
    check("新旧対照表", "-主要観光施設の入込客数");
  });
});
