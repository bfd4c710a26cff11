/*
 * Builds the add-in's web part into dist/: taskpane.html + taskpane.js, commands.html +
 * commands.js, the icons, and manifest*.xml with its URLs moved to ADDIN_BASE_URL.
 *
 *   npm run build -- --env baseUrl=https://intra.example.lg.jp/kpi-review/
 *                                    production build for an internal web server
 *                                    (or ADDIN_BASE_URL=… in the environment)
 *   npm run build                    production build for https://localhost:3000/, with a
 *                                    warning that dist/manifest.xml is for development only
 *   npm run dev-server               webpack serve over HTTPS on config.dev_server_port
 *
 * A base URL that is not https:// is refused in one line, before anything is built.
 *
 * office.js is not bundled or copied: the pages load it from Microsoft's CDN.
 */
"use strict";

const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { BaseUrlError, DEV_MANIFEST_WARNING, buildBaseUrl, rewriteManifestUrls } = require("./scripts/manifest-url");
const packageJson = require("./package.json");

const BUDGET_BYTES = 120 * 1024;

/**
 * HTTPS options for the dev server: the localhost certificate of office-addin-dev-certs,
 * created and trusted on first use. Loaded only for `webpack serve`, so builds need none.
 */
async function devServerHttpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (error) {
    throw new Error(
      "The dev server needs a trusted localhost certificate and could not install one.\n" +
        "Run `npx office-addin-dev-certs install` (it asks for administrator rights; on Linux it uses sudo), then retry.\n" +
        String(error instanceof Error ? error.message : error),
    );
  }
}

/** TypeScript through ts-loader; also used by the browser test to bundle its fake Excel host. */
function typeScriptRule({ sourceMap }) {
  return {
    test: /\.ts$/,
    exclude: /node_modules/,
    use: {
      loader: "ts-loader",
      options: {
        transpileOnly: true,
        configFile: path.resolve(__dirname, "tsconfig.json"),
        // ES modules let webpack drop unused code; ES2017 matches `target` below.
        compilerOptions: { module: "es2020", target: "es2017", sourceMap },
      },
    },
  };
}

/** The build's base URL; a bad one ends the build with one line, not a stack trace. */
function baseUrlOrExit(env) {
  try {
    return buildBaseUrl(env, process.env);
  } catch (error) {
    if (!(error instanceof BaseUrlError)) throw error;
    process.stderr.write(`kpi-review build: ${error.message}\n`);
    process.exit(2);
  }
}

/** A production build for the dev server says so: a webpack warning, and again after webpack's report. */
class DevManifestWarning {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("DevManifestWarning", (compilation) => {
      compilation.warnings.push(new compiler.webpack.WebpackError(DEV_MANIFEST_WARNING));
    });
    compiler.hooks.afterDone.tap("DevManifestWarning", () => {
      process.stderr.write(`\n*** ${DEV_MANIFEST_WARNING}\n\n`);
    });
  }
}

module.exports = async (env, argv) => {
  const production = argv.mode === "production";
  const serving = Boolean(env && env.WEBPACK_SERVE);
  const { url: baseUrl, given: baseUrlGiven } = baseUrlOrExit(env);
  const port = Number(process.env.npm_package_config_dev_server_port || packageJson.config.dev_server_port);

  return {
    mode: production ? "production" : "development",
    // Office on Windows may still show add-ins in older webviews; ES2017 keeps the bundle
    // loadable there. Eval-based source maps would break the pages' CSP (no 'unsafe-eval').
    target: ["web", "es2017"],
    devtool: production ? false : "source-map",
    entry: {
      taskpane: "./src/taskpane/taskpane.ts",
      // The engine off the pane's main thread; started by the pane as engine-worker.js (CSP worker-src 'self').
      "engine-worker": "./src/taskpane/engine-worker.ts",
      // Next year's workbooks (ExcelJS), started only when the user asks for them: not in the initial budget.
      "next-year-worker": "./src/taskpane/next-year-worker.ts",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js"],
    },
    module: { rules: [typeScriptRule({ sourceMap: !production })] },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        hash: true, // ?<hash> on the script URL, so Office's cache never serves a stale bundle
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        hash: true,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css", noErrorOnMissing: true },
          // The manifest's SupportUrl: a static page of the add-in (no script), not the task pane.
          { from: "src/support/support.html", to: "support.html" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform: (content) => rewriteManifestUrls(content.toString("utf8"), baseUrl),
          },
        ],
      }),
      ...(production && !serving && !baseUrlGiven ? [new DevManifestWarning()] : []),
    ],
    // The budget is 120 KiB *gzipped* (office.js aside); webpack can only compare raw sizes,
    // so its hint is set at 4× the budget and `npm run bench` reports the gzipped size.
    // next-year-worker.js (ExcelJS) loads only when the user asks for next year's workbooks: outside the budget.
    performance: production
      ? {
          hints: "warning",
          maxEntrypointSize: BUDGET_BYTES * 4,
          maxAssetSize: BUDGET_BYTES * 4,
          assetFilter: (file) => file.endsWith(".js") && file !== "next-year-worker.js",
        }
      : { hints: false },
    devServer: serving
      ? {
          port,
          static: false, // serve the build only, never files from the repository
          headers: { "Access-Control-Allow-Origin": "*" },
          server: { type: "https", options: await devServerHttpsOptions() },
        }
      : undefined,
  };
};

module.exports.typeScriptRule = typeScriptRule;
