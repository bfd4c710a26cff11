import { buildLayouts } from "../../src/core/engine";
import { toReport } from "../../src/core/report";
import { detectScale, gradeToken, scaleByName } from "../../src/core/scale";
import { DEFAULT_SETTINGS, parseSettings, Settings, settingsJsonFromRows } from "../../src/core/settings";
import { EngineResult, SheetInput } from "../../src/core/types";
import { run } from "../helpers/grid";
import { townSheet, TownRow } from "../helpers/towns";

const settingsOf = (json: unknown): Settings => {
  const r = parseSettings(json);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
};

/** Table 1 of the 評価集計 sheet as plain values: the header row and one row per goal × category. */
function table1(result: EngineResult): (string | number | null)[][] {
  const summary = buildLayouts(result, { settings: DEFAULT_SETTINGS, lang: "ja" })[0];
  const rows = summary.rows.slice(2, 3 + 2 * (result.tally.goals.length + 1));
  const width = 2 + result.scale.grades.length + result.scale.notJudged.length;
  return rows.map((r) => Array.from({ length: width }, (_, i) => r[i]?.value ?? null));
}

const codes = (r: EngineResult): string[] => r.diagnostics.map((d) => d.code);

describe("grade tokens", () => {
  it.each([
    ["Ａ", "A"],
    ["A評価", "A"],
    ["◎（達成）", "◎"],
    ["評価：B", "B"],
    ["b+", "B+"],
    ["Bc", "Bc"],
    ["②", "②"],
    ["おおむね 順調", "おおむね順調"],
  ])("reads %j as %j", (text, token) => expect(gradeToken(text)).toBe(token));
});

describe("recognising the scale from the grades found", () => {
  it.each([
    [["A", "B", "C", "D"], "daisen"],
    [["A", "B"], "daisen"],
    [["S", "A", "C"], "sabc"],
    [["A", "B+", "C"], "abplus"],
    [["◎", "○", "×"], "marks"],
    [["①", "③"], "circled"],
    [["順調", "努力を要する"], "progress"],
    [["達成", "未達成"], "attainment"],
    [["A", "E", "E"], "letters"],
    [["A", "B", "E"], "daisen"],
    [["Bc", "Aa"], "twoLetter"],
  ])("takes %j for the %s family", (tokens, id) => expect(detectScale(tokens)?.id).toBe(id));

  it("finds no scale in words no family uses", () => expect(detectScale(["優", "良"])).toBeUndefined());

  it("copes with a grade in each of 200,000 cells (no argument spread over them)", () =>
    expect(detectScale(Array.from({ length: 200_000 }, (_, i) => "①②③"[i % 3]))?.grades.length).toBe(3));
});

describe("a town grading S/A/B/C with － for cannot be judged (達成度, 目標指標, 現在値)", () => {
  const rows: TownRow[] = [
    [1, "目標指標", "移住者数", 10, 100, 130, "S"],
    [1, "KPI", "相談件数", 10, 100, 100, "A"],
    [1, "KPI", "空き家バンク登録数", 10, 100, 85, "Ｂ"],
    [2, "KPI", "観光客数", 10, 100, 30, "C評価"],
    [2, "KPI", "満足度", null, 80, null, "－"],
    [2, "KPI", "新規就農者数", 10, 100, 90, null],
  ];
  const result = run(townSheet({ file: "s町.xlsx", grade: "達成度", actual: "現在値（令和4年度）", category: "区分" }, rows));

  it("tallies in S, A, B, C and a column of its own for －, apart from 未評価", () => {
    expect(result.scale.grades.map((g) => g.label)).toEqual(["S", "A", "B", "C"]);
    expect(table1(result)).toEqual([
      ["", "", "S評価", "A評価", "B評価", "C評価", "－"],
      ["基本目標1", "数値目標", 1, null, null, null, null],
      ["基本目標1", "KPI", null, 1, 1, null, null],
      ["基本目標2", "数値目標", null, null, null, null, null],
      ["基本目標2", "KPI", null, null, null, 1, 1],
      ["合計", "数値目標", 1, null, null, null, null],
      ["合計", "KPI", null, 1, 1, 1, 1],
    ]);
    expect(result.tally.ungraded).toBe(1);
  });

  it("says the scale in the report and under the tally", () => {
    expect(toReport(result).scale).toEqual({ labels: ["S", "A", "B", "C"], notJudged: ["－"] });
    const summary = buildLayouts(result, { settings: DEFAULT_SETTINGS, lang: "ja" })[0];
    expect(summary.rows.flat().map((c) => c?.value)).toContain("評価の区分: S・A・B・C・－（－ は評価できないもの）");
  });

  it("warns of no grade that its own bands (S ≥ 120%) agree with", () => expect(codes(result)).not.toContain("grade.mismatch"));
});

