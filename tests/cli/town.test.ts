import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { memoryIo, readBack, removeDir, tmpDir } from "../helpers/xlsx";

const TOWN = path.join(__dirname, "..", "..", "samples", "town-marks.xlsx");

describe("a clerk of a town grading ◎/○/△/× runs summarize with no settings", () => {
  let dir = "";
  afterAll(() => removeDir(dir));

  it("gets the town's own table 1, in its labels, with 評価なし apart, and the scale in the report", async () => {
    dir = tmpDir();
    fs.copyFileSync(TOWN, path.join(dir, "town.xlsx"));
    const m = memoryIo(dir);
    expect(await main(["summarize", "town.xlsx", "--out", "out.xlsx", "--json", "report.json"], m.io)).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(dir, "report.json"), "utf8"));
    expect(report.scale).toEqual({ labels: ["◎", "○", "△", "×"], notJudged: ["評価なし"] });
    expect(report.tally.total).toEqual({
      numerical: { "◎": 1, "○": 0, "△": 2, "×": 0, 評価なし: 0 },
      kpi: { "◎": 2, "○": 3, "△": 1, "×": 1, 評価なし: 1 },
    });
    const book = await readBack(path.join(dir, "out.xlsx"));
    expect(book.block("評価集計", "C3:G3")).toEqual([["◎", "○", "△", "×", "評価なし"]]);
    expect(book.block("評価集計", "B11:G11")).toEqual([["KPI", 2, 3, 1, 1, 1]]);
  });
});
