import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { addDisk } from "@/lib/disks/add-disk";
import { addVm } from "@/lib/vms/add-vm";
import { createSnapshot } from "@/lib/snapshots/create-snapshot";
import { waitForJob } from "@/lib/jobs/run-job";
import { recoverJobs } from "@/lib/jobs/recover-jobs";
import { startTransfer } from "@/lib/image-transfers/start-transfer";
import { cancelTransfer, finalizeTransfer, pauseTransfer, resumeTransfer } from "@/lib/image-transfers/transfer-actions";
import { getTransfer } from "@/lib/image-transfers/transfer-view";
import { handleWebRequest } from "@/lib/image-transfers/imageio-http";
import { admin, createDomains, finished, GiB, leafOf, MiB, qemuInfo, testDir, writePattern } from "@/tests/support/fixtures";
import { downloadOntoBacking, downloadTo, uploadGuestData, type Send } from "@/tests/support/imageio-client";

let domains: Awaited<ReturnType<typeof createDomains>>;

beforeAll(async () => {
  domains = await createDomains(2);
});

/** The imageio endpoint for one ticket, called as the portal's /images route calls it. */
function endpoint(ticket: string): Send {
  return (method, suffix, init = {}) => {
    const url = new URL(`http://portal/images/${ticket}${suffix}`);
    const rest = url.pathname.split("/").slice(3);
    const request = new Request(url, { method, headers: init.headers, body: init.body as BodyInit | undefined, duplex: "half" } as RequestInit);
    return handleWebRequest(request, ticket, rest);
  };
}

