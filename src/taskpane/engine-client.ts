// The pane's side of the engine worker: requests as promises. Where no worker can start (or
// it fails), the same analysis runs in the pane, after letting the status paint.

import { must } from "../core/errors";
import { SheetLayout } from "../core/layout-types";
import { Settings } from "../core/settings";
import { EngineResult, Lang, ReviewedIndicator } from "../core/types";
import { analyse, Analysis, AnalysisRequest, forThePane, layoutsOf, Overrides } from "./analysis";
import type { WorkerReply, WorkerRequest } from "./engine-worker";

export interface Engine {
  /** The analysis, and a reference to its result for the layouts. */
  analyse(req: AnalysisRequest): Promise<{ analysis: Analysis; ref: number }>;
  layouts(ref: number, result: EngineResult, settings: Settings, lang: Lang, overrides: Overrides): Promise<SheetLayout[]>;
}

/** The bundle webpack builds from engine-worker.ts, next to taskpane.html. */
export const WORKER_FILE = "engine-worker.js";

/** The worker of this very build: the page's ?<hash> on taskpane.js reused, so no cache serves an older worker. */
function workerUrl(): string {
  const script = document.querySelector<HTMLScriptElement>('script[src*="taskpane.js"]');
  return WORKER_FILE + (script ? new URL(script.src, location.href).search : "");
}

const paint = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** The engine in the pane itself: no worker. */
export function inlineEngine(): Engine {
  let last: { ref: number; result: EngineResult } | undefined;
  let next = -1;
  return {
    analyse: async (req) => {
      await paint();
      const analysis = analyse(req);
      const ref = next--;
      last = analysis.result ? { ref, result: analysis.result } : undefined;
      return { analysis: forThePane(analysis), ref };
    },
    layouts: async (ref, result, settings, lang, overrides) => {
      await paint();
      return layoutsOf(last?.ref === ref ? last.result : result, settings, lang, overrides);
    },
  };
}

export function startEngine(): Engine {
  const inline = inlineEngine();
  let worker: Worker | undefined;
  try {
    worker = new Worker(workerUrl());
  } catch {
    return inline;
  }
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; parts: unknown[] }>();
  worker.onmessage = (e: MessageEvent<WorkerReply>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    if (e.data.ok && e.data.part !== undefined) return void p.parts.push(e.data.part);
    pending.delete(e.data.id);
    if (!e.data.ok) p.reject(new Error(e.data.error));
    else p.resolve({ value: e.data.value, parts: p.parts });
  };
  worker.onerror = () => {
    // The worker could not load or crashed: everything from now on runs in the pane.
    worker = undefined;
    for (const p of pending.values()) p.reject(new Error("worker"));
    pending.clear();
  };
  const ask = <T>(build: (id: number) => WorkerRequest): { id: number; done: Promise<T> } => {
    const id = next++;
    const done = new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, parts: [] });
      must(worker, "engine worker (asked only while it runs)").postMessage(build(id));
    });
    return { id, done };
  };
  return {
    analyse: async (req) => {
      if (!worker) return inline.analyse(req);
      const { id, done } = ask<{ value: Analysis; parts: unknown[] }>((id) => ({ id, op: "analyse", req }));
      return done.then(
        ({ value, parts }) => ({ analysis: joinIndicators(value, parts as ReviewedIndicator[][]), ref: id }),
        () => inline.analyse(req),
      );
    },
    layouts: async (ref, result, settings, lang, overrides) => {
      if (!worker || ref <= 0) return inline.layouts(ref, result, settings, lang, overrides);
      const { done } = ask<{ parts: unknown[] }>((id) => ({ id, op: "layouts", ref, settings, lang, overrides }));
      return done.then(
        ({ parts }) => joinLayouts(parts as LayoutPart[]),
        () => inline.layouts(ref, result, settings, lang, overrides),
      );
    },
  };
}

/** The analysis with its indicators put back together from the slices the worker sent. */
function joinIndicators(a: Analysis, slices: readonly ReviewedIndicator[][]): Analysis {
  if (!a.result) return a;
  return { ...a, result: { ...a.result, indicators: slices.flat() } };
}

type LayoutPart = { readonly layout: SheetLayout } | { readonly rows: SheetLayout["rows"] };

/** The layouts put back together: each sheet, then its rows in slices. */
function joinLayouts(parts: readonly LayoutPart[]): SheetLayout[] {
  const out: { layout: SheetLayout; rows: SheetLayout["rows"][number][] }[] = [];
  for (const p of parts) {
    if ("layout" in p) out.push({ layout: p.layout, rows: [] });
    else out[out.length - 1]?.rows.push(...p.rows);
  }
  return out.map((x) => ({ ...x.layout, rows: x.rows }));
}
