// Task pane entry. Office.onReady first: outside Excel (another Office app, or office.js
// opened in a plain browser) the pane says it must be opened in Excel instead of failing.

import { Lang } from "../core/types";
import { langFromLocale } from "../i18n";
import { ui } from "../i18n/ui";
import { startTaskPane } from "./app";
import { el, replaceChildren } from "./dom";

/** How long to wait for Office.onReady before concluding there is no Office host. */
const READY_TIMEOUT_MS = 4000;

function showNotExcel(): void {
  const app = document.getElementById("app");
  if (!app) return;
  // The display language is unknown without Office: say it in both languages.
  const langs: Lang[] = ["ja", "en"];
  replaceChildren(
    app,
    el(
      "div",
      { class: "message warning", role: "alert", id: "host-message" },
      ...langs.flatMap((l) => [el("p", { class: "strong", lang: l }, ui(l, "host.notExcel")), el("p", { lang: l }, ui(l, "host.notExcelDetail"))]),
    ),
  );
}

function boot(): void {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office || typeof office.onReady !== "function") {
    showNotExcel();
    return;
  }
  let settled = false;
  const timer = setTimeout(() => {
    if (!settled) showNotExcel();
  }, READY_TIMEOUT_MS);
  const ready = (info: { host: Office.HostType | null }): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    if (info.host !== office.HostType.Excel || typeof Excel === "undefined") {
      showNotExcel();
      return;
    }
    // Japanese unless Office says the display language is something else.
    const display = office.context?.displayLanguage;
    startTaskPane(display ? langFromLocale(display) : "ja");
  };
  try {
    office.onReady().then(ready, () => showNotExcel());
  } catch {
    showNotExcel();
  }
}

boot();
