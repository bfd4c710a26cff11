import { DEFAULT_SETTINGS, parseSettings, Settings, settingsJsonFromRows, settingsToRows } from "../../src/core/settings";
import { toReport } from "../../src/core/report";
import { HEADER, row, run, sheet } from "../helpers/grid";

const errorKeys = (input: unknown): string[] => {
  const r = parseSettings(input);
  return r.ok ? [] : r.errors.map((e) => e.key);
};
const ok = (input: unknown): Settings => {
  const r = parseSettings(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
};

describe("parseSettings", () => {
  it("gives the defaults for an empty object", () => expect(ok({})).toEqual(DEFAULT_SETTINGS));

  it("names an unknown key", () => {
    const r = parseSettings({ bandz: { A: 1 } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0].key).toBe("bandz");
      expect(r.errors[0].message.ja).toContain("bandz");
      expect(r.errors[0].message.en).toContain("bandz");
    }
  });

  it("refuses bands out of order, naming bands", () => expect(errorKeys({ bands: { A: 0.8, B: 0.9, C: 0.6 } })).toEqual(["bands"]));
  it("refuses a band that is not a number, naming bands.B", () => expect(errorKeys({ bands: { B: "80%" } })).toContain("bands.B"));
  it("refuses a band letter other than A, B, C", () => expect(errorKeys({ bands: { D: 0.1 } })).toContain("bands.D"));
  it("refuses a progress formula it does not know", () => expect(errorKeys({ progressFormula: "median" })).toEqual(["progressFormula"]));
  it("refuses a plan start that is not a year", () => expect(errorKeys({ planStart: "令和2年度" })).toEqual(["planStart"]));
  it("refuses a plan that ends before it starts", () => expect(errorKeys({ planStart: 2024, planEnd: 2020 })).toEqual(["planEnd"]));
  it("refuses keywords that are not a list of strings", () => expect(errorKeys({ premiseKeywords: "コロナ" })).toEqual(["premiseKeywords"]));
  it("refuses an unknown revision type", () => expect(errorKeys({ revisionTypes: ["目標値の修正", "廃止"] })).toEqual(["revisionTypes"]));
  it("refuses criteria for a grade E", () => expect(errorKeys({ rules: { E: { criteria: ["x"] } } })).toEqual(["rules.E"]));
  it("refuses a sheet name Excel would not accept", () => expect(errorKeys({ sheetNames: { summary: "集計/2022" } })).toEqual(["sheetNames.summary"]));
  it("refuses a settings value that is not an object", () => expect(errorKeys([1, 2])).toEqual(["(root)"]));
  it("reports every error at once", () =>
    expect(errorKeys({ foo: 1, progressFormula: 3, duplicatePolicy: "last" })).toEqual(["foo", "progressFormula", "duplicatePolicy"]));

  it("merges given keys over the defaults", () => {
    const s = ok({ bands: { A: 1.1 }, premiseKeywords: ["コロナ"], evaluationYear: 2022 });
    expect(s.bands).toEqual({ A: 1.1, B: 0.8, C: 0.6 });
    expect(s.premiseKeywords).toEqual(["コロナ"]);
    expect(s.evaluationYear).toBe(2022);
    expect(s.rules).toEqual(DEFAULT_SETTINGS.rules);
  });
});

describe("the 設定 sheet", () => {
  const json = {
    bands: { A: 1.2, B: 0.9, C: 0.5 },
    planStart: 2020,
    planEnd: 2024,
    premiseKeywords: ["コロナ", "物価", "大雪"],
    rules: { A: { criteria: ["○上方修正を基本とする", "○単年度の指標は実績を考慮"] } },
    duplicatePolicy: "newest",
  };
  const rows = [
    ["項目", "値"],
    ["# コメント行", "無視されます"],
    ["bands.A", 1.2],
    ["bands.B", "0.9"],
    ["bands.C", 0.5],
    ["planStart", 2020],
    ["planEnd", "2024"],
    ["premiseKeywords", "コロナ、物価", "大雪"],
    ["rules.A.criteria", "○上方修正を基本とする\n○単年度の指標は実績を考慮"],
    ["duplicatePolicy", "newest"],
  ];

  it("gives the same settings as the same JSON", () => {
    expect(ok(settingsJsonFromRows(rows))).toEqual(ok(json));
  });

  it("gives the same engine result as the same JSON", () => {
    const data = sheet([
      [...HEADER],
      row({ 基本目標: 1, 区分: "KPI", 指標名: "観光客数", 基準値: 0, 目標値: 100, 令和3年度: 80, 令和4年度: 85, 評価: "B", 評価理由: "大雪の影響" }),
      row({ 基本目標: 1, 区分: "KPI", 指標名: "移住者数", 基準値: 0, 目標値: 100, 令和4年度: 110, 評価: "A" }),
    ]);
    const a = toReport(run(data, { settings: ok(settingsJsonFromRows(rows)) }));
    const b = toReport(run(data, { settings: ok(json) }));
    expect(a).toEqual(b);
    // The 1.2 band makes 110 % a B, reported as a mismatch in both.
    expect(a.indicators[1].referenceGrade).toBe("B");
  });

  it("round-trips the defaults through the rows the add-in writes", () => {
    expect(ok(settingsJsonFromRows(settingsToRows(DEFAULT_SETTINGS)))).toEqual(DEFAULT_SETTINGS);
  });

  it("names the key of a bad value in a 設定 sheet", () => {
    expect(errorKeys(settingsJsonFromRows([["bands.B", "高い"]]))).toContain("bands.B");
  });
});
