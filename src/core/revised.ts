// The revised indicator list (改訂後の指標一覧): every indicator as it stands after the
// decided revisions — new targets applied, renamed ones under their new name, a replaced
// indicator (新たな指標を設定, 指標名の変更) by its successor — and the replaced ones apart.
// A revision that cannot be applied is a diagnostic; the indicator is carried over as it
// was, marked. It agrees with the 新旧対照表 row by row (tests/core/revised.test.ts).

import { t } from "./messages";
import { Settings } from "./settings";
import { Diagnostic, EngineResult, Indicator, Lang, ReviewedIndicator, RevisionType, SourceRef } from "./types";
import { must } from "./errors";

/**
 * What the revision did: nothing; a new target (目標値の修正); a new name for the same
 * indicator (指標名の修正, actuals kept); another indicator in its place (指標名の変更 or
 * 新たな指標を設定: no actuals of its own yet); or nothing because it could not be applied.
 */
export type RevisedStatus = "unchanged" | "targetRevised" | "renamed" | "changed" | "substitute" | "notApplied";

/** What an indicator keeps from its evaluation row (the actuals: none for one that replaces another). */
type KeptFields =
  | "goal"
  | "goalName"
  | "package"
  | "category"
  | "name"
  | "unit"
  | "baseline"
  | "baselineYear"
  | "target"
  | "targetYear"
  | "targetKind"
  | "direction"
  | "department"
  | "actuals";

export interface RevisedIndicator extends Pick<Indicator, KeptFields> {
  readonly status: RevisedStatus;
  readonly revisionType?: RevisionType | undefined;
  /** Name and target before the revision, when either changed. */
  readonly previousName?: string;
  readonly previousTarget?: number | undefined;
  readonly previousTargetYear?: number | undefined;
  /** Why a decided revision was not applied (a message in the user's language). */
  readonly notAppliedReason?: string;
  /** The evaluation row it comes from. */
  readonly from: SourceRef;
}

/** An indicator taken out of the list, with the one that replaced it. */
export interface RemovedIndicator extends Pick<Indicator, "goal" | "package" | "category" | "name" | "unit" | "target" | "department"> {
  readonly revisionType: RevisionType;
  readonly replacedBy: string;
  readonly from: SourceRef;
}

