import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { DEV_BASE_URL, resolveBaseUrl, rewriteManifestUrls } from "../../scripts/manifest-url";

const ROOT = path.resolve(__dirname, "..", "..");
const MANIFEST_PATH = path.join(ROOT, "manifest.xml");
// Vendored in the repository (schemas/office-manifest/README.md: origin and licence).
const SCHEMA = path.join(ROOT, "schemas", "office-manifest", "OfficeAppManifestV1_1.xsd");

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
} as const;

const INTRANET = "https://intra.example.lg.jp/kpi-review/";
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml, "application/xml");
}

const manifestXml = fs.readFileSync(MANIFEST_PATH, "utf8");
const manifest = parse(manifestXml);

function all(scope: Document | Element, ns: string, name: string): Element[] {
  return Array.from(scope.getElementsByTagNameNS(ns, name));
}

function children(parent: Element, ns: string, name: string): Element[] {
  return Array.from(parent.childNodes).filter(
    (node): node is Element => node.nodeType === 1 && (node as Element).namespaceURI === ns && (node as Element).localName === name,
  );
}

/** The one child named so (optionally with xsi:type / id), or a failure saying which is missing. */
function only(parent: Element, ns: string, name: string, where: { type?: string; id?: string } = {}): Element {
  const found = children(parent, ns, name).filter(
    (el) => (where.type === undefined || el.getAttributeNS(NS.xsi, "type") === where.type) && (where.id === undefined || el.getAttribute("id") === where.id),
  );
  if (found.length !== 1) {
    throw new Error(`expected one <${name}> ${JSON.stringify(where)} in <${parent.localName}>, found ${found.length}`);
  }
  return found[0];
}

function root(doc: Document): Element {
  const element = doc.documentElement;
  if (!element) throw new Error("the manifest has no root element");
  return element;
}

/** DefaultValue of the bt:Url / bt:Image / bt:String resource with this id. */
function resource(ns: string, kind: string, id: string): string {
  const matches = all(manifest, ns, kind).filter((el) => el.getAttribute("id") === id);
  if (matches.length !== 1) throw new Error(`expected one resource ${kind} "${id}", found ${matches.length}`);
  return matches[0].getAttribute("DefaultValue") ?? "";
}

