// The task pane inside Excel, composed: the state (state.ts), the controllers that talk to
// Excel (controllers.ts) and the views drawn from state (render.ts, views.ts).

import { must } from "../core/errors";
import { Lang } from "../core/types";
import { columnIndex } from "../excel/a1";
import { documentSettings } from "../excel/ownership";
import { officeCapabilities } from "../excel/requirements";
import { ui } from "../i18n/ui";
import { createSettings, DEPARTMENT_KEY, importFiles, load, openWritten, OVERRIDES_KEY, reanalyse, remember, selectCell, Store, write } from "./controllers";
import { startEngine } from "./engine-client";
import { el, replaceChildren } from "./dom";
import { createNextYear } from "./next-year-controller";
import { Handlers, mountPane, Render } from "./render";
import { initialState, Overrides, PaneState, resetOverrides, setDepartment, setGrade, setOverride, setTab, showMore, toggleSheet } from "./state";
import { applyOfficeTheme } from "./theme";

/** Column XFD, the last one in Excel. */
const MAX_COLUMN = 16383;

export function startTaskPane(lang: Lang): void {
  const caps = officeCapabilities();
  document.documentElement.lang = lang;
  document.title = ui(lang, "app.title");
  replaceChildren(must(document.getElementById("app-title"), "#app-title in taskpane.html"), ui(lang, "app.title"));
  replaceChildren(must(document.getElementById("app-subtitle"), "#app-subtitle in taskpane.html"), ui(lang, "app.subtitle"));
  applyOfficeTheme();
  const app = must(document.getElementById("app"), "#app in taskpane.html");
  if (!caps.core) {
    replaceChildren(app, el("div", { class: "message error", role: "alert", id: "host-message" }, ui(lang, "host.oldExcel", { version: "1.4" })));
    return;
  }
  let state = initialState(lang, caps, loadOverrides(), loadDepartment());
  let render: Render = () => undefined;
  const store: Store = {
    engine: startEngine(),
    get: () => state,
    set: (next) => {
      state = next;
      render(state);
    },
  };
  render = mountPane(app, state, handlers(store));
  render(state);
  void load(store);
}

function handlers(store: Store): Handlers {
  const update = (f: (s: PaneState) => PaneState): void => store.set(f(store.get()));
  const focus = (selector: string): void => document.querySelector<HTMLElement>(selector)?.focus();
  return {
    action: (kind) => void act(store, kind === "load" ? load : kind === "write" ? write : openWritten),
    toggleSheet: (sheet, on) => {
      update((s) => toggleSheet(s, sheet, on));
      void reanalyse(store);
    },
    mapping: (key, field, letter) => {
      update((s) => setOverride(s, key, field, letter));
      remember(store, OVERRIDES_KEY, store.get().overrides);
      void reanalyse(store);
    },
    resetMapping: (key) => {
      update((s) => resetOverrides(s, key));
      remember(store, OVERRIDES_KEY, store.get().overrides);
      void reanalyse(store);
    },
    tab: (tab, moveFocus) => {
      update((s) => setTab(s, tab));
      if (moveFocus) focus(`#tab-${tab}`);
    },
    grade: (grade) => update((s) => setGrade(s, grade)),
    department: (department) => {
      update((s) => setDepartment(s, department));
      remember(store, DEPARTMENT_KEY, department);
    },
    more: (list) => {
      const first = store.get().shown[list];
      update((s) => showMore(s, list));
      // The first item just shown, where the reader goes on.
      focus(list === "indicators" ? `#sugg-list [data-index="${first}"]` : `#diag-list [data-index="${first}"]`);
    },
    select: (d) => void selectCell(store, d),
    importFiles: (files) => void importFiles(store, files),
    createSettings: () => void createSettings(store),
    nextYear: () => void createNextYear(store),
    problems: () => {
      update((s) => setTab(s, "checks"));
      focus("#panel-checks");
    },
  };
}

/** Runs an action; then, if the focus was lost with the old button, puts it on the next step. */
async function act(store: Store, action: (store: Store) => Promise<void>): Promise<void> {
  await action(store);
  const now = document.activeElement;
  if (!now || now === document.body || !now.isConnected) document.querySelector<HTMLElement>("#actions .button")?.focus();
}

function loadDepartment(): string {
  const v = documentSettings()?.get(DEPARTMENT_KEY) as unknown;
  return typeof v === "string" ? v.slice(0, 200) : "";
}

function loadOverrides(): Overrides {
  const v = documentSettings()?.get(OVERRIDES_KEY) as unknown;
  if (!v || typeof v !== "object" || Array.isArray(v)) return {};
  const out: Record<string, Record<string, string>> = {};
  for (const [k, m] of Object.entries(v as Record<string, unknown>)) {
    if (!m || typeof m !== "object") continue;
    out[k] = {};
    // Saved with the workbook, so checked like any input: a column letter up to XFD.
    for (const [f, letter] of Object.entries(m as Record<string, unknown>)) {
      if (typeof letter === "string" && /^[A-Z]{1,3}$/.test(letter) && columnIndex(letter) <= MAX_COLUMN) out[k][f] = letter;
    }
  }
  return out;
}
