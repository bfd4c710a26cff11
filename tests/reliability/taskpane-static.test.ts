// No network and least privilege, checked over the BUILT task pane: the pages load no script
// from anywhere but Microsoft's office.js CDN, their CSP forbids every other origin, the
// bundles hold no network call and no absolute URL we could not justify, and our sources
// never turn text into HTML.
//
// dist/ is used when it is newer than every source the bundles are built from; otherwise the
// add-in is built into a private temporary folder (never over dist/, which the browser tests
// and other people may be reading at the same time). KPI_STATIC_FRESH_BUILD=1 forces that build.

import { execSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
/** The sources webpack bundles into the pages (src/cli and src/xlsx are Node-only). */
const BUNDLED_SOURCES = ["src/taskpane", "src/commands", "src/core", "src/excel", "src/i18n"].map((d) => path.join(ROOT, d));

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/**
 * Origins allowed in script-src besides 'self'. appsforoffice.microsoft.com serves office.js
 * and the host-specific files office.js loads next to it; officeapis.public.onecdn.static.microsoft
 * is the same Office JS CDN under Microsoft 365's unified domain, which Microsoft now documents
 * for office.js (OfficeDev/office-js-docs-pr#5882, "Update CDN URL to OCDI URL"). No other.
 */
const OFFICE_SCRIPT_ORIGINS = ["https://appsforoffice.microsoft.com", "https://officeapis.public.onecdn.static.microsoft"];

/**
 * Absolute URLs a bundle may contain, each a namespace identifier that is never fetched:
 * - http://www.w3.org/2000/svg: the SVG namespace for document.createElementNS (the grade chart).
 * - http://www.w3.org/1999/xhtml, http://www.w3.org/1999/xlink: the HTML and XLink namespaces,
 *   which DOM libraries name the same way.
 * Nothing else: a Microsoft URL in a bundle would be a link or an endpoint, and neither belongs there.
 */
const ALLOWED_BUNDLE_URLS = new Set(["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml", "http://www.w3.org/1999/xlink"]);

/**
 * next-year-worker.js (ExcelJS, started only by 来年度の評価シートを作成) writes .xlsx files, whose
 * XML parts name their namespaces by URL (schemas.openxmlformats.org, schemas.microsoft.com,
 * purl.org Dublin Core, www.w3.org): identifiers written into the file, never fetched. Its
 * libraries' error and licence texts also carry a few links to read (never fetched either:
 * the bundle has no fetch/XHR, and the CSP's connect-src is 'self'). Those, exactly, and only there.
 */
const NEXT_YEAR_WORKER = "next-year-worker.js";
const XLSX_NAMESPACE_HOSTS = ["schemas.openxmlformats.org", "schemas.microsoft.com", "purl.org", "www.w3.org"];
const NEXT_YEAR_WORKER_TEXT_URLS = new Set([
  "https://github.com/exceljs/exceljs/blob/master/UPGRADE-4.0.md",
  "https://github.com/zloirock/core-js/blob/v3.33.0/LICENSE",
  "https://github.com/zloirock/core-js",
  "https://github.com/crypto-browserify/crypto-browserify",
  "https://github.com/indutny/elliptic/issues",
  "https://github.com/indutny/elliptic",
  "https://stuk.github.io/jszip/documentation/howto/read_zip.html",
  "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
]);

function allowedUrl(js: string, url: string): boolean {
  if (ALLOWED_BUNDLE_URLS.has(url)) return true;
  if (path.basename(js) !== NEXT_YEAR_WORKER) return false;
  if (NEXT_YEAR_WORKER_TEXT_URLS.has(url)) return true;
  return /^http:\/\//.test(url) && XLSX_NAMESPACE_HOSTS.includes(new URL(url).host);
}

function newestMtime(dir: string): number {
  let t = 0;
  if (!fs.existsSync(dir)) return t;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

function filesUnder(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p, ext));
    else if (ext.test(e.name)) out.push(p);
  }
  return out;
}

let built: string;
let privateBuild: string | undefined;

beforeAll(() => {
  const html = path.join(DIST, "taskpane.html");
  const fresh =
    fs.existsSync(html) && fs.existsSync(path.join(DIST, "commands.html")) && fs.statSync(html).mtimeMs >= Math.max(...BUNDLED_SOURCES.map(newestMtime));
  if (fresh && process.env.KPI_STATIC_FRESH_BUILD !== "1") {
    built = DIST;
    return;
  }
  privateBuild = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-review-build-"));
  execSync(`npx webpack --mode production --output-path "${privateBuild}"`, { cwd: ROOT, stdio: "pipe" });
  built = privateBuild;
}, 240_000);

afterAll(() => {
  if (privateBuild) fs.rmSync(privateBuild, { recursive: true, force: true });
});

