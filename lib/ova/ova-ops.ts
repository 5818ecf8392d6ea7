import "server-only";
import { execFile, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, open, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import type { OvaOp, PackOvaOp, UnpackOvaDiskOp } from "./ova-steps";
import { convertImage } from "@/lib/storage/qemu-img";
import { importUploadedImage, prepareUploadFile, removeVolume } from "@/lib/storage/driver";
import { verifyDomainOfFile } from "@/lib/storage/domain-identity";
import { OVF_MEMBER } from "./ova-paths";

// The steps of OVA export and import. An .ova is a tar: the OVF first, then each disk as a
// standalone qcow2 named as the OVF's File href. Packing stages the members beside the target
// (`<file>.parts/`) and renames the finished tar into place, so no half-written .ova ever has
// the final name.

const execFileAsync = promisify(execFile);

export async function executeOvaOp(op: OvaOp, onProgress: (percent: number) => void, signal?: AbortSignal) {
  if (op.kind === "pack-ova") return packOva(op, onProgress, signal);
  return unpackDisk(op, onProgress, signal);
}

const staging = (file: string) => `${file}.parts`;
const partial = (file: string) => `${file}.partial`;

async function packOva(op: PackOvaOp, onProgress: (percent: number) => void, signal?: AbortSignal) {
  const parts = staging(op.path);
  await rm(parts, { recursive: true, force: true });
  await mkdir(parts);
  await writeFile(path.join(parts, OVF_MEMBER), op.ovf);
  for (const [i, disk] of op.disks.entries()) {
    await verifyDomainOfFile(disk.source.path);
    await mkdir(path.dirname(path.join(parts, disk.member)), { recursive: true });
    // The whole chain collapsed into one qcow2 of its own: the OVA needs nothing else.
    await convertImage({
      source: disk.source.path,
      sourceFormat: disk.source.format,
      target: path.join(parts, disk.member),
      targetFormat: "qcow2",
      preallocated: false,
      signal,
      onProgress: (percent) => onProgress(((i + percent / 100) / op.disks.length) * 95),
    });
  }
  await execFileAsync("tar", ["-cf", partial(op.path), "-C", parts, OVF_MEMBER, ...op.disks.map((d) => d.member)], { signal });
  const handle = await open(partial(op.path), "r");
  await handle.sync();
  await handle.close();
  await rename(partial(op.path), op.path);
  await rm(parts, { recursive: true, force: true });
}

async function unpackDisk(op: UnpackOvaDiskOp, onProgress: (percent: number) => void, signal?: AbortSignal) {
  const scratch = `${op.path}.upload`;
  await prepareUploadFile(scratch, 0);
  // One member out of the tar, streamed into the domain beside the volume it becomes.
  const tar = spawn("tar", ["-xOf", op.ova, op.member], { stdio: ["ignore", "pipe", "pipe"], signal });
  let stderr = "";
  tar.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  // Settles on close, or on an error (a kill when the job is cancelled): never left unhandled.
  const exited = new Promise<number | null>((resolve) => {
    tar.on("error", () => resolve(null));
    tar.on("close", resolve);
  });
  await pipeline(tar.stdout, createWriteStream(scratch, { flags: "r+" })).catch(async (error) => {
    await exited;
    throw error;
  });
  const code = await exited;
  signal?.throwIfAborted();
  if (code !== 0) throw new Error(`Cannot read ${op.member} from ${op.ova}: ${stderr.trim() || `tar exited ${code}`}`);
  onProgress(50);
  await importUploadedImage({ path: scratch, format: "probe" }, { path: op.path, format: op.format, preallocated: op.preallocated, meta: op.meta }, (percent) => onProgress(50 + percent / 2), signal);
}

export async function undoOvaOp(op: OvaOp) {
  if (op.kind === "pack-ova") {
    await rm(staging(op.path), { recursive: true, force: true });
    await rm(partial(op.path), { force: true });
    await rm(op.path, { force: true });
    return;
  }
  await verifyDomainOfFile(op.path);
  await rm(`${op.path}.upload`, { force: true });
  await removeVolume(op.path);
}
