// Shared setup for the browser tests: the built task pane served from dist/ on
// 127.0.0.1, Debian's Chromium through playwright-core, and Microsoft's Excel client with
// the host simulator bundled after it.
import { execSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import type { Browser } from "playwright-core";

export const ROOT = path.resolve(__dirname, "../..");
export const DIST = path.join(ROOT, "dist");
export const CHROMIUM = "/usr/bin/chromium";
/**
 * Where the browser test saves its screenshots: the README's docs/screenshots only when asked
 * (`npm run screenshots`), so that `npm test` leaves the tracked files alone.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === "1" ? path.join(ROOT, "docs/screenshots") : path.join(ROOT, "tests/browser/artifacts");

/** undefined when the browser is there; otherwise why the tests cannot run. */
export function chromiumMissing(): string | undefined {
  if (fs.existsSync(CHROMIUM)) return undefined;
  const why = `${CHROMIUM} not found: install Debian package chromium (apt-get install chromium)`;
  if (process.env.CI === "true") throw new Error(why);
  console.warn(`skipping browser tests: ${why}`);
  return why;
}

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the add-in when dist/ is missing or older than the sources. */
export function ensureBuilt(): void {
  const html = path.join(DIST, "taskpane.html");
  if (fs.existsSync(html) && fs.statSync(html).mtimeMs >= newestMtime(path.join(ROOT, "src"))) return;
  execSync("npx webpack --mode production", { cwd: ROOT, stdio: "pipe" });
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "application/javascript",
  ".css": "text/css",
  ".png": "image/png",
  ".xml": "application/xml",
};

export function serveDist(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent((req.url ?? "/").split("?")[0]).replace(/^\/+/, "");
    const file = path.resolve(DIST, rel || "taskpane.html");
    if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

/**
 * What the page gets in place of office.js: Microsoft's Excel client library
 * (@microsoft/office-js dist/excel-web-16.00.js) followed by tests/browser/fake-host.ts,
 * bundled with webpack's Node API, which points that client at the host simulator.
 */
export async function bundleFakeHost(): Promise<string> {
  const client = fs.readFileSync(require.resolve("@microsoft/office-js/dist/excel-web-16.00.js"), "utf8");
  return `${client}\n;\n${await bundleHostScript()}`;
}

async function bundleHostScript(): Promise<string> {
  const webpack = (await import("webpack")).default;
  const { typeScriptRule } = require(path.join(ROOT, "webpack.config.js")) as { typeScriptRule: (o: { sourceMap: boolean }) => import("webpack").RuleSetRule };
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-fake-host-"));
  const compiler = webpack({
    mode: "development",
    devtool: false,
    target: ["web", "es2017"],
    entry: path.join(__dirname, "fake-host.ts"),
    output: { path: out, filename: "fake-host.js" },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [typeScriptRule({ sourceMap: false })] },
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString("errors-only")));
      compiler.close(() => resolve());
    }),
  );
  try {
    return fs.readFileSync(path.join(out, "fake-host.js"), "utf8");
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

export async function launch(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
