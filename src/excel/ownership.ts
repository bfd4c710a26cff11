// Which sheets this tool wrote. A sheet is ours only while it still carries our mark AND
// still has the name we gave it: a sheet the user renamed or copied (Excel copies custom
// properties) becomes theirs and is never replaced.

export const OWNER_KEY = "KpiReviewAssistant";
/** Document settings key for Excel versions without worksheet custom properties. */
export const OWNED_SETTINGS_KEY = "kpiReviewAssistant.ownedSheets";

export interface OwnedSheet {
  readonly id: string;
  readonly name: string;
  readonly role: string;
}
export type OwnershipList = readonly OwnedSheet[];

export function ownerMark(role: string, name: string): string {
  return JSON.stringify({ role, name });
}

export function isOwnedMark(value: unknown, currentName: string): boolean {
  if (typeof value !== "string") return false;
  try {
    const o = JSON.parse(value) as { role?: unknown; name?: unknown };
    return typeof o.role === "string" && o.name === currentName;
  } catch {
    return false;
  }
}

/** Office.context.document.settings, or undefined outside Office. */
export function documentSettings(): Office.Settings | undefined {
  const office = (globalThis as { Office?: typeof Office }).Office;
  return office?.context?.document?.settings;
}

export function readOwnedFallback(settings = documentSettings()): OwnedSheet[] {
  const v = settings?.get(OWNED_SETTINGS_KEY) as unknown;
  if (!Array.isArray(v)) return [];
  return v.filter(
    (o): o is OwnedSheet => !!o && typeof o === "object" && typeof (o as OwnedSheet).id === "string" && typeof (o as OwnedSheet).name === "string",
  );
}

export function saveOwnedFallback(list: OwnershipList, settings = documentSettings()): Promise<void> {
  return saveSetting(OWNED_SETTINGS_KEY, list, settings);
}

export function saveSetting(key: string, value: unknown, settings = documentSettings()): Promise<void> {
  if (!settings) return Promise.resolve();
  settings.set(key, value);
  return new Promise((resolve) => settings.saveAsync(() => resolve()));
}
