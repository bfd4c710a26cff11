// The task pane's 来年度の準備 section as plain state: what the next-year action is doing or
// did, and what the section shows (pure; the controller is next-year-controller.ts).

import { ui } from "../i18n/ui";
import type { Failure, PaneState } from "./state";
import { failureLines, fiscalYearText, nothingToWrite } from "./state";

export type NextYearStatus =
  | { readonly kind: "building" }
  | { readonly kind: "opening"; readonly done: number; readonly total: number }
  | { readonly kind: "opened"; readonly names: readonly string[] }
  | { readonly kind: "unsupported" }
  | { readonly kind: "loadFailed" }
  | { readonly kind: "failed"; readonly failure: Failure; readonly opened: number };

export interface NextYearView {
  /** The section is shown (there is an analysis with indicators). */
  readonly visible: boolean;
  readonly hint: string;
  readonly button: { readonly label: string; readonly disabled: boolean };
  readonly message?: { readonly tone: "error" | "warning" | "success" | "info"; readonly lines: readonly string[] } | undefined;
}

export const nextYearRunning = (n: NextYearStatus | undefined): boolean => n?.kind === "building" || n?.kind === "opening";

export function nextYearView(s: PaneState): NextYearView {
  const visible = s.loaded && Boolean(s.result && s.result.indicators.length > 0) && !nothingToWrite(s);
  const evaluated = s.result?.fiscalYear;
  const year = evaluated === undefined ? ui(s.lang, "next.title") : fiscalYearText(s.lang, evaluated + 1);
  const running = nextYearRunning(s.nextYear);
  return {
    visible,
    hint: ui(s.lang, "next.hint", { year }),
    button: { label: ui(s.lang, running ? "next.building" : "next.button"), disabled: running || Boolean(s.task) || s.stale },
    message: messageOf(s),
  };
}

function messageOf(s: PaneState): NextYearView["message"] {
  const n = s.nextYear;
  const lang = s.lang;
  switch (n?.kind) {
    case undefined:
      return undefined;
    case "building":
      return { tone: "info", lines: [ui(lang, "next.building")] };
    case "opening":
      return { tone: "info", lines: [ui(lang, "next.opening", { done: n.done, total: n.total })] };
    case "opened": {
      const names = n.names.join(lang === "ja" ? "、" : ", ");
      return { tone: "success", lines: [ui(lang, "next.opened", { count: n.names.length, names })] };
    }
    case "unsupported":
      return { tone: "warning", lines: [ui(lang, "next.unsupported")] };
    case "loadFailed":
      return { tone: "error", lines: [ui(lang, "next.loadFailed")] };
    case "failed": {
      const partial = n.opened > 0 ? [ui(lang, "next.partial", { done: n.opened })] : [];
      return { tone: "error", lines: [ui(lang, "next.failed"), ...partial, ...failureLines(lang, n.failure)] };
    }
  }
}
