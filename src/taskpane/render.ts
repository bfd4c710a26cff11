// The pane drawn from state: a sticky top (status, what was read, problems, the next step),
// the sheets and the column mapping, the department filter, then one view at a time behind
// WAI-ARIA tabs. Each region is redrawn only when what it shows changed; the control that had
// the focus keeps it across redraws.

import { must } from "../core/errors";
import { allLabels } from "../core/scale";
import { Diagnostic } from "../core/types";
import { t as message } from "../i18n";
import { ui, UiKey, UiParams } from "../i18n/ui";
import { missingFeatures } from "../excel/requirements";
import { el, replaceChildren } from "./dom";
import { drawNextYear } from "./next-year-view";
import {
  Action,
  ActionKind,
  activeDepartment,
  departments,
  GradeFilter,
  headerTexts,
  PaneState,
  PaneView,
  paneView,
  Tab,
  TABS,
  visibleDiagnostics,
  visibleIndicators,
} from "./state";
import {
  renderChart,
  renderChase,
  renderCompletion,
  renderDiagnostics,
  renderDuplicates,
  renderImport,
  renderMapping as mappingBox,
  renderSheets,
  renderSuggestions,
  renderTally,
} from "./views";

export interface Handlers {
  action(kind: ActionKind): void;
  toggleSheet(sheet: string, on: boolean): void;
  mapping(key: string, field: string, letter: string): void;
  resetMapping(key: string): void;
  tab(tab: Tab, focus: boolean): void;
  grade(grade: GradeFilter): void;
  department(department: string): void;
  more(list: "indicators" | "checks"): void;
  select(d: Diagnostic): void;
  importFiles(files: File[]): void;
  createSettings(): void;
  problems(): void;
  nextYear(): void;
}

/** Redraws a region only when its inputs (compared by identity) changed. */
class Memo {
  private readonly last = new Map<string, readonly unknown[]>();
  draw(name: string, deps: readonly unknown[], paint: () => void): void {
    const prev = this.last.get(name);
    if (prev && prev.length === deps.length && prev.every((d, i) => Object.is(d, deps[i]))) return;
    this.last.set(name, deps);
    paint();
  }
}

export type Render = (s: PaneState) => void;

export function mountPane(app: HTMLElement, s0: PaneState, h: Handlers): Render {
  const t = (key: UiKey, params?: UiParams): string => ui(s0.lang, key, params);
  const progress = el("progress", { id: "progress", class: "progress", "aria-label": t("progress.read"), hidden: true });
  const statusText = el("span", { id: "status-text" });
  const status = el("div", { class: "status", role: "status", id: "status" }, progress, statusText);
  const readLine = el("p", { id: "read-line", class: "read-line" });
  const problems = el("div", { id: "problems", class: "problems" });
  const actions = el("div", { id: "actions", class: "actions" });
  const reason = el("p", { id: "action-reason", class: "reason", hidden: true });
  const alert = el("div", { id: "alert", class: "message", role: "alert", hidden: true });
  const top = el("div", { class: "top", id: "top" }, status, readLine, problems, actions, reason, alert);
  const sheets = el("details", { id: "sheets", class: "sheets" });
  const mapping = el("div", { id: "mapping" });
  const dept = el("div", { id: "dept", class: "dept" });
  const tabs = tabList(s0, h);
  const panels = Object.fromEntries(
    TABS.map((tab) => [tab, el("div", { role: "tabpanel", id: `panel-${tab}`, "aria-labelledby": `tab-${tab}`, class: "panel", tabindex: 0 })]),
  ) as unknown as Record<Tab, HTMLElement>;
  const nextYear = el("section", { id: "next-year", class: "next-year", "aria-labelledby": "next-year-title", hidden: true });
  replaceChildren(app, notices(s0), top, sheets, mapping, dept, tabs, ...TABS.map((tab) => panels[tab]), nextYear);
  const memo = new Memo();

  return (s) => {
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.id : "";
    const v = paneView(s);
    drawTop(s, v, { progress, statusText, readLine, problems, actions, reason, alert }, memo, h);
    memo.draw("sheets", [s.readings, s.selected, s.settingsFromSheet, s.loaded, Boolean(s.task)], () => drawSheets(s, sheets, h));
    memo.draw("mapping", [s.result, s.overrides], () => replaceChildren(mapping, ...mappingBoxes(s, h)));
    memo.draw("dept", [s.result, s.department], () => drawDepartment(s, dept, h));
    tabs.hidden = !s.loaded;
    for (const tab of TABS) {
      const on = tab === s.tab;
      const button = must(tabs.querySelector<HTMLElement>(`#tab-${tab}`), "tab button drawn by tabList");
      button.setAttribute("aria-selected", String(on));
      button.tabIndex = on ? 0 : -1;
      panels[tab].hidden = !on || !s.loaded;
    }
    if (s.loaded) drawPanel(s, panels[s.tab], memo, h);
    memo.draw("nextYear", [s.result, s.nextYear, s.task, s.stale, s.loaded], () => drawNextYear(s, nextYear, () => h.nextYear()));
    keepFocus(focused);
  };
}

