#!/usr/bin/env node
/*
 * `npm run validate [-- path/to/manifest.xml]`: checks the add-in manifest offline.
 *
 * 1. xmllint against the Office add-in XSDs vendored in schemas/office-manifest/ (see
 *    its README: origin and licence). The online validator that `office-addin-manifest
 *    validate` calls is not needed, and nothing outside the repository is read;
 * 2. `office-addin-manifest info`, which parses the manifest as Office's tools do and
 *    prints what Excel will read from it.
 *
 * Exits 1 when either step fails or xmllint is missing.
 */
"use strict";

const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const repoRoot = path.resolve(__dirname, "..");
const schema = path.join(repoRoot, "schemas", "office-manifest", "OfficeAppManifestV1_1.xsd");

function fail(message) {
  console.error(message);
  process.exit(1);
}

function main() {
  const manifest = path.resolve(repoRoot, process.argv[2] || "manifest.xml");
  if (!fs.existsSync(manifest)) fail(`Manifest not found: ${manifest}`);
  if (!fs.existsSync(schema)) {
    fail(`Office manifest schemas not found: ${schema}\n(they are part of this repository: restore schemas/office-manifest/ with git checkout)`);
  }

  const xmllint = spawnSync("xmllint", ["--noout", "--schema", schema, manifest], { stdio: "inherit" });
  if (xmllint.error && xmllint.error.code === "ENOENT") {
    fail("xmllint not found: install Debian package libxml2-utils (apt-get install -y libxml2-utils)");
  }
  if (xmllint.error) fail(`xmllint could not run: ${xmllint.error.message}`);
  if (xmllint.status !== 0) fail(`${path.relative(repoRoot, manifest)} does not validate against the Office add-in XSDs.`);

  const cli = require.resolve("office-addin-manifest/cli.js", { paths: [repoRoot] });
  const info = spawnSync(process.execPath, [cli, "info", manifest], { stdio: "inherit" });
  if (info.error) fail(`office-addin-manifest could not run: ${info.error.message}`);
  if (info.status !== 0) fail("office-addin-manifest could not read the manifest.");
}

main();
