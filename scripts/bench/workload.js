// Bench workloads: the sample workbook's 63 indicators (scripts/make-sample.js) replicated
// into blocks until n indicators, each copy with a unique name (…（第k地区）), the same
// numbers, grades as entered in the sample (mostly consistent with the numbers: the sample's
// few deliberate mismatches repeat in every block) and its messy-but-valid inputs
// ("2,050,000", "Ａ", "B評価", "△505"). Every block is laid out like the sample's table,
// a blank row between goals, in one of two layouts:
//   "flat"    goal and package written on every row (a consolidated list: sortable, no
//             merged data cells) — the default, used by the headline figures;
//   "merged"  the goal cell merged down the goal's rows and package cells down each
//             package's rows, exactly like the sample (about 350 merges per 1,000 indicators).
//
//   evaluationGrid(n, {layout})             in memory, as the .xlsx reader hands it to the
//                                           core ({file, sheet, rows, merges}, merged slaves null)
//   writeEvaluationWorkbook(n, f, {layout}) the same table as an .xlsx file, styled like the sample
"use strict";

const ExcelJS = require("exceljs");
const sample = require("../make-sample.js");

const SHEET = sample.SHEET_NAME;
const TITLE = "数値目標・KPI 評価シート（令和4年度実績）ベンチマーク用・架空データ";
const HEADER_ROW_3 = [
  "基本目標",
  "戦略パッケージ",
  "区分",
  "指標名",
  "単位",
  "基準値",
  null,
  "目標値",
  null,
  "目標の種類",
  "実績値",
  null,
  null,
  "評価",
  "評価理由",
  "担当課",
  "見直し区分",
  "見直し後の目標値",
  "見直し後の指標名",
];
const HEADER_ROW_4 = [
  null,
  null,
  null,
  null,
  null,
  "数値",
  "年度",
  "数値",
  "年度",
  null,
  "令和2年度",
  "令和3年度",
  "令和4年度",
  null,
  null,
  null,
  null,
  null,
  null,
];
const HEADER_MERGES = [
  ...[0, 1, 2, 3, 4, 9, 13, 14, 15, 16, 17, 18].map((c) => ({ top: 2, left: c, bottom: 3, right: c })),
  { top: 2, left: 5, bottom: 2, right: 6 },
  { top: 2, left: 7, bottom: 2, right: 8 },
  { top: 2, left: 10, bottom: 2, right: 12 },
];
const COLS = 19;

/** One indicator row as written in the cells (19 columns, A…S). */
function rowValues(row, suffix) {
  const w = row.written || {};
  const pick = (key, value) => (Object.prototype.hasOwnProperty.call(w, key) ? w[key] : value);
  const dash = (v) => (v === null || v === undefined ? "－" : v);
  return [
    null, // goal: merged, set on the block's first row
    null, // package: merged, set on the run's first row
    pick("category", row.category),
    pick("name", row.name) + suffix,
    pick("unit", row.unit || null),
    pick("baseline", dash(row.baseline)),
    pick("baselineYear", row.baselineYear || (row.baseline === null ? "－" : null)),
    pick("target", row.target),
    pick("targetYear", row.targetYear),
    pick("targetKind", row.targetKind),
    pick("actual2020", dash(row.actuals[2020])),
    pick("actual2021", dash(row.actuals[2021])),
    pick("actual2022", dash(row.actuals[2022])),
    pick("grade", row.grade),
    pick("reason", row.reason),
    pick("department", row.department),
    pick("revisionType", row.revision ? row.revision.type : null),
    pick("newTarget", row.revision ? row.revision.newTarget : null),
    pick("newName", row.revision && row.revision.newName ? row.revision.newName + suffix : null),
  ];
}

/**
 * The table: {rows (0-based grid, two title rows, two header rows, data), merges (0-based),
 * indicators (count), numberFormats (per data row: the sample's format for its numbers)}.
 */
