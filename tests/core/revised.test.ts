// The revised indicator list (改訂後の指標一覧): every decided revision applied, the replaced
// indicators apart, revisions that cannot be applied reported and carried over, and every
// row in agreement with the 新旧対照表 the summary writes.

import { buildLayouts } from "../../src/core/engine";
import { buildRevisedList, RevisedList } from "../../src/core/revised";
import { revisedListLayout } from "../../src/core/revised-layout";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { EngineResult } from "../../src/core/types";
import { HEADER, row, runRows } from "../helpers/grid";
import { classifyHeader } from "../../src/core/headers";
import { eraYear } from "../../src/core/layout";
import { readWorkbookFile } from "../../src/xlsx/read";
import { runEngine } from "../../src/core/engine";
import { SAMPLE_PATH } from "../helpers/xlsx";
import { SEED_INDICATORS, SEED_REVISED } from "../helpers/seed";

let sample: EngineResult;
let list: RevisedList;
beforeAll(async () => {
  sample = runEngine(await readWorkbookFile(SAMPLE_PATH), { settings: DEFAULT_SETTINGS, lang: "ja" });
  list = buildRevisedList(sample, DEFAULT_SETTINGS, "ja");
});

const revise = (rows: unknown[][]): RevisedList => buildRevisedList(runRows([[...HEADER], ...rows]), DEFAULT_SETTINGS, "ja");

describe("the revised indicator list of the sample", () => {
  it("keeps one row per indicator, the five replaced ones listed apart, and nothing unapplied", () => {
    expect(list.indicators).toHaveLength(SEED_INDICATORS);
    expect(list.removed.map((r) => r.name)).toEqual([
      "サテライトオフィス等の進出企業数（累計）",
      "関係人口創出事業への参加者数（累計）",
      "観光入込客数",
      "デマンド型乗合タクシーの年間利用者数",
      "高齢者サロン等の地域の支え合い活動の参加者数",
    ]);
    expect(list.diagnostics).toEqual([]);
    expect(list.indicators.filter((i) => i.revisionType)).toHaveLength(SEED_REVISED);
    expect(list.evaluatedYear).toBe(2022);
  });

  it("replaces the D-graded indicator by its substitute, with its new target and no actuals of its own", () => {
    const sub = list.indicators.find((i) => i.name === "地域の通いの場・見守り活動の実施団体数")!;
    expect(sub).toMatchObject({ status: "substitute", target: 120, previousName: "高齢者サロン等の地域の支え合い活動の参加者数", actuals: [] });
    expect(list.indicators.some((i) => i.name === "高齢者サロン等の地域の支え合い活動の参加者数")).toBe(false);
  });

  it("applies a new target and keeps the actuals of a target revision", () => {
    const ind = list.indicators.find((i) => i.name === "新規就農者数（累計）")!;
    expect(ind).toMatchObject({ status: "targetRevised", target: 115, previousTarget: 100 });
    expect(ind.actuals.map((a) => a.value)).toEqual([22, 45, 68]);
  });

  it("lists a corrected name under the new name with the actuals kept", () => {
    const ind = list.indicators.find((i) => i.name === "健幸まちづくりプロジェクト（健幸ポイント事業）の参加者数")!;
    expect(ind).toMatchObject({ status: "renamed", previousName: "健幸ポイント事業の参加者数", target: 3000 });
    expect(ind.actuals).toHaveLength(3);
  });

  it("groups the indicators by basic goal, each package's rows together", () => {
    const goals = list.indicators.map((i) => i.goal);
    expect(goals).toEqual([...goals].sort((a, b) => a - b));
    const seen: string[] = [];
    for (const i of list.indicators) {
      const key = `${i.goal}|${i.package ?? ""}`;
      if (seen[seen.length - 1] !== key) {
        expect(seen).not.toContain(key);
        seen.push(key);
      }
    }
  });
});

describe("the revised list agrees with the 新旧対照表", () => {
  it("has, for every row of the 新旧対照表, the indicator under its new name with its new target, and no revision the table lacks", () => {
    const comparison = buildLayouts(sample, { settings: DEFAULT_SETTINGS, lang: "ja" }).find((l) => l.role === "comparison")!;
    const header = comparison.rows[1].map((c) => c?.value);
    const col = (label: string): number => header.indexOf(label);
    const body = comparison.rows.slice(2);
    expect(body).toHaveLength(SEED_REVISED);
    for (const r of body) {
      const value = (label: string): unknown => r[col(label)]?.value;
      const match = list.indicators.filter((i) => i.name === value("指標名（見直し後）") && i.previousName === value("指標名（現行）"));
      expect(match).toHaveLength(1);
      expect(match[0].target ?? null).toBe(value("目標値（見直し後）"));
      expect(match[0].previousTarget ?? null).toBe(value("目標値（現行）"));
      expect(match[0].revisionType).toBe(value("見直し区分"));
      expect(`基本目標${match[0].goal}`).toBe(value("基本目標"));
      expect(match[0].targetYear === undefined ? "" : eraYear(match[0].targetYear)).toBe(value("目標年度"));
    }
    const revisedNames = new Set(body.map((r) => r[col("指標名（見直し後）")]?.value));
    for (const i of list.indicators.filter((x) => x.revisionType)) expect(revisedNames.has(i.name)).toBe(true);
  });
});

