// Names for sheets and files made from user text (a department's name, say), cleaned one
// way everywhere: the add-in's imported sheets, the CLI's workbooks and their sheets.

/** Excel's longest sheet name. */
export const MAX_SHEET_NAME = 31;

/**
 * A name Excel accepts: without : \ / ? * [ ], not starting or ending with an apostrophe,
 * at most 31 characters, never empty.
 */
export function cleanSheetName(wanted: string, fallback = "Sheet"): string {
  const name = wanted
    // eslint-disable-next-line no-control-regex -- control characters are not allowed in sheet names
    .replace(/[:\\/?*[\]\u0000-\u001f]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^'+|'+$/g, "")
    .trim()
    .slice(0, MAX_SHEET_NAME)
    .replace(/[\uD800-\uDBFF]$/, "") // never half a surrogate pair
    .trim();
  return name === "" || name.toLowerCase() === "history" ? fallback : name;
}

/** Windows refuses these as file names, with or without an extension. */
const RESERVED_FILE_NAMES = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/**
 * A department's name as both a sheet name and a file name part: the sheet-name cleaning,
 * then the characters file systems refuse (< > " | and a trailing dot) replaced too, so the
 * sheet and its file carry the same name.
 */
export function cleanDepartmentName(department: string, fallback: string): string {
  const name = cleanSheetName(department.replace(/[<>"|]/g, "_"), fallback)
    .replace(/[. ]+$/, "")
    .trim();
  if (name === "") return fallback;
  return RESERVED_FILE_NAMES.test(name) ? `_${name}` : name;
}

/** base, or "base (2)", "base (3)"… when taken (case-insensitive, as Excel and Windows compare); the name is then taken. */
export function takeFreeName(base: string, taken: Set<string>): string {
  let name = base;
  for (let k = 2; taken.has(name.toLowerCase()); k++) {
    const suffix = ` (${k})`;
    name =
      base
        .slice(0, MAX_SHEET_NAME - suffix.length)
        .replace(/[\uD800-\uDBFF]$/, "")
        .trimEnd() + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** Names made distinct (case-insensitive, as Excel and Windows compare): "name (2)", "name (3)"… */
export function distinctNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((base) => takeFreeName(base, taken));
}