function buildTable(n, { layout = "flat" } = {}) {
  const merged = layout === "merged";
  if (!merged && layout !== "flat") throw new Error(`unknown layout ${layout}`);
  const base = sample.buildSampleRows();
  const goals = sample.GOALS;
  const rows = [[TITLE], ["評価：A 達成率100%以上、B 80%以上100%未満、C 60%以上80%未満、D 60%未満"], HEADER_ROW_3.slice(), HEADER_ROW_4.slice()];
  const merges = HEADER_MERGES.map((m) => ({ ...m }));
  const kinds = [null, null, "header", "header"]; // per row: header | data | blank | title
  let count = 0;
  for (let block = 0; count < n; block++) {
    const suffix = block === 0 ? "" : `（第${block + 1}地区）`;
    for (const goal of goals) {
      const goalRows = base.filter((r) => r.goal === goal.no).slice(0, n - count);
      if (goalRows.length === 0) break;
      const first = rows.length;
      for (const r of goalRows) {
        rows.push(rowValues(r, suffix));
        kinds.push(r.category === "数値目標" ? "numerical" : "data");
      }
      count += goalRows.length;
      const last = rows.length - 1;
      const goalText = `基本目標${goal.no}\n${goal.name}`;
      const packageText = (r) => (r.package === null ? "－" : r.package);
      if (!merged) {
        goalRows.forEach((r, k) => {
          rows[first + k][0] = goalText;
          rows[first + k][1] = packageText(r);
        });
      } else {
        rows[first][0] = goalText;
        if (last > first) merges.push({ top: first, left: 0, bottom: last, right: 0 });
        let i = 0;
        while (i < goalRows.length) {
          let j = i;
          while (j + 1 < goalRows.length && goalRows[j + 1].package === goalRows[i].package) j++;
          rows[first + i][1] = packageText(goalRows[i]);
          if (j > i) merges.push({ top: first + i, left: 1, bottom: first + j, right: 1 });
          i = j + 1;
        }
      }
      rows.push([]); // blank separator between goals
      kinds.push("blank");
      if (count >= n) break;
    }
  }
  rows.push([]);
  rows.push(["※ 評価は担当課による。累計の指標は、目標値を計画期間（令和2～6年度）のうち経過年数（3年）で按分した値と比較している。"]);
  kinds.push("blank", "note");
  return { rows, merges, kinds, indicators: count };
}

const BLOCK_HEADER = ["基本目標", "区分", "指標名", "単位", "基準値", "目標値", "項目", "令和2年度", "令和3年度", "令和4年度", "令和5年度", "令和6年度"];
const BLOCK_YEARS = [2020, 2021, 2022, 2023, 2024];

/**
 * The sample's indicators a block per indicator: 期待値 (the baseline carried evenly to the
 * target), 実績値, 達成率 (left blank) and 評価 rows, the fiscal years as columns, the grade
 * under 令和4年度.
 */
function buildBlockTable(n) {
  const base = sample.buildSampleRows();
  const rows = [[TITLE], BLOCK_HEADER.slice()];
  let count = 0;
  for (let block = 0; count < n; block++) {
    const suffix = block === 0 ? "" : `（第${block + 1}地区）`;
    for (const r of base) {
      if (count >= n) break;
      const start = typeof r.baseline === "number" ? r.baseline : 0;
      const target = typeof r.target === "number" ? r.target : start;
      const expected = BLOCK_YEARS.map((_, i) => Math.round((start + ((target - start) * (i + 1)) / BLOCK_YEARS.length) * 10) / 10);
      const actuals = BLOCK_YEARS.map((y) => (r.actuals[y] === undefined ? null : r.actuals[y]));
      rows.push([`基本目標${r.goal}`, r.category, r.name + suffix, r.unit || null, r.baseline, r.target, "期待値", ...expected]);
      rows.push([null, null, null, null, null, null, "実績値", ...actuals]);
      rows.push([null, null, null, null, null, null, "達成率"]);
      rows.push([null, null, null, null, null, null, "評価", null, null, r.grade]);
      count++;
    }
  }
  return { rows, merges: [], indicators: count };
}

