// The engine worker: the core's analysis and output layouts off the pane's main thread, so
// that reading or writing 20,000 indicators never freezes the pane. Same code as the pane's
// fallback (analysis.ts); loaded from the add-in's own origin (CSP worker-src 'self').

import { EngineResult } from "../core/types";
import { analyse, AnalysisRequest, forThePane, layoutsOf, Overrides } from "./analysis";
import { Settings } from "../core/settings";
import { Lang } from "../core/types";

export type WorkerRequest =
  | { readonly id: number; readonly op: "analyse"; readonly req: AnalysisRequest }
  | { readonly id: number; readonly op: "layouts"; readonly ref: number; readonly settings: Settings; readonly lang: Lang; readonly overrides: Overrides };

export type WorkerReply =
  /** `part`: one of several (the layouts, a sheet at a time: smaller copies on the pane's thread); `value`: the end. */
  | { readonly id: number; readonly ok: true; readonly value?: unknown; readonly part?: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

const scope = self as unknown as { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage(m: WorkerReply): void };

/** The last results, by the id of the request that made them (for the layouts that follow). */
const results = new Map<number, EngineResult>();

function handle(msg: WorkerRequest): unknown {
  if (msg.op === "analyse") {
    const analysis = analyse(msg.req);
    results.clear();
    if (analysis.result) results.set(msg.id, analysis.result);
    return forThePane(analysis);
  }
  const result = results.get(msg.ref);
  if (!result) throw new Error("stale analysis");
  const layouts = layoutsOf(result, msg.settings, msg.lang, msg.overrides);
  for (const layout of layouts) scope.postMessage({ id: msg.id, ok: true, part: layout });
  return layouts.length;
}

scope.onmessage = (e) => {
  try {
    scope.postMessage({ id: e.data.id, ok: true, value: handle(e.data) });
  } catch (err) {
    scope.postMessage({ id: e.data.id, ok: false, error: String((err as Error)?.message ?? err) });
  }
};
