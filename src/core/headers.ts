// Header recognition: which field a header label names, and where the header is.

import { findYearInText, headerKey } from "./normalize";
import { FieldKey } from "./types";

/** A column's field: one of the fixed fields, or the actuals of a fiscal year. */
export type ColumnField = { readonly kind: "field"; readonly field: FieldKey } | { readonly kind: "actual"; readonly year: number | undefined };

// Order matters: the more specific labels are tried first (見直し後の目標値 before 目標値).
const PATTERNS: readonly (readonly [RegExp, FieldKey])[] = [
  [/(見直し後|修正後|変更後|新)の?目標(値|数値)?の?(年度|年|時期|達成年度)$|newtargetyear|revisedtargetyear/, "newTargetYear"],
  [/(見直し後|修正後|変更後|新)の?(目標値?|目標数値)|newtarget|revisedtarget/, "newTarget"],
  [/(見直し後|修正後|変更後|新)の?(指標名?|kpi名?)|newname|newindicator|revisedname/, "newName"],
  // Anchored: a free-text column such as 成果と見直し is not a revision type.
  [/^(指標の|今後の)?見直し(区分|内容|の区分|方針|の方向性)?$|^修正区分$|見直し区分|^revision(type)?$/, "revisionType"],
  [/^(基準|現状|従前|策定時|計画策定時)(値|数値)?の?(年度|年|時点)$|^baselineyear$/, "baselineYear"],
  [/^目標(値|数値)?の?(年度|年|時期|達成年度)$|^targetyear$/, "targetYear"],
  [/^(基準|現状|従前|策定時|計画策定時)(値|数値)?(数値|値)?$|^baseline(value)?$/, "baseline"],
  [/^(目標|目標値|目標数値|期待値|計画値)(数値|値)?$|^target(value)?$|^(数値)?目標値$/, "target"],
  [/評価の?理由|要因|分析|理由|備考|コメント|所見|reason|remarks|notes?$/, "reason"],
  [
    /^(評価|達成状況の?評価|達成度?評価|総合評価|評価結果|評価区分|担当課評価|自己評価|進捗評価|達成度|進捗状況|進捗度|判定|判定結果|達成状況|評価達成度|grade|evaluation|rating)$/,
    "grade",
  ],
  [/担当課|所管課|担当部署|所管部署|担当部局|^担当$|^所管$|department|division/, "department"],
  [/^(区分|指標区分|種別|指標の?種類|指標の?区分|category)$/, "category"],
  [/累計.*単年|単年.*累計|目標の?種類|集計方法|累計|cumulative/, "cumulative"],
  [/方向性?|direction/, "direction"],
  [/前提(条件)?の?変化|前提条件|premise/, "premise"],
  [/^単位$|^unit$/, "unit"],
  [/基本目標|^goal$|basicgoal/, "goal"],
  [/戦略パッケージ|具体的(な)?施策|^施策(名)?$|^政策$|^package$|strategy/, "package"],
  [/指標名|重要業績評価指標|^kpi(名)?(等)?$|成果指標|^指標$|^項目(名)?$|^評価指標$|^数値目標(名)?$|indicator|^name$/, "name"],
];

const ACTUAL_WORD = /実績|実数|結果|現在値|現況値|直近値|最新値|actual|result/;
const SUB_LABEL = /^(数値|値|年度|年|時点|実績|実績値|目標|目標値|期待値|計画値|value|year|target|actual)$/;

/** The field a header label names, or undefined. */
export function classifyHeader(label: string): ColumnField | undefined {
  const k = headerKey(label);
  if (k === "") return undefined;
  // Actuals: "R4実績", "令和4年度", "2022年度実績値", "実績値 令和4年度".
  const year = findYearInText(label);
  if (year !== undefined && !/基準|現状|従前|策定|目標|見直し|修正後|変更後/.test(k)) {
    const rest = k.replace(/(令和|平成|r|h)(元|\d{1,2})(年度?)?|(fy)?\d{4}(年度?)?/g, "");
    if (rest === "" || ACTUAL_WORD.test(rest) || /^(値|数値|末|見込み?)$/.test(rest)) return { kind: "actual", year };
  }
  if (/^(実績|実績値|現在値|現況値|直近値|最新値|直近の実績値?|最新実績|actual)$/.test(k)) return { kind: "actual", year: undefined };
  // A year inside another header (目標値（R6）) says which year, not which field.
  const withoutYear = k.replace(/(令和|平成|r|h)(元|\d{1,2})(年度?)?|(fy)?(19|20)\d{2}(年度?)?/g, "") || k;
  for (const [re, field] of PATTERNS) if (re.test(withoutYear)) return { kind: "field", field };
  return undefined;
}

/** Whether a label is a sub-header under a merged group (数値, 年度, a year…). */
export function isSubLabel(label: string): boolean {
  const k = headerKey(label);
  return SUB_LABEL.test(k) || (findYearInText(label) !== undefined && k.length <= 12);
}

/** The year inside a target header such as 目標値（R6）, used as the default target year. */
export function yearInHeader(label: string): number | undefined {
  return findYearInText(label);
}
