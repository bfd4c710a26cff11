// Seed and run count of the reliability fuzz tests. `npm test` uses a fixed seed and few
// runs so it stays fast; `npm run fuzz` (scripts/fuzz.js) passes a random seed and more runs
// through the environment, and prints the seed so a failure can be replayed:
//
//   FUZZ_SEED=123 FUZZ_RUNS=500 npx jest tests/reliability --testNamePattern fuzz

const DEFAULT_SEED = 42;

function seedFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_SEED;
  if (raw.trim() === "random") {
    // Each jest worker would draw its own: scripts/fuzz.js draws one and passes the number.
    const seed = Math.floor(Math.random() * 0x7fffffff);
    console.log(`FUZZ_SEED=random drew ${seed}; replay with FUZZ_SEED=${seed}`);
    return seed;
  }
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`FUZZ_SEED must be an integer or "random", not ${JSON.stringify(raw)}`);
  return n;
}

export const FUZZ_SEED = seedFromEnv(process.env.FUZZ_SEED);

/** Runs of one property: FUZZ_RUNS when given (a longer run), else the small default. */
export function fuzzRuns(defaultRuns: number): number {
  const raw = process.env.FUZZ_RUNS;
  if (raw === undefined || raw.trim() === "") return defaultRuns;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`FUZZ_RUNS must be a positive integer, not ${JSON.stringify(raw)}`);
  return n;
}

/** Test timeout for a property with this many runs, each allowed `msPerRun`. */
export function fuzzTimeout(runs: number, msPerRun: number): number {
  return Math.max(60_000, runs * msPerRun);
}
