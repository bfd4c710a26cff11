// The 来年度の準備 section drawn from state (next-year-state.ts): a heading, what the button
// makes, the button, and how the last press ended.

import { ui } from "../i18n/ui";
import { el, replaceChildren } from "./dom";
import { nextYearView } from "./next-year-state";
import { PaneState } from "./state";

export function drawNextYear(s: PaneState, box: HTMLElement, onCreate: () => void): void {
  const v = nextYearView(s);
  box.hidden = !v.visible;
  if (!v.visible) return replaceChildren(box);
  const button = el(
    "button",
    { type: "button", id: "next-year-button", class: "button", disabled: v.button.disabled, "aria-disabled": v.button.disabled },
    v.button.label,
  );
  button.addEventListener("click", onCreate);
  const m = v.message;
  const message =
    m &&
    el(
      "div",
      { id: "next-year-message", class: `message ${m.tone === "info" ? "" : m.tone}`, role: m.tone === "error" ? "alert" : "status" },
      ...m.lines.map((l) => el("p", {}, l)),
    );
  replaceChildren(box, el("h2", { id: "next-year-title" }, ui(s.lang, "next.title")), el("p", { class: "hint" }, v.hint), button, message);
}
