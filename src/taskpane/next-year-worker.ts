// The next-year worker: started by the pane only when the user presses 来年度の評価シートを作成,
// it builds next year's workbooks (next-year-books.ts: the core's plan and ExcelJS's browser
// build) off the pane's main thread and sends them back as base64 .xlsx files. A separate
// bundle (webpack entry next-year-worker.js): ExcelJS never enters the pane's initial scripts,
// and writing the workbooks of 20,000 indicators never freezes the pane.

import { Settings } from "../core/settings";
import { EngineResult, Lang } from "../core/types";
import { BuiltBook, buildNextYearBooks } from "./next-year-books";

export interface NextYearRequest {
  readonly result: EngineResult;
  readonly settings: Settings;
  readonly lang: Lang;
}

export type NextYearReply = { readonly ok: true; readonly books: readonly BuiltBook[] } | { readonly ok: false; readonly error: string };

const scope = self as unknown as { onmessage: ((e: MessageEvent<NextYearRequest>) => void) | null; postMessage(m: NextYearReply): void };

scope.onmessage = (e) => {
  const { result, settings, lang } = e.data;
  buildNextYearBooks(result, settings, lang).then(
    (books) => scope.postMessage({ ok: true, books }),
    (err: unknown) => scope.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
};
