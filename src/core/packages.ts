// A sheet of changes by strategy package: 基本目標 | 戦略パッケージ | 主な変更内容.

import { cellText, headerKey, isNoValue, parseGoal } from "./normalize";
import { spreadMerges } from "./read";
import { PackageChange, SheetInput } from "./types";

const isChangesHeader = (k: string): boolean => /変更内容|主な変更|見直し内容|改訂内容|changes/.test(k);

export function readPackageChanges(input: SheetInput): PackageChange[] | undefined {
  const rows = spreadMerges(input);
  for (let r = 0; r < Math.min(rows.length, 20); r++) {
    const keys = (rows[r] ?? []).map(headerKey);
    const pkgCol = keys.findIndex((k) => /戦略パッケージ|具体的施策|^施策$|package/.test(k));
    const chCol = keys.findIndex(isChangesHeader);
    if (pkgCol < 0 || chCol < 0 || keys.some((k) => /指標名|^評価$/.test(k))) continue;
    const goalCol = keys.findIndex((k) => /基本目標|goal/.test(k));
    const out: PackageChange[] = [];
    let goal: { goal: number; name?: string } | undefined;
    for (let i = r + 1; i < rows.length; i++) {
      const row = rows[i] ?? [];
      if (goalCol >= 0 && !isNoValue(row[goalCol])) goal = parseGoal(row[goalCol]) ?? goal;
      const pkg = cellText(row[pkgCol]);
      const changes = cellText(row[chCol]);
      if (!goal || pkg === "" || isNoValue(row[chCol])) continue;
      out.push({ goal: goal.goal, ...(goal.name ? { goalName: goal.name } : {}), package: pkg.slice(0, 2000), changes: changes.slice(0, 4000) });
    }
    return out.length > 0 ? out : undefined;
  }
  return undefined;
}
