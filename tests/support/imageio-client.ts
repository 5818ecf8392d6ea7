import { execFileSync } from "node:child_process";
import { open } from "node:fs/promises";

// An imageio client as ovirt-imageio's client library (which the SDK's upload_disk.py and
// Ansible's ovirt_disk use) talks to the data endpoint with format=raw: OPTIONS first; an upload
// sends each data extent of the image's guest view as PUTs with Content-Range and ?flush=n, each
// zero extent as PATCH {"op":"zero"}, and ends with PATCH {"op":"flush"}; a download asks for the
// extents and reads the data ones with Range GETs. Its requests are spread over as many
// connections as OPTIONS allows (max_writers, max_readers), 4 at most, as that client does.
// `send` reaches the endpoint however the test wants (the handler itself, or HTTP).

export type Send = (method: string, path: string, init?: { headers?: Record<string, string>; body?: Uint8Array | string | ReadableStream<Uint8Array> }) => Promise<Response>;

const CHUNK = 8 << 20;
/** imageio's client's default max_workers. */
const WORKERS = 4;

/** Runs the requests on up to `workers` at once, each worker taking the next one as it is free. */
async function onWorkers(requests: (() => Promise<void>)[], workers: number) {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) await requests[next++]();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, requests.length)) }, worker));
}

interface MapExtent {
  start: number;
  length: number;
  data: boolean;
  zero: boolean;
}

function guestExtents(file: string, format: string): MapExtent[] {
  return JSON.parse(execFileSync("qemu-img", ["map", "--output=json", "-f", format, file], { encoding: "utf8" }));
}

async function expectOk(response: Response, what: string) {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return response;
}

/** Uploads an image's guest data; `rawCopy` is the same data as a raw file (qemu-nbd's view). Returns the requests sent. */
export async function uploadGuestData(send: Send, source: { file: string; format: string; rawCopy: string }) {
  const log: string[] = [];
  const options = await (await expectOk(await send("OPTIONS", ""), "OPTIONS")).json();
  log.push("OPTIONS");
  if (!options.features.includes("zero") || !options.features.includes("flush")) throw new Error(`features: ${options.features}`);
  const raw = await open(source.rawCopy, "r");
  const requests: (() => Promise<void>)[] = [];
  for (const extent of guestExtents(source.file, source.format)) {
    if (extent.zero) {
      requests.push(async () => {
        await expectOk(await send("PATCH", "", { headers: { "Content-Type": "application/json" }, body: JSON.stringify({ op: "zero", offset: extent.start, size: extent.length, flush: false }) }), "PATCH zero");
        log.push("PATCH zero");
      });
      continue;
    }
    for (let offset = extent.start; offset < extent.start + extent.length; offset += CHUNK) {
      const length = Math.min(CHUNK, extent.start + extent.length - offset);
      requests.push(async () => {
        const buffer = Buffer.alloc(length);
        await raw.read(buffer, 0, length, offset);
        const range = `bytes ${offset}-${offset + length - 1}/*`;
        await expectOk(await send("PUT", "?flush=n", { headers: { "Content-Range": range, "Content-Length": String(length) }, body: buffer }), `PUT ${range}`);
        log.push("PUT");
      });
    }
  }
  try {
    await onWorkers(requests, Math.min(WORKERS, options.max_writers));
  } finally {
    await raw.close();
  }
  await expectOk(await send("PATCH", "", { headers: { "Content-Type": "application/json" }, body: JSON.stringify({ op: "flush" }) }), "PATCH flush");
  log.push("PATCH flush");
  return log;
}

/** Downloads into a sparse local file: only the extents that hold data are read. */
export async function downloadTo(send: Send, target: string, size: number) {
  const options = await (await expectOk(await send("OPTIONS", ""), "OPTIONS")).json();
  const extents = (await (await expectOk(await send("GET", "/extents?context=zero"), "extents")).json()) as { start: number; length: number; zero: boolean }[];
  const file = await open(target, "w");
  let read = 0;
  const requests: (() => Promise<void>)[] = [];
  for (const extent of extents.filter((e) => !e.zero)) {
    for (let offset = extent.start; offset < extent.start + extent.length; offset += CHUNK) {
      const end = Math.min(offset + CHUNK, extent.start + extent.length) - 1;
      requests.push(async () => {
        const response = await expectOk(await send("GET", "", { headers: { Range: `bytes=${offset}-${end}` } }), "GET");
        if (response.status !== 206) throw new Error(`GET with Range answered ${response.status}`);
        // imageio's client reads exactly Content-Length bytes of a 206; a chunked reply breaks it.
        if (response.headers.get("content-length") !== String(end - offset + 1)) throw new Error(`GET with Range: Content-Length ${response.headers.get("content-length")}`);
        const data = Buffer.from(await response.arrayBuffer());
        await file.write(data, 0, data.length, offset);
        read += data.length;
      });
    }
  }
  try {
    await file.truncate(size);
    await onWorkers(requests, Math.min(WORKERS, options.max_readers));
  } finally {
    await file.close();
  }
  return { extents, read };
}

/**
 * A download of one volume's own data onto a backing file the client already has, as imageio's
 * client does for download_disk_snapshot.py --backing-file: a new qcow2 over the backing, the
 * data extents written, zero extents that are no holes written as zeros (they hide the backing's
 * data), holes left unallocated.
 */
export async function downloadOntoBacking(send: Send, target: string, backing: string, size: number) {
  const extents = (await (await expectOk(await send("GET", "/extents?context=zero"), "extents")).json()) as { start: number; length: number; zero: boolean; hole: boolean }[];
  execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", "-b", backing, "-F", "qcow2", target, String(size)]);
  const writes: string[] = [];
  for (const extent of extents) {
    if (extent.zero) {
      if (!extent.hole) writes.push("-c", `write -z ${extent.start} ${extent.length}`);
      continue;
    }
    const response = await expectOk(await send("GET", "", { headers: { Range: `bytes=${extent.start}-${extent.start + extent.length - 1}` } }), "GET");
    const piece = `${target}.${extent.start}`;
    const file = await open(piece, "w");
    await file.write(Buffer.from(await response.arrayBuffer()));
    await file.close();
    writes.push("-c", `write -s ${piece} ${extent.start} ${extent.length}`);
  }
  if (writes.length) execFileSync("qemu-io", ["-f", "qcow2", ...writes, target], { stdio: "ignore" });
  return extents;
}
