import path from "node:path";
import { unmountAllUnder } from "../lib/storage/loop-mounts";

// The server's demo storage domains are loop mounts under .e2e-data: undo them after the run.
export default async function globalTeardown() {
  await unmountAllUnder(path.resolve(".e2e-data"));
}
