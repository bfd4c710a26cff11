// The 来年度の評価シートを作成 button: builds next year's workbooks in the lazily loaded
// next-year chunk (ExcelJS stays out of the pane's initial scripts) and opens each — the
// master with the revised list, then one per department — as a new workbook where Excel
// offers Excel.createWorkbook (ExcelApi 1.8); elsewhere the pane says how to get them.

import { createWorkbookSupported, openAsNewWorkbooks } from "../excel/create-workbook";
import { failureOf, Store } from "./controllers";
import type { BuiltBook } from "./next-year-books";
import { nextYearRunning, NextYearStatus } from "./next-year-state";

type Builder = (store: Store) => Promise<BuiltBook[]>;

const setStatus = (store: Store, nextYear: NextYearStatus): void => store.set({ ...store.get(), nextYear });

/** The chunk, loaded on the first press only; webpack names it next-year.js. */
const buildInChunk: Builder = async (store) => {
  const s = store.get();
  const chunk = await import(/* webpackChunkName: "next-year" */ "./next-year-books");
  return chunk.buildNextYearBooks(s.result!, s.settings, s.lang);
};

export async function createNextYear(store: Store, build: Builder = buildInChunk, supported = createWorkbookSupported()): Promise<void> {
  const s = store.get();
  if (s.task || s.stale || !s.result || nextYearRunning(s.nextYear)) return;
  if (!supported) return setStatus(store, { kind: "unsupported" });
  setStatus(store, { kind: "building" });
  let books: BuiltBook[];
  try {
    books = await build(store);
  } catch (e) {
    const chunkMissing = e instanceof Error && e.name === "ChunkLoadError";
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
