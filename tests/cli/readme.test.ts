// The README's commands are the ones the project runs.

import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

describe("README", () => {
  it("says what npm run demo runs, as package.json's demo script runs it", () => {
    const said = /`npm run demo` runs `kpi-review ([^`]+)`/.exec(readme)?.[1];
    expect(said).toBeDefined();
    expect(`node bin/kpi-review.js ${said}`).toBe(scripts.demo);
  });

  it("shows the quick start a fresh clone needs: npm ci, npm run demo and npm test", () => {
    expect(readme).toContain("npm ci && npm run demo");
    expect(readme).toContain("npm test");
  });

  it("builds for a deployment with the flag npm run build passes to webpack", () => {
    expect(scripts.build).toMatch(/^webpack --mode production$/);
    expect(readme).toContain("npm run build -- --env baseUrl=https://");
  });
});