describe("a town grading A/B+/B/C against the target and the baseline (評価結果)", () => {
  const rows: TownRow[] = [
    [1, "KPI", "移住者数", 100, 200, 210, "A"],
    [1, "KPI", "相談件数", 100, 200, 150, "B+"],
    [1, "KPI", "登録数", 100, 200, 102, "B"],
    [1, "KPI", "観光客数", 100, 200, 80, "C"],
  ];
  const sheet = townSheet({ file: "b町.xlsx", grade: "評価結果" }, rows);

  it("tallies in A, B+, B, C", () => {
    const result = run(sheet);
    expect(table1(result)[0]).toEqual(["", "", "A評価", "B+評価", "B評価", "C評価"]);
    expect(result.tally.total.kpi).toEqual({ A: 1, "B+": 1, B: 1, C: 1 });
  });

  it("agrees with every grade under its rule (within 5% of the baseline is B)", () => expect(codes(run(sheet))).not.toContain("grade.mismatch"));

  it("warns under progress bands, which read 150/200 as behind", () => {
    const result = run(sheet, { settings: settingsOf({ rule: "progress" }) });
    expect(codes(result)).toContain("grade.mismatch");
  });

  it("suggests for B+ what its meaning (on track) calls for, not a letter's", () => {
    const result = run(sheet);
    expect(result.indicators.map((i) => i.suggestion.action)).toEqual(["目標値の上方修正", "現状維持", "目標値の妥当性を検証", "新たな指標を設定"]);
  });
});

describe("a town grading ◎/○/△/× with 評価なし (判定, 項目)", () => {
  const rows: TownRow[] = [
    ["基本目標１", "数値目標", "人口", 100, 100, 100, "◎（達成）"],
    ["基本目標１", "KPI", "移住者数", 0, 100, 85, "○"],
    ["基本目標１", "KPI", "相談件数", 0, 100, 65, "△"],
    ["基本目標１", "KPI", "観光客数", 0, 100, 10, "×"],
    ["基本目標１", "KPI", "満足度", null, 80, null, "評価なし"],
  ];
  const result = run(townSheet({ file: "m町.xlsx", grade: "判定", name: "項目" }, rows));

  it("tallies in ◎, ○, △, × and 評価なし", () => {
    expect(table1(result)).toEqual([
      ["", "", "◎", "○", "△", "×", "評価なし"],
      ["基本目標1", "数値目標", 1, null, null, null, null],
      ["基本目標1", "KPI", null, 1, 1, 1, 1],
      ["合計", "数値目標", 1, null, null, null, null],
      ["合計", "KPI", null, 1, 1, 1, 1],
    ]);
  });

  it("agrees with every grade under its bands", () => expect(codes(result)).not.toContain("grade.mismatch"));

  it("asks for a substitute indicator where × means not started, naming ×", () => {
    const d = result.diagnostics.find((x) => x.code === "revision.substitute.missing");
    expect(d?.message).toMatch(/^×の指標です/);
  });
});

describe("a town grading ①/②/③ (進捗状況)", () => {
  const rows: TownRow[] = [
    [1, "KPI", "a", 0, 100, 100, "①"],
    [1, "KPI", "b", 0, 100, 75, "②"],
    [2, "KPI", "c", 0, 100, 20, "③"],
  ];
  const result = run(townSheet({ file: "c町.xlsx", grade: "進捗状況" }, rows));
  it("tallies in ①, ②, ③", () => {
    expect(table1(result)[0]).toEqual(["", "", "①", "②", "③"]);
    expect(result.tally.goals.map((g) => g.kpi)).toEqual([
      { "①": 1, "②": 1, "③": 0 },
      { "①": 0, "②": 0, "③": 1 },
    ]);
    expect(codes(result)).not.toContain("grade.mismatch");
  });
});

