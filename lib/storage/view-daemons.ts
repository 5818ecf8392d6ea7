import { readdir, readFile } from "node:fs/promises";

// The qemu-storage-daemon processes serving raw views (raw-view.ts), found by their command
// line, whoever started them: for cleanups that unmount a whole directory (tests, `npm run
// reset`). (No "server-only" here: the cleanup scripts use it too.)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function viewOf(pid: string) {
  const args = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0");
  const exportOption = args.find((arg) => arg.startsWith("type=fuse,"));
  return exportOption?.match(/mountpoint=((?:[^,]|,,)+)/)?.[1].replaceAll(",,", ",") ?? null;
}

/** Stops (SIGTERM, then SIGKILL after 10 s) every daemon whose view is under `dir`; each unmounts its view as it exits. */
export async function stopViewDaemonsUnder(dir: string) {
  const pids: number[] = [];
  for (const entry of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const view = await viewOf(entry);
    if (view?.startsWith(`${dir}/`)) pids.push(Number(entry));
  }
  const signal = (pid: number, name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch {
      // gone meanwhile
    }
  };
  for (const pid of pids) signal(pid, "SIGTERM");
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (!(await Promise.all(pids.map(isRunning))).some(Boolean)) return;
    await sleep(50);
  }
  for (const pid of pids) signal(pid, "SIGKILL");
}

/** A zombie counts as gone (an orphan nobody reaps may stay one). */
async function isRunning(pid: number) {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  return stat !== "" && state !== "Z" && state !== "X";
}