/** Focus back on the control with the same id when a redraw took the focused one away. */
function keepFocus(id: string): void {
  const now = document.activeElement;
  if (!id || (now && now !== document.body && now.isConnected)) return;
  document.getElementById(id)?.focus();
}

function notices(s: PaneState): HTMLElement | null {
  const missing = missingFeatures(s.caps);
  if (!missing.length) return null;
  return el(
    "details",
    { class: "notices" },
    el("summary", {}, ui(s.lang, "host.missing")),
    el("ul", {}, ...missing.map((m) => el("li", {}, ui(s.lang, `feature.${m.feature}` as UiKey)))),
  );
}

interface TopParts {
  progress: HTMLProgressElement;
  statusText: HTMLElement;
  readLine: HTMLElement;
  problems: HTMLElement;
  actions: HTMLElement;
  reason: HTMLElement;
  alert: HTMLElement;
}

function drawTop(s: PaneState, v: PaneView, p: TopParts, memo: Memo, h: Handlers): void {
  p.progress.hidden = !v.busy;
  p.progress.setAttribute("aria-label", v.progress?.label ?? ui(s.lang, "progress.read"));
  if (v.progress && v.progress.total > 0) {
    p.progress.max = v.progress.total;
    p.progress.value = v.progress.done;
  } else p.progress.removeAttribute("value");
  if (p.statusText.textContent !== v.status) p.statusText.textContent = v.status;
  p.readLine.hidden = !v.read;
  if (p.readLine.textContent !== (v.read ?? "")) p.readLine.textContent = v.read ?? "";
  memo.draw("problems", [v.problems.errors, v.problems.warnings, v.content], () => drawProblems(s, v, p.problems, h));
  memo.draw("actions", [JSON.stringify([v.action, v.secondary])], () => drawActions(v, p.actions, h));
  p.reason.hidden = !v.reason;
  p.reason.textContent = v.reason ?? "";
  memo.draw("alert", [JSON.stringify(v.alert ?? null)], () => {
    p.alert.hidden = !v.alert;
    p.alert.className = `message ${v.alert?.tone ?? ""}`;
    p.alert.setAttribute("role", v.alert?.tone === "error" ? "alert" : "status");
    replaceChildren(p.alert, ...(v.alert?.lines ?? []).map((l, i) => el("p", { id: i === 0 ? `alert-head` : undefined }, l)));
  });
}

function drawProblems(s: PaneState, v: PaneView, box: HTMLElement, h: Handlers): void {
  box.hidden = !v.content;
  const { errors, warnings } = v.problems;
  if (errors + warnings === 0) {
    replaceChildren(box, el("span", { class: "ok", id: "problems-none" }, ui(s.lang, "problems.none")));
    return;
  }
  const chip = (id: string, tone: string, key: UiKey, count: number): HTMLElement | null => {
    if (count === 0) return null;
    const b = el("button", { type: "button", id, class: `chip ${tone}` }, ui(s.lang, key, { count }));
    b.addEventListener("click", () => h.problems());
    return b;
  };
  replaceChildren(
    box,
    el("span", { class: "problems-label" }, ui(s.lang, "problems.label")),
    chip("problems-errors", "error", "problems.errors", errors),
    chip("problems-warnings", "warning", "problems.warnings", warnings),
  );
}

const ACTION_IDS: Record<ActionKind, string> = { load: "load-button", write: "write-button", open: "open-button" };
const SECONDARY_IDS: Record<ActionKind, string> = { load: "reload-button", write: "rewrite-button", open: "open-again-button" };

function drawActions(v: PaneView, box: HTMLElement, h: Handlers): void {
  const button = (a: Action, id: string, primary: boolean): HTMLElement => {
    const b = el("button", { type: "button", id, class: primary ? "button primary" : "button", disabled: a.disabled, "aria-disabled": a.disabled }, a.label);
    b.addEventListener("click", () => h.action(a.kind));
    return b;
  };
  replaceChildren(box, v.action && button(v.action, ACTION_IDS[v.action.kind], true), ...v.secondary.map((a) => button(a, SECONDARY_IDS[a.kind], false)));
}

