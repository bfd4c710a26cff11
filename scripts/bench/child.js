// The measured processes of scripts/bench.js. Each run is a fresh Node process, so every
// figure includes what a user pays once per run (cold JIT, cold caches). The result is one
// JSON line written to fd 3 (or stderr when fd 3 is not open); peak memory is
// process.resourceUsage().maxRSS at the end.
//
//   node child.js engine <build> <n> <layout> [warmRuns]
//       builds the n-indicator grid first (not timed), then times runEngine alone;
//       BENCH_PROFILE=<file>: writes a CPU profile of that first runEngine call
//   node child.js cli <build> <argv…>
//       the CLI's main() in this process, as bin/kpi-review.js runs it
//   node child.js floor <in.xlsx> <out.xlsx>
//       ExcelJS alone: load the workbook and save it
//   node child.js phases <build> <in.xlsx> <out.xlsx>
//       the CLI's steps one by one, each timed (summarize in src/cli/main.ts)
"use strict";

const fs = require("fs");
const path = require("path");

const t0 = process.hrtime.bigint();
const ms = (from, to = process.hrtime.bigint()) => Number(to - from) / 1e6;

function report(result) {
  const u = process.resourceUsage();
  const out = JSON.stringify({ ...result, max_rss_kb: u.maxRSS, cpu_ms: (u.userCPUTime + u.systemCPUTime) / 1000, process_ms: ms(t0) }) + "\n";
  try {
    fs.writeSync(3, out);
  } catch {
    process.stderr.write(out);
  }
}

/** A V8 CPU profile of a stretch of this process (what --cpu-prof records, for runEngine only). */
async function startProfiler() {
  const inspector = require("inspector");
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: 200 });
  await post("Profiler.start");
  return {
    stop: async () => {
      const { profile } = await post("Profiler.stop");
      session.disconnect();
      return profile;
    },
  };
}

async function engine(build, n, layout, warmRuns) {
  const { runEngine } = require(path.join(build, "src/core/engine.js"));
  const { DEFAULT_SETTINGS } = require(path.join(build, "src/core/settings.js"));
  const { evaluationGrid } = require("./workload.js");
  const tg = process.hrtime.bigint();
  const { sheet, indicators } = evaluationGrid(n, { layout });
  const gridMs = ms(tg);
  const options = { settings: DEFAULT_SETTINGS, lang: "ja" };
  const profiler = process.env.BENCH_PROFILE ? await startProfiler() : undefined;
  const cpu = process.cpuUsage();
  const t = process.hrtime.bigint();
  const result = runEngine([sheet], options);
  const coldMs = ms(t);
  const engineCpu = process.cpuUsage(cpu);
  if (profiler) fs.writeFileSync(process.env.BENCH_PROFILE, JSON.stringify(await profiler.stop()));
  const warm = [];
  for (let i = 0; i < warmRuns; i++) {
    const tw = process.hrtime.bigint();
    runEngine([sheet], options);
    warm.push(ms(tw));
  }
  if (result.indicators.length !== indicators) throw new Error(`engine read ${result.indicators.length} of ${indicators} indicators`);
  report({
    engine_ms: coldMs,
    engine_cpu_ms: (engineCpu.user + engineCpu.system) / 1000,
    warm_ms: warm,
    grid_ms: gridMs,
    indicators: result.indicators.length,
    diagnostics: result.diagnostics.length,
  });
}

async function cli(build, argv) {
  const { main } = require(path.join(build, "src/cli/main.js"));
  const t = process.hrtime.bigint();
  let stderr = "";
  const code = await main(argv, { stdout: (s) => process.stdout.write(s), stderr: (s) => (stderr += s), cwd: process.cwd() });
  report({ code, main_ms: ms(t), stderr: stderr.slice(0, 500) });
}

async function floor(input, output) {
  const ExcelJS = require("exceljs");
  const t = process.hrtime.bigint();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(input);
  const load = ms(t);
  const tw = process.hrtime.bigint();
  await wb.xlsx.writeFile(output);
  report({ code: 0, main_ms: ms(t), load_ms: load, save_ms: ms(tw) });
}

/** The steps of `summarize file --out out.xlsx` (src/cli/main.ts), timed one by one. */
async function phases(build, input, output) {
  const ExcelJS = require("exceljs");
  const { worksheetToInput } = require(path.join(build, "src/xlsx/read.js"));
  const { runEngine, buildLayouts } = require(path.join(build, "src/core/engine.js"));
  const { toReport } = require(path.join(build, "src/core/report.js"));
  const { DEFAULT_SETTINGS } = require(path.join(build, "src/core/settings.js"));
  const { layoutsToWorkbook } = require(path.join(build, "src/xlsx/write.js"));
  const steps = {};
  const step = async (name, fn) => {
    const t = process.hrtime.bigint();
    const v = await fn();
    steps[name] = ms(t);
    return v;
  };
  const options = { settings: DEFAULT_SETTINGS, lang: "ja" };
  const file = path.basename(input);
  const wb = await step("exceljs_load", async () => {
    const w = new ExcelJS.Workbook();
    await w.xlsx.readFile(input);
    return w;
  });
  const sheets = await step("to_grid", () => {
    const out = [];
    wb.eachSheet((ws) => out.push(worksheetToInput(ws, file)));
    return out;
  });
  const result = await step("engine", () => runEngine(sheets, options));
  await step("report_json", () => toReport(result));
  const layouts = await step("layouts", () => buildLayouts(result, options));
  const out = await step("render_exceljs", () =>
    layoutsToWorkbook(layouts, {
      linkTarget: (link) => (link.file === file ? `${encodeURI(file)}#'${link.sheet.replace(/'/g, "''")}'!${link.cell}` : undefined),
    }),
  );
  await step("exceljs_save", () => out.xlsx.writeFile(output));
  const cells = (l) => l.rows.reduce((n, r) => n + r.filter((c) => c).length, 0);
  report({
    steps,
    input_cells: sheets.reduce((n, s) => n + s.rows.reduce((k, r) => k + r.filter((v) => v !== null && v !== undefined && v !== "").length, 0), 0),
    output: layouts.map((l) => ({ sheet: l.name, rows: l.rows.length, cells: cells(l), merges: l.merges.length })),
  });
}

const [mode, ...args] = process.argv.slice(2);
const run = {
  engine: () => engine(args[0], Number(args[1]), args[2] || "flat", Number(args[3] || 0)),
  cli: () => cli(args[0], args.slice(1)),
  floor: () => floor(args[0], args[1]),
  phases: () => phases(args[0], args[1], args[2]),
}[mode];
if (!run) {
  process.stderr.write(`child.js: unknown mode ${mode}\n`);
  process.exit(2);
}
run().catch((e) => {
  process.stderr.write(`child.js ${mode}: ${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 2;
});
