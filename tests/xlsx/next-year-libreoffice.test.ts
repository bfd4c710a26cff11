// LibreOffice recalculates next year's 進捗率 and 参考評価 formulas, once actuals are typed
// in, to the engine's own progress and reference grade for the same file. Needs `soffice`
// (Debian package libreoffice-calc-nogui): skipped without it, failing under CI=true.

import { spawnSync } from "child_process";
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { runEngine } from "../../src/core/engine";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { readWorkbookFile } from "../../src/xlsx/read";
import { memoryIo, plain, removeDir, SAMPLE_PATH, tmpDir } from "../helpers/xlsx";

const soffice = spawnSync("sh", ["-c", "command -v soffice"], { encoding: "utf8" }).stdout.trim();
const why = soffice ? "" : "LibreOffice (soffice) is not installed: apt-get install -y libreoffice-calc-nogui";
if (why && process.env.CI === "true") throw new Error(`${why} — required under CI=true`);
if (why) console.warn(`skipping the LibreOffice recalculation test: ${why}`);
const itLibreOffice = why ? it.skip : it;

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => removeDir(dir));

/** Actuals around each target: met, nearly, behind, far behind, none at all. */
const FACTORS = [1.1, 0.9, 0.7, 0.3, 0];

const columnOf = (ws: ExcelJS.Worksheet, header: string): number => {
  let found = 0;
  ws.getRow(3).eachCell((c, col) => {
    if (c.value === header) found = col;
  });
  return found;
};

/** Types an actual into every row of the master sheet, as a user would; returns the file. */
async function fillMaster(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  const [actual, target] = [columnOf(ws, "令和5年度実績"), columnOf(ws, "目標値")];
  for (let r = 4; ws.getCell(r, 1).value; r++) {
    const t = ws.getCell(r, target).value;
    ws.getCell(r, actual).value = typeof t === "number" ? Math.round(t * FACTORS[r % FACTORS.length] * 10) / 10 : 5;
  }
  const filled = path.join(dir, "filled.xlsx");
  await wb.xlsx.writeFile(filled);
  return filled;
}

/** LibreOffice opens the file, recalculates and saves it again (with every formula's value). */
function recalculate(file: string): string {
  const out = path.join(dir, "recalculated");
  const r = spawnSync(soffice, [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--convert-to", "xlsx", "--outdir", out, file], {
    env: { ...process.env, HOME: dir },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr || r.error?.message}`);
  return path.join(out, path.basename(file));
}

describe("next year's formulas in LibreOffice", () => {
  itLibreOffice(
    "recalculates every 進捗率 to the engine's progress (within rounding) and every 参考評価 to its reference grade",
    async () => {
      const m = memoryIo(dir);
      fs.copyFileSync(SAMPLE_PATH, path.join(dir, "sample.xlsx"));
      expect(await main(["next-year", "sample.xlsx", "--out-dir", "next"], m.io)).toBe(0);
      const filled = await fillMaster(path.join(dir, "next", "令和5年度_評価シート_全課.xlsx"));
      const engine = runEngine(await readWorkbookFile(filled), { settings: DEFAULT_SETTINGS, lang: "ja" });
      expect(engine.fiscalYear).toBe(2023);

      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(recalculate(filled));
      const ws = wb.worksheets[0];
      const [name, progress, reference] = [columnOf(ws, "指標名"), columnOf(ws, "進捗率"), columnOf(ws, "参考評価")];
      let compared = 0;
      for (const ind of engine.indicators) {
        const row = ind.source.row;
        expect(plain(ws.getCell(row, name).value)).toBe(ind.name);
        const lo = ws.getCell(row, progress).result;
        if (ind.progress === undefined) {
          expect([ind.name, lo ?? ""]).toEqual([ind.name, ""]);
          continue;
        }
        expect([ind.name, Number(lo)]).toEqual([ind.name, expect.closeTo(ind.progress, 9)]);
        expect([ind.name, ws.getCell(row, reference).result]).toEqual([ind.name, ind.referenceGrade]);
        compared++;
      }
      expect(compared).toBeGreaterThan(55);
      expect(new Set(engine.indicators.map((i) => i.referenceGrade))).toEqual(new Set(["A", "B", "C", "D"]));
    },
    180_000,
  );
});
