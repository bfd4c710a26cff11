// The 来年度の評価シートを作成 button: builds next year's workbooks in the next-year worker,
// started only on this press (ExcelJS stays out of the pane's initial scripts and off its
// main thread), and opens each — the
// master with the revised list, then one per department — as a new workbook where Excel
// offers Excel.createWorkbook (ExcelApi 1.8); elsewhere the pane says how to get them.

import { must } from "../core/errors";
import { createWorkbookSupported, openAsNewWorkbooks } from "../excel/create-workbook";
import { failureOf, Store } from "./controllers";
import type { BuiltBook } from "./next-year-books";
import type { NextYearReply, NextYearRequest } from "./next-year-worker";
import { nextYearRunning, NextYearStatus } from "./next-year-state";

type Builder = (store: Store) => Promise<BuiltBook[]>;

const setStatus = (store: Store, nextYear: NextYearStatus): void => store.set({ ...store.get(), nextYear });

/** The bundle webpack builds from next-year-worker.ts, next to taskpane.html. */
export const NEXT_YEAR_WORKER = "next-year-worker.js";

/** The name of the error when the worker could not be loaded (or died). */
export const LOAD_ERROR = "NextYearLoadError";

/** The worker of this very build: the page's ?<hash> on taskpane.js reused, as for the engine worker. */
function workerUrl(): string {
  const script = document.querySelector<HTMLScriptElement>('script[src*="taskpane.js"]');
  return NEXT_YEAR_WORKER + (script ? new URL(script.src, location.href).search : "");
}

/** Builds the workbooks in a worker started for this press and ended after it. */
const buildInWorker: Builder = (store) => {
  const s = store.get();
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl());
    worker.onmessage = (e: MessageEvent<NextYearReply>) => {
      worker.terminate();
      if (e.data.ok) resolve([...e.data.books]);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      reject(Object.assign(new Error(e.message || NEXT_YEAR_WORKER), { name: LOAD_ERROR }));
    };
    const request: NextYearRequest = { result: must(s.result, "analysis result (createNextYear checks it)"), settings: s.settings, lang: s.lang };
    worker.postMessage(request);
  });
};

export async function createNextYear(store: Store, build: Builder = buildInWorker, supported = createWorkbookSupported()): Promise<void> {
  const s = store.get();
  if (s.task || s.stale || !s.result || nextYearRunning(s.nextYear)) return;
  if (!supported) return setStatus(store, { kind: "unsupported" });
  setStatus(store, { kind: "building" });
  let books: BuiltBook[];
  try {
    books = await build(store);
  } catch (e) {
    const chunkMissing = e instanceof Error && e.name === LOAD_ERROR;
    return setStatus(store, chunkMissing ? { kind: "loadFailed" } : { kind: "failed", failure: failureOf(e), opened: 0 });
  }
  let opened = 0;
  setStatus(store, { kind: "opening", done: 0, total: books.length });
  try {
    await openAsNewWorkbooks(
      books.map((b) => b.base64),
      (done, total) => {
        opened = done;
        setStatus(store, { kind: "opening", done, total });
      },
    );
    setStatus(store, { kind: "opened", names: books.map((b) => b.fileName) });
  } catch (e) {
    setStatus(store, { kind: "failed", failure: failureOf(e), opened });
  }
}
