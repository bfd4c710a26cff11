// Which Excel API features this Excel offers. The adapter degrades where it can (no
// chart title, no freeze panes…) and the task pane says in words what needs a newer Excel.

export interface Capabilities {
  /** ExcelApi 1.4: getUsedRangeOrNullObject, getItemOrNullObject — reading at all. */
  readonly core: boolean;
  /** ExcelApi 1.6: suspendApiCalculationUntilNextSync. */
  readonly suspendCalculation: boolean;
  /** ExcelApi 1.7: workbook name, freeze panes, hyperlinks, chart title. */
  readonly v17: boolean;
  /** ExcelApi 1.9: page layout (A4, orientation, fit to width) and Range.copyFrom (output sheets updated in place). */
  readonly pageLayout: boolean;
  /** ExcelApi 1.12: worksheet custom properties (ownership marks). */
  readonly customProperties: boolean;
  /** ExcelApi 1.13: merged areas of a range. */
  readonly mergedAreas: boolean;
  /**
   * ExcelApi 1.13: copying another workbook's sheets in (insertWorksheetsFromBase64). "Only
   * supported for Office on Windows, Mac, and the web" (types): false on iPad/iPhone and
   * Android even where the requirement set is reported.
   */
  readonly insertWorksheets: boolean;
}

export type Feature = keyof Capabilities;

const VERSIONS: Record<Feature, string> = {
  core: "1.4",
  suspendCalculation: "1.6",
  v17: "1.7",
  pageLayout: "1.9",
  customProperties: "1.12",
  mergedAreas: "1.13",
  insertWorksheets: "1.13",
};

export type SetSupported = (name: string, version: string) => boolean;

/** Office.context.platform values where insertWorksheetsFromBase64 is not available. */
const NO_INSERT_PLATFORMS = ["iOS", "Android"];

export function detectCapabilities(isSetSupported: SetSupported, platform?: string): Capabilities {
  const has = (f: Feature): boolean => {
    try {
      return isSetSupported("ExcelApi", VERSIONS[f]);
    } catch {
      return false;
    }
  };
  return {
    core: has("core"),
    suspendCalculation: has("suspendCalculation"),
    v17: has("v17"),
    pageLayout: has("pageLayout"),
    customProperties: has("customProperties"),
    mergedAreas: has("mergedAreas"),
    insertWorksheets: has("insertWorksheets") && !NO_INSERT_PLATFORMS.includes(platform ?? ""),
  };
}

/** From the running Office, or "nothing" when Office is absent. */
export function officeCapabilities(): Capabilities {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const req = office?.context?.requirements;
  return detectCapabilities(
    (name, v) => Boolean(req?.isSetSupported(name, v)),
    String(office?.context?.platform ?? office?.context?.diagnostics?.platform ?? ""),
  );
}

/** The features missing in this Excel, with the requirement set each needs. */
export function missingFeatures(caps: Capabilities): { feature: Feature; version: string }[] {
  return (Object.keys(VERSIONS) as Feature[]).filter((f) => !caps[f]).map((f) => ({ feature: f, version: VERSIONS[f] }));
}

export const ALL_CAPABILITIES: Capabilities = {
  core: true,
  suspendCalculation: true,
  v17: true,
  pageLayout: true,
  customProperties: true,
  mergedAreas: true,
  insertWorksheets: true,
};
