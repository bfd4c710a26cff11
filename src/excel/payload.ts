// Rough request and response sizes, to stay under Excel on the web's 5 MB per sync.

const encoder = typeof TextEncoder !== "undefined" ? new TextEncoder() : undefined;

/** Bytes of the value as JSON in UTF-8 (what Office.js sends). */
export function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v) ?? "";
  return encoder ? encoder.encode(s).length : s.length * 3;
}

/** 4 MiB: under the 5 MB limit with room for Office.js's own envelope. */
export const DEFAULT_BUDGET_BYTES = 4 * 1024 * 1024;

/** Estimated overhead of one queued call in a request. */
export const OP_OVERHEAD_BYTES = 200;

/**
 * Average bytes per cell assumed when estimating a read (the sample sheet averages 13):
 * short Japanese text, numbers and blanks. A response that still turns out too large is
 * retried in smaller chunks.
 */
export const READ_BYTES_PER_CELL = 16;

/** Greedy packing in order; a chunk never exceeds the budget on its own by construction. */
export function packBatches<T extends { readonly bytes: number }>(items: readonly T[], budget: number): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let size = 0;
  for (const it of items) {
    if (cur.length > 0 && size + it.bytes > budget) {
      out.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(it);
    size += it.bytes;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}
