// `prisma generate` needs no schema engine, but the CLI tries to download one unless this
// variable names an executable; our migrations use the WebAssembly engine instead.
import { execFileSync } from "node:child_process";

execFileSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
