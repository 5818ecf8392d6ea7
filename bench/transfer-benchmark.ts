import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { createServer as createPlainServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer } from "node:https";
import path from "node:path";
import { promisify } from "node:util";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { env } from "@/lib/env";
import { addStorageDomain } from "@/lib/storage-domains/manage-storage-domains";
import { makeDomainFilesystem } from "@/lib/storage/loop-mounts";
import { addDisk } from "@/lib/disks/add-disk";
import { deleteDisk } from "@/lib/disks/delete-disk";
import { waitForJob } from "@/lib/jobs/run-job";
import { startImageioServer, tlsDir } from "@/lib/image-transfers/imageio-server";
import { imageioUnixSocket } from "@/lib/image-transfers/local-socket";
import { startTransfer } from "@/lib/image-transfers/start-transfer";
import { BlockWriter } from "@/lib/image-transfers/block-writer";
import { finalizeTransfer } from "@/lib/image-transfers/transfer-actions";
import { volumePath } from "@/lib/storage/layout";
import { GiB } from "@/lib/schemas/common";
import { ensureBenchDataCenter } from "./bench-data-center";
import { finished } from "./finished";
import { median, report, seconds, sh } from "./measure";

// Upload and download of a 1 GiB image through the imageio endpoint over TLS (curl as the
// client, in its own process, one streamed request as Ansible's ovirt_disk 2.x sends it), from
// transfer start to the job finished, against qemu-img convert of the same file on the same
// domain. Asynchronous child processes: the endpoint runs in this process's event loop.

const run = promisify(execFile);

