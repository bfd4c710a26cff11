#!/usr/bin/env node
// kpi-review command line. The TypeScript sources are compiled to lib/ by `npm ci`
// (the package's prepare script) or `npm run build:cli`.
"use strict";
let main;
try {
  ({ main } = require("../lib/cli/main.js"));
} catch (e) {
  process.stderr.write("kpi-review: lib/ is missing; run `npm run build:cli` first (" + String(e && e.message).split("\n")[0] + ")\n");
  process.exit(2);
}
// Output piped into a program that stops reading early (`| head`) is not an error.
process.stdout.on("error", (e) => {
  if (e && e.code === "EPIPE") process.exit(process.exitCode || 0);
  throw e;
});
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write("kpi-review: " + String(e && e.message).split("\n")[0] + "\n");
    process.exitCode = 2;
  },
);