/** The pages Office opens with office.js; support.html (the manifest's SupportUrl) is checked apart: it has no script at all. */
const SUPPORT = "support.html";
const pages = (): string[] => fs.readdirSync(built).filter((f) => f.endsWith(".html") && f !== SUPPORT);
const bundles = (): string[] => fs.readdirSync(built).filter((f) => f.endsWith(".js"));
const read = (f: string): string => fs.readFileSync(path.join(built, f), "utf8");

/** Attributes of every tag named so; values quoted or not (the build minifies the HTML). */
function tags(html: string, name: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, "gi"))) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g))
      attrs[a[1].toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? "";
    out.push(attrs);
  }
  return out;
}

/** CSP directives of a page's meta tag: name → sources. */
function cspOf(html: string): Map<string, string[]> {
  const metas = tags(html, "meta").filter((m) => (m["http-equiv"] ?? "").toLowerCase() === "content-security-policy");
  expect(metas).toHaveLength(1);
  const csp = new Map<string, string[]>();
  for (const part of metas[0].content.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) csp.set(name.toLowerCase(), sources);
  }
  return csp;
}

describe("the built pages", () => {
  it("are there: taskpane.html and commands.html, and the support page", () => {
    expect(pages().sort()).toEqual(["commands.html", "taskpane.html"]);
    expect(fs.existsSync(path.join(built, SUPPORT))).toBe(true);
  });

  it("include a support page with no script, no absolute URL, and a CSP that allows no script or connection", () => {
    const html = read(SUPPORT);
    expect(tags(html, "script")).toEqual([]);
    const urls = [...html.matchAll(/\b(?:src|href|action)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map((m) => m[1] ?? m[2] ?? m[3]);
    expect(urls.filter((u) => /^(https?:)?\/\//i.test(u))).toEqual([]);
    const csp = cspOf(html);
    expect(csp.get("default-src")).toEqual(["'none'"]);
    expect(csp.has("script-src")).toBe(false);
    expect(csp.has("connect-src")).toBe(false);
  });

  it("load office.js from Microsoft's CDN as their only absolute script URL, and their own scripts from files beside them", () => {
    for (const page of pages()) {
      const scripts = tags(read(page), "script");
      const absolute = scripts.map((s) => s.src ?? "").filter((src) => /^(https?:)?\/\//i.test(src));
      expect({ page, absolute }).toEqual({ page, absolute: [OFFICE_JS] });
      for (const s of scripts) {
        expect(s.src).toBeDefined(); // no inline script: CSP would block it, and nothing should need it
        if (s.src === OFFICE_JS) continue;
        expect(fs.existsSync(path.join(built, s.src.split("?")[0]))).toBe(true);
      }
    }
  });

  it("reference no other absolute URL in any attribute (links, images, frames, forms)", () => {
    for (const page of pages()) {
      const html = read(page);
      const urls = [...html.matchAll(/\b(?:src|href|action|formaction|data|poster|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)]
        .map((m) => m[1] ?? m[2] ?? m[3])
        .filter((u) => /^(https?:)?\/\//i.test(u));
      expect({ page, urls }).toEqual({ page, urls: [OFFICE_JS] });
    }
  });

  it("have a CSP whose connect-src is 'self' only", () => {
    for (const page of pages()) expect({ page, connect: cspOf(read(page)).get("connect-src") }).toEqual({ page, connect: ["'self'"] });
  });

  it("let the task pane start workers from its own origin only (its engine worker)", () => {
    const taskpane = pages().find((p) => p.endsWith("taskpane.html"))!;
    expect(cspOf(read(taskpane)).get("worker-src")).toEqual(["'self'"]);
  });

  it("have a CSP whose script-src is 'self' and the office.js CDN only", () => {
    for (const page of pages()) {
      const script = cspOf(read(page)).get("script-src") ?? [];
      expect(script).toContain("'self'");
      expect(script).toContain(new URL(OFFICE_JS).origin);
      expect({ page, extra: script.filter((s) => s !== "'self'" && !OFFICE_SCRIPT_ORIGINS.includes(s)) }).toEqual({ page, extra: [] });
    }
  });

  it("have a CSP with object-src 'none', default-src 'self', base-uri 'none' and no 'unsafe-eval' or wildcard anywhere", () => {
    for (const page of pages()) {
      const csp = cspOf(read(page));
      expect(csp.get("object-src")).toEqual(["'none'"]);
      expect(csp.get("default-src")).toEqual(["'self'"]);
      expect(csp.get("base-uri")).toEqual(["'none'"]);
      for (const [name, sources] of csp) {
        const forbidden = sources.filter((src) => ["'unsafe-eval'", "'wasm-unsafe-eval'", "*", "https:", "http:", "ws:", "wss:"].includes(src));
        expect({ page, name, forbidden }).toEqual({ page, name, forbidden: [] });
        if (name === "script-src") expect(sources).not.toContain("'unsafe-inline'");
      }
    }
  });
});

describe("the built bundles", () => {
  it("contain no fetch, XMLHttpRequest, WebSocket, sendBeacon, EventSource, worker or service-worker use but the pane's own workers", () => {
    const NETWORK = [
      /\bfetch\s*\(/,
      /\bXMLHttpRequest\b/,
      /\bWebSocket\b/,
      /\bsendBeacon\b/,
      /\bEventSource\b/,
      // A call loads a script; core-js in next-year-worker.js only tests for it (`!self.importScripts`).
      /\bimportScripts\s*\(/,
      /\bnew\s+(Shared)?Worker\s*\(/,
      /\bserviceWorker\b/,
      /\bRTCPeerConnection\b/,
    ];
    for (const js of bundles()) {
      // The pane's own workers only: engine-worker.js and next-year-worker.js, from its own origin (CSP worker-src 'self').
      const all = read(js);
      const workers = all.match(/\bnew\s+Worker\s*\(/g) ?? [];
      const own = ['"engine-worker.js"', '"next-year-worker.js"'].filter((f) => all.includes(f)).length;
      expect({ js, workers: workers.length }).toEqual({ js, workers: workers.length > 0 ? own : 0 });
      const code = all.replace(/\bnew\s+Worker\s*\(/g, "");
      const found = NETWORK.filter((re) => re.test(code)).map(String);
      expect({ js, found }).toEqual({ js, found: [] });
    }
  });

  it("contain no absolute URL but the W3C namespace names listed in this test (and, in next-year-worker.js, the .xlsx namespaces and the listed texts)", () => {
    for (const js of bundles()) {
      const code = read(js);
      const urls = new Set([...code.matchAll(/\b(?:https?|wss?|ftp):\/\/[^\s"'`<>\\)]+/gi)].map((m) => m[0].replace(/[.,;]+$/, "")));
      // Protocol-relative URLs in string literals ("//host.example/…") load from the network too.
      for (const m of code.matchAll(/["'`](\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+[^"'`\s]*)/gi)) urls.add(m[1]);
      expect({ js, unexpected: [...urls].filter((u) => !allowedUrl(js, u)) }).toEqual({ js, unexpected: [] });
    }
  });
});

describe("our sources", () => {
  const sources = filesUnder(path.join(ROOT, "src"), /\.ts$/);

  it("never write HTML from text: no innerHTML, outerHTML, insertAdjacentHTML, document.write or createContextualFragment in src/**/*.ts", () => {
    const HTML_SINKS = /\.(innerHTML|outerHTML)\b|\binsertAdjacentHTML\b|\bdocument\.write(ln)?\b|\bcreateContextualFragment\b|\bsrcdoc\b/;
    const hits = sources.flatMap((f) =>
      fs
        .readFileSync(f, "utf8")
        .split("\n")
        .map((line, i) => ({ at: `${path.relative(ROOT, f)}:${i + 1}`, line: line.trim() }))
        .filter((l) => !l.line.startsWith("//") && !l.line.startsWith("*") && HTML_SINKS.test(l.line)),
    );
    expect(hits).toEqual([]);
  });

  it("make no network call and run no code from strings: no fetch, XMLHttpRequest, WebSocket, sendBeacon, EventSource, eval or new Function in src/**/*.ts", () => {
    const CALLS = /\bfetch\s*\(|\bXMLHttpRequest\b|\bWebSocket\b|\bsendBeacon\b|\bEventSource\b|\beval\s*\(|\bnew\s+Function\s*\(|\bsetTimeout\s*\(\s*["'`]/;
    const hits = sources.flatMap((f) =>
      fs
        .readFileSync(f, "utf8")
        .split("\n")
        .map((line, i) => ({ at: `${path.relative(ROOT, f)}:${i + 1}`, line: line.trim() }))
        .filter((l) => !l.line.startsWith("//") && !l.line.startsWith("*") && CALLS.test(l.line)),
    );
    expect(hits).toEqual([]);
  });
});

// The source manifest.xml (ReadWriteDocument only, no AppDomains) is checked by
// tests/manifest/manifest.test.ts; here only the copy the build rewrites for deployment.
describe("the built manifest", () => {
  it("still asks for ReadWriteDocument and nothing more, and declares no AppDomains", () => {
    const xml = read("manifest.xml");
    expect([...xml.matchAll(/<Permissions>\s*([^<]*?)\s*<\/Permissions>/g)].map((m) => m[1])).toEqual(["ReadWriteDocument"]);
    expect(xml).not.toMatch(/<AppDomains?\b/);
  });
});
