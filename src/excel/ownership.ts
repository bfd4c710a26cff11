// Which sheets this tool wrote, marked with something saved in the workbook file (worksheet
// ids are only valid while the workbook is open, so they are never the mark):
//   - ExcelApi 1.12: a worksheet custom property KpiReviewAssistant = {role, name};
//   - older Excel: a hidden workbook-scoped name KpiReviewAssistant.<role> referring to the
//     sheet's A1, its comment {role, name}. Excel keeps the reference pointing at the sheet
//     when it is renamed and turns it into #REF! when it is deleted.
// A sheet is ours only while it carries our mark AND still has the name we gave it: a sheet
// the user renamed or copied (Excel copies custom properties) becomes theirs and is never
// replaced.

export const OWNER_KEY = "KpiReviewAssistant";
/** Workbook-scoped names marking output sheets where custom properties are missing. */
export const OWNER_NAME_PREFIX = "KpiReviewAssistant.";

export function ownerMark(role: string, name: string): string {
  return JSON.stringify({ role, name });
}

/** The role recorded in a mark when the mark names `currentName`; undefined otherwise. */
export function ownedRole(value: unknown, currentName: string): string | undefined {
  if (typeof value !== "string") return undefined;
  try {
    const o = JSON.parse(value) as { role?: unknown; name?: unknown };
    return typeof o.role === "string" && o.name === currentName ? o.role : undefined;
  } catch {
    return undefined;
  }
}

export function isOwnedMark(value: unknown, currentName: string): boolean {
  return ownedRole(value, currentName) !== undefined;
}

/** The defined name marking the output sheet of a role (letters, digits and dots only). */
export function ownerName(role: string): string {
  return `${OWNER_NAME_PREFIX}${role.replace(/[^A-Za-z0-9]/g, "_")}`;
}

/** A workbook name as loaded: name, comment and value ("'評価集計'!$A$1", or with #REF!). */
export interface NameMark {
  readonly name: string;
  readonly comment: string;
  readonly value: unknown;
}

/** The sheet a name's reference points at: "'It''s'!$A$1" → "It's"; undefined for #REF! or anything else. */
export function sheetOfReference(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const ref = value.replace(/^=/, "");
  if (ref.includes("#REF!")) return undefined;
  const bang = ref.lastIndexOf("!");
  if (bang <= 0) return undefined;
  const sheet = ref.slice(0, bang);
  return sheet.startsWith("'") && sheet.endsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}

/** Role of the sheet named `sheet` according to our workbook names, if one marks it. */
export function roleFromNames(names: readonly NameMark[], sheet: string): string | undefined {
  for (const n of names) {
    if (!n.name.startsWith(OWNER_NAME_PREFIX)) continue;
    const target = sheetOfReference(n.value);
    if (target !== undefined && target.toLowerCase() === sheet.toLowerCase()) {
      const role = ownedRole(n.comment, sheet);
      if (role) return role;
    }
  }
  return undefined;
}

/** Office.context.document.settings, or undefined outside Office. */
export function documentSettings(): Office.Settings | undefined {
  const office = (globalThis as { Office?: typeof Office }).Office;
  return office?.context?.document?.settings;
}

/**
 * Saves one document setting; resolves false when Office reports that saving failed
 * (Settings.saveAsync's AsyncResult.status), true otherwise.
 */
export function saveSetting(key: string, value: unknown, settings = documentSettings()): Promise<boolean> {
  if (!settings) return Promise.resolve(true);
  settings.set(key, value);
  return new Promise((resolve) => settings.saveAsync((result) => resolve(String(result?.status) !== "failed")));
}
