// Table 1 and table 2 as terminal text, rendered from the same table model as the sheet
// (core/tables.ts), aligned for full-width characters.

import { t } from "../i18n";
import { textWidth } from "../core/layout";
import { Settings } from "../core/settings";
import { coveredByMerge, revisionTable, scaleCaption, Table, tallyTable, tallyTitle } from "../core/tables";
import { EngineResult, Lang } from "../core/types";
import { LayoutCell } from "../core/layout-types";

const pad = (s: string, width: number, right = false): string => {
  const gap = " ".repeat(Math.max(0, width - textWidth(s)));
  return right ? gap + s : s + gap;
};

const shown = (cell: LayoutCell | null | undefined): string =>
  cell?.value === null || cell?.value === undefined ? "" : String(cell.value).replace(/\n/g, " / ");
const isNumber = (cell: LayoutCell | null | undefined): boolean => cell?.style === "number" || cell?.style === "totalNumber";

/**
 * A table as aligned text lines: cells hidden under a merge are blank (a merged header
 * spans its columns), number columns right-aligned. `columns` picks which columns to show.
 */
export function formatTable(table: Table, columns?: readonly number[]): string[] {
  const width = Math.max(0, ...table.rows.map((r) => r.length));
  const cols = columns ?? Array.from({ length: width }, (_, i) => i);
  const text = (r: number, c: number): string => (coveredByMerge(table.merges, r, c) ? "" : shown(table.rows[r][c]));
  const widths = cols.map((c) => Math.max(0, ...table.rows.map((_, r) => textWidth(text(r, c)))));
  const numeric = cols.map((c) => table.rows.some((row) => isNumber(row[c])));
  return table.rows.map((_, r) =>
    cols
      .map((c, i) => pad(text(r, c), widths[i], numeric[i]))
      .join("  ")
      .trimEnd(),
  );
}

export function formatTable1(result: EngineResult, lang: Lang): string {
  const lines = [tallyTitle(result, lang), ...formatTable(tallyTable(result, lang))];
  if (result.tally.ungraded > 0) lines.push(t(lang, "out.ungradedNote", { count: result.tally.ungraded, detail: "" }).replace(/（）|\(\)/, ""));
  if (result.scale.id !== "daisen") lines.push(scaleCaption(result, lang));
  return lines.join("\n");
}

export function formatTable2(result: EngineResult, settings: Settings, lang: Lang): string {
  // 評価, 修正指標数 and 修正内容; the criteria stay on the sheet.
  return [t(lang, "out.table2Title"), ...formatTable(revisionTable(result, settings, lang), [0, 5, 6])].join("\n");
}
