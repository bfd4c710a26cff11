// The task pane inside Excel: read the workbook, let the user choose sheets and check the
// column mapping, show the tally, the diagnostics and the suggestions, write the output.

import { buildLayouts, runEngine } from "../core/engine";
import { DEFAULT_SETTINGS, Settings, SETTINGS_SHEET_NAME } from "../core/settings";
import { Diagnostic, EngineResult, Lang, SheetInput, SheetReading } from "../core/types";
import { columnIndex, columnLetters } from "../excel/a1";
import { AdapterError, classifyOfficeError, errorMessage, FailureKind } from "../excel/errors";
import { runExcel } from "../excel/run";
import { importWorkbook, ImportedSheet } from "../excel/import";
import { documentSettings, readOwnedFallback, saveOwnedFallback, saveSetting } from "../excel/ownership";
import { readSheets } from "../excel/read";
import { Capabilities, missingFeatures, officeCapabilities } from "../excel/requirements";
import { createSettingsSheet, settingsFromInputs } from "../excel/settings-sheet";
import { writeLayouts } from "../excel/write";
import { t as message } from "../i18n";
import { ui, UiKey, UiParams } from "../i18n/ui";
import { el, replaceChildren } from "./dom";
import { chooseImportedSheets } from "./import-plan";
import { renderChart, renderCompletion, renderDiagnostics, renderDuplicates, renderMapping, renderSuggestions, renderTally, SuggestionFilter } from "./views";

const OVERRIDES_KEY = "kpiReviewAssistant.columnOverrides";
/** Column XFD, the last one in Excel. */
const MAX_COLUMN = 16383;
type Overrides = Record<string, Record<string, string>>;

interface State {
  readonly lang: Lang;
  readonly caps: Capabilities;
  inputs: SheetInput[];
  settings: Settings;
  settingsFromSheet: boolean;
  settingsErrors: string[];
  readings: SheetReading[];
  selected: Set<string>;
  result?: EngineResult;
  overrides: Overrides;
  filter: SuggestionFilter;
  busy: boolean;
}

