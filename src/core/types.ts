// Domain types shared by every stage of the engine. Plain data, no behaviour.

import { GradeScale } from "./scale";

export type Lang = "ja" | "en";
/**
 * A grade as the sheet writes it: a label of the sheet's grade scale (see scale.ts). The
 * default scale (Daisen's) is A–D; other municipalities use S/A/B/C, ◎○△×, 順調… as well.
 */
export type Grade = string;
/** The default scale's labels (Daisen's A–D). Output code takes the labels from EngineResult.scale. */
export const GRADES: readonly Grade[] = ["A", "B", "C", "D"];

/** 区分: 数値目標 (numerical target of a basic goal) or KPI (重要業績評価指標). */
export type Category = "numerical" | "kpi";
export const CATEGORIES: readonly Category[] = ["numerical", "kpi"];

/** 累計 (cumulative over the plan) or 単年度 (a value reached in one year). */
export type TargetKind = "cumulative" | "single";
/** 指標の方向性: whether a higher value is better. */
export type Direction = "up" | "down";

/** 見直し区分, the revision types of the seed. */
export type RevisionType = "目標値の修正" | "指標名の修正" | "指標名の変更" | "新たな指標を設定";
export const REVISION_TYPES: readonly RevisionType[] = ["目標値の修正", "指標名の修正", "指標名の変更", "新たな指標を設定"];

export type Severity = "error" | "warning" | "info";

/** One sheet as the adapters hand it to the core: values only, 0-based rows and columns. */
export interface SheetInput {
  readonly file: string;
  readonly sheet: string;
  /** Cell values as the host gives them (string, number, boolean, Date, null; anything else is tolerated). */
  readonly rows: readonly (readonly unknown[])[];
  /** Merged ranges, 0-based inclusive. Optional: readers also fill down blanks. */
  readonly merges?: readonly CellRange[];
  /** Row offset of rows[0] in the real sheet (0 when the grid starts at A1). */
  readonly rowOffset?: number | undefined;
  /** Column offset of rows[][0] in the real sheet. */
  readonly colOffset?: number | undefined;
}

export interface CellRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface SourceRef {
  readonly file: string;
  readonly sheet: string;
  /** 1-based row number in the sheet, as Excel shows it. */
  readonly row: number;
}

export interface Diagnostic {
  readonly file: string;
  readonly sheet: string;
  /** A1 address, or "" when the problem is the whole sheet or file. */
  readonly cell: string;
  readonly severity: Severity;
  /** Stable dotted identifier, e.g. grade.invalid. */
  readonly code: string;
  /** Message in the user's language. */
  readonly message: string;
}

/** A fiscal year's actual value (実績). */
export interface YearValue {
  readonly year: number;
  readonly value: number;
}

/** The revision decided by the department (見直し区分 and what follows it). */
export interface DecidedRevision {
  readonly type: RevisionType;
  readonly newTarget?: number;
  readonly newName?: string;
  /** 見直し後の目標年度, when the revision moves the target year. */
  readonly newTargetYear?: number;
}

/** One indicator row, normalized. */
export interface Indicator {
  readonly source: SourceRef;
  readonly goal: number;
  readonly goalName?: string | undefined;
  readonly package?: string | undefined;
  readonly category: Category;
  readonly name: string;
  readonly unit?: string | undefined;
  readonly baseline?: number | undefined;
  readonly baselineYear?: number | undefined;
  readonly target?: number | undefined;
  readonly targetYear?: number | undefined;
  readonly targetKind: TargetKind;
  /** Set when the sheet says so; otherwise inferred by classify. */
  readonly direction?: Direction | undefined;
  readonly actuals: readonly YearValue[];
  /** Each year's own target or expected value (期待値, 目標 per year), when the sheet has them. */
  readonly yearTargets?: readonly YearValue[] | undefined;
  /** Entered grade (評価); undefined = 未評価. */
  readonly grade?: Grade | undefined;
  readonly reason?: string | undefined;
  readonly department?: string | undefined;
  /** Premise-change flag column (前提条件の変化), when the sheet has one. */
  readonly premiseChanged?: boolean | undefined;
  readonly decided?: DecidedRevision | undefined;
  /** A1 addresses of the cells this indicator came from, by field, for diagnostics and links. */
  readonly cells: Readonly<Partial<Record<FieldKey, string>>>;
}

