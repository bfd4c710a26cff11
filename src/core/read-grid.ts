// Grid preparation: merged ranges spread over the cells they cover, header labels as
// text, and the lazy A1 addresses of a row's cells.

import { cellText, isErrorValue } from "./normalize";
import { FIELD_KEYS, FieldKey, SheetInput } from "./types";

/**
 * The A1 addresses of one row's cells, by field: the sheet's column letters plus the row
 * number, computed on access so that 100,000 rows do not hold 1.6 million strings.
 */
export class RowCells {
  constructor(
    private readonly letters: Partial<Record<FieldKey, string>>,
    private readonly row: number,
  ) {}
}
for (const field of FIELD_KEYS) {
  Object.defineProperty(RowCells.prototype, field, {
    enumerable: true,
    get(this: { letters: Partial<Record<FieldKey, string>>; row: number }): string | undefined {
      const letter = this.letters[field];
      return letter === undefined ? undefined : `${letter}${this.row}`;
    },
  });
}

/** Text of nothing but invisible characters (zero-width space, RTL mark, NUL). */
export const INVISIBLE_ONLY = /^[\p{Cf}\p{Cc}\p{Z}]+$/u;

/** Longest text kept from one cell (Excel allows 32,767). */
export const MAX_TEXT = 2000;

/** Values with merged ranges spread over every cell they cover. */
export function spreadMerges(input: SheetInput): readonly (readonly unknown[])[] {
  if (!input.merges || input.merges.length === 0) return input.rows;
  const rows = input.rows.map((r) => r.slice());
  for (const m of input.merges) {
    const v = rows[m.top]?.[m.left];
    if (v === undefined || v === null || v === "") continue;
    for (let r = m.top; r <= m.bottom && r < rows.length; r++) {
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        const row = rows[r];
        if (row[c] === undefined || row[c] === null || row[c] === "") row[c] = v;
      }
    }
  }
  return rows;
}

/** Label text of a header cell (numbers such as a bare year 2022 count as text). */
export const label = (v: unknown): string => (isErrorValue(v) ? "" : cellText(v).slice(0, 200));
