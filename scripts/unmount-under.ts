// Unmounts every filesystem mounted under a directory (the loop-mounted storage domains of the
// demo or of a test run) and detaches their loop devices. Usage: tsx scripts/unmount-under.ts DIR
import { unmountAllUnder } from "../lib/storage/loop-mounts";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: tsx scripts/unmount-under.ts DIR");
  process.exit(2);
}
const count = await unmountAllUnder(dir);
if (count) console.log(`unmounted ${count} filesystem(s) under ${dir}`);
