/*
 * Where the built add-in is served from.
 *
 * The committed manifest.xml names the dev server, https://localhost:3000/. A deployment
 * gives the base URL at build time and the copied dist/manifest.xml names that server
 * instead, e.g. (the same in bash, PowerShell and cmd)
 *
 *   npm run build -- --env baseUrl=https://intra.example.lg.jp/kpi-review/
 *
 * or with the environment variable ADDIN_BASE_URL (--env baseUrl wins when both are set).
 * Used by webpack.config.js and tested by tests/manifest/manifest.test.ts.
 */
"use strict";

const DEV_BASE_URL = "https://localhost:3000/";

/** A base URL that cannot be used; its message is the one line the build prints. */
class BaseUrlError extends Error {}

/**
 * The base URL a build should use: the value given, else the dev server. Office loads
 * add-in pages only over HTTPS, so anything else is refused here, at build time, rather
 * than by Excel at sideload time. A missing trailing slash is added. `name` says where the
 * value came from, for the message.
 */
function resolveBaseUrl(value, name = "ADDIN_BASE_URL") {
  const raw = value === undefined || String(value).trim() === "" ? DEV_BASE_URL : String(value).trim();
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new BaseUrlError(`${name} is not a URL: "${raw}" (expected e.g. https://intra.example.lg.jp/kpi-review/)`);
  }
  if (url.protocol !== "https:") {
    throw new BaseUrlError(`${name} must be an https:// URL (Office loads add-ins only over HTTPS): "${raw}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new BaseUrlError(`${name} must be a plain folder URL, without query, fragment or credentials: "${raw}"`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/**
 * The base URL of a build from webpack's --env (baseUrl=…) and the environment
 * (ADDIN_BASE_URL); --env wins. `given` is false when neither was set (the dev server).
 */
function buildBaseUrl(env, environment) {
  const fromEnv = env && typeof env.baseUrl === "string" && env.baseUrl.trim() !== "";
  const fromVariable = !fromEnv && typeof environment.ADDIN_BASE_URL === "string" && environment.ADDIN_BASE_URL.trim() !== "";
  if (fromEnv) return { url: resolveBaseUrl(env.baseUrl, "--env baseUrl"), given: true };
  if (fromVariable) return { url: resolveBaseUrl(environment.ADDIN_BASE_URL, "ADDIN_BASE_URL"), given: true };
  if (env && env.baseUrl === true) throw new BaseUrlError("--env baseUrl needs a value: --env baseUrl=https://intra.example.lg.jp/kpi-review/");
  return { url: DEV_BASE_URL, given: false };
}

/** What a production build without a base URL says, loudly, about dist/manifest.xml. */
const DEV_MANIFEST_WARNING =
  `dist/manifest.xml points at ${DEV_BASE_URL}: it is for development only and will not load for anyone else. ` +
  "For a deployment, build with the HTTPS folder the files will be served from: " +
  "npm run build -- --env baseUrl=https://intra.example.lg.jp/kpi-review/ (or set ADDIN_BASE_URL).";

function escapeXmlAttribute(text) {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The manifest text with every dev-server URL moved under baseUrl. */
function rewriteManifestUrls(manifestXml, baseUrl) {
  const base = resolveBaseUrl(baseUrl);
  return manifestXml.split(DEV_BASE_URL).join(escapeXmlAttribute(base));
}

module.exports = { BaseUrlError, DEV_BASE_URL, DEV_MANIFEST_WARNING, buildBaseUrl, resolveBaseUrl, rewriteManifestUrls };