describe("a town judging 順調 / おおむね順調 / 努力を要する on pace, with 評価対象外", () => {
  const rows: TownRow[] = [
    // baseline 2019 (planStart − 1), target 2024: 0 → 60 by 2022 is 20 a year, on pace for 100.
    [1, "KPI", "a", 0, 100, 60, "順調"],
    [1, "KPI", "b", 0, 100, 50, "概ね順調"],
    [1, "KPI", "c", 0, 100, 10, "努力を要する"],
    [1, "KPI", "d", null, null, null, "評価対象外"],
  ];
  const result = run(townSheet({ file: "p町.xlsx", grade: "進捗状況" }, rows));

  it("tallies in its words", () => {
    expect(table1(result)[0]).toEqual(["", "", "順調", "おおむね順調", "努力を要する", "評価対象外"]);
    expect(result.tally.total.kpi).toEqual({ 順調: 1, おおむね順調: 1, 努力を要する: 1, 評価対象外: 1 });
  });

  it("never advises raising the target of an indicator that is only on pace", () => {
    expect(result.indicators[0].suggestion.action).toBe("現状維持");
    expect(result.indicators[0].suggestion.reason).toMatch(/^順調: /);
  });

  it("warns where, on pace, the grade is better than the numbers, on that cell only", () => {
    const late = run(townSheet({ file: "p町.xlsx", grade: "進捗状況" }, [[1, "KPI", "a", 0, 100, 30, "順調"], ...rows.slice(1)]));
    expect(late.diagnostics.filter((d) => d.code === "grade.mismatch").map((d) => d.cell)).toEqual(["I3"]);
  });
});

describe("a town grading 達成 / 概ね達成 / 未達成", () => {
  const rows: TownRow[] = [
    [1, "KPI", "a", 0, 100, 100, "達成"],
    [1, "KPI", "b", 0, 100, 85, "おおむね達成"],
    [1, "KPI", "c", 0, 100, 10, "未達成"],
  ];
  it("tallies in its words with no mismatch", () => {
    const result = run(townSheet({ file: "t町.xlsx" }, rows));
    expect(result.tally.total.kpi).toEqual({ 達成: 1, 概ね達成: 1, 未達成: 1, 評価対象外: 0 });
    expect(codes(result)).not.toContain("grade.mismatch");
  });
});

describe("two-letter grades (Bc)", () => {
  const rows: TownRow[] = [
    [1, "KPI", "a", 0, 100, 100, "Aa"],
    [1, "KPI", "b", 0, 100, 85, "Bc"],
    [1, "KPI", "c", 0, 100, 85, "Bc"],
  ];
  it("tallies each combination as written, the upper letter's meaning deciding the advice", () => {
    const result = run(townSheet({ file: "w町.xlsx" }, rows));
    expect(result.tally.total.kpi).toEqual({ Aa: 1, Bc: 2 });
    expect(result.indicators[1].suggestion.action).toBe("現状維持");
  });
});

describe("five letters A–E", () => {
  it("stay A–D with one E, a typo reported by cell", () => {
    const result = run(
      townSheet({ file: "e町.xlsx" }, [
        [1, "KPI", "a", 0, 100, 100, "A"],
        [1, "KPI", "e", 0, 100, 10, "E"],
      ]),
    );
    expect(result.scale.id).toBe("daisen");
    expect(result.diagnostics.find((d) => d.code === "grade.invalid")?.cell).toBe("I4");
  });

  it("tallies A to E, found in two cells, and bands them 100/75/50/25%", () => {
    const rows: TownRow[] = [
      [1, "KPI", "a", 0, 100, 100, "A"],
      [1, "KPI", "b", 0, 100, 80, "B"],
      [1, "KPI", "e", 0, 100, 10, "E"],
      [1, "KPI", "f", 0, 100, 5, "E"],
    ];
    const result = run(townSheet({ file: "e町.xlsx" }, rows));
    expect(table1(result)[0]).toEqual(["", "", "A評価", "B評価", "C評価", "D評価", "E評価"]);
    expect(codes(result)).not.toContain("grade.mismatch");
  });
});