async function whenOpen(transferId: string) {
  for (;;) {
    const row = await db.imageTransfer.findUniqueOrThrow({ where: { id: transferId } });
    if (row.phase === "transferring") return row;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

type Via = "tls" | "local";

/** curl's arguments for a ticket's URL: over TLS, or through the endpoint's local socket (as imageio's client on this host). */
function target(via: Via, ticket: string, query = "") {
  if (via === "tls") return ["-k", `https://127.0.0.1:${env.IMAGEIO_PORT}/images/${ticket}${query}`];
  return ["--unix-socket", imageioUnixSocket()!, `http://localhost/images/${ticket}${query}`];
}

async function upload(source: string, format: "raw" | "qcow2", domainId: string, via: Via) {
  const { diskId } = await finished(addDisk({ alias: `bench-up-${randomUUID().slice(0, 6)}`, provisionedSize: GiB, format, storageDomainId: domainId }, systemActor));
  sh("sync", []);
  const elapsed = await seconds(async () => {
    const { transferId, job } = await startTransfer({ direction: "upload", diskId, format: "raw" }, systemActor);
    const open = await whenOpen(transferId);
    // As imageio's client: data with flush=n, then one flush.
    await run("curl", ["-sf", "-X", "PUT", "-T", source, ...target(via, open.ticket, "?flush=n")]);
    await run("curl", ["-sf", "-X", "PATCH", "-H", "Content-Type: application/json", "--data", '{"op":"flush"}', ...target(via, open.ticket)]);
    await finalizeTransfer({ transferId }, systemActor);
    if ((await waitForJob(job.id)).status !== "finished") throw new Error("upload failed");
  });
  return { elapsed, diskId };
}

async function download(diskId: string, file: string, via: Via) {
  sh("sync", []);
  const elapsed = await seconds(async () => {
    const { transferId, job } = await startTransfer({ direction: "download", diskId, format: "raw" }, systemActor);
    const open = await whenOpen(transferId);
    await run("curl", ["-sf", "-o", file, ...target(via, open.ticket)]);
    await finalizeTransfer({ transferId }, systemActor);
    if ((await waitForJob(job.id)).status !== "finished") throw new Error("download failed");
  });
  rmSync(file);
  return elapsed;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** Times curl (with `args`) against a bare Node server running `handler`, over TLS or through a Unix socket in `dir`. */
async function timeBareServer(via: Via, handler: Handler, dir: string, args: string[]) {
  const tls = { key: readFileSync(path.join(tlsDir(), "key.pem")), cert: readFileSync(path.join(tlsDir(), "cert.pem")) };
  const server = via === "tls" ? createServer(tls, handler) : createPlainServer(handler);
  const socket = path.join(dir, "bare.sock");
  await new Promise<void>((resolve) => (via === "tls" ? server.listen(0, "127.0.0.1", resolve) : server.listen(socket, resolve)));
  const reach = via === "tls" ? ["-k", `https://127.0.0.1:${(server.address() as { port: number }).port}/bare`] : ["--unix-socket", socket, "http://localhost/bare"];
  try {
    return await seconds(() => run("curl", ["-sf", ...args, ...reach]));
  } finally {
    server.close();
  }
}

/**
 * The client's own floor for an upload: the same curl PUT into a server that only counts the
 * bytes. No server can take an upload faster, so the convert's time over it is the highest
 * ratio reachable here.
 */
function uploadFloor(source: string, via: Via) {
  return timeBareServer(via, async (req, res) => {
    for await (const _chunk of req);
    res.end();
  }, path.dirname(source), ["-X", "PUT", "-T", source]);
}

/** The client's own floor for a download: curl reading 1 GiB, sent from one buffer in memory, into the file a download writes. */
async function downloadFloor(file: string, via: Via, dir: string) {
  const piece = Buffer.alloc(4 << 20, 0x4d);
  const elapsed = await timeBareServer(via, (_req, res) => {
    res.writeHead(200, { "Content-Length": String(GiB) });
    let sent = 0;
    const more = () => {
      while (sent < GiB) {
        sent += piece.length;
        if (!res.write(piece)) return void res.once("drain", more);
      }
      res.end();
    };
    more();
  }, dir, ["-o", file]);
  rmSync(file);
  return elapsed;
}

/**
 * The least any upload over the local socket does: the same curl PUT into a bare Node server
 * that writes the body into a file on the domain in the endpoint's blocks and syncs it. What the
 * endpoint takes beyond it is its own; the rest is the client, the socket and the disk.
 */
async function bareReceiver(source: string, file: string) {
  const elapsed = await timeBareServer("local", async (req, res) => {
    const handle = await open(file, "w");
    const out = new BlockWriter(handle, 0, 1 << 20, 4);
    for await (const chunk of req) await out.add(chunk);
    await out.end();
    await handle.datasync();
    await handle.close();
    res.end();
  }, path.dirname(source), ["-X", "PUT", "-T", source]);
  rmSync(file);
  return elapsed;
}

/** qemu-img convert of the file onto the domain; and with the data then flushed to disk, as an upload's flush does (qemu-img's default cache does not). */
async function bareConvert(source: string, format: "raw" | "qcow2", target: string) {
  sh("sync", []);
  const plain = await seconds(() => run("qemu-img", ["convert", "-f", "raw", "-O", format, source, target]));
  const flushed = plain + (await seconds(() => run("sync", [target])));
  rmSync(target);
  return { plain, flushed };
}

/** Each figure over TLS and through the local socket. */
async function measureOn(domain: { id: string; path: string }, domainDir: string, source: string) {
  const vias: Via[] = ["tls", "local"];
  for (const format of ["raw", "qcow2"] as const) {
    const bare: number[] = [];
    const bareFlushed: number[] = [];
    const bareDown: number[] = [];
    const floor: Record<Via, number[]> = { tls: [], local: [] };
    const downFloor: Record<Via, number[]> = { tls: [], local: [] };
    const receiver: number[] = [];
    const up: Record<Via, number[]> = { tls: [], local: [] };
    const down: Record<Via, number[]> = { tls: [], local: [] };
    for (let i = 0; i < 3; i++) {
      const convert = await bareConvert(source, format, path.join(domainDir, `bare-${i}`));
      bare.push(convert.plain);
      bareFlushed.push(convert.flushed);
      for (const via of vias) {
        floor[via].push(await uploadFloor(source, via));
        downFloor[via].push(await downloadFloor(path.join(domainDir, "floor-down.raw"), via, path.dirname(source)));
      }
      receiver.push(await bareReceiver(source, path.join(domainDir, "bare-receiver.raw")));
      for (const via of vias) {
        const { elapsed, diskId } = await upload(source, format, domain.id, via);
        up[via].push(elapsed);
        if (via === vias[0]) {
          const leaf = await db.volume.findFirstOrThrow({ where: { diskId, leaf: true } });
          for (const reader of vias) down[reader].push(await download(diskId, path.join(domainDir, "downloaded.raw"), reader));
          sh("sync", []);
          const bareTarget = path.join(domainDir, "bare-down.raw");
          bareDown.push(await seconds(() => run("qemu-img", ["convert", "-f", format, "-O", "raw", volumePath(domain, diskId, leaf.id), bareTarget])));
          rmSync(bareTarget);
        }
        await finished(deleteDisk({ diskId }, systemActor));
      }
    }
    for (const via of vias) {
      const client = `curl alone into a Node server that discards it ${median(floor[via]).toFixed(2)} s, so at most ratio ${(median(bare) / median(floor[via])).toFixed(2)} here`;
      const how = via === "tls" ? `TLS; ${client}` : `the endpoint's local socket, no TLS; ${client}; a bare receiver writing it to the domain and syncing ${median(receiver).toFixed(2)} s`;
      const upRatio = median(bare) / median(up[via]);
      report(
        `upload of a 1 GiB image into a ${format} disk through the imageio endpoint (${via === "tls" ? "TLS" : "local socket"}, transfer start to disk ok), against qemu-img convert of the file onto the domain`,
        `${median(up[via]).toFixed(2)} s vs ${median(bare).toFixed(2)} s; ratio ${upRatio.toFixed(2)}; against the convert with its data flushed (${median(bareFlushed).toFixed(2)} s) ${(median(bareFlushed) / median(up[via])).toFixed(2)}; ${how} (medians of 3)`,
        "ratio >= 0.8",
        upRatio >= 0.8,
      );
      const downRatio = median(bareDown) / median(down[via]);
      report(
        `download of that ${format} disk's 1 GiB as raw guest data (${via === "tls" ? "TLS" : "local socket"}), against qemu-img convert to a raw file`,
        `${median(down[via]).toFixed(2)} s vs ${median(bareDown).toFixed(2)} s; ratio ${downRatio.toFixed(2)}; curl alone from a Node server that sends 1 GiB from memory ${median(downFloor[via]).toFixed(2)} s, so at most ratio ${(median(bareDown) / median(downFloor[via])).toFixed(2)} here (medians of 3)`,
        "ratio >= 0.8",
        downRatio >= 0.8,
      );
    }
  }
}

export async function runTransferBenchmark(dir: string) {
  await ensureBenchDataCenter();
  const fs = await makeDomainFilesystem(dir, "bench-transfer", 12);
  const domain = await addStorageDomain({ name: "bench-transfer", path: fs.path, storageType: fs.storageType, criticalSpaceGb: 0 }, systemActor);
  await startImageioServer();
  while (!imageioUnixSocket()) await new Promise((resolve) => setTimeout(resolve, 10));
  const source = path.join(dir, "transfer-1g.raw");
  sh("qemu-img", ["create", "-q", "-f", "raw", source, String(GiB)]);
  sh("qemu-io", ["-f", "raw", "-c", `write -P 0x4d 0 ${GiB}`, source]);
  await measureOn(domain, fs.path, source);
}