describe("revisions that cannot be applied", () => {
  it("carries an indicator over unchanged and marked when its new target is not a number", () => {
    const l = revise([
      row({ 基本目標: 1, 区分: "KPI", 指標名: "来場者数", 目標値: 100, 令和4年度: 120, 評価: "A", 見直し区分: "目標値の修正", 見直し後の目標値: "未定" }),
    ]);
    expect(l.indicators[0]).toMatchObject({ name: "来場者数", target: 100, status: "notApplied" });
    expect(l.diagnostics).toEqual([expect.objectContaining({ code: "revised.notApplied", cell: "O2", severity: "warning" })]);
    expect(l.diagnostics[0].message).toContain("来場者数");
  });

  it("carries over a substitute without a name, marked, and lists nothing as removed", () => {
    const l = revise([
      row({ 基本目標: 1, 区分: "KPI", 指標名: "参加者数", 目標値: 100, 令和4年度: 20, 評価: "D", 見直し区分: "新たな指標を設定", 見直し後の目標値: 5 }),
    ]);
    expect(l.indicators[0]).toMatchObject({ name: "参加者数", target: 100, status: "notApplied" });
    expect(l.removed).toEqual([]);
    expect(l.diagnostics.map((d) => d.code)).toEqual(["revised.notApplied"]);
  });

  it("marks a D-graded indicator without any substitute", () => {
    const l = revise([row({ 基本目標: 1, 区分: "KPI", 指標名: "参加者数", 目標値: 100, 令和4年度: 20, 評価: "D" })]);
    expect(l.indicators[0].status).toBe("notApplied");
    expect(l.indicators[0].notAppliedReason).toMatch(/代替指標/);
  });

  it("does not apply a revision on an ungraded indicator (the 新旧対照表 leaves it out too)", () => {
    const l = revise([row({ 基本目標: 1, 区分: "KPI", 指標名: "来場者数", 目標値: 100, 令和4年度: 120, 見直し区分: "目標値の修正", 見直し後の目標値: 150 })]);
    expect(l.indicators[0]).toMatchObject({ target: 100, status: "notApplied" });
  });
});

describe("new target years", () => {
  const withYear = (fields: Parameters<typeof row>[0], year: unknown): unknown[] => [...row(fields), year];
  const run = (rows: unknown[][]): EngineResult => runRows([[...HEADER, "見直し後の目標年度"], ...rows]);

  it("reads 見直し後の目標年度 apart from 見直し後の目標値", () => {
    expect(classifyHeader("見直し後の目標年度")).toEqual({ kind: "field", field: "newTargetYear" });
    expect(classifyHeader("見直し後の目標値")).toEqual({ kind: "field", field: "newTarget" });
    expect(classifyHeader("New target year")).toEqual({ kind: "field", field: "newTargetYear" });
  });

  it("applies a new target year with the new target, shows it in the 新旧対照表 and lists the old one in the revised list", () => {
    const result = run([
      withYear(
        {
          基本目標: 1,
          区分: "KPI",
          指標名: "来場者数",
          目標値: 100,
          目標年度: "R6",
          令和4年度: 120,
          評価: "A",
          見直し区分: "目標値の修正",
          見直し後の目標値: 150,
        },
        "令和8年度",
      ),
    ]);
    const l = buildRevisedList(result, DEFAULT_SETTINGS, "ja");
    expect(l.indicators[0]).toMatchObject({ target: 150, targetYear: 2026, previousTargetYear: 2024, status: "targetRevised" });
    const comparison = buildLayouts(result, { settings: DEFAULT_SETTINGS, lang: "ja" }).find((x) => x.role === "comparison")!;
    const yearCol = comparison.rows[1].findIndex((c) => c?.value === "目標年度");
    expect(comparison.rows[2][yearCol]?.value).toBe("令和8年度");
    const layout = revisedListLayout(l, "ja");
    expect(layout.rows.flat().some((c) => c?.value === "旧目標値: 100\n旧目標年度: 令和6年度")).toBe(true);
  });

  it("takes a new target year alone as a target revision", () => {
    const result = run([withYear({ 基本目標: 1, 区分: "KPI", 指標名: "来場者数", 目標値: 100, 目標年度: "R6", 令和4年度: 90, 評価: "B" }, "R7")]);
    expect(result.indicators[0].decided).toEqual({ type: "目標値の修正", newTargetYear: 2025 });
    expect(buildRevisedList(result, DEFAULT_SETTINGS, "ja").indicators[0]).toMatchObject({ target: 100, targetYear: 2025, status: "targetRevised" });
  });
});

describe("the revised list sheet", () => {
  it("heads each basic goal and package, numbers the indicators and puts the removed ones in their own table", () => {
    const layout = revisedListLayout(list, "ja");
    const texts = layout.rows.map((r) => r[0]?.value);
    expect(texts[0]).toBe("○改訂後の指標一覧（令和5年度評価用）");
    expect(texts).toContain("基本目標1　だいせんの未来を拓く地域産業の振興と新産業を育むまちづくり");
    expect(texts).toContain("(1)未来を見据えた「だいせん農業」の確立");
    expect(texts.filter((v) => typeof v === "number")).toHaveLength(SEED_INDICATORS);
    const removedAt = texts.indexOf("○削除・置き換えた指標");
    expect(removedAt).toBeGreaterThan(0);
    expect(layout.rows.slice(removedAt + 2).map((r) => r[2]?.value)).toEqual(list.removed.map((r) => r.name));
  });
});
