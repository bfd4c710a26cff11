// The whole pipeline in one call: read every sheet → classify → suggest → consolidate →
// tally. Adapters call runEngine, then buildLayouts / toReport, and render the result.

import { SheetLayout } from "./layout-types";
import { Settings } from "./settings";
import { EngineResult, Lang, SheetInput } from "./types";

export interface EngineOptions {
  readonly settings: Settings;
  readonly lang: Lang;
  /** Column mapping overrides chosen by the user, per "file|sheet": field → column letter. */
  readonly columnOverrides?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export function runEngine(_sheets: readonly SheetInput[], _options: EngineOptions): EngineResult {
  throw new Error("not implemented yet");
}

export function buildLayouts(_result: EngineResult, _options: EngineOptions): SheetLayout[] {
  throw new Error("not implemented yet");
}
