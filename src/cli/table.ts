// Table 1 and table 2 as terminal text, aligned for full-width characters.

import { t } from "../i18n";
import { eraYear, revisionContent, textWidth } from "../core/layout";
import { CATEGORIES, EngineResult, GRADES, Lang } from "../core/types";

const pad = (s: string, width: number, right = false): string => {
  const gap = " ".repeat(Math.max(0, width - textWidth(s)));
  return right ? gap + s : s + gap;
};

export function formatTable1(result: EngineResult, lang: Lang): string {
  const year = result.fiscalYear;
  const title = lang === "ja" ? t(lang, "out.title", { era: year ? eraYear(year) : "" }) : t(lang, "out.title", { year: year ?? "" });
  const goalW = Math.max(...result.tally.goals.map((g) => textWidth(t(lang, "out.goal", { goal: g.goal }))), textWidth(t(lang, "out.total"))) + 2;
  const catW = Math.max(textWidth(t(lang, "out.numerical")), textWidth(t(lang, "out.kpi"))) + 2;
  const colW = Math.max(...GRADES.map((g) => textWidth(t(lang, "out.gradeCol", { grade: g })))) + 2;
  const lines = [title, pad("", goalW + catW) + GRADES.map((g) => pad(t(lang, "out.gradeCol", { grade: g }), colW, true)).join("")];
  const row = (goal: string, cat: "numerical" | "kpi", counts: Record<string, number>): string =>
    pad(goal, goalW) +
    pad(t(lang, cat === "numerical" ? "out.numerical" : "out.kpi"), catW) +
    GRADES.map((g) => pad(counts[g] ? String(counts[g]) : "", colW, true)).join("");
  for (const g of result.tally.goals) CATEGORIES.forEach((cat, i) => lines.push(row(i === 0 ? t(lang, "out.goal", { goal: g.goal }) : "", cat, g[cat])));
  CATEGORIES.forEach((cat, i) => lines.push(row(i === 0 ? t(lang, "out.total") : "", cat, result.tally.total[cat])));
  if (result.tally.ungraded > 0) lines.push(t(lang, "out.ungradedNote", { count: result.tally.ungraded, detail: "" }).replace(/（）|\(\)/, ""));
  return lines.join("\n");
}

export function formatTable2(result: EngineResult, lang: Lang): string {
  const lines = [t(lang, "out.table2Title"), `${t(lang, "out.t2.grade")}  ${t(lang, "out.t2.count")}  ${t(lang, "out.t2.content")}`];
  for (const g of GRADES) {
    const rev = result.revisions[g];
    const content = revisionContent(rev.byType, lang).join(" / ");
    lines.push(`${pad(t(lang, "out.gradeCol", { grade: g }), 8)}${pad(rev.count ? String(rev.count) : "", 6, true)}    ${content}`);
  }
  return lines.join("\n");
}