/** The fields an evaluation sheet's columns can hold (besides actuals by year). */
export const FIELD_KEYS = [
  "goal",
  "package",
  "category",
  "name",
  "unit",
  "baseline",
  "baselineYear",
  "target",
  "targetYear",
  "cumulative",
  "direction",
  "grade",
  "reason",
  "department",
  "premise",
  "revisionType",
  "newTarget",
  "newName",
  "newTargetYear",
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/** What the reader found on one sheet. */
export interface SheetReading {
  readonly file: string;
  readonly sheet: string;
  /** False for a sheet without an evaluation table (a cover sheet, say). */
  readonly isEvaluationSheet: boolean;
  /** 1-based header row(s) in the sheet. */
  readonly headerRows: readonly number[];
  /** Field → column letter, as found; actual-year columns keyed "actual:2022". */
  readonly columns: Readonly<Record<string, string>>;
  /** True when an important column could only be guessed (the task pane shows the mapping). */
  readonly uncertain: boolean;
  readonly indicators: readonly Indicator[];
  readonly diagnostics: readonly Diagnostic[];
  /** The grade scale the sheet's grades were read in (evaluation sheets only). */
  readonly scale?: GradeScale;
  /** The layout family: one row per indicator (default) or a block of labelled rows per indicator. */
  readonly layout?: "rows" | "block";
}

export type SuggestedAction =
  "目標値の上方修正" | "目標値の修正" | "現状維持" | "見直しを検討" | "指標の変更を検討" | "目標値の妥当性を検証" | "新たな指標を設定";

export interface Suggestion {
  readonly action: SuggestedAction;
  /** Proposed revision type, when the action implies one. */
  readonly revisionType?: RevisionType;
  readonly newTarget?: number;
  readonly reason: string;
}

/** An indicator after classify and suggest. */
export interface ReviewedIndicator extends Indicator {
  readonly referenceGrade?: Grade | undefined;
  /** Progress ratio (1.0 = on track); undefined when it cannot be computed. */
  readonly progress?: number | undefined;
  readonly evaluationYear?: number | undefined;
  readonly effectiveDirection: Direction;
  readonly suggestion: Suggestion;
}

export type GradeCounts = Record<Grade, number>;

export interface GoalTally {
  readonly goal: number;
  readonly goalName?: string;
  readonly numerical: GradeCounts;
  readonly kpi: GradeCounts;
  readonly ungraded: { readonly numerical: number; readonly kpi: number };
}

export interface Tally {
  readonly goals: readonly GoalTally[];
  readonly total: { readonly numerical: GradeCounts; readonly kpi: GradeCounts };
  readonly ungraded: number;
}

export interface RevisionTally {
  readonly count: number;
  readonly byType: Readonly<Partial<Record<RevisionType, number>>>;
}

/** Per department (担当課) completion status (提出状況). */
export interface CompletionRow {
  readonly department: string;
  readonly indicators: number;
  readonly graded: number;
  readonly ungraded: number;
  readonly decided: number;
  readonly diagnostics: number;
}

/** One row of a sheet of changes by strategy package (（２）具体的施策). */
export interface PackageChange {
  readonly goal: number;
  readonly goalName?: string;
  readonly package: string;
  readonly changes: string;
}

/** Completion per source (file and sheet). */
export interface SourceCompletionRow {
  readonly file: string;
  readonly sheet: string;
  readonly indicators: number;
  readonly graded: number;
  readonly ungraded: number;
  readonly decided: number;
  readonly diagnostics: number;
}

export interface EngineResult {
  readonly fiscalYear?: number | undefined;
  /** Changes by strategy package, when the workbook has such a sheet. */
  readonly packageChanges: readonly PackageChange[];
  readonly sheets: readonly SheetReading[];
  /** Indicators counted in the tally (duplicates removed). */
  readonly indicators: readonly ReviewedIndicator[];
  readonly tally: Tally;
  /** The grade scale of the tally: its labels are the tally's and every sheet's columns. */
  readonly scale: GradeScale;
  readonly revisions: Readonly<Record<Grade, RevisionTally>>;
  readonly completion: readonly CompletionRow[];
  readonly completionBySource: readonly SourceCompletionRow[];
  readonly diagnostics: readonly Diagnostic[];
}
