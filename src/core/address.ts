// A1 addresses, the one module for them: column letters, cells and blocks from 0-based
// indexes and back, and sheet names quoted for formulas and links.

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

/** A → 0, AA → 26; NaN when the text is not column letters. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const c = ch.charCodeAt(0) - 64;
    if (c < 1 || c > 26) return NaN;
    n = n * 26 + c;
  }
  return n - 1;
}

/** (4, 14) → "O5". */
export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${Math.floor(row) + 1}`;
}

export interface Block {
  /** 0-based, inclusive. */
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** "A1", "B3:D9", "'評価 シート'!B3:D9", "$A$1" → 0-based block; undefined when unreadable. */
export function parseAddress(address: string): Block | undefined {
  const bang = address.lastIndexOf("!");
  const ref = (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "");
  const m = /^([A-Za-z]{1,3})(\d+)(?::([A-Za-z]{1,3})(\d+))?$/.exec(ref);
  if (!m) return undefined;
  const top = Number(m[2]) - 1;
  const left = columnIndex(m[1]);
  const bottom = m[4] ? Number(m[4]) - 1 : top;
  const right = m[3] ? columnIndex(m[3]) : left;
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

/** "B3", or "B3:D9" for a block of more than one cell. */
export function blockAddress(b: Block): string {
  const first = a1(b.top, b.left);
  return b.top === b.bottom && b.left === b.right ? first : `${first}:${a1(b.bottom, b.right)}`;
}

/** Sheet name quoted for use in a formula or hyperlink: 'My sheet'!A1. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
