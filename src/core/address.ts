// A1 addresses from 0-based row and column indexes.

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(col: number): string {
  let n = Math.floor(col) + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** (4, 14) → "O5". */
export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${Math.floor(row) + 1}`;
}

/** "O5" → {row: 4, col: 14}; undefined when it is not an A1 address. */
export function parseA1(address: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(address.toUpperCase());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}
