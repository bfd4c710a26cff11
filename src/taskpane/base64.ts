// Bytes to base64 in the browser (no Buffer): btoa over binary strings built in slices, so a
// large workbook never meets the argument limit of String.fromCharCode.

const SLICE = 0x8000;

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += SLICE) binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  return btoa(binary);
}
