// The engine worker: the core's analysis and output layouts off the pane's main thread, so
// that reading or writing 20,000 indicators never freezes the pane. Same code as the pane's
// fallback (analysis.ts); loaded from the add-in's own origin (CSP worker-src 'self').

import { EngineResult } from "../core/types";
import { analyse, AnalysisRequest, layoutsOf, Overrides } from "./analysis";
import { Settings } from "../core/settings";
import { Lang } from "../core/types";

export type WorkerRequest =
  | { readonly id: number; readonly op: "analyse"; readonly req: AnalysisRequest }
  | { readonly id: number; readonly op: "layouts"; readonly ref: number; readonly settings: Settings; readonly lang: Lang; readonly overrides: Overrides };

export type WorkerReply =
  { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: string };

/** The last results, by the id of the request that made them (for the layouts that follow). */
const results = new Map<number, EngineResult>();

function handle(msg: WorkerRequest): unknown {
  if (msg.op === "analyse") {
    const analysis = analyse(msg.req);
    results.clear();
    if (analysis.result) results.set(msg.id, analysis.result);
    return analysis;
  }
  const result = results.get(msg.ref);
  if (!result) throw new Error("stale analysis");
  return layoutsOf(result, msg.settings, msg.lang, msg.overrides);
}

const scope = self as unknown as { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage(m: WorkerReply): void };
scope.onmessage = (e) => {
  try {
    scope.postMessage({ id: e.data.id, ok: true, value: handle(e.data) });
  } catch (err) {
    scope.postMessage({ id: e.data.id, ok: false, error: String((err as Error)?.message ?? err) });
  }
};
