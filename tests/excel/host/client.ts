// Microsoft's Excel client library (@microsoft/office-js, dist/excel-web-16.00.js) run in
// Node: evaluated once per test file in this realm (so its errors are real Error objects)
// with window, navigator and document stubbed, and pointed at the simulator through
// OfficeExtension.SessionBase._overrideSession. The adapter then runs on Microsoft's proxy
// classes, batching, load/sync and PropertyNotLoaded errors, not on a double.
import * as fs from "fs";
import { ExcelHost } from "./host";

export interface OfficeStub {
  context: {
    requirements: { isSetSupported: (name: string, version?: string) => boolean };
    platform: string;
    host: string;
    diagnostics: { platform: string; host: string; version: string };
    displayLanguage: string;
    document: { settings?: unknown };
  };
}

export interface OfficeClient {
  readonly Excel: typeof Excel;
  readonly OfficeExtension: typeof OfficeExtension;
  readonly Office: OfficeStub;
  /** Highest ExcelApi minor version the client reports as supported (default 17). */
  maxExcelApiMinor: number;
}

let client: OfficeClient | undefined;

/** The real client, loaded once. */
export function officeClient(): OfficeClient {
  if (client) return client;
  const file = require.resolve("@microsoft/office-js/dist/excel-web-16.00.js");
  const source = fs.readFileSync(file, "utf8");
  const loaded = { maxExcelApiMinor: 17 } as OfficeClient & { maxExcelApiMinor: number };
  const office: OfficeStub = {
    context: {
      requirements: {
        isSetSupported: (name, version) => {
          if (name === "DelayForCellEdit") return true;
          if (name !== "ExcelApi") return false;
          return Number(String(version ?? "1.1").split(".")[1] ?? 0) <= loaded.maxExcelApiMinor;
        },
      },
      platform: "OfficeOnline",
      host: "Excel",
      diagnostics: { platform: "OfficeOnline", host: "Excel", version: "16.0.0.0" },
      displayLanguage: "ja-JP",
      document: {},
    },
  };
  // As in a browser: the script's top-level declarations become globals (indirect eval in
  // this realm), window is the global object, and window.Office is the host's.
  const g = globalThis as unknown as Record<string, unknown>;
  const define = (name: string, value: unknown): void => void Object.defineProperty(g, name, { value, configurable: true, writable: true });
  define("window", g);
  define("self", g);
  define("navigator", { userAgent: "Mozilla/5.0 (X11; Linux x86_64) simulated-excel", language: "ja-JP" });
  if (!g.document) define("document", { cookie: "", createElement: () => ({}), getElementsByTagName: () => [], addEventListener: () => undefined });
  if (!g.location) define("location", { href: "https://localhost/taskpane.html", search: "", hash: "", protocol: "https:", host: "localhost" });
  // eslint-disable-next-line no-eval -- the client library must run as a script in the global scope
  (0, eval)(source);
  define("Office", office);
  Object.assign(loaded, { Excel: g.Excel, OfficeExtension: g.OfficeExtension, Office: office });
  client = loaded;
  return loaded;
}

function override(c: OfficeClient, host: ExcelHost): void {
  (c.OfficeExtension as unknown as { SessionBase: { _overrideSession: unknown } }).SessionBase._overrideSession = host.session();
}

/** Every Excel.run of the real client (the add-in's runExcel included) now talks to `host`. */
export function useHost(host: ExcelHost): void {
  override(officeClient(), host);
}

/** A request context of the real client whose every sync goes to `host`. */
export function contextOn(host: ExcelHost): Excel.RequestContext {
  const c = officeClient();
  override(c, host);
  return new c.Excel.RequestContext();
}

/** Excel.run of the real client against `host` (options as in Office.js, e.g. delayForCellEdit). */
export function runOn<T>(host: ExcelHost, batch: (ctx: Excel.RequestContext) => Promise<T>, options?: Excel.RunOptions): Promise<T> {
  const c = officeClient();
  override(c, host);
  return options ? c.Excel.run(options, batch) : c.Excel.run(batch);
}
