// The report JSON (schemaVersion 1). Field names are a contract: extend, never rename.

import { EngineResult, Grade, GradeCounts, Category, Diagnostic, RevisionTally, SuggestedAction } from "./types";

export interface ReportIndicator {
  readonly source: { readonly file: string; readonly sheet: string; readonly row: number };
  readonly goal: number;
  readonly package?: string;
  readonly category: Category;
  readonly name: string;
  readonly unit?: string;
  readonly department?: string;
  readonly grade: Grade | null;
  readonly referenceGrade: Grade | null;
  readonly progress: number | null;
  readonly suggestion: { readonly action: SuggestedAction; readonly newTarget: number | null; readonly reason: string };
  readonly decided: {
    readonly type: string;
    readonly newTarget: number | null;
    readonly newName: string | null;
    readonly newTargetYear?: number;
  } | null;
}

export interface Report {
  readonly schemaVersion: 1;
  readonly fiscalYear: number | null;
  /** The grade scale of the tally: real grades best first, and the not-judged marks. */
  readonly scale: { readonly labels: readonly string[]; readonly notJudged: readonly string[] };
  readonly tally: {
    readonly goals: readonly { readonly goal: number; readonly numerical: GradeCounts; readonly kpi: GradeCounts }[];
    readonly total: { readonly numerical: GradeCounts; readonly kpi: GradeCounts };
    readonly ungraded: number;
  };
  readonly revisions: Readonly<Record<Grade, RevisionTally>>;
  readonly completion: EngineResult["completion"];
  readonly completionBySource: EngineResult["completionBySource"];
  readonly indicators: readonly ReportIndicator[];
  readonly diagnostics: readonly Diagnostic[];
}

const round = (n: number): number => Math.round(n * 10000) / 10000;

export function toReport(result: EngineResult): Report {
  return {
    schemaVersion: 1,
    fiscalYear: result.fiscalYear ?? null,
    scale: { labels: result.scale.grades.map((g) => g.label), notJudged: result.scale.notJudged.map((g) => g.label) },
    tally: {
      goals: result.tally.goals.map((g) => ({ goal: g.goal, numerical: g.numerical, kpi: g.kpi })),
      total: result.tally.total,
      ungraded: result.tally.ungraded,
    },
    revisions: result.revisions,
    completion: result.completion,
    completionBySource: result.completionBySource,
    indicators: result.indicators.map((i) => ({
      source: i.source,
      goal: i.goal,
      ...(i.package !== undefined ? { package: i.package } : {}),
      category: i.category,
      name: i.name,
      ...(i.unit !== undefined ? { unit: i.unit } : {}),
      ...(i.department !== undefined ? { department: i.department } : {}),
      grade: i.grade ?? null,
      referenceGrade: i.referenceGrade ?? null,
      progress: i.progress === undefined ? null : round(i.progress),
      suggestion: { action: i.suggestion.action, newTarget: i.suggestion.newTarget ?? null, reason: i.suggestion.reason },
      decided: i.decided
        ? {
            type: i.decided.type,
            newTarget: i.decided.newTarget ?? null,
            newName: i.decided.newName ?? null,
            ...(i.decided.newTargetYear !== undefined ? { newTargetYear: i.decided.newTargetYear } : {}),
          }
        : null,
    })),
    diagnostics: result.diagnostics,
  };
}
