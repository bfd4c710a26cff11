#!/usr/bin/env node
/*
 * npm run sheet-pictures — every output sheet of the sample, in Japanese and English,
 * printed by LibreOffice as a municipality would print it (the sheet's own paper, fit and
 * print titles), page 1 as a PNG in docs/sheets/<role>-<lang>.png.
 *
 * Each sheet is written alone into a workbook (LibreOffice prints a whole workbook), with
 * the CLI's writer, converted with `soffice --headless --convert-to pdf` and `pdftoppm`.
 * The next-year workbook (`kpi-review next-year`) is printed whole; a sheet starts on the
 * page whose first line differs from the page before (every page repeats its sheet's title),
 * and its first page becomes docs/sheets/next-year-<n>-<lang>.png.
 * Needs `npm run build:cli`, soffice (Debian: libreoffice-calc-nogui) and pdftoppm
 * (poppler-utils). Options: --out DIR, --dpi N (default 60), --pages N (default 1).
 */
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.join(__dirname, "..");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const outDir = path.resolve(arg("--out", path.join(root, "docs", "sheets")));
const dpi = arg("--dpi", "60");
const pages = Number(arg("--pages", "1"));

async function main() {
  const { readWorkbookFile } = require(path.join(root, "lib/xlsx/read.js"));
  const { writeLayoutsToFile } = require(path.join(root, "lib/xlsx/write.js"));
  const { buildLayouts, runEngine } = require(path.join(root, "lib/core/engine.js"));
  const { DEFAULT_SETTINGS } = require(path.join(root, "lib/core/settings.js"));
  const inputs = await readWorkbookFile(path.join(root, "samples/sample-evaluation.xlsx"));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sheet-pictures-"));
  fs.mkdirSync(outDir, { recursive: true });
  try {
    for (const lang of ["ja", "en"]) {
      const options = { settings: DEFAULT_SETTINGS, lang };
      for (const layout of buildLayouts(runEngine(inputs, options), options)) {
        const base = `${layout.role}-${lang}`;
        const xlsx = path.join(tmp, `${base}.xlsx`);
        await writeLayoutsToFile([layout], xlsx);
        run("soffice", ["--headless", "--convert-to", "pdf", "--outdir", tmp, xlsx]);
        const pdf = path.join(tmp, `${base}.pdf`);
        run("pdftoppm", ["-png", "-r", dpi, "-f", "1", "-l", String(pages), pdf, path.join(tmp, base)]);
        for (const f of fs.readdirSync(tmp).filter((f) => f.startsWith(`${base}-`) && f.endsWith(".png"))) {
          const page = Number(/-(\d+)\.png$/.exec(f)[1]);
          const name = page === 1 ? `${base}.png` : `${base}-p${page}.png`;
          fs.copyFileSync(path.join(tmp, f), path.join(outDir, name));
          process.stderr.write(`${path.relative(root, path.join(outDir, name))}  (${layout.name})\n`);
        }
      }
      nextYearPictures(tmp, lang);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function nextYearPictures(tmp, lang) {
  const dir = path.join(tmp, `next-year-${lang}`);
  const bin = path.join(root, "bin/kpi-review.js");
  run(process.execPath, [bin, "next-year", path.join(root, "samples/sample-evaluation.xlsx"), "--out-dir", dir, "--lang", lang, "--quiet"]);
  const xlsx = fs.readdirSync(dir).find((f) => f.endsWith(".xlsx"));
  run("soffice", ["--headless", "--convert-to", "pdf", "--outdir", dir, path.join(dir, xlsx)]);
  const pdf = path.join(dir, xlsx.replace(/\.xlsx$/, ".pdf"));
  const count = Number(/Pages:\s+(\d+)/.exec(run("pdfinfo", [pdf]))[1]);
  let previous;
  let sheet = 0;
  for (let page = 1; page <= count; page++) {
    const first = run("pdftotext", ["-f", String(page), "-l", String(page), pdf, "-"]).split("\n")[0];
    if (first === previous) continue;
    previous = first;
    sheet++;
    const base = path.join(dir, `p${page}`);
    run("pdftoppm", ["-png", "-r", dpi, "-f", String(page), "-l", String(page), "-singlefile", pdf, base]);
    const name = `next-year-${sheet}-${lang}.png`;
    fs.copyFileSync(`${base}.png`, path.join(outDir, name));
    process.stderr.write(`${path.relative(root, path.join(outDir, name))}  (${first})\n`);
  }
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.error || r.status !== 0) throw new Error(`${cmd} failed: ${r.error ? r.error.message : r.stderr}`);
  return r.stdout;
}

main().catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 1;
});
