#!/usr/bin/env node
// Writes samples/town-marks.xlsx: an evaluation sheet in another town's style, for the
// README's example of a scale other than A–D. The grades are ◎/○/△/× with 評価なし, the
// grade column is headed 判定, the name column 項目, the latest actual 現在値（令和4年度）,
// and the second header row only annotates (（H26） under 基準値).
"use strict";

const path = require("path");
const ExcelJS = require("exceljs");

const ROWS = [
  ["基本目標１ 産業の振興", "数値目標", "町内総生産額", "億円", 410, 450, 438, "△"],
  [null, "KPI", "新規就農者数", "人", 3, 5, 6, "◎"],
  [null, "KPI", "企業誘致件数", "件", 0, 5, 4, "○"],
  [null, "KPI", "特産品の販売額", "百万円", 120, 150, 95, "×"],
  ["基本目標２ 移住・定住の促進", "数値目標", "転入者数", "人", 310, 350, 352, "◎"],
  [null, "KPI", "移住相談件数", "件", 40, 80, 74, "○"],
  [null, "KPI", "空き家バンク成約件数", "件", 5, 15, 12, "△"],
  [null, "KPI", "移住者の定着率", "％", null, 80, null, "評価なし"],
  ["基本目標３ 子育て支援", "数値目標", "合計特殊出生率", null, 1.32, 1.45, 1.42, "△"],
  [null, "KPI", "保育所の待機児童数", "人", 8, 0, 0, "◎（達成）"],
  [null, "KPI", "子育て支援センター利用者数", "人", 2400, 3000, 2950, "○"],
];

async function main() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("令和4年度評価");
  ws.addRow(["まち・ひと・しごと創生総合戦略 令和4年度 施策評価シート（例）"]);
  ws.addRow(["基本目標", "区分", "項目", "単位", "基準値", "目標値", "現在値（令和4年度）", "判定"]);
  ws.addRow([null, null, null, null, "（H26）", "（R6）", null, null]);
  for (const r of ROWS) ws.addRow(r);
  ws.columns.forEach((c, i) => (c.width = [26, 10, 28, 8, 10, 10, 14, 10][i]));
  const out = path.join(__dirname, "..", "samples", "town-marks.xlsx");
  await wb.xlsx.writeFile(out);
  process.stdout.write(`${out}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e.stack}\n`);
  process.exit(1);
});
