import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import { mkdirSync } from "node:fs";
import { closeRawView, imageBehindView, openRawView } from "@/lib/storage/raw-view";
import { unmountAllUnder } from "@/lib/storage/loop-mounts";
import { MiB, qemuInfo, readsPattern, testDir, writePattern } from "@/tests/support/fixtures";

// qemu-storage-daemon's FUSE export as image transfers use it: a qcow2 image (with its chain)
// read and written as raw guest bytes in a plain file, and stopped cleanly even after a crash.

const mounted = (file: string) => readFileSync("/proc/self/mountinfo", "utf8").split("\n").some((line) => line.split(" ")[4] === file);

function daemonPid(view: string) {
  try {
    return Number(execFileSync("pgrep", ["-f", `mountpoint=${view}`], { encoding: "utf8" }).trim().split("\n")[0]);
  } catch {
    return null; // pgrep found none
  }
}

describe("a raw view of an image", () => {
  it("writes guest data into a qcow2 image, zeros as holes, and flushes it as it closes", async () => {
    const image = path.join(testDir(), "written.qcow2");
    const view = path.join(testDir(), "written.view");
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", image, String(64 * MiB)]);
    await openRawView({ image, format: "qcow2", view, writable: true });
    expect(mounted(view)).toBe(true);
    const handle = await open(view, "r+");
    expect((await handle.stat()).size).toBe(64 * MiB);
    await handle.write(Buffer.alloc(4 * MiB, 0x2c), 0, 4 * MiB, 8 * MiB);
    await handle.write(Buffer.alloc(16 * MiB, 0), 0, 16 * MiB, 32 * MiB); // zeros: no clusters allocated
    await handle.close();
    await closeRawView(view);
    expect(mounted(view)).toBe(false);
    execFileSync("qemu-img", ["check", "-q", image]);
    expect(readsPattern(image, 0x2c, 8 * MiB, 4 * MiB)).toBe(true);
    expect(qemuInfo(image)["actual-size"]).toBeLessThan(8 * MiB);
  });

  it("names its image to sync, and a synced view has written all it holds into the image while it still serves", async () => {
    const image = path.join(testDir(), "synced.qcow2");
    const view = path.join(testDir(), "synced.view");
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", image, String(64 * MiB)]);
    await openRawView({ image, format: "qcow2", view, writable: true });
    expect(await imageBehindView(view)).toBe(image);
    expect(await imageBehindView(image)).toBeNull();
    const handle = await open(view, "r+");
    await handle.write(Buffer.alloc(8 * MiB, 0x3d), 0, 8 * MiB, 4 * MiB);
    await handle.datasync();
    await handle.close();
    // The daemon still runs: what the image file holds is what the sync wrote out (its L2 tables included).
    execFileSync("qemu-img", ["check", "-q", "-U", image]);
    expect(readsPattern(image, 0x3d, 4 * MiB, 8 * MiB)).toBe(true);
    await closeRawView(view);
    expect(await imageBehindView(view)).toBeNull();
  });

  it("reads a chain as one disk, read-only", async () => {
    const base = path.join(testDir(), "base.qcow2");
    const top = path.join(testDir(), "top.qcow2");
    const view = path.join(testDir(), "chain.view");
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", base, String(32 * MiB)]);
    writePattern(base, "qcow2", 0x11, 0, MiB);
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", "-b", "base.qcow2", "-F", "qcow2", top]);
    writePattern(top, "qcow2", 0x22, MiB, MiB);
    await openRawView({ image: top, format: "qcow2", view, writable: false });
    // Read ahead in 8 MiB, not FUSE's 128 KiB: each read is a round trip through the daemon.
    const mount = readFileSync("/proc/self/mountinfo", "utf8").split("\n").find((line) => line.split(" ")[4] === view)!;
    expect(readFileSync(`/sys/class/bdi/${mount.split(" ")[2]}/read_ahead_kb`, "utf8").trim()).toBe("8192");
    expect(readsPattern(view, 0x11, 0, MiB)).toBe(true);
    expect(readsPattern(view, 0x22, MiB, MiB)).toBe(true);
    const handle = await open(view, "r+");
    await expect(handle.write(Buffer.alloc(512, 1), 0, 512, 0)).rejects.toThrow();
    await handle.close();
    await closeRawView(view);
    expect(mounted(view)).toBe(false);
  });

  it("is stopped after its daemon was killed, its dead mount left behind", async () => {
    const image = path.join(testDir(), "killed.qcow2");
    const view = path.join(testDir(), "killed.view");
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", image, String(16 * MiB)]);
    await openRawView({ image, format: "qcow2", view, writable: true });
    process.kill(daemonPid(view)!, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mounted(view)).toBe(true);
    await closeRawView(view);
    expect(mounted(view)).toBe(false);
    execFileSync("qemu-img", ["check", "-q", image]);
  });

  it("an image that cannot be opened is a clear error and leaves no view", async () => {
    const view = path.join(testDir(), "missing.view");
    await expect(openRawView({ image: path.join(testDir(), "missing.qcow2"), format: "qcow2", view, writable: false })).rejects.toThrow(/cannot open .*missing\.qcow2 as raw data: .*No such file/);
    expect(existsSync(view)).toBe(false);
    expect(mounted(view)).toBe(false);
  });

  it("goes, daemon and all, when a cleanup unmounts the directory it is in", async () => {
    const dir = path.join(testDir(), "cleaned");
    mkdirSync(dir);
    const image = path.join(dir, "image.qcow2");
    const view = path.join(dir, "image.view");
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", image, String(16 * MiB)]);
    await openRawView({ image, format: "qcow2", view, writable: true });
    expect(daemonPid(view)).toBeGreaterThan(0);
    await unmountAllUnder(dir);
    expect(mounted(view)).toBe(false);
    expect(daemonPid(view)).toBeNull();
  });
});
