#!/usr/bin/env node
/*
 * `npm start`: run the add-in for development.
 *
 * - Windows, macOS: `office-addin-debugging start manifest.xml desktop --app excel`, which
 *   starts the dev server (package.json script "dev-server", port config.dev_server_port),
 *   opens Excel and sideloads manifest.xml. `npm stop` ends it.
 * - Linux, where there is no Excel desktop: starts the dev server and explains how to
 *   sideload manifest.xml into Excel on the web. Ctrl+C ends it.
 *
 * Usage data of Microsoft's add-in CLI tools is turned off first. Since
 * office-addin-usage-data 3.0.0 those tools send nothing anyway (reporting was removed and
 * `off` is a local no-op), but an older copy in someone's tree would, and public-sector
 * work must not. Its CLI is run directly with node: no npx look-up, so it works offline.
 */
"use strict";

const { spawn, spawnSync } = require("child_process");
const https = require("https");
const path = require("path");

const repoRoot = path.resolve(__dirname, "..");
const packageJson = require(path.join(repoRoot, "package.json"));
const port = Number(process.env.npm_package_config_dev_server_port || packageJson.config.dev_server_port);

function binOf(pkg) {
  return require.resolve(`${pkg}/cli.js`, { paths: [repoRoot] });
}

function turnUsageDataOff() {
  const result = spawnSync(process.execPath, [binOf("office-addin-usage-data"), "off"], {
    cwd: repoRoot,
    stdio: "inherit",
  });
  if (result.status !== 0) {
    console.error("Could not turn off usage data of the Office add-in tools; not starting.");
    process.exit(1);
  }
}

function startDesktop() {
  const child = spawn(
    process.execPath,
    [binOf("office-addin-debugging"), "start", "manifest.xml", "desktop", "--app", "excel", "--dev-server-port", String(port)],
    { cwd: repoRoot, stdio: "inherit" },
  );
  child.on("exit", (code) => process.exit(code === null ? 1 : code));
}

const SIDELOAD_HELP = (manifest, url) => `
──────────────────────────────────────────────────────────────────────────────
開発サーバーが ${url} で動いています。
この環境には Excel デスクトップ版がないため、Excel on the web でアドインを読み込みます。
  1. ブラウザーで ${url}taskpane.html を開き、証明書の警告が出ないことを確かめます。
  2. Excel on the web でブックを開きます。
  3. ［ホーム］ > ［アドイン］ > ［その他のアドイン］ > ［個人用アドイン］ >
     ［個人用アドインのアップロード］ を選びます。
  4. 次のファイルを選んで［アップロード］します:
       ${manifest}
  5. ［ホーム］タブの［KPI見直しアシスタント］で作業ウィンドウが開きます。
止めるには Ctrl+C を押します。

The dev server is running at ${url}.
There is no Excel desktop here, so load the add-in into Excel on the web:
  1. Open ${url}taskpane.html in the browser and check there is no certificate warning.
  2. Open a workbook in Excel on the web.
  3. Choose Home > Add-ins > More add-ins > My add-ins > Upload My Add-in.
  4. Pick this file and choose Upload:
       ${manifest}
  5. KPI Review Assistant on the Home tab opens the task pane.
Press Ctrl+C to stop.
──────────────────────────────────────────────────────────────────────────────
`;

/**
 * Resolves once the dev server answers for manifest.xml, which webpack-dev-middleware
 * holds back until the first build is done, so the help prints after webpack's output.
 */
function waitForServer(url, isRunning) {
  return new Promise((resolve) => {
    const attempt = () => {
      if (!isRunning()) return;
      // The certificate is checked by the browser later; here only "is it up" matters.
      const request = https.get(`${url}manifest.xml`, { rejectUnauthorized: false }, (response) => {
        response.resume();
        if (response.statusCode === 200) resolve();
        else setTimeout(attempt, 500);
      });
      request.once("error", () => setTimeout(attempt, 500));
    };
    attempt();
  });
}

function startWebOnly() {
  const server = spawn("npm", ["run", "dev-server"], { cwd: repoRoot, stdio: "inherit" });
  let running = true;
  server.on("exit", (code) => {
    running = false;
    process.exit(code === null ? 1 : code);
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => server.kill(signal));
  }
  const url = `https://localhost:${port}/`;
  waitForServer(url, () => running).then(() => {
    console.log(SIDELOAD_HELP(path.join(repoRoot, "manifest.xml"), url));
  });
}

function main() {
  turnUsageDataOff();
  if (process.platform === "win32" || process.platform === "darwin") startDesktop();
  else startWebOnly();
}

main();
