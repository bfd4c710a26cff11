#!/usr/bin/env node
/*
 * The README's picture of next year's evaluation sheet, as a department lead sees it after
 * typing: the sample → `kpi-review next-year --by-department` → one department's workbook
 * with actuals, grades and reasons typed in → LibreOffice recalculates and prints it → PNG.
 *
 *   npm run build:cli && node scripts/next-year-picture.js [department]
 *
 * Needs soffice (Debian libreoffice-calc-nogui) and pdftoppm (poppler-utils). Writes
 * docs/screenshots/next-year-sheet.png (the evaluation sheet) and
 * docs/screenshots/next-year-instructions.png (記入要領) and docs/screenshots/revised-list-sheet.png
 * (the master's 改訂後の指標一覧, first page).
 */
"use strict";

const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const ExcelJS = require("exceljs");
const { main } = require("../lib/cli/main.js");
const { runEngine } = require("../lib/core/engine.js");
const { DEFAULT_SETTINGS } = require("../lib/core/settings.js");
const { readWorkbookFile } = require("../lib/xlsx/read.js");

const ROOT = path.join(__dirname, "..");
const DEPARTMENT = process.argv[2] || "農業振興課";

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env }, timeout: 180000 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || (r.error && r.error.message)}`);
}

function columnOf(ws, header) {
  let found = 0;
  ws.getRow(3).eachCell((c, col) => {
    if (c.value === header) found = col;
  });
  return found;
}

/** Next year's actual: last year's carried on by its last change (or half the target). */
function nextActual(ws, r, cols) {
  const [prev, last, target] = [cols.prev, cols.last, cols.target].map((c) => ws.getCell(r, c).value);
  if (typeof last === "number" && typeof prev === "number") return Math.round((last + (last - prev)) * 10) / 10;
  return typeof target === "number" ? Math.round(target * 0.5) : 1;
}

async function fill(file, out) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  const cols = {
    prev: columnOf(ws, "令和3年度実績"),
    last: columnOf(ws, "令和4年度実績"),
    target: columnOf(ws, "目標値"),
    actual: columnOf(ws, "令和5年度実績"),
    grade: columnOf(ws, "評価"),
    reason: columnOf(ws, "評価理由"),
  };
  for (let r = 4; ws.getCell(r, 1).value; r++) ws.getCell(r, cols.actual).value = nextActual(ws, r, cols);
  await wb.xlsx.writeFile(out);
  // The grades a lead would pick: the reference grade the sheet shows (computed here by the engine).
  const result = runEngine(await readWorkbookFile(out), { settings: DEFAULT_SETTINGS, lang: "ja" });
  for (const ind of result.indicators) {
    if (!ind.referenceGrade) continue;
    ws.getCell(ind.source.row, cols.grade).value = ind.referenceGrade;
    ws.getCell(ind.source.row, cols.reason).value = ind.referenceGrade <= "B" ? "計画どおり推移している。" : "前年度より改善したが目標を下回っている。";
  }
  await wb.xlsx.writeFile(out);
}

async function picture() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "next-year-picture-"));
  try {
    fs.copyFileSync(path.join(ROOT, "samples", "sample-evaluation.xlsx"), path.join(dir, "sample.xlsx"));
    const io = { stdout: () => undefined, stderr: (s) => process.stderr.write(s), cwd: dir };
    if ((await main(["next-year", "sample.xlsx", "--out-dir", "next", "--by-department"], io)) !== 0) throw new Error("next-year failed");
    const file = path.join(dir, "next", `令和5年度_評価シート_${DEPARTMENT}.xlsx`);
    const filled = path.join(dir, "filled.xlsx");
    await fill(file, filled);
    run("soffice", [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--convert-to", "pdf", "--outdir", dir, filled], { HOME: dir });
    const shots = path.join(ROOT, "docs", "screenshots");
    // Page 1 (the department's sheet, A3 landscape) and page 2 (記入要領, A4), cut below their tables.
    run("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "1", "-H", "260", "-singlefile", path.join(dir, "filled.pdf"), path.join(shots, "next-year-sheet")]);
    run("pdftoppm", [
      "-png",
      "-r",
      "70",
      "-f",
      "2",
      "-l",
      "2",
      "-H",
      "440",
      "-singlefile",
      path.join(dir, "filled.pdf"),
      path.join(shots, "next-year-instructions"),
    ]);
    // The revised indicator list of the master workbook, on its own.
    const master = path.join(dir, "next", "令和5年度_評価シート_全課.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(master);
    for (const ws of [...wb.worksheets]) if (ws.name !== "改訂後の指標一覧") wb.removeWorksheet(ws.id);
    await wb.xlsx.writeFile(path.join(dir, "revised.xlsx"));
    run(
      "soffice",
      [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--convert-to", "pdf", "--outdir", dir, path.join(dir, "revised.xlsx")],
      { HOME: dir },
    );
    run("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", path.join(dir, "revised.pdf"), path.join(shots, "revised-list-sheet")]);
    process.stdout.write("written docs/screenshots/next-year-sheet.png, next-year-instructions.png, revised-list-sheet.png\n");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

picture().catch((e) => {
  process.stderr.write(`next-year-picture: ${e.message}\n`);
  process.exitCode = 1;
});
