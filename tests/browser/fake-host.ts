// The fake Office/Excel host for the browser test: served in place of office.js, it
// defines the globals `Office` and `Excel` over a workbook seeded by the test (through
// window.__KPI_FAKE_SEED__, set by page.addInitScript) and exposes the workbook as
// window.__kpiFake for the test to inspect.
import { DecodedSheet, FailurePlan, makeFakeOffice, newWorkbook, setWorkbookDecoder } from "../excel/fake-excel";

interface Seed {
  readonly name: string;
  readonly sheets: { name: string; rows: unknown[][] }[];
  readonly displayLanguage?: string;
  readonly supported?: string;
  readonly syncDelayMs?: number;
  /** Make every operation of this kind fail with this error code. */
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
const fake = makeFakeOffice(state, { displayLanguage: seed.displayLanguage, supported: seed.supported, syncDelayMs: seed.syncDelayMs });
if (seed.failKind) {
  const plan: FailurePlan = ({ kind }) =>
    kind === seed.failKind ? { code: seed.failCode ?? "AccessDenied", message: "The workbook is protected." } : undefined;
  fake.setFailurePlan(plan);
}
w.Office = fake.Office;
w.Excel = fake.Excel;
w.__kpiFake = {
  state,
  settings: fake.settings,
  syncCounts: () => fake.contexts.map((c) => c.syncs.length),
  /** How many Excel.run batches added sheets (one per write). */
  writes: () => fake.contexts.filter((c) => c.syncs.some((s) => s.kinds.includes("worksheets.add"))).length,
  sheets: () =>
    state.sheets.map((s) => ({
      name: s.name,
      values: s.values,
      interpreted: [...s.interpreted],
      charts: s.charts.length,
      owner: s.customProperties.get("KpiReviewAssistant") ?? null,
    })),
  active: () => state.sheets.find((s) => s.id === state.activeSheetId)?.name,
  selected: () => state.selected,
};