export interface RevisedList {
  /** The fiscal year evaluated (N); next year's sheets are for N + 1. */
  readonly evaluatedYear: number;
  /** Grouped by basic goal, then strategy package in their first order. */
  readonly indicators: readonly RevisedIndicator[];
  readonly removed: readonly RemovedIndicator[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Revision diagnostics from the reader that mean the decided revision was not read whole. */
const UNREADABLE_REVISION = new Set(["revision.invalid", "revision.newTarget.invalid"]);

export function buildRevisedList(result: EngineResult, settings: Settings, lang: Lang): RevisedList {
  const unreadable = unreadableRevisions(result.diagnostics);
  const indicators: RevisedIndicator[] = [];
  const removed: RemovedIndicator[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const ind of result.indicators) {
    const why = blocker(ind, unreadable.has(rowKey(ind.source)));
    if (why) {
      const reason = t(lang, `revised.why.${why}`);
      indicators.push({ ...carried(ind), status: "notApplied", revisionType: ind.decided?.type, notAppliedReason: reason });
      diagnostics.push(notAppliedDiagnostic(ind, reason, lang));
      continue;
    }
    const revised = applyRevision(ind);
    indicators.push(revised);
    if (revised.status === "changed" || revised.status === "substitute") removed.push(removedFrom(ind, revised));
  }
  const evaluatedYear = result.fiscalYear ?? settings.evaluationYear ?? settings.planStart;
  return { evaluatedYear, indicators: groupByGoalAndPackage(indicators), removed, diagnostics };
}

const rowKey = (s: SourceRef): string => `${s.file}\u0000${s.sheet}\u0000${s.row}`;

function unreadableRevisions(diagnostics: readonly Diagnostic[]): Set<string> {
  const rows = new Set<string>();
  for (const d of diagnostics) {
    if (!UNREADABLE_REVISION.has(d.code)) continue;
    const row = /\d+$/.exec(d.cell)?.[0];
    if (row) rows.add(rowKey({ file: d.file, sheet: d.sheet, row: Number(row) }));
  }
  return rows;
}

type Blocker = "unreadable" | "ungraded" | "noTarget" | "noName" | "noSubstitute";

/** Why a decided revision cannot be applied, or undefined when it can (or none was decided). */
function blocker(ind: ReviewedIndicator, unreadable: boolean): Blocker | undefined {
  if (unreadable) return "unreadable";
  const d = ind.decided;
  if (!d) return ind.grade === "D" ? "noSubstitute" : undefined;
  if (!ind.grade) return "ungraded";
  if (d.type === "目標値の修正" && d.newTarget === undefined && d.newTargetYear === undefined) return "noTarget";
  if (d.type !== "目標値の修正" && (d.newName === undefined || d.newName.trim() === "")) return "noName";
  return undefined;
}

/** The indicator as it was (what a row without a revision carries into next year). */
function carried(ind: ReviewedIndicator): RevisedIndicator {
  return {
    goal: ind.goal,
    goalName: ind.goalName,
    package: ind.package,
    category: ind.category,
    name: ind.name,
    unit: ind.unit,
    baseline: ind.baseline,
    baselineYear: ind.baselineYear,
    target: ind.target,
    targetYear: ind.targetYear,
    targetKind: ind.targetKind,
    direction: ind.direction,
    department: ind.department,
    actuals: ind.actuals,
    status: "unchanged",
    from: ind.source,
  };
}

function applyRevision(ind: ReviewedIndicator): RevisedIndicator {
  const base = carried(ind);
  const d = ind.decided;
  if (!d) return base;
  const target = d.newTarget ?? ind.target;
  const targetYear = d.newTargetYear ?? ind.targetYear;
  const previous = { previousName: ind.name, previousTarget: ind.target, previousTargetYear: ind.targetYear };
  const newName = (): string => must(d.newName, "new name of a renaming revision (blocker() requires it)");
  switch (d.type) {
    case "目標値の修正":
      return { ...base, target, targetYear, status: "targetRevised", revisionType: d.type, ...previous };
    case "指標名の修正":
      return { ...base, name: newName(), target, targetYear, status: "renamed", revisionType: d.type, ...previous };
    case "指標名の変更":
      // Another measure: its past actuals and baseline are the old indicator's.
      return { ...successor(base, newName(), target, ind.unit), targetYear, status: "changed", revisionType: d.type, ...previous };
    case "新たな指標を設定":
      return { ...successor(base, newName(), target, undefined), targetYear, status: "substitute", revisionType: d.type, ...previous };
  }
}

function successor(base: RevisedIndicator, name: string, target: number | undefined, unit: string | undefined): RevisedIndicator {
  return { ...base, name, target, unit, baseline: undefined, baselineYear: undefined, direction: undefined, actuals: [] };
}

function removedFrom(ind: ReviewedIndicator, by: RevisedIndicator): RemovedIndicator {
  return {
    goal: ind.goal,
    package: ind.package,
    category: ind.category,
    name: ind.name,
    unit: ind.unit,
    target: ind.target,
    department: ind.department,
    revisionType: must(by.revisionType, "revision type of a changed or substitute indicator"),
    replacedBy: by.name,
    from: ind.source,
  };
}

function notAppliedDiagnostic(ind: ReviewedIndicator, reason: string, lang: Lang): Diagnostic {
  const type = ind.decided ? t(lang, `type.${ind.decided.type}`) : t(lang, "col.revisionType");
  return {
    file: ind.source.file,
    sheet: ind.source.sheet,
    cell: ind.cells.revisionType ?? ind.cells.newTarget ?? ind.cells.newName ?? ind.cells.name ?? "",
    severity: "warning",
    code: "revised.notApplied",
    message: t(lang, "revised.notApplied", { type, why: reason, name: ind.name.slice(0, 80) }),
  };
}

/** Basic goals in order; within a goal, packages in the order they first appear. */
export function groupByGoalAndPackage<T extends { readonly goal: number; readonly package?: string | undefined }>(items: readonly T[]): T[] {
  const keyOf = (it: T): string => `${it.goal}|${it.package ?? ""}`;
  const packageRank = new Map<string, number>();
  items.forEach((it) => {
    const key = keyOf(it);
    if (!packageRank.has(key)) packageRank.set(key, packageRank.size);
  });
  return items
    .map((it, i) => ({ it, i, rank: must(packageRank.get(keyOf(it)), "rank of each item's package") }))
    .sort((a, b) => a.it.goal - b.it.goal || a.rank - b.rank || a.i - b.i)
    .map((x) => x.it);
}
