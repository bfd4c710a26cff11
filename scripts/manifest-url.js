/*
 * Where the built add-in is served from.
 *
 * The committed manifest.xml names the dev server, https://localhost:3000/. A deployment
 * sets ADDIN_BASE_URL at build time and the copied dist/manifest.xml names that server
 * instead, e.g.
 *
 *   ADDIN_BASE_URL=https://intra.example.lg.jp/kpi-review/ npm run build
 *
 * Used by webpack.config.js and tested by tests/manifest/manifest.test.ts.
 */
"use strict";

const DEV_BASE_URL = "https://localhost:3000/";

/**
 * The base URL a build should use: ADDIN_BASE_URL when set, else the dev server.
 * Office loads add-in pages only over HTTPS, so anything else is refused here, at build
 * time, rather than by Excel at sideload time. A missing trailing slash is added.
 */
function resolveBaseUrl(value) {
  const raw = value === undefined || value.trim() === "" ? DEV_BASE_URL : value.trim();
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ADDIN_BASE_URL is not a URL: "${raw}"`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`ADDIN_BASE_URL must be an https:// URL (Office loads add-ins only over HTTPS): "${raw}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`ADDIN_BASE_URL must be a plain folder URL, without query, fragment or credentials: "${raw}"`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

function escapeXmlAttribute(text) {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The manifest text with every dev-server URL moved under baseUrl. */
function rewriteManifestUrls(manifestXml, baseUrl) {
  const base = resolveBaseUrl(baseUrl);
  return manifestXml.split(DEV_BASE_URL).join(escapeXmlAttribute(base));
}

module.exports = { DEV_BASE_URL, resolveBaseUrl, rewriteManifestUrls };