/** The grid as the .xlsx reader gives it: trailing nulls trimmed, empty rows []. */
function evaluationGrid(n, { layout = "flat", file = `bench-${n}.xlsx` } = {}) {
  const { rows, merges, indicators } = layout === "block" ? buildBlockTable(n) : buildTable(n, { layout });
  const out = rows.map((r) => {
    let end = r.length;
    while (end > 0 && (r[end - 1] === null || r[end - 1] === undefined)) end--;
    return r.slice(0, end).map((v) => (v === undefined ? null : v));
  });
  return { sheet: { file, sheet: SHEET, rows: out, merges }, indicators };
}

const THIN = { style: "thin", color: { argb: "FF7F7F7F" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const GOAL_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const NUMERICAL_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
const FONT = { name: "MS PGothic", size: 10 };
const WRAP = new Set([0, 1, 3, 14, 18]);
const NUMERIC = new Set([5, 7, 10, 11, 12, 17]);
const CENTER = new Set([2, 4, 6, 8, 9, 13]);

/** Write the table as an .xlsx workbook (cover sheet + evaluation sheet), styled like the sample. */
async function writeEvaluationWorkbook(n, file, { layout = "flat" } = {}) {
  const { rows, merges, kinds, indicators } = buildTable(n, { layout });
  const wb = new ExcelJS.Workbook();
  wb.creator = "kpi-review bench";
  wb.created = new Date(Date.UTC(2023, 5, 30));
  wb.modified = wb.created;
  const cover = wb.addWorksheet("表紙");
  cover.getCell("B4").value = "数値目標・重要業績評価指標（KPI）評価シート（ベンチマーク用）";
  const ws = wb.addWorksheet(SHEET, {
    pageSetup: { paperSize: 8, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "3:4" },
    views: [{ state: "frozen", xSplit: 0, ySplit: 4, topLeftCell: "A5", activeCell: "A5", zoomScale: 85 }],
  });
  const widths = [20, 22, 8, 34, 7, 11, 8, 11, 9, 7, 11, 11, 11, 7, 46, 13, 14, 11, 30];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const alignments = widths.map((_, c) => ({
    vertical: "middle",
    wrapText: WRAP.has(c),
    horizontal: NUMERIC.has(c) ? "right" : CENTER.has(c) ? "center" : "left",
  }));
  rows.forEach((values, r) => {
    const kind = kinds[r];
    const row = ws.getRow(r + 1);
    if (kind === "header") {
      for (let c = 0; c < COLS; c++) {
        const cell = row.getCell(c + 1);
        if (values[c] !== null && values[c] !== undefined) cell.value = values[c];
        cell.font = { ...FONT, bold: true };
        cell.fill = HEADER_FILL;
        cell.border = BORDER;
        cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      }
      return;
    }
    if (kind === "data" || kind === "numerical") {
      for (let c = 0; c < COLS; c++) {
        const cell = row.getCell(c + 1);
        const v = values[c];
        if (v !== null && v !== undefined) cell.value = v;
        if (typeof v === "number") cell.numFmt = Number.isInteger(v) ? "#,##0" : "#,##0.0";
        cell.border = BORDER;
        cell.font = c === 13 ? { ...FONT, bold: true } : FONT;
        cell.alignment = alignments[c];
        if (kind === "numerical" && c >= 2) cell.fill = NUMERICAL_FILL;
        if (c === 0) cell.fill = GOAL_FILL;
      }
      return;
    }
    values.forEach((v, c) => {
      if (v !== null && v !== undefined) row.getCell(c + 1).value = v;
    });
  });
  for (const m of merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  await wb.xlsx.writeFile(file);
  return { indicators, rows: rows.length, merges: merges.length };
}

module.exports = { evaluationGrid, writeEvaluationWorkbook, buildTable, SHEET };