function defaultValue(name: string): string {
  return only(root(manifest), NS.app, name).getAttribute("DefaultValue") ?? "";
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString("ascii", 12, 16) !== "IHDR") {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function localFileOf(url: string): string {
  expect(url.startsWith(DEV_BASE_URL)).toBe(true);
  return path.join(ROOT, url.slice(DEV_BASE_URL.length));
}

const xmllintMissing = spawnSync("xmllint", ["--version"]).error !== undefined;
const inCi = process.env.CI === "true";
if (xmllintMissing && !inCi) {
  console.warn("xmllint not found: skipping the XSD check. Install Debian package libxml2-utils (apt-get install -y libxml2-utils).");
}
const itWithXmllint = xmllintMissing && !inCi ? it.skip : it;

describe("manifest.xml", () => {
  itWithXmllint("the manifest validates against the Office add-in XSDs", () => {
    if (xmllintMissing) {
      throw new Error("xmllint is missing on this CI machine: install Debian package libxml2-utils (apt-get install -y libxml2-utils)");
    }
    const built = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kpi-manifest-")), "manifest.xml");
    fs.writeFileSync(built, rewriteManifestUrls(manifestXml, INTRANET));
    for (const file of [MANIFEST_PATH, built]) {
      const result = spawnSync("xmllint", ["--noout", "--schema", SCHEMA, file], { encoding: "utf8" });
      expect({ file: path.basename(path.dirname(file)) + "/manifest.xml", status: result.status, stderr: result.stderr }).toEqual({
        file: expect.any(String),
        status: 0,
        stderr: expect.stringContaining("validates"),
      });
    }
  });

  it("the manifest asks for ReadWriteDocument and nothing more", () => {
    const permissions = all(manifest, NS.app, "Permissions");
    expect(permissions.map((p) => p.textContent?.trim())).toEqual(["ReadWriteDocument"]);
    // No single sign-on or Graph scopes either.
    expect(all(manifest, NS.app, "WebApplicationInfo")).toHaveLength(0);
    expect(all(manifest, NS.ov, "WebApplicationInfo")).toHaveLength(0);
  });

  it("the manifest declares no AppDomains", () => {
    expect(all(manifest, NS.app, "AppDomains")).toHaveLength(0);
    expect(all(manifest, NS.app, "AppDomain")).toHaveLength(0);
  });

  it("the manifest is an Excel task pane add-in that needs ExcelApi 1.7", () => {
    const app = root(manifest);
    expect(app.getAttributeNS(NS.xsi, "type")).toBe("TaskPaneApp");
    const hosts = children(only(app, NS.app, "Hosts"), NS.app, "Host").map((h) => h.getAttribute("Name"));
    expect(hosts).toEqual(["Workbook"]);
    const sets = only(only(app, NS.app, "Requirements"), NS.app, "Sets");
    const excelApi = children(sets, NS.app, "Set").find((s) => s.getAttribute("Name") === "ExcelApi");
    expect(excelApi?.getAttribute("MinVersion") ?? sets.getAttribute("DefaultMinVersion")).toBe("1.7");
  });

  it("the Home tab button opens the task pane", () => {
    const overrides = only(root(manifest), NS.ov, "VersionOverrides");
    const host = only(only(overrides, NS.ov, "Hosts"), NS.ov, "Host", { type: "Workbook" });
    const desktop = only(host, NS.ov, "DesktopFormFactor");
    const tab = only(only(desktop, NS.ov, "ExtensionPoint", { type: "PrimaryCommandSurface" }), NS.ov, "OfficeTab", {
      id: "TabHome",
    });
    const buttons = children(only(tab, NS.ov, "Group"), NS.ov, "Control").filter((c) => c.getAttributeNS(NS.xsi, "type") === "Button");
    expect(buttons).toHaveLength(1);
    const action = only(buttons[0], NS.ov, "Action", { type: "ShowTaskpane" });
    const paneUrl = resource(NS.bt, "Url", only(action, NS.ov, "SourceLocation").getAttribute("resid") ?? "");

    expect(paneUrl).toBe(`${DEV_BASE_URL}taskpane.html`);
    expect(only(only(root(manifest), NS.app, "DefaultSettings"), NS.app, "SourceLocation").getAttribute("DefaultValue")).toBe(paneUrl);
    const commandsUrl = resource(NS.bt, "Url", only(desktop, NS.ov, "FunctionFile").getAttribute("resid") ?? "");
    expect(commandsUrl).toBe(`${DEV_BASE_URL}commands.html`);
  });

  it("every icon the manifest names exists at its declared size", () => {
    // IconUrl and HighResolutionIconUrl have their sizes set by Office: 32 and 64 pixels.
    const icons = [
      { url: defaultValue("IconUrl"), size: 32 },
      { url: defaultValue("HighResolutionIconUrl"), size: 64 },
      ...all(manifest, NS.bt, "Image")
        .filter((image) => image.hasAttribute("resid"))
        .map((image) => ({ url: resource(NS.bt, "Image", image.getAttribute("resid") ?? ""), size: Number(image.getAttribute("size")) })),
    ];
    expect(icons.map((i) => i.size)).toEqual(expect.arrayContaining([16, 32, 64, 80]));
    for (const icon of icons) {
      const file = localFileOf(icon.url);
      expect({ file, exists: fs.existsSync(file) }).toEqual({ file, exists: true });
      expect({ file, ...pngSize(file) }).toEqual({ file, width: icon.size, height: icon.size });
    }
  });

  it("the manifest has Japanese and English strings", () => {
    expect(only(root(manifest), NS.app, "DefaultLocale").textContent?.trim()).toBe("ja-JP");
    const localized = [
      only(root(manifest), NS.app, "DisplayName"),
      only(root(manifest), NS.app, "Description"),
      ...all(manifest, NS.bt, "ShortStrings").flatMap((s) => children(s, NS.bt, "String")),
      ...all(manifest, NS.bt, "LongStrings").flatMap((s) => children(s, NS.bt, "String")),
    ];
    expect(localized.length).toBeGreaterThan(2);
    for (const element of localized) {
      const name = element.getAttribute("id") ?? element.localName;
      const japanese = element.getAttribute("DefaultValue") ?? "";
      const english = Array.from(element.childNodes)
        .filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === "Override")
        .filter((o) => o.getAttribute("Locale") === "en-US")
        .map((o) => o.getAttribute("Value") ?? "");
      expect({ name, japanese: JAPANESE.test(japanese) }).toEqual({ name, japanese: true });
      expect({ name, english: english.length === 1 && english[0].length > 0 && !JAPANESE.test(english[0]) }).toEqual({
        name,
        english: true,
      });
    }
    expect(defaultValue("DisplayName")).toBe("KPI見直しアシスタント");
  });

  describe("ADDIN_BASE_URL", () => {
    it("the built manifest takes its URLs from ADDIN_BASE_URL", () => {
      const built = parse(rewriteManifestUrls(manifestXml, INTRANET));
      const urls = [
        ...["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation"].flatMap((n) => all(built, NS.app, n)),
        ...all(built, NS.bt, "Url"),
        ...all(built, NS.bt, "Image").filter((i) => i.hasAttribute("id")),
      ].map((el) => el.getAttribute("DefaultValue") ?? "");
      expect(urls.length).toBeGreaterThan(8);
      expect(urls.filter((u) => !u.startsWith(INTRANET))).toEqual([]);
      expect(urls).toContain(`${INTRANET}taskpane.html`);
      expect(rewriteManifestUrls(manifestXml, INTRANET)).not.toContain(DEV_BASE_URL);
    });

    it("the webpack build rewrites the copied manifest with ADDIN_BASE_URL", async () => {
      type Pattern = { from: string; transform?: (content: Buffer, file: string) => string };
      type MakeConfig = (env: Record<string, boolean>, argv: { mode: string }) => Promise<{ plugins: object[] }>;
      const makeConfig: MakeConfig = require("../../webpack.config.js");
      const saved = process.env.ADDIN_BASE_URL;
      process.env.ADDIN_BASE_URL = INTRANET;
      try {
        const config = await makeConfig({ WEBPACK_BUILD: true }, { mode: "production" });
        const patterns = config.plugins.flatMap((p) => (p as { patterns?: Pattern[] }).patterns ?? []);
        const manifestPattern = patterns.find((p) => p.from === "manifest*.xml");
        const copied = manifestPattern?.transform?.(Buffer.from(manifestXml), MANIFEST_PATH) ?? "";
        expect(copied).toContain(`<SourceLocation DefaultValue="${INTRANET}taskpane.html"/>`);
        expect(copied).not.toContain(DEV_BASE_URL);
      } finally {
        if (saved === undefined) delete process.env.ADDIN_BASE_URL;
        else process.env.ADDIN_BASE_URL = saved;
      }
    });

    it("a base URL without its final slash gets one", () => {
      expect(resolveBaseUrl("https://intra.example.lg.jp/kpi-review")).toBe(INTRANET);
    });

    it("an unset ADDIN_BASE_URL keeps the dev server", () => {
      expect(resolveBaseUrl(undefined)).toBe(DEV_BASE_URL);
      expect(resolveBaseUrl("")).toBe(DEV_BASE_URL);
      expect(rewriteManifestUrls(manifestXml, undefined)).toBe(manifestXml);
    });

    it("a base URL that is not https is refused, since Office loads add-ins only over HTTPS", () => {
      expect(() => resolveBaseUrl("http://intra.example.lg.jp/kpi-review/")).toThrow(/https/);
      expect(() => resolveBaseUrl("intra.example.lg.jp")).toThrow(/not a URL/);
      expect(() => resolveBaseUrl("https://intra.example.lg.jp/?v=1")).toThrow(/query/);
    });
  });
});
