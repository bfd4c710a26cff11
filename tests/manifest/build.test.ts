// The production build and its base URL: --env baseUrl=… or ADDIN_BASE_URL moves the manifest's
// URLs; without either, the build warns that dist/manifest.xml is for development only; a
// base URL that is not https:// is refused in one line, without a webpack stack trace.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { BaseUrlError, buildBaseUrl, DEV_BASE_URL, DEV_MANIFEST_WARNING } from "../../scripts/manifest-url";
import { removeDir, tmpDir } from "../helpers/xlsx";

const ROOT = path.resolve(__dirname, "..", "..");
const WEBPACK = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
const INTRANET = "https://intra.example.lg.jp/kpi-review/";

type MakeConfig = (env: Record<string, unknown>, argv: { mode: string }) => Promise<{ plugins: object[] }>;

/** The plugin names of the webpack config for this env, argv and ADDIN_BASE_URL. */
async function pluginNames(env: Record<string, unknown>, mode: string, addinBaseUrl?: string): Promise<string[]> {
  const makeConfig: MakeConfig = require("../../webpack.config.js");
  const saved = process.env.ADDIN_BASE_URL;
  if (addinBaseUrl === undefined) delete process.env.ADDIN_BASE_URL;
  else process.env.ADDIN_BASE_URL = addinBaseUrl;
  try {
    return (await makeConfig(env, { mode })).plugins.map((p) => p.constructor.name);
  } finally {
    if (saved === undefined) delete process.env.ADDIN_BASE_URL;
    else process.env.ADDIN_BASE_URL = saved;
  }
}

describe("the build's base URL", () => {
  it("takes --env baseUrl, and adds the final slash", () => {
    expect(buildBaseUrl({ baseUrl: "https://intra.example.lg.jp/kpi-review" }, {})).toEqual({ url: INTRANET, given: true });
  });

  it("takes ADDIN_BASE_URL when there is no --env baseUrl", () => {
    expect(buildBaseUrl({}, { ADDIN_BASE_URL: INTRANET })).toEqual({ url: INTRANET, given: true });
  });

  it("prefers --env baseUrl to ADDIN_BASE_URL", () => {
    expect(buildBaseUrl({ baseUrl: INTRANET }, { ADDIN_BASE_URL: "https://other.example.lg.jp/" }).url).toBe(INTRANET);
  });

  it("is the dev server, and says it was not given, when neither is set", () => {
    expect(buildBaseUrl({ WEBPACK_BUILD: true }, {})).toEqual({ url: DEV_BASE_URL, given: false });
  });

  it("refuses an http:// base URL, naming where it came from", () => {
    expect(() => buildBaseUrl({ baseUrl: "http://intra.example.lg.jp/" }, {})).toThrow(BaseUrlError);
    expect(() => buildBaseUrl({ baseUrl: "http://intra.example.lg.jp/" }, {})).toThrow(/^--env baseUrl must be an https:\/\/ URL/);
    expect(() => buildBaseUrl({}, { ADDIN_BASE_URL: "http://intra.example.lg.jp/" })).toThrow(/^ADDIN_BASE_URL must be an https:\/\/ URL/);
  });

  it("refuses --env baseUrl without a value", () => {
    expect(() => buildBaseUrl({ baseUrl: true }, {})).toThrow(/needs a value/);
  });
});

describe("the production build's warning", () => {
  it("warns that dist/manifest.xml points at localhost when no base URL is given", async () => {
    expect(await pluginNames({ WEBPACK_BUILD: true }, "production")).toContain("DevManifestWarning");
    expect(DEV_MANIFEST_WARNING).toContain(`dist/manifest.xml points at ${DEV_BASE_URL}`);
    expect(DEV_MANIFEST_WARNING).toContain("development only");
  });

  it("does not warn when a base URL is given, by --env or by ADDIN_BASE_URL", async () => {
    expect(await pluginNames({ WEBPACK_BUILD: true, baseUrl: INTRANET }, "production")).not.toContain("DevManifestWarning");
    expect(await pluginNames({ WEBPACK_BUILD: true }, "production", INTRANET)).not.toContain("DevManifestWarning");
  });

  it("does not warn for a development build", async () => {
    expect(await pluginNames({ WEBPACK_BUILD: true }, "development")).not.toContain("DevManifestWarning");
  });
});

describe("webpack, as npm run build runs it", () => {
  let out: string;
  beforeEach(() => {
    out = tmpDir("kpi-review-build-");
  });
  afterEach(() => removeDir(out));

  const webpack = (...args: string[]) =>
    spawnSync(process.execPath, [WEBPACK, "--mode", "production", "--output-path", out, ...args], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 240_000,
      env: { ...process.env, ADDIN_BASE_URL: "" },
    });

  it("refuses an http:// base URL in one line, without a stack trace, before building", () => {
    const r = webpack("--env", "baseUrl=http://intra.example.lg.jp/kpi-review/");
    expect(r.status).toBe(2);
    expect(r.stderr.split("\n").filter((l) => l.trim() !== "")).toEqual([
      'kpi-review build: --env baseUrl must be an https:// URL (Office loads add-ins only over HTTPS): "http://intra.example.lg.jp/kpi-review/"',
    ]);
    expect(fs.readdirSync(out)).toEqual([]);
  }, 60_000);

  it("writes dist/manifest.xml with every URL under --env baseUrl, and no warning", () => {
    const r = webpack("--env", `baseUrl=${INTRANET}`);
    expect({ status: r.status, error: r.error }).toEqual({ status: 0, error: undefined });
    const manifest = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(manifest).toContain(`<SourceLocation DefaultValue="${INTRANET}taskpane.html"/>`);
    expect(manifest).not.toContain(DEV_BASE_URL);
    expect(r.stdout + r.stderr).not.toContain("development only");
  }, 240_000);
});