async function whenTransferring(transferId: string) {
  for (let i = 0; i < 300; i++) {
    const transfer = await getTransfer(transferId, admin);
    if (transfer.phase === "transferring") return transfer;
    if (transfer.phase !== "initializing") throw new Error(`transfer is ${transfer.phase}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("transfer never opened");
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? filesUnder(path.join(dir, name)) : [path.join(dir, name)]));
}

/** FUSE mounts (raw views of images) at or under `dir`. */
function viewsUnder(dir: string) {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .filter((line) => line.split(" ")[4]?.startsWith(dir) && line.includes(" - fuse"));
}

function diskDir(domain: { id: string; path: string }, diskId: string) {
  return path.join(domain.path, domain.id, "images", diskId);
}

/** A qcow2 image of `size` holding `dataBytes` of a pattern, and its guest data as a sparse raw file. */
function sourceImage(name: string, size: number, dataBytes: number) {
  const file = path.join(testDir(), `${name}.qcow2`);
  execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", file, String(size)]);
  for (let offset = 0; offset < dataBytes; offset += 64 * MiB) writePattern(file, "qcow2", 0x5a, offset * 2, Math.min(64 * MiB, dataBytes - offset));
  const rawCopy = path.join(testDir(), `${name}.raw`);
  execFileSync("qemu-img", ["convert", "-f", "qcow2", "-O", "raw", file, rawCopy]);
  return { file, format: "qcow2", rawCopy };
}

const compare = (a: string, b: string) => execFileSync("qemu-img", ["compare", "-q", a, b], { encoding: "utf8" });

describe("upload through the imageio protocol", () => {
  it("a 1 GiB qcow2 holding 256 MiB lands sparse on the chosen domain, identical, after ranged PUTs, PATCH zero and flush", async () => {
    const target = domains.data[1];
    const { diskId } = await finished(addDisk({ alias: "uploaded", provisionedSize: GiB, format: "qcow2", storageDomainId: target.id }, admin));
    const source = sourceImage("upload-src", GiB, 256 * MiB);
    const old = await leafOf(diskId);
    const { transferId, job } = await startTransfer({ direction: "upload", diskId, format: "raw" }, admin);
    const transfer = await whenTransferring(transferId);
    expect(await (await getTransfer(transferId, admin)).phase).toBe("transferring");
    expect((await db.disk.findUniqueOrThrow({ where: { id: diskId } })).status).toBe("locked");

    // The client uses the connections OPTIONS allows, as imageio's does: requests overlap.
    let [inFlight, mostInFlight] = [0, 0];
    const send: Send = async (...request) => {
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      try {
        return await endpoint(transfer.ticket)(...request);
      } finally {
        inFlight--;
      }
    };
    const requests = await uploadGuestData(send, source);
    expect(mostInFlight).toBe(4);
    // The data went straight into the new qcow2 volume through a raw view of it: no raw copy first.
    expect(viewsUnder(diskDir(target, diskId))).toHaveLength(1);
    const written = filesUnder(diskDir(target, diskId)).filter((f) => f !== old.path && !f.endsWith(".meta") && !f.endsWith(".upload"));
    expect(written).toHaveLength(1);
    expect(readFileSync(written[0]).subarray(0, 4).toString("latin1")).toBe("QFI\xfb");
    expect(statSync(written[0]).blocks * 512).toBeLessThan(300 * MiB);
    expect(requests[0]).toBe("OPTIONS");
    expect(requests).toContain("PATCH zero");
    expect(requests.at(-1)).toBe("PATCH flush");
    expect(requests.filter((r) => r === "PUT").length).toBe(32); // 256 MiB in 8 MiB requests: the zeros were never sent

    await finalizeTransfer({ transferId }, admin);
    expect((await waitForJob(job.id)).status).toBe("finished");
    expect((await getTransfer(transferId, admin)).phase).toBe("finished_success");
    const disk = await db.disk.findUniqueOrThrow({ where: { id: diskId } });
    expect(disk.status).toBe("ok");
    const leaf = await leafOf(diskId);
    expect(leaf.volume.storageDomainId).toBe(target.id);
    const info = qemuInfo(leaf.path);
    expect(info.format).toBe("qcow2");
    expect(info["virtual-size"]).toBe(GiB);
    expect(info["actual-size"]).toBeLessThan(300 * MiB); // sparse: the 768 MiB of zeros take no space
    expect(compare(source.file, leaf.path)).toBe("");
    execFileSync("qemu-img", ["check", "-q", leaf.path]);
    // Only the new volume and its metadata are left in the disk's directory.
    expect(filesUnder(diskDir(target, diskId)).map((f) => path.basename(f)).sort()).toEqual([leaf.volume.id, `${leaf.volume.id}.meta`].sort());
    expect(viewsUnder(diskDir(target, diskId))).toEqual([]);
  });

  it("guest data for a preallocated raw disk lands in a file allocated up front that becomes the volume as it is: zeros keep their blocks, no second pass", async () => {
    const target = domains.data[0];
    const { diskId } = await finished(addDisk({ alias: "preallocated-upload", provisionedSize: 256 * MiB, format: "raw", allocation: "preallocated", storageDomainId: target.id }, admin));
    const source = sourceImage("preallocated-src", 256 * MiB, 40 * MiB);
    const { transferId, job } = await startTransfer({ direction: "upload", diskId, format: "raw" }, admin);
    const transfer = await whenTransferring(transferId);
    const scratch = statSync(transfer.imagePath!);
    expect(scratch.blocks * 512).toBeGreaterThanOrEqual(256 * MiB); // allocated before any data came
    const requests = await uploadGuestData(endpoint(transfer.ticket), source);
    expect(requests).toContain("PATCH zero");
    expect(statSync(transfer.imagePath!).blocks * 512).toBeGreaterThanOrEqual(256 * MiB); // the zeroed ranges kept their blocks
    await finalizeTransfer({ transferId }, admin);
    expect((await waitForJob(job.id)).status).toBe("finished");
    const leaf = await leafOf(diskId);
    const volume = statSync(leaf.path);
    expect(volume.ino).toBe(scratch.ino); // renamed into place, not converted: no second pass over the data
    expect(volume.blocks * 512).toBeGreaterThanOrEqual(256 * MiB);
    expect(qemuInfo(leaf.path).format).toBe("raw");
    expect(compare(source.file, leaf.path)).toBe("");
    expect(filesUnder(diskDir(target, diskId)).map((f) => path.basename(f)).sort()).toEqual([leaf.volume.id, `${leaf.volume.id}.meta`].sort());
  });

  it("an image file's own bytes (format cow) become the disk, converted to its format", async () => {
    const target = domains.data[0];
    const { diskId } = await finished(addDisk({ alias: "raw-target", provisionedSize: 64 * MiB, format: "raw", storageDomainId: target.id }, admin));
    const file = path.join(testDir(), "small.qcow2");
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", file, String(64 * MiB)]);
    writePattern(file, "qcow2", 0x33, 0, 4 * MiB);
    const bytes = readFileSync(file);
    const { transferId, job } = await startTransfer({ direction: "upload", diskId, format: "cow" }, admin);
    const send = endpoint((await whenTransferring(transferId)).ticket);
    expect((await send("PUT", "", { headers: { "Content-Length": String(bytes.length) }, body: bytes })).status).toBe(200);
    await finalizeTransfer({ transferId }, admin);
    expect((await waitForJob(job.id)).status).toBe("finished");
    const leaf = await leafOf(diskId);
    expect(qemuInfo(leaf.path).format).toBe("raw");
    expect(compare(file, leaf.path)).toBe("");
  });
});

describe("a transfer that does not complete leaves nothing", () => {
  it("a cancelled upload into a floating disk removes the disk and every file", async () => {
    const target = domains.data[0];
    const { diskId } = await finished(addDisk({ alias: "cancelled", provisionedSize: GiB, format: "qcow2", storageDomainId: target.id }, admin));
    const { transferId, job } = await startTransfer({ direction: "upload", diskId, format: "raw" }, admin);
    const send = endpoint((await whenTransferring(transferId)).ticket);
    expect((await send("PUT", "?flush=n", { headers: { "Content-Range": `bytes 0-${MiB - 1}/*` }, body: Buffer.alloc(MiB, 7) })).status).toBe(200);
    await cancelTransfer({ transferId }, admin);
    expect((await waitForJob(job.id)).status).toBe("aborted");
    expect((await getTransfer(transferId, admin)).phase).toBe("finished_failure");
    expect(await db.disk.findUnique({ where: { id: diskId } })).toBeNull();
    expect(filesUnder(diskDir(target, diskId))).toEqual([]);
    // The ticket is closed: more data is refused.
    expect((await send("PUT", "", { headers: { "Content-Range": `bytes 0-9/*` }, body: Buffer.alloc(10) })).status).toBe(403);
  });

  it("a client that goes silent past the inactivity timeout (policy cancel) is cancelled by the system; a VM's disk keeps its data", async () => {
    const target = domains.data[0];
    const { vmId, diskIds } = await finished(addVm({ name: "upload-vm", disks: [{ alias: "vm-disk", provisionedSize: 64 * MiB, format: "raw", storageDomainId: target.id }] }, admin));
    const before = await leafOf(diskIds[0]);
    writePattern(before.path, "raw", 0x42, 0, MiB);
    const { transferId, job } = await startTransfer({ direction: "upload", diskId: diskIds[0], format: "raw", inactivityTimeout: 5, timeoutPolicy: "cancel" }, admin);
    const send = endpoint((await whenTransferring(transferId)).ticket);
    expect((await send("PUT", "", { headers: { "Content-Range": `bytes 0-${MiB - 1}/*` }, body: Buffer.alloc(MiB, 1) })).status).toBe(200);
    const ended = await waitForJob(job.id, 30_000);
    expect(ended.status).toBe("failed");
    expect(ended.error).toContain("inactivity timeout");
    const after = await db.disk.findUniqueOrThrow({ where: { id: diskIds[0] }, include: { attachments: true } });
    expect(after.status).toBe("ok");
    expect(after.attachments[0].vmId).toBe(vmId);
    expect((await leafOf(diskIds[0])).path).toBe(before.path);
    expect(filesUnder(diskDir(target, diskIds[0])).map((f) => path.basename(f)).sort()).toEqual([before.volume.id, `${before.volume.id}.meta`].sort());
    expect(execFileSync("qemu-io", ["-f", "raw", "-c", "read -P 0x42 0 1M", before.path], { encoding: "utf8" })).not.toContain("Pattern verification failed");
  });

  it("an upload gone silent under the legacy policy is paused, refuses data, and finishes once resumed; a client's own pause too", async () => {
    const target = domains.data[1];
    const { diskId } = await finished(addDisk({ alias: "paused-upload", provisionedSize: 8 * MiB, format: "raw", storageDomainId: target.id }, admin));
    const { transferId, job } = await startTransfer({ direction: "upload", diskId, format: "raw", inactivityTimeout: 5 }, admin);
    const send = endpoint((await whenTransferring(transferId)).ticket);
    expect((await send("PUT", "", { headers: { "Content-Range": `bytes 0-${MiB - 1}/*` }, body: Buffer.alloc(MiB, 0x61) })).status).toBe(200);
    await expect.poll(async () => (await getTransfer(transferId, admin)).phase, { timeout: 15_000, interval: 250 }).toBe("paused_system");
    expect(await db.event.count({ where: { action: "transfer_paused", jobId: job.id } })).toBe(1);
    expect((await send("PUT", "", { headers: { "Content-Range": `bytes ${MiB}-${2 * MiB - 1}/*` }, body: Buffer.alloc(MiB, 0x62) })).status).toBe(403);
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("running");
    expect((await db.disk.findUniqueOrThrow({ where: { id: diskId } })).status).toBe("locked");

    await resumeTransfer({ transferId }, admin);
    expect((await send("PUT", "", { headers: { "Content-Range": `bytes ${MiB}-${2 * MiB - 1}/*` }, body: Buffer.alloc(MiB, 0x62) })).status).toBe(200);
    await pauseTransfer({ transferId }, admin);
    expect((await getTransfer(transferId, admin)).phase).toBe("paused_user");
    await expect(finalizeTransfer({ transferId }, admin)).rejects.toMatchObject({ code: "CONFLICT" });
    await resumeTransfer({ transferId }, admin);
    await finalizeTransfer({ transferId }, admin);
    expect((await waitForJob(job.id, 30_000)).status).toBe("finished");
    const leaf = (await leafOf(diskId)).path;
    expect(execFileSync("qemu-io", ["-f", "raw", "-c", "read -P 0x61 0 1M", "-c", "read -P 0x62 1M 1M", leaf], { encoding: "utf8" })).not.toContain("Pattern verification failed");
  });

  it("one long PUT is activity as it goes: an upload slower than the inactivity timeout in a single request is neither paused nor cancelled", async () => {
    const target = domains.data[0];
    const { diskId } = await finished(addDisk({ alias: "slow-upload", provisionedSize: 256 * MiB, format: "raw", storageDomainId: target.id }, admin));
    const { transferId, job } = await startTransfer({ direction: "upload", diskId, format: "raw", inactivityTimeout: 5, timeoutPolicy: "cancel" }, admin);
    const send = endpoint((await whenTransferring(transferId)).ticket);
    const total = 192 * MiB;
    let sent = 0;
    // 8 MiB every 300 ms: about 7 s for the whole body, longer than the 5 s timeout.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= total) return controller.close();
        await new Promise((resolve) => setTimeout(resolve, 300));
        controller.enqueue(new Uint8Array(8 * MiB).fill(0x77));
        sent += 8 * MiB;
      },
    });
    const reply = await send("PUT", "", { headers: { "Content-Range": `bytes 0-${total - 1}/*` }, body });
    expect(reply.status).toBe(200);
    expect((await getTransfer(transferId, admin)).phase).toBe("transferring");
    await finalizeTransfer({ transferId }, admin);
    expect((await waitForJob(job.id, 30_000)).status).toBe("finished");
    expect(execFileSync("qemu-io", ["-f", "raw", "-c", `read -P 0x77 0 ${total}`, (await leafOf(diskId)).path], { encoding: "utf8" })).not.toContain("Pattern verification failed");
  });

  it("an uploaded qcow2 that names a backing file is refused, and the floating disk is removed", async () => {
    const target = domains.data[0];
    const { diskId } = await finished(addDisk({ alias: "sneaky", provisionedSize: 64 * MiB, format: "qcow2", storageDomainId: target.id }, admin));
    const file = path.join(testDir(), "sneaky.qcow2");
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", "-b", "/etc/passwd", "-F", "raw", file, String(64 * MiB)]);
    const bytes = readFileSync(file);
    const { transferId, job } = await startTransfer({ direction: "upload", diskId, format: "cow" }, admin);
    const send = endpoint((await whenTransferring(transferId)).ticket);
    await send("PUT", "", { headers: { "Content-Length": String(bytes.length) }, body: bytes });
    await finalizeTransfer({ transferId }, admin);
    const ended = await waitForJob(job.id);
    expect(ended.status).toBe("failed");
    expect(ended.error).toContain("backing file");
    expect(await db.disk.findUnique({ where: { id: diskId } })).toBeNull();
    expect(filesUnder(diskDir(target, diskId))).toEqual([]);
  });
});

describe("a portal that dies mid-upload", () => {
  it("rolls the transfer back at start-up: the floating disk and every file are gone, the ticket is closed", async () => {
    const target = domains.data[1];
    const { diskId } = await finished(addDisk({ alias: "crashed-upload", provisionedSize: GiB, format: "qcow2", storageDomainId: target.id }, admin));
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/helpers/start-upload-and-hang.ts", diskId], {
      env: process.env,
      detached: true,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const [jobId, ticket] = await new Promise<string[]>((resolve, reject) => {
      child.stdout.setEncoding("utf8").on("data", (line: string) => {
        const match = line.match(/READY (\S+) (\S+)/);
        if (match) resolve([match[1], match[2]]);
      });
      child.on("exit", (code) => reject(new Error(`child exited early (${code})`)));
    });
    process.kill(-child.pid!, "SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(filesUnder(diskDir(target, diskId)).some((f) => f.endsWith(".upload"))).toBe(true);
    // The raw view's daemon outlived the portal; the rollback stops it.
    expect(viewsUnder(diskDir(target, diskId))).toHaveLength(1);

    const result = await recoverJobs();
    expect(result.rolledBack).toBe(1);
    expect((await db.job.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("failed");
    expect(await db.disk.findUnique({ where: { id: diskId } })).toBeNull();
    expect(filesUnder(diskDir(target, diskId))).toEqual([]);
    expect(viewsUnder(diskDir(target, diskId))).toEqual([]);
    const transfer = await db.imageTransfer.findFirstOrThrow({ where: { jobId } });
    expect((await getTransfer(transfer.id, admin)).phase).toBe("finished_failure");
    expect((await endpoint(ticket)("OPTIONS", "")).status).toBe(403);
  });
});

describe("download through the imageio protocol", () => {
  it("reads a qcow2 disk's guest data with extents and Range GETs straight from the volume by its map, then releases the disk", async () => {
    const target = domains.data[1];
    const { diskId } = await finished(addDisk({ alias: "to-download", provisionedSize: 256 * MiB, format: "qcow2", storageDomainId: target.id }, admin));
    const leaf = await leafOf(diskId);
    writePattern(leaf.path, "qcow2", 0x61, 16 * MiB, 24 * MiB);
    const { transferId, job } = await startTransfer({ direction: "download", diskId, format: "raw" }, admin);
    const transfer = await whenTransferring(transferId);
    // Served from the qcow2 volume itself: no raw view, no converted copy.
    expect(viewsUnder(diskDir(target, diskId))).toEqual([]);
    expect(transfer.imagePath).toBe(leaf.path);
    expect(Number(transfer.imageSize)).toBe(256 * MiB);
    const local = path.join(testDir(), "downloaded.raw");
    const { extents, read } = await downloadTo(endpoint(transfer.ticket), local, Number(transfer.imageSize));
    // One extent per kind of range, joined across the volume's clusters: zeros, the data, zeros.
    expect(extents.map((e) => [e.start, e.length, e.zero])).toEqual([[0, 16 * MiB, true], [16 * MiB, 24 * MiB, false], [40 * MiB, 216 * MiB, true]]);
    expect(read).toBe(24 * MiB);
    expect(compare(leaf.path, local)).toBe("");
    // A download ticket does not write.
    expect((await endpoint(transfer.ticket)("PUT", "", { headers: { "Content-Range": "bytes 0-9/*" }, body: Buffer.alloc(10) })).status).toBe(403);
    expect((await endpoint(transfer.ticket)("GET", "", { headers: { Range: `bytes=${300 * MiB}-${301 * MiB}` } })).status).toBe(416);
    await finalizeTransfer({ transferId }, admin);
    expect((await waitForJob(job.id)).status).toBe("finished");
    expect((await db.disk.findUniqueOrThrow({ where: { id: diskId } })).status).toBe("ok");
    expect(filesUnder(diskDir(target, diskId)).map((f) => path.basename(f)).sort()).toEqual([leaf.volume.id, `${leaf.volume.id}.meta`].sort());
  });

  it("reads a qcow2 disk whose data is compressed through a raw view, which it removes at the end", async () => {
    const target = domains.data[0];
    const { diskId } = await finished(addDisk({ alias: "compressed", provisionedSize: 64 * MiB, format: "qcow2", storageDomainId: target.id }, admin));
    const leaf = await leafOf(diskId);
    const raw = path.join(testDir(), "compressed-source.raw");
    execFileSync("qemu-img", ["create", "-q", "-f", "raw", raw, String(64 * MiB)]);
    writePattern(raw, "raw", 0x62, 8 * MiB, 4 * MiB);
    execFileSync("qemu-img", ["convert", "-c", "-f", "raw", "-O", "qcow2", raw, leaf.path]);
    const { transferId, job } = await startTransfer({ direction: "download", diskId, format: "raw" }, admin);
    const transfer = await whenTransferring(transferId);
    expect(viewsUnder(diskDir(target, diskId))).toHaveLength(1);
    const local = path.join(testDir(), "compressed-downloaded.raw");
    await downloadTo(endpoint(transfer.ticket), local, Number(transfer.imageSize));
    expect(compare(raw, local)).toBe("");
    await finalizeTransfer({ transferId }, admin);
    expect((await waitForJob(job.id)).status).toBe("finished");
    expect(viewsUnder(diskDir(target, diskId))).toEqual([]);
    expect(filesUnder(diskDir(target, diskId)).map((f) => path.basename(f)).sort()).toEqual([leaf.volume.id, `${leaf.volume.id}.meta`].sort());
  });
});

describe("a shallow download of a disk snapshot (one volume's own data)", () => {
  /** A VM's qcow2 disk with data in its base, a snapshot, then new data and zeros over part of the old in the active volume. */
  async function diskWithTwoVolumes(name: string) {
    const { vmId, diskIds } = await finished(addVm({ name, disks: [{ alias: `${name}-d0`, provisionedSize: 64 * MiB, storageDomainId: domains.data[0].id, format: "qcow2" }] }, admin));
    const base = await leafOf(diskIds[0]);
    writePattern(base.path, "qcow2", 0x71, 0, 8 * MiB);
    await finished(createSnapshot({ vmId, description: `${name}-s1` }, admin));
    const top = await leafOf(diskIds[0]);
    writePattern(top.path, "qcow2", 0x72, 4 * MiB, 2 * MiB);
    execFileSync("qemu-io", ["-f", "qcow2", "-c", `write -z 0 ${MiB}`, top.path], { stdio: "ignore" });
    return { diskId: diskIds[0], base, top };
  }

  /** The base as the client got it before (a full download of that snapshot), to download the top onto. */
  function backingCopy(base: string, name: string) {
    const copy = path.join(testDir(), `${name}-base.qcow2`);
    execFileSync("qemu-img", ["convert", "-f", "qcow2", "-O", "qcow2", base, copy]);
    return copy;
  }

  it("serves the active volume's own data by its map: holes where the base holds the data, zeros that hide it; over the base it reads as the disk", async () => {
    const { diskId, base, top } = await diskWithTwoVolumes("shallow-map");
    const { transferId, job } = await startTransfer({ direction: "download", diskSnapshotId: top.volume.id, shallow: true, format: "raw" }, admin);
    const transfer = await whenTransferring(transferId);
    expect(transfer).toMatchObject({ shallow: true, diskSnapshotId: top.volume.id, readsChainMap: true, imagePath: top.path });
    expect(viewsUnder(diskDir(domains.data[0], diskId))).toEqual([]);
    const local = path.join(testDir(), "shallow-map.qcow2");
    const extents = await downloadOntoBacking(endpoint(transfer.ticket), local, backingCopy(base.path, "shallow-map"), 64 * MiB);
    expect(extents.map((e) => [e.start, e.length, e.zero, e.hole])).toEqual([
      [0, MiB, true, false],
      [MiB, 3 * MiB, true, true],
      [4 * MiB, 2 * MiB, false, false],
      [6 * MiB, 58 * MiB, true, true],
    ]);
    expect(compare(top.path, local)).toBe("");
    await finalizeTransfer({ transferId }, admin);
    expect((await waitForJob(job.id)).status).toBe("finished");
    expect((await db.disk.findUniqueOrThrow({ where: { id: diskId } })).status).toBe("ok");
  });

  it("serves a volume whose data is compressed through a view with its backing cut off, removed at the end", async () => {
    const { diskId, base, top } = await diskWithTwoVolumes("shallow-view");
    execFileSync("qemu-io", ["-f", "qcow2", "-c", `write -c -P 0x73 ${10 * MiB} ${MiB}`, top.path], { stdio: "ignore" });
    const { transferId, job } = await startTransfer({ direction: "download", diskSnapshotId: top.volume.id, shallow: true, format: "raw" }, admin);
    const transfer = await whenTransferring(transferId);
    expect(transfer.readsChainMap).toBe(false);
    expect(viewsUnder(diskDir(domains.data[0], diskId))).toHaveLength(1);
    const local = path.join(testDir(), "shallow-view.qcow2");
    const extents = await downloadOntoBacking(endpoint(transfer.ticket), local, backingCopy(base.path, "shallow-view"), 64 * MiB);
    // The holes come from the volume's own map, not the view's: the zeros at 0 hide the base's data.
    expect(extents.map((e) => [e.start, e.length, e.zero, e.hole])).toEqual([
      [0, MiB, true, false],
      [MiB, 3 * MiB, true, true],
      [4 * MiB, 2 * MiB, false, false],
      [6 * MiB, 4 * MiB, true, true],
      [10 * MiB, MiB, false, false],
      [11 * MiB, 53 * MiB, true, true],
    ]);
    expect(compare(top.path, local)).toBe("");
    await finalizeTransfer({ transferId }, admin);
    expect((await waitForJob(job.id)).status).toBe("finished");
    expect(viewsUnder(diskDir(domains.data[0], diskId))).toEqual([]);
  });

  it("serves a volume's own file as it is for an image file (cow): one volume, its backing named, not the chain", async () => {
    const { top } = await diskWithTwoVolumes("shallow-cow");
    const { transferId } = await startTransfer({ direction: "download", diskSnapshotId: top.volume.id, shallow: true, format: "cow" }, admin);
    const transfer = await whenTransferring(transferId);
    expect(transfer.imagePath).toBe(top.path);
    const local = path.join(testDir(), "shallow-cow.qcow2");
    await downloadTo(endpoint(transfer.ticket), local, Number(transfer.imageSize));
    expect(readFileSync(local).equals(readFileSync(top.path))).toBe(true);
    await cancelTransfer({ transferId }, admin);
  });

  it("refuses an upload that asks for shallow, and changes nothing", async () => {
    const { diskId } = await finished(addDisk({ alias: "no-shallow-upload", provisionedSize: 16 * MiB, format: "qcow2", storageDomainId: domains.data[0].id }, admin));
    await expect(startTransfer({ direction: "upload", diskId, shallow: true, format: "raw" }, admin)).rejects.toThrow(/shallow/);
    expect(await db.imageTransfer.count({ where: { diskId } })).toBe(0);
  });
});

describe("refusals change nothing", () => {
  it("an unknown ticket is 403, a second transfer on a locked disk 409, a disk of a running VM or unknown id refused", async () => {
    expect((await endpoint("no-such-ticket")("OPTIONS", "")).status).toBe(403);
    const { diskId } = await finished(addDisk({ alias: "busy", provisionedSize: 64 * MiB, storageDomainId: domains.data[0].id }, admin));
    const { transferId, job } = await startTransfer({ direction: "download", diskId, format: "cow" }, admin);
    await whenTransferring(transferId);
    await expect(startTransfer({ direction: "upload", diskId, format: "raw" }, admin)).rejects.toMatchObject({ code: "DISK_LOCKED" });
    await expect(startTransfer({ direction: "upload", diskId: "no-such-disk" }, admin)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(startTransfer({ direction: "download" } as never, admin)).rejects.toMatchObject({ code: "VALIDATION" });
    await cancelTransfer({ transferId }, admin);
    expect((await waitForJob(job.id)).status).toBe("aborted");
    // A download that is cancelled keeps its disk.
    expect((await db.disk.findUniqueOrThrow({ where: { id: diskId } })).status).toBe("ok");
    expect(await db.imageTransfer.count({ where: { diskId, phase: "cancelled_user" } })).toBe(1);
  });
});