export function startTaskPane(lang: Lang): void {
  const caps = officeCapabilities();
  const st: State = {
    lang,
    caps,
    inputs: [],
    settings: DEFAULT_SETTINGS,
    settingsFromSheet: false,
    settingsErrors: [],
    readings: [],
    selected: new Set(),
    overrides: loadOverrides(),
    filter: { grade: "", department: "" },
    busy: false,
  };
  const t = (key: UiKey, params?: UiParams): string => ui(lang, key, params);
  document.documentElement.lang = lang;
  document.title = t("app.title");
  replaceChildren(document.getElementById("app-title")!, t("app.title"));
  replaceChildren(document.getElementById("app-subtitle")!, t("app.subtitle"));

  const app = document.getElementById("app")!;
  if (!caps.core) {
    replaceChildren(app, el("div", { class: "message error", role: "alert", id: "host-message" }, t("host.oldExcel", { version: "1.4" })));
    return;
  }

  // Skeleton: status, sections filled in as data arrives.
  const ring = el("fluent-progress-ring", { class: "ring", hidden: true });
  const statusText = el("span", { id: "status-text" });
  const status = el("div", { class: "status", role: "status", id: "status" }, ring, statusText);
  const errorBox = el("div", { class: "message error", role: "alert", id: "error", hidden: true });
  const missing = missingFeatures(caps);
  const notices = missing.length
    ? el(
        "details",
        { class: "notices" },
        el("summary", {}, t("host.missing")),
        el("ul", {}, ...missing.map((m) => el("li", {}, t(`feature.${m.feature}` as UiKey)))),
      )
    : null;

  const sheetList = el("div", { id: "sheet-list", class: "sheet-list" });
  const reloadButton = el("fluent-button", { id: "reload-button", appearance: "outline" }, t("sheets.reload"));
  const settingsLine = el("p", { id: "settings-line", class: "settings-line" });
  const settingsButton = el("fluent-button", { id: "settings-button", appearance: "outline" }, t("settings.create"));
  const mappingBox = el("div", { id: "mapping" });
  const importInput = el("input", {
    type: "file",
    id: "import-input",
    class: "file-input",
    accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    multiple: true,
  });
  const importResult = el("div", { id: "import-result", role: "status" });
  const importBox = caps.insertWorksheets
    ? el(
        "div",
        { id: "import", class: "import" },
        el("h3", {}, t("import.title")),
        el("p", { class: "hint" }, t("import.help")),
        el("label", { for: "import-input", class: "file-label" }, t("import.choose")),
        importInput,
        importResult,
      )
    : el(
        "div",
        { id: "import", class: "import" },
        el("h3", {}, t("import.title")),
        el("div", { class: "message warning", id: "import-manual" }, el("p", {}, t("import.manual")), manualSteps()),
      );
  const review = el("div", { id: "review" });
  const writeButton = el("fluent-button", { id: "write-button", appearance: "accent" }, t("write.button"));
  const writeResult = el("div", { id: "write-result" });
  // Progress beside the button, where the user is looking while it runs.
  const writeRing = el("fluent-progress-ring", { class: "ring", hidden: true });
  const writeStatus = el("span", { id: "write-status", class: "write-status", role: "status" });
  // Write failures are shown under the button, where the user is looking.
  const writeError = el("div", { class: "message error", role: "alert", id: "write-error", hidden: true });

  replaceChildren(
    app,
    notices,
    status,
    errorBox,
    el(
      "section",
      { "aria-labelledby": "h-sheets" },
      el("h2", { id: "h-sheets" }, t("section.sheets")),
      sheetList,
      el("div", { class: "row" }, reloadButton),
      settingsLine,
      el("div", { class: "row" }, settingsButton),
      mappingBox,
      importBox,
    ),
    el("section", { "aria-labelledby": "h-review" }, el("h2", { id: "h-review" }, t("section.review")), review),
    el(
      "section",
      { "aria-labelledby": "h-write" },
      el("h2", { id: "h-write" }, t("section.write")),
      el("p", { class: "hint" }, t("write.help")),
      el("div", { class: "row" }, writeButton, writeRing, writeStatus),
      writeError,
      writeResult,
    ),
  );

  const setStatus = (text: string, busy = false): void => {
    ring.hidden = !busy;
    statusText.textContent = text;
  };
  const showError = (lines: string[], box: HTMLElement = errorBox): void => {
    box.hidden = lines.length === 0;
    replaceChildren(box, ...lines.map((l) => el("p", {}, l)));
    if (lines.length > 0) box.scrollIntoView({ block: "nearest" });
  };
  const setBusy = (busy: boolean): void => {
    st.busy = busy;
    for (const b of [writeButton, reloadButton, settingsButton, importInput]) {
      if (busy) b.setAttribute("disabled", "");
      else b.removeAttribute("disabled");
    }
  };

  /** How to copy sheets by hand, for an Excel without insertWorksheetsFromBase64. */
  function manualSteps(): HTMLElement {
    return el(
      "ol",
      { class: "manual-steps" },
      ...t("import.manualSteps")
        .split("|")
        .map((step) => el("li", {}, step.replace(/^\d+\.\s*/, ""))),
    );
  }

  const failureWords = (e: unknown): string[] => {
    const kind: FailureKind = e instanceof AdapterError ? e.kind : classifyOfficeError(e);
    const lines = [t(`error.${kind}` as UiKey, { detail: errorMessage(e).slice(0, 200) || kind })];
    if (e instanceof AdapterError) lines.push(t(e.rolledBack ? "error.unchanged" : "error.leftover"));
    return lines;
  };

  // --- reading and analysing -------------------------------------------------------
  const load = async (): Promise<void> => {
    if (st.busy) return;
    setBusy(true);
    showError([]);
    setStatus(t("status.reading"), true);
    try {
      const read = await runExcel((ctx) =>
        readSheets(ctx, {
          capabilities: caps,
          fallbackFileName: t("book.thisWorkbook"),
          ownedFallback: caps.customProperties ? undefined : readOwnedFallback(),
        }),
      );
      st.inputs = [...read.sheets];
      applySettings();
      setStatus(t("status.analyzing"), true);
      const all = runEngine(st.inputs, { settings: st.settings, lang, columnOverrides: st.overrides });
      const previous = st.selected;
      st.readings = all.sheets.filter((r) => r.isEvaluationSheet);
      const names = st.readings.map((r) => r.sheet);
      st.selected = new Set(previous.size ? names.filter((n) => previous.has(n)) : names);
      if (st.selected.size === 0) st.selected = new Set(names);
      renderSheets();
      analyse();
      const count = st.result?.indicators.length ?? 0;
      setStatus(t("status.ready", { sheets: st.selected.size, count }));
    } catch (e) {
      setStatus("");
      showError([t("error.read"), ...failureWords(e)]);
    } finally {
      setBusy(false);
    }
  };

  const applySettings = (): void => {
    const parsed = settingsFromInputs(st.inputs);
    st.settingsFromSheet = parsed.fromSheet;
    st.settingsErrors = parsed.ok ? [] : parsed.errors.map((er) => t("settings.error", { key: er.key, message: er.message[lang] }));
    st.settings = parsed.ok ? parsed.settings : DEFAULT_SETTINGS;
    replaceChildren(settingsLine, t(st.settingsFromSheet && parsed.ok ? "settings.fromSheet" : "settings.default"));
    settingsButton.hidden = st.settingsFromSheet;
    if (st.settingsErrors.length) showError(st.settingsErrors);
  };

  const renderSheets = (): void => {
    if (st.readings.length === 0) {
      replaceChildren(sheetList, el("p", { class: "message warning" }, t("sheets.none")));
      return;
    }
    replaceChildren(
      sheetList,
      ...st.readings.map((r) => {
        const box = el(
          "fluent-checkbox",
          { "data-sheet": r.sheet, checked: st.selected.has(r.sheet) },
          t("sheets.item", { sheet: r.sheet, count: r.indicators.length }),
        );
        box.addEventListener("change", () => {
          const on = (box as unknown as { checked: boolean }).checked;
          if (on) st.selected.add(r.sheet);
          else st.selected.delete(r.sheet);
          // Let the status paint before a long tally (tens of thousands of rows).
          setStatus(t("status.analyzing"), true);
          setTimeout(() => {
            analyse();
            setStatus(t("status.ready", { sheets: st.selected.size, count: st.result?.indicators.length ?? 0 }));
          }, 20);
        });
        return box;
      }),
    );
  };

  // The chosen evaluation sheets, plus the sheets without an evaluation table: one of them may
  // list the changes by strategy package (具体的施策); a cover sheet simply adds nothing.
  const selectedInputs = (): SheetInput[] => {
    const evaluation = new Set(st.readings.map((r) => r.sheet));
    return st.inputs.filter((s) => st.selected.has(s.sheet) || !evaluation.has(s.sheet));
  };

  const analyse = (): void => {
    try {
      st.result = runEngine(selectedInputs(), { settings: st.settings, lang, columnOverrides: st.overrides });
    } catch (e) {
      st.result = undefined;
      showError([t("error.engine", { detail: errorMessage(e).slice(0, 200) })]);
    }
    renderMappingBox();
    renderReview();
    if (st.selected.size === 0 || !st.result || st.result.indicators.length === 0) writeButton.setAttribute("disabled", "");
    else if (!st.busy) writeButton.removeAttribute("disabled");
  };

  const renderMappingBox = (): void => {
    const uncertain = (st.result?.sheets ?? []).filter((r) => r.isEvaluationSheet && (r.uncertain || st.overrides[`${r.file}|${r.sheet}`]));
    replaceChildren(
      mappingBox,
      ...uncertain.map((r) => {
        const key = `${r.file}|${r.sheet}`;
        const input = st.inputs.find((s) => s.sheet === r.sheet);
        return renderMapping(
          r,
          input ? headerTexts(input, r.headerRows) : [],
          st.overrides[key] ?? {},
          lang,
          (field, letter) => {
            st.overrides = { ...st.overrides, [key]: { ...(st.overrides[key] ?? {}), [field]: letter } };
            if (!letter) delete st.overrides[key][field];
            void saveSetting(OVERRIDES_KEY, st.overrides);
            analyse();
          },
          () => {
            const next = { ...st.overrides };
            delete next[key];
            st.overrides = next;
            void saveSetting(OVERRIDES_KEY, st.overrides);
            analyse();
          },
        );
      }),
    );
  };

  const renderReview = (): void => {
    const result = st.result;
    if (!result || result.indicators.length === 0) {
      replaceChildren(review);
      return;
    }
    const suggestions = el("div", { id: "suggestions" });
    const drawSuggestions = (): void => {
      replaceChildren(
        suggestions,
        renderSuggestions(result.indicators, lang, st.filter, (f) => {
          st.filter = f;
          drawSuggestions();
        }),
      );
    };
    drawSuggestions();
    replaceChildren(
      review,
      el("h3", {}, t("tally.title")),
      renderTally(result, lang),
      renderChart(result, lang),
      el(
        "details",
        { open: true, id: "completion" },
        el("summary", {}, t("completion.title", { count: result.completion.length })),
        renderCompletion(result, lang),
        renderDuplicates(
          result.diagnostics,
          lang,
          message(lang, st.settings.duplicatePolicy === "newest" ? "duplicate.newest" : "duplicate.first"),
          selectDiagnostic,
        ),
      ),
      el(
        "details",
        { open: true, id: "diagnostics" },
        el("summary", {}, t("diag.title", { count: result.diagnostics.length })),
        renderDiagnostics(result.diagnostics, lang, selectDiagnostic),
      ),
      el("details", { open: true }, el("summary", {}, t("sugg.title")), suggestions),
    );
  };

  const selectDiagnostic = (d: Diagnostic): void => {
    if (!d.cell) return;
    runExcel(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(d.sheet);
      ws.activate();
      ws.getRange(d.cell).select();
      await ctx.sync();
    }).then(
      () => setStatus(t("status.selected", { cell: `${d.sheet}!${d.cell}` })),
      (e: unknown) => showError([t("error.select"), ...failureWords(e)]),
    );
  };

  // --- writing -----------------------------------------------------------------------
  const write = async (): Promise<void> => {
    if (st.busy) return; // a second press while writing does nothing
    setBusy(true);
    showError([]);
    showError([], writeError);
    replaceChildren(writeResult);
    const progress = (text: string): void => {
      setStatus(text, true);
      writeStatus.textContent = text;
    };
    writeRing.hidden = false;
    writeButton.textContent = t("write.running");
    progress(t("status.reading"));
    try {
      // Fresh values: the user may have edited the sheet since it was read.
      const names = [...st.selected, SETTINGS_SHEET_NAME];
      const fallback = caps.customProperties ? undefined : readOwnedFallback();
      const read = await runExcel((ctx) => readSheets(ctx, { names, capabilities: caps, fallbackFileName: t("book.thisWorkbook"), ownedFallback: fallback }));
      const replaced = new Map(read.sheets.map((s) => [s.sheet, s]));
      st.inputs = st.inputs.map((s) => replaced.get(s.sheet) ?? s);
      applySettings();
      analyse();
      const result = st.result;
      if (!result) return;
      const layouts = buildLayouts(result, { settings: st.settings, lang, columnOverrides: st.overrides });
      const written = await runExcel((ctx) =>
        writeLayouts(ctx, layouts, {
          capabilities: caps,
          ownedFallback: fallback,
          saveOwnedFallback: caps.customProperties ? undefined : (list) => saveOwnedFallback(list),
          onProgress: (done, total) => progress(t("status.writing", { done, total })),
        }),
      );
      setStatus(t("status.written", { names: written.sheets.map((s) => s.name).join("、") }));
      replaceChildren(
        writeResult,
        el("p", { class: "message success", id: "write-done" }, t("status.written", { names: written.sheets.map((s) => s.name).join("、") })),
        ...written.sheets.filter((s) => s.name !== s.wanted).map((s) => el("p", { class: "note" }, t("status.renamed", { wanted: s.wanted, name: s.name }))),
      );
    } catch (e) {
      setStatus("");
      showError(failureWords(e), writeError);
    } finally {
      writeRing.hidden = true;
      writeStatus.textContent = "";
      writeButton.textContent = t("write.button");
      setBusy(false);
      if (!st.result || st.result.indicators.length === 0) writeButton.setAttribute("disabled", "");
    }
  };

  const createSettings = async (): Promise<void> => {
    if (st.busy) return;
    setBusy(true);
    showError([]);
    try {
      const outcome = await runExcel((ctx) => createSettingsSheet(ctx));
      setStatus(t(outcome === "created" ? "status.settingsCreated" : "status.settingsExists"));
    } catch (e) {
      showError(failureWords(e));
    } finally {
      setBusy(false);
    }
  };

  // --- importing department workbooks ---------------------------------------------
  const importFiles = async (files: readonly File[]): Promise<void> => {
    if (st.busy || files.length === 0) return;
    setBusy(true);
    showError([]);
    replaceChildren(importResult);
    const lines: HTMLElement[] = [];
    const imported: string[] = [];
    try {
      for (let i = 0; i < files.length; i++) {
        const file = files[i];
        const progress = { file: file.name, done: i + 1, total: files.length };
        if (!/\.xlsx$/i.test(file.name)) {
          lines.push(el("p", { class: "message warning" }, t("import.notXlsx", { file: file.name })));
          continue;
        }
        setStatus(t("import.reading", progress), true);
        let base64: string;
        try {
          base64 = await readAsBase64(file);
        } catch (e) {
          lines.push(el("p", { class: "message error" }, t("import.readFailed", { file: file.name, detail: errorMessage(e).slice(0, 200) || "FileReader" })));
          continue;
        }
        setStatus(t("import.running", progress), true);
        try {
          const done = await runExcel((ctx) =>
            importWorkbook(ctx, base64, {
              capabilities: caps,
              fileName: file.name,
              choose: (inputs) => chooseImportedSheets(inputs, file.name, st.settings, lang),
            }),
          );
          lines.push(...importedWords(file.name, done.kept));
          imported.push(...done.kept.map((k) => k.name));
        } catch (e) {
          const kind: FailureKind = e instanceof AdapterError ? e.kind : classifyOfficeError(e);
          const manual = kind === "tooLarge" || kind === "unsupported" || kind === "general" ? manualSteps() : null;
          lines.push(el("div", { class: "message error" }, ...importFailureWords(file.name, e).map((l) => el("p", {}, l)), manual));
        }
      }
    } finally {
      importInput.value = ""; // the same file can be chosen again
      replaceChildren(importResult, ...lines);
      setBusy(false);
    }
    for (const name of imported) st.selected.add(name);
    await load();
  };

  const importedWords = (file: string, kept: readonly ImportedSheet[]): HTMLElement[] => {
    if (kept.length === 0) return [el("p", { class: "message warning" }, t("import.none", { file }))];
    return [
      el("p", { class: "message success" }, t("import.done", { file, names: kept.map((k) => k.name).join("、") })),
      ...kept.filter((k) => k.name !== k.wanted).map((k) => el("p", { class: "note" }, t("import.renamed", { wanted: k.wanted, name: k.name }))),
    ];
  };

  const importFailureWords = (file: string, e: unknown): string[] => {
    const kind: FailureKind = e instanceof AdapterError ? e.kind : classifyOfficeError(e);
    const lines = [t("import.failed", { file }), t(`import.error.${kind}` as UiKey, { detail: errorMessage(e).slice(0, 200) || kind })];
    if (e instanceof AdapterError) lines.push(t(e.rolledBack ? "error.unchanged" : "import.leftover"));
    return lines;
  };

  importInput.addEventListener("change", () => void importFiles([...(importInput.files ?? [])]));
  writeButton.addEventListener("click", () => void write());
  reloadButton.addEventListener("click", () => void load());
  settingsButton.addEventListener("click", () => void createSettings());
  void load();
}

/** The file's bytes as base64, read in the pane (nothing leaves the computer). */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? "");
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error("FileReader"));
    reader.readAsDataURL(file);
  });
}

function loadOverrides(): Overrides {
  const v = documentSettings()?.get(OVERRIDES_KEY) as unknown;
  if (!v || typeof v !== "object" || Array.isArray(v)) return {};
  const out: Overrides = {};
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

/** Column letters with their header text (both header rows joined), for the mapping selects. */
function headerTexts(input: SheetInput, headerRows: readonly number[]): { letter: string; text: string }[] {
  const rowOffset = input.rowOffset ?? 0;
  const colOffset = input.colOffset ?? 0;
  const width = Math.max(0, ...input.rows.map((r) => r.length));
  const out: { letter: string; text: string }[] = [];
  for (let c = 0; c < width; c++) {
    const parts = headerRows
      .map((r) => input.rows[r - 1 - rowOffset]?.[c])
      .filter((v) => v !== null && v !== undefined && v !== "")
      .map((v) => String(v).replace(/\s+/g, " ").slice(0, 30));
    out.push({ letter: columnLetters(c + colOffset), text: [...new Set(parts)].join(" / ") });
  }
  return out;
}
