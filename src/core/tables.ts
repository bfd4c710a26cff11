// The official tables as one model: the sheet (評価集計), the task pane's tally and the
// CLI's terminal output all render these, so they cannot drift apart.

import { t } from "./messages";
import { LayoutCell, Merge, CellStyle } from "./layout-types";
import { allLabels } from "./scale";
import { criteriaFor, Settings } from "./settings";
import { gradeName } from "./suggest";
import { Category, CATEGORIES, EngineResult, Grade, Lang, RevisionType } from "./types";

/** A block of cells with its merges (0-based, relative to the block's top left). */
export interface Table {
  readonly rows: readonly (readonly (LayoutCell | null)[])[];
  readonly merges: readonly Merge[];
  /** Per row, what it counts (a goal number or "total", and a category); undefined for headers. */
  readonly rowKeys: readonly ({ readonly goal: string; readonly category: Category } | undefined)[];
  /** Per column, the grade label it counts ("ungraded" for the 未評価 column); undefined for labels. */
  readonly columnKeys: readonly (string | undefined)[];
}

export const cell = (value: string | number | null | undefined, style: CellStyle, extra: Partial<LayoutCell> = {}): LayoutCell => ({
  value: value === undefined ? null : value,
  style,
  ...extra,
});

/** A count: zero is shown blank, as in the seed's tables. */
export const countCell = (n: number, style: CellStyle = "number"): LayoutCell => cell(n === 0 ? null : n, style);

/** 令和N年度 for a fiscal year (令和元年度 for 2019). */
export function eraYear(year: number): string {
  if (year >= 2019) {
    const n = year - 2018;
    return `令和${n === 1 ? "元" : n}年度`;
  }
  if (year >= 1989) {
    const n = year - 1988;
    return `平成${n === 1 ? "元" : n}年度`;
  }
  return `${year}年度`;
}

/** ○令和4年度実績における評価 (table 1's title). */
export function tallyTitle(result: EngineResult, lang: Lang): string {
  const year = result.fiscalYear;
  return lang === "ja" ? t(lang, "out.title", { era: year ? eraYear(year) : "" }) : t(lang, "out.title", { year: year ?? "" });
}

/** 評価の区分: S・A・B・C・－（－ は評価できないもの）, said under the tally when the scale is not A–D. */
export function scaleCaption(result: EngineResult, lang: Lang): string {
  const sep = lang === "ja" ? "・" : " / ";
  const labels = allLabels(result.scale).join(sep);
  const marks = result.scale.notJudged.map((g) => g.label).join(sep);
  return t(lang, "out.scaleNote", { labels }) + (marks ? t(lang, "out.notJudgedNote", { marks }) : "");
}

/**
 * Table 1: basic goal × 数値目標/KPI × the scale's grades (A–D by default) and its not-judged
 * marks, then 合計; optionally a 未評価 column.
 */
export function tallyTable(result: EngineResult, lang: Lang, options: { readonly ungradedColumn?: boolean } = {}): Table {
  const ungraded = options.ungradedColumn === true;
  const GRADES = allLabels(result.scale);
  const catLabel = (cat: Category): string => t(lang, cat === "numerical" ? "out.numerical" : "out.kpi");
  const rows: (LayoutCell | null)[][] = [[cell("", "header"), cell("", "header"), ...GRADES.map((g) => cell(gradeName(lang, g), "header"))]];
  if (ungraded) rows[0].push(cell(t(lang, "col.ungraded"), "header"));
  const merges: Merge[] = [{ top: 0, left: 0, bottom: 0, right: 1 }];
  const rowKeys: Table["rowKeys"][number][] = [undefined];
  const group = (label: string, key: string, counts: (cat: Category) => Record<Grade, number>, left: (cat: Category) => number, total: boolean) => {
    merges.push({ top: rows.length, left: 0, bottom: rows.length + 1, right: 0 });
    for (const cat of CATEGORIES) {
      const style: CellStyle = total ? "total" : "rowHeader";
      const row = [cell(label, style), cell(catLabel(cat), style), ...GRADES.map((gr) => countCell(counts(cat)[gr], total ? "totalNumber" : "number"))];
      if (ungraded) row.push(countCell(left(cat), total ? "totalNumber" : "number"));
      rows.push(row);
      rowKeys.push({ goal: key, category: cat });
    }
  };
  for (const g of result.tally.goals) {
    group(
      t(lang, "out.goal", { goal: g.goal }),
      String(g.goal),
      (cat) => g[cat],
      (cat) => g.ungraded[cat],
      false,
    );
  }
  const leftTotal = (cat: Category): number => result.tally.goals.reduce((s, g) => s + g.ungraded[cat], 0);
  group(t(lang, "out.total"), "total", (cat) => result.tally.total[cat], leftTotal, true);
  return { rows, merges, rowKeys, columnKeys: [undefined, undefined, ...GRADES, ...(ungraded ? ["ungraded" as const] : [])] };
}

/** 修正内容: "目標値の修正 … 5指標" per type, or one phrase when a grade has a single type. */
export function revisionContent(byType: Readonly<Partial<Record<RevisionType, number>>>, lang: Lang): string[] {
  const entries = (Object.entries(byType) as [RevisionType, number][]).filter(([, n]) => n > 0);
  if (entries.length === 1 && entries[0][0] === "目標値の修正") return [t(lang, "out.t2.allTarget")];
  if (entries.length === 1 && entries[0][0] === "新たな指標を設定") return [t(lang, "type.新たな指標を設定")];
  return entries.map(([type, count]) => t(lang, "out.t2.line", { type: t(lang, `type.${type}`), count }));
}

/** Table 2 (one row per real grade of the scale): 評価 | 見直し基準 (4 columns merged) | 修正指標数 | 修正内容 (2 columns merged). */
export function revisionTable(result: EngineResult, settings: Settings, lang: Lang): Table {
  const blank = (style: CellStyle): LayoutCell => cell("", style);
  const rows: (LayoutCell | null)[][] = [
    [
      cell(t(lang, "out.t2.grade"), "header"),
      cell(t(lang, "out.t2.criteria"), "header"),
      blank("header"),
      blank("header"),
      blank("header"),
      cell(t(lang, "out.t2.count"), "header"),
      cell(t(lang, "out.t2.content"), "header"),
      blank("header"),
    ],
  ];
  const merges: Merge[] = [];
  for (const g of result.scale.grades.map((x) => x.label)) {
    const rev = result.revisions[g];
    const criteria = criteriaFor(settings, lang, result.scale, g);
    rows.push([
      cell(gradeName(lang, g), "rowHeader"),
      cell(criteria.join("\n"), "text"),
      blank("text"),
      blank("text"),
      blank("text"),
      countCell(rev.count),
      cell(revisionContent(rev.byType, lang).join("\n"), "text"),
      blank("text"),
    ]);
  }
  rows.forEach((_, r) => merges.push({ top: r, left: 1, bottom: r, right: 4 }, { top: r, left: 6, bottom: r, right: 7 }));
  return { rows, merges, rowKeys: rows.map(() => undefined), columnKeys: [] };
}

/** Whether (r, c) is hidden under a merge whose top left is elsewhere. */
export function coveredByMerge(merges: readonly Merge[], r: number, c: number): boolean {
  return merges.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && (r !== m.top || c !== m.left));
}

/** The merge whose top left is (r, c), if any. */
export function mergeAt(merges: readonly Merge[], r: number, c: number): Merge | undefined {
  return merges.find((m) => m.top === r && m.left === c);
}