function drawSheets(s: PaneState, box: HTMLDetailsElement, h: Handlers): void {
  const body = renderSheets(s, h);
  // Opened by itself while there is no sheet to choose from (or none chosen), closed again after.
  const needed = s.loaded && (s.readings.length === 0 || s.selected.length === 0);
  if (needed && !box.open) box.setAttribute("data-auto", "");
  if (needed) box.open = true;
  else if (box.hasAttribute("data-auto")) {
    box.removeAttribute("data-auto");
    box.open = false;
  }
  replaceChildren(box, el("summary", {}, ui(s.lang, "sheets.summary", { count: `${s.selected.length}/${s.readings.length}` })), body);
}

/** The column mapping of each uncertain (or overridden) evaluation sheet. */
function mappingBoxes(s: PaneState, h: Handlers): HTMLElement[] {
  const uncertain = (s.result?.sheets ?? []).filter((r) => r.isEvaluationSheet && (r.uncertain || s.overrides[`${r.file}|${r.sheet}`]));
  return uncertain.map((r) => {
    const key = `${r.file}|${r.sheet}`;
    const input = s.inputs.find((x) => x.sheet === r.sheet);
    return mappingBox(
      r,
      input ? headerTexts(input, r.headerRows) : [],
      s.overrides[key] ?? {},
      s.lang,
      (field, letter) => h.mapping(key, field, letter),
      () => h.resetMapping(key),
    );
  });
}

function drawDepartment(s: PaneState, box: HTMLElement, h: Handlers): void {
  const list = departments(s);
  if (list.length < 2) return replaceChildren(box);
  const current = activeDepartment(s);
  const select = el("select", { id: "department", class: "select" });
  select.appendChild(el("option", { value: "", selected: current === "" }, ui(s.lang, "dept.all")));
  for (const d of list) select.appendChild(el("option", { value: d, selected: current === d }, d));
  select.addEventListener("change", () => h.department(select.value));
  replaceChildren(box, el("label", { for: "department" }, ui(s.lang, "dept.label")), select);
}

function tabList(s: PaneState, h: Handlers): HTMLElement {
  const list = el("div", { role: "tablist", id: "tabs", class: "tabs", "aria-label": ui(s.lang, "tabs.label") });
  for (const tab of TABS) {
    const b = el("button", { type: "button", role: "tab", id: `tab-${tab}`, "aria-controls": `panel-${tab}`, class: "tab" }, ui(s.lang, `tab.${tab}` as UiKey));
    b.addEventListener("click", () => h.tab(tab, true));
    list.appendChild(b);
  }
  list.addEventListener("keydown", (e) => {
    const current = TABS.findIndex((tab) => (e.target as HTMLElement).id === `tab-${tab}`);
    if (current < 0) return;
    const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    h.tab(TABS[(next + TABS.length) % TABS.length], true);
  });
  return list;
}

function drawPanel(s: PaneState, panel: HTMLElement, memo: Memo, h: Handlers): void {
  const result = s.result;
  const empty = (): HTMLElement => el("p", { class: "note" }, ui(s.lang, "panel.empty"));
  const busy = Boolean(s.task);
  switch (s.tab) {
    case "tally":
      return memo.draw("tally", [result, s.tab], () =>
        replaceChildren(panel, ...(result && result.indicators.length ? [renderTally(result, s.lang), renderChart(result, s.lang)] : [empty()])),
      );
    case "indicators":
      return memo.draw("indicators", [result, s.tab, s.grade, s.department, s.shown.indicators], () =>
        replaceChildren(
          panel,
          result?.indicators.length ? renderSuggestions(visibleIndicators(s), s.lang, s.grade, s.shown.indicators, h, allLabels(result.scale)) : empty(),
        ),
      );
    case "checks":
      return memo.draw("checks", [result, s.tab, s.department, s.shown.checks], () => {
        if (!result) return replaceChildren(panel, empty());
        replaceChildren(panel, renderDiagnostics(visibleDiagnostics(s), s.lang, s.shown.checks, h));
      });
    case "completion":
      return memo.draw("completion", [result, s.tab, s.department, s.importLines, busy], () => {
        const policy = message(s.lang, s.settings.duplicatePolicy === "newest" ? "duplicate.newest" : "duplicate.first");
        const status =
          result && result.indicators.length
            ? [renderChase(s), renderCompletion(result, s.lang), renderDuplicates(result.diagnostics, s.lang, policy, (d) => h.select(d))]
            : [];
        replaceChildren(panel, ...status, renderImport(s, h));
      });
  }
}