describe("what is never guessed", () => {
  it("reports a grade outside the scale by its cell, naming the scale", () => {
    const result = run(
      townSheet({ file: "m町.xlsx" }, [
        [1, "KPI", "a", 0, 100, 100, "◎"],
        [1, "KPI", "b", 0, 100, 100, "優"],
      ]),
    );
    const d = result.diagnostics.find((x) => x.code === "grade.invalid");
    expect(d).toMatchObject({ cell: "I4", message: expect.stringContaining("◎・○・△・× のいずれでもありません") });
  });

  it("reports a consolidation of two scales on the sheet that does not fit", () => {
    const a = townSheet({ file: "a課.xlsx" }, [
      [1, "KPI", "a", 0, 100, 100, "A"],
      [1, "KPI", "b", 0, 100, 10, "D"],
    ]);
    const b = townSheet({ file: "b課.xlsx" }, [
      [1, "KPI", "c", 0, 100, 100, "◎"],
      [1, "KPI", "d", 0, 100, 70, "○"],
    ]);
    const result = run([a, b]);
    expect(result.diagnostics.filter((d) => d.code === "scale.mixed").map((d) => d.file)).toEqual(["b課.xlsx"]);
    expect(result.tally.ungraded).toBe(2);
  });

  it("says so when a sheet with indicators has no grade column", () => {
    const s: SheetInput = {
      file: "x.xlsx",
      sheet: "s",
      rows: [
        ["基本目標", "区分", "指標名", "目標値", "令和4年度"],
        [1, "KPI", "a", 100, 50],
      ],
    };
    expect(codes(run(s))).toContain("columns.noGrade");
  });
});

describe("the settings", () => {
  it("take a scale by name, by list, and a preset", () => {
    expect(settingsOf({ scale: "marks" }).scale?.grades.map((g) => g.label)).toEqual(["◎", "○", "△", "×"]);
    expect(settingsOf({ scale: ["優", "良", "可"] }).scale?.grades.map((g) => [g.label, g.meaning])).toEqual([
      ["優", "met"],
      ["良", "onTrack"],
      ["可", "behind"],
    ]);
    expect(settingsOf({ preset: "abplus" })).toMatchObject({ rule: "baseline", tolerance: 0.05 });
    expect(scaleByName("letters3")?.grades.map((g) => g.label)).toEqual(["A", "B", "C"]);
  });

  it("come from a 設定 sheet too: preset, scale as a list in one cell, bands by label, columns", () => {
    const s = settingsOf(
      settingsJsonFromRows([
        ["preset", "sabc"],
        ["scale", "S、A、B、C"],
        ["bands.S", 1.3],
        ["columns.自己採点", "grade"],
      ]),
    );
    expect(s.scale?.grades.map((g) => g.label)).toEqual(["S", "A", "B", "C"]);
    expect(s.bands.S).toBe(1.3);
    const result = run(townSheet({ file: "s町.xlsx" }, [[1, "KPI", "a", 0, 100, 125, "S"]]), { settings: s });
    expect(result.indicators[0].referenceGrade).toBe("A"); // 125 % is below the S band of 130 %
    expect(s.columns).toEqual({ 自己採点: "grade" });
  });

  it("name a wrong preset, rule or column field", () => {
    const r = parseSettings({ preset: "tokyo", rule: "vibes", columns: { 達成度: "colour" } });
    expect(r.ok ? [] : r.errors.map((e) => e.key)).toEqual(["preset", "rule", "columns.達成度"]);
  });

  it("map a header the reader does not know to a field (columns)", () => {
    const s: SheetInput = {
      file: "x.xlsx",
      sheet: "s",
      rows: [
        ["基本目標", "区分", "指標名", "目標値", "令和4年度", "自己採点"],
        [1, "KPI", "a", 100, 50, "C"],
      ],
    };
    const result = run(s, { settings: settingsOf({ columns: { 自己採点: "grade" } }) });
    expect(result.indicators[0].grade).toBe("C");
  });

  it("grade a custom scale of labels the sheet uses (優/良/可)", () => {
    const result = run(townSheet({ file: "y町.xlsx" }, [[1, "KPI", "a", 0, 100, 100, "優"]]), { settings: settingsOf({ scale: ["優", "良", "可"] }) });
    expect(result.tally.total.kpi).toEqual({ 優: 1, 良: 0, 可: 0 });
  });
});
