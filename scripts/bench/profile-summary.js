// Summarise a V8 .cpuprofile (node --cpu-prof): self time per function, and the share of
// time by package (our code, exceljs, node internals, GC…).
"use strict";

const fs = require("fs");
const path = require("path");

function where(url, root) {
  if (!url) return "";
  let p = url.replace(/^file:\/\//, "");
  if (root && p.startsWith(root)) p = path.relative(root, p);
  return p;
}

/** The group a frame belongs to: "exceljs", "ours:src/core/read", "node", "(garbage collector)"… */
function groupOf(url, fn, root) {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const p = where(url, root);
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p);
  if (nm) return nm[1];
  if (p.startsWith("node:")) return "node";
  const ours = /(?:^|\/)(src\/[^/]+\/[^/.]+)\.js$/.exec(p);
  if (ours) return ours[1];
  return p;
}

function summarize(file, { root = process.cwd(), top = 20 } = {}) {
  const prof = JSON.parse(fs.readFileSync(file, "utf8"));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  prof.samples.forEach((id, i) => {
    const dt = (prof.timeDeltas[i] || 0) / 1000;
    self.set(id, (self.get(id) || 0) + dt);
  });
  // Inclusive time: a sample counts once for every distinct function on its stack.
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const keyOf = (n) => `${n.callFrame.functionName || "(anonymous)"} ${where(n.callFrame.url, root)}:${n.callFrame.lineNumber + 1}`;
  const inclusive = new Map();
  for (const [id, ms] of self) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!n.callFrame.url) continue;
      const k = keyOf(n);
      if (seen.has(k)) continue;
      seen.add(k);
      const e = inclusive.get(k) || {
        function: n.callFrame.functionName || "(anonymous)",
        location: `${where(n.callFrame.url, root)}:${n.callFrame.lineNumber + 1}`,
        total_ms: 0,
      };
      e.total_ms += ms;
      inclusive.set(k, e);
    }
  }
  const fns = new Map();
  const groups = new Map();
  let total = 0;
  for (const [id, ms] of self) {
    const n = byId.get(id);
    const cf = n.callFrame;
    const name = cf.functionName || "(anonymous)";
    if (name === "(idle)") continue;
    total += ms;
    const key = `${name} ${where(cf.url, root)}:${cf.lineNumber + 1}`;
    const e = fns.get(key) || { function: name, location: cf.url ? `${where(cf.url, root)}:${cf.lineNumber + 1}` : "", self_ms: 0 };
    e.self_ms += ms;
    fns.set(key, e);
    const g = groupOf(cf.url, name, root);
    groups.set(g, (groups.get(g) || 0) + ms);
  }
  const round = (x) => Math.round(x * 10) / 10;
  return {
    total_ms: round(total),
    top: [...fns.values()]
      .sort((a, b) => b.self_ms - a.self_ms)
      .slice(0, top)
      .map((e) => ({ ...e, self_ms: round(e.self_ms), pct: round((100 * e.self_ms) / total) })),
    inclusive: [...inclusive.values()]
      .filter((e) => !/node_modules|^node:/.test(e.location))
      .sort((a, b) => b.total_ms - a.total_ms)
      .slice(0, top)
      .map((e) => ({ ...e, total_ms: round(e.total_ms), pct: round((100 * e.total_ms) / total) })),
    by_group: Object.fromEntries(
      [...groups.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 15)
        .map(([g, ms]) => [g, round(ms)]),
    ),
  };
}

module.exports = { summarize };

if (require.main === module) {
  const [file, n] = process.argv.slice(2);
  console.log(JSON.stringify(summarize(file, { top: Number(n) || 25 }), null, 2));
}
