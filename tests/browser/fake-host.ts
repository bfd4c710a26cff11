// The Excel host of the browser test, served in place of office.js right after Microsoft's
// real Excel client (@microsoft/office-js dist/excel-web-16.00.js, see harness.ts): the task
// pane runs on Microsoft's proxy classes and batching, and every sync goes to the workbook
// host simulator (tests/excel/host) over a workbook seeded by the test (through
// window.__KPI_FAKE_SEED__, set by page.addInitScript). Office itself (onReady, requirement
// sets, document settings) is a small stand-in: the real one needs an Office host.
// window.__kpiFake lets the test inspect the workbook.
import { ExcelHost } from "../excel/host/host";
import { DecodedSheet, setWorkbookDecoder } from "../excel/host/objects";
import { DocumentSettings } from "../excel/host/settings";
import { newWorkbook } from "../excel/host/state";

interface Seed {
  readonly name: string;
  readonly sheets: { name: string; rows: unknown[][] }[];
  readonly displayLanguage?: string;
  readonly supported?: string;
  readonly syncDelayMs?: number;
  /** Make every action of this kind fail with this error code. */
  readonly failKind?: string;
  readonly failCode?: string;
}

const w = window as unknown as Record<string, unknown>;
// insertWorksheetsFromBase64 decodes the file in Node, through the test's page binding (ExcelJS).
setWorkbookDecoder((base64) => {
  const decode = w.__kpiDecodeXlsx as ((base64: string) => Promise<DecodedSheet[]>) | undefined;
  return decode ? decode(base64) : Promise.reject(new Error("no __kpiDecodeXlsx binding"));
});
const seed = w.__KPI_FAKE_SEED__ as Seed;
const state = newWorkbook(seed.name, seed.sheets);
const language = seed.displayLanguage ?? "ja-JP";
const host = new ExcelHost(state, { locale: language === "ja-JP" ? "ja-JP" : "en-US", platform: "web" });
host.delayMs = seed.syncDelayMs ?? 0;
if (seed.failKind) host.failurePlan = ({ kind }) => (kind === seed.failKind ? { code: seed.failCode ?? "AccessDenied" } : undefined);
const settings = new DocumentSettings();
const maxMinor = Number((seed.supported ?? "1.17").split(".")[1]);

w.Office = {
  HostType: { Excel: "Excel", Word: "Word" },
  PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", iOS: "iOS", Android: "Android", Mac: "Mac" },
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  context: {
    displayLanguage: language,
    platform: "OfficeOnline",
    diagnostics: { platform: "OfficeOnline", host: "Excel", version: "16.0" },
    requirements: {
      isSetSupported(name: string, version?: string): boolean {
        if (name === "DelayForCellEdit") return true;
        if (name !== "ExcelApi") return false;
        return Number(String(version ?? "1.1").split(".")[1] ?? 0) <= maxMinor;
      },
    },
    document: { settings },
  },
  onReady(cb?: (info: { host: string; platform: string }) => void) {
    const info = { host: "Excel", platform: "OfficeOnline" };
    cb?.(info);
    return Promise.resolve(info);
  },
};
(w.OfficeExtension as { SessionBase: { _overrideSession: unknown } }).SessionBase._overrideSession = host.session();

/** The adapter's own requests of a run (not Excel.run's clean-up after it). */
const adapterSyncs = (run: readonly { cleanup?: boolean }[]) => run.filter((s) => !s.cleanup);
w.__kpiFake = {
  state,
  host,
  settings,
  syncCounts: () => host.runs.map((r) => adapterSyncs(r).length).filter((n) => n > 0),
  /** How many Excel.run batches added sheets (one per write). */
  writes: () => host.runs.filter((r) => r.some((s) => s.kinds.includes("worksheetCollection.add"))).length,
  sheets: () =>
    state.sheets.map((s) => ({
      name: s.name,
      values: s.values,
      interpreted: [...s.interpreted],
      charts: s.charts.length,
      owner: s.customProperties.get("KpiReviewAssistant") ?? null,
    })),
  /** The workbooks opened with Excel.createWorkbook: their files (base64) and sheet names. */
  created: () => state.created ?? [],
  active: () => state.sheets.find((s) => s.id === state.activeSheetId)?.name,
  selected: () => state.selected,
};
