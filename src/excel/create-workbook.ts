// Opening a workbook file as a new workbook in Excel: Excel.createWorkbook(base64), ExcelApi
// 1.8 ("Creates and opens a new workbook. Optionally, the workbook can be pre-populated with
// a base64-encoded .xlsx file", Excel JavaScript API reference, Excel namespace). Feature-
// detected: an older Excel gets false from createWorkbookSupported and the pane explains.
// On Excel on the web the browser may open each new workbook in a new tab (pop-up blockers
// can stop the second one); the promise resolves when Excel accepted the request.

import { SetSupported } from "./requirements";

export const CREATE_WORKBOOK_VERSION = "1.8";

export function createWorkbookSupported(isSetSupported?: SetSupported): boolean {
  const check = isSetSupported ?? officeIsSetSupported();
  try {
    return check("ExcelApi", CREATE_WORKBOOK_VERSION);
  } catch {
    return false;
  }
}

function officeIsSetSupported(): SetSupported {
  const req = (globalThis as { Office?: typeof Office }).Office?.context?.requirements;
  return (name, version) => Boolean(req?.isSetSupported(name, version));
}

/** Opens each file (base64 .xlsx) as a new workbook, one after the other; reports each one opened. */
export async function openAsNewWorkbooks(files: readonly string[], onOpened?: (done: number, total: number) => void): Promise<void> {
  for (let i = 0; i < files.length; i++) {
    await Excel.createWorkbook(files[i]);
    onOpened?.(i + 1, files.length);
  }
}
