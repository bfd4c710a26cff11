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

/** Indicators per message back to the pane. */
const SLICE = 1000;

/** The last results, by the id of the request that made them (for the layouts that follow). */
const results = new Map<number, EngineResult>();

function handle(msg: WorkerRequest): unknown {
  if (msg.op === "analyse") {
    const analysis = analyse(msg.req);
    results.clear();
    if (analysis.result) results.set(msg.id, analysis.result);
    const light = forThePane(analysis);
    if (!light.result) return light;
    // The indicators in slices: each message is copied into the pane in a short task.
    const all = light.result.indicators;
    for (let i = 0; i < all.length; i += SLICE) scope.postMessage({ id: msg.id, ok: true, part: all.slice(i, i + SLICE) });
    return { ...light, result: { ...light.result, indicators: [] } };
  }
  const result = results.get(msg.ref);
  if (!result) throw new Error("stale analysis");
  const layouts = layoutsOf(result, msg.settings, msg.lang, msg.overrides);
  // A sheet at a time and its rows in slices: each message is copied into the pane in a short task.
  for (const layout of layouts) {
    scope.postMessage({ id: msg.id, ok: true, part: { layout: { ...layout, rows: [] } } });
    for (let i = 0; i < layout.rows.length; i += SLICE) scope.postMessage({ id: msg.id, ok: true, part: { rows: layout.rows.slice(i, i + SLICE) } });
  }
  return layouts.length;
}

scope.onmessage = (e) => {
  try {
    scope.postMessage({ id: e.data.id, ok: true, value: handle(e.data) });
  } catch (err) {
    scope.postMessage({ id: e.data.id, ok: false, error: String((err as Error)?.message ?? err) });
  }
};
