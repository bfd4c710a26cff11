#!/usr/bin/env node
/*
 * npm run fuzz: the reliability fuzz tests (tests/reliability, tests named "fuzz: …") with a
 * random seed and many more runs than `npm test` uses. The seed is printed before and after
 * the run, so a failure can be replayed exactly:
 *
 *   npm run fuzz                          random seed, 500 runs per property
 *   FUZZ_SEED=123 npm run fuzz            replay seed 123
 *   FUZZ_RUNS=2000 npm run fuzz           longer
 *   npm run fuzz -- --verbose             extra arguments go to jest
 *
 * fast-check also prints the seed and the shrunk counterexample of a failing property.
 */
"use strict";

const { spawn } = require("child_process");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");

function seedFromEnv(raw) {
  if (raw === undefined || raw.trim() === "" || raw.trim() === "random") return Math.floor(Math.random() * 0x7fffffff);
  const n = Number(raw);
  if (!Number.isInteger(n)) {
    process.stderr.write(`fuzz: FUZZ_SEED must be an integer or "random", not ${JSON.stringify(raw)}\n`);
    process.exit(2);
  }
  return n;
}

function runsFromEnv(raw) {
  if (raw === undefined || raw.trim() === "") return 500;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`fuzz: FUZZ_RUNS must be a positive integer, not ${JSON.stringify(raw)}\n`);
    process.exit(2);
  }
  return n;
}

const seed = seedFromEnv(process.env.FUZZ_SEED);
const runs = runsFromEnv(process.env.FUZZ_RUNS);
const replay = `FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz`;

process.stdout.write(`fuzz: seed ${seed}, ${runs} runs per property (replay: ${replay})\n`);

const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const args = ["jest", "tests/reliability", "--testNamePattern", "fuzz", ...process.argv.slice(2)];
const child = spawn(npx, args, {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, FUZZ_SEED: String(seed), FUZZ_RUNS: String(runs) },
  shell: process.platform === "win32",
});

// Ctrl-C reaches jest through the shared terminal; pass on other signals to the child we started.
for (const signal of ["SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));

child.on("error", (e) => {
  process.stderr.write(`fuzz: could not start jest: ${e.message}\n`);
  process.exit(2);
});

child.on("exit", (code, signal) => {
  const status = signal ? 1 : (code ?? 1);
  process.stdout.write(`fuzz: ${status === 0 ? "passed" : "FAILED"} with seed ${seed}, ${runs} runs (replay: ${replay})\n`);
  process.exit(status);
});
