// The whole suite, as `npm test` runs it: type check, lint (Biome, with the layer boundaries),
// a production build, then on each database (SQLite, the embedded default, and PostgreSQL):
// vitest (unit + integration against real qemu-img and the real database) and Playwright
// against the built portal in Chromium.
// TEST_DATABASES=sqlite (or postgresql) runs one half only, for a quick local run.
// Ends with one "N passed, N failed" line summing every runner on every database.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";

const results = ".test-results";
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const databases = (process.env.TEST_DATABASES ?? "sqlite,postgresql").split(",").map((d) => d.trim());

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
const built = run("node", ["scripts/ensure-build.mjs"]) === 0;
failedSteps += built ? 0 : 1;

const totals = { passed: 0, failed: 0 };
const lines = [];
for (const database of databases) {
  console.log(`\n=== The suite on ${database} ===\n`);
  const env = { TEST_DATABASE: database };
  if (database === "postgresql" && run("node", ["scripts/ensure-postgresql.mjs"]) !== 0) {
    failedSteps += 1;
    lines.push(`${database}: no server`);
    continue;
  }
  const vitestFile = `${results}/vitest-${database}.json`;
  const playwrightFile = `${results}/playwright-${database}.json`;
  failedSteps += run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestFile}`], env) === 0 ? 0 : 1;
  if (built) failedSteps += run("npx", ["playwright", "test"], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightFile }) === 0 ? 0 : 1;
  const vitest = counts(vitestFile, (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests })) ?? { passed: 0, failed: 1 };
  const playwright = counts(playwrightFile, (r) => ({ passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky })) ?? { passed: 0, failed: built ? 1 : 0 };
  totals.passed += vitest.passed + playwright.passed;
  totals.failed += vitest.failed + playwright.failed;
  lines.push(`${database}: vitest ${vitest.passed} passed, ${vitest.failed} failed; playwright ${playwright.passed} passed, ${playwright.failed} failed`);
}

const failed = totals.failed + (failedSteps && !totals.failed ? failedSteps : 0);
console.log(`\n${lines.join("\n")}`);
console.log(`${totals.passed} passed, ${failed} failed`);
process.exit(failed || failedSteps ? 1 : 0);
