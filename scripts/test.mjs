// The whole suite, as `npm test` runs it: type check, lint (Biome, with the layer boundaries),
// vitest (unit + integration against real qemu-img and a real database), a production build,
// then Playwright against it in Chromium.
// Ends with one "N passed, N failed" line summing both runners.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";

const results = ".test-results";
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function counts(file, read) {
  try {
    return read(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return null;
  }
}

let failedSteps = 0;
failedSteps += run("npx", ["tsc", "--noEmit"]) === 0 ? 0 : 1;
failedSteps += run("npx", ["biome", "lint", "."]) === 0 ? 0 : 1;
failedSteps += run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${results}/vitest.json`]) === 0 ? 0 : 1;
const built = run("node", ["scripts/ensure-build.mjs"]) === 0;
failedSteps += built ? 0 : 1;
if (built) failedSteps += run("npx", ["playwright", "test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/playwright.json` }) === 0 ? 0 : 1;

const vitest = counts(`${results}/vitest.json`, (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests })) ?? { passed: 0, failed: 1 };
const playwright = counts(`${results}/playwright.json`, (r) => ({ passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky })) ?? { passed: 0, failed: built ? 1 : 0 };
const passed = vitest.passed + playwright.passed;
const failed = vitest.failed + playwright.failed + (failedSteps && !(vitest.failed + playwright.failed) ? failedSteps : 0);
console.log(`\nvitest: ${vitest.passed} passed, ${vitest.failed} failed; playwright: ${playwright.passed} passed, ${playwright.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || failedSteps ? 1 : 0);
