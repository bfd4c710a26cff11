// A1 addresses for the Office.js adapter: the core's one module (src/core/address.ts)
// under the names this adapter and its tests use.
export { a1 as cellAddress, blockAddress, columnIndex, columnLetter as columnLetters, parseAddress, quoteSheetName } from "../core/address";
export type { Block } from "../core/address";
