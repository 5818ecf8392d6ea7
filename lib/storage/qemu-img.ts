import "server-only";
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { env } from "@/lib/env";

// Thin typed wrapper over the qemu-img CLI: the only code that builds its command lines.

const execFileAsync = promisify(execFile);

export type ImageFormat = "qcow2" | "raw";
export interface Backing {
  /** Absolute path; stored in the overlay relative to it so a domain directory can be relocated. */
  path: string;
  format: ImageFormat;
}

export interface ImageInfo {
  format: ImageFormat;
  virtualSize: number;
  actualSize: number;
  backingFile: string | null;
}

async function qemuImg(args: string[]) {
  try {
    const { stdout } = await execFileAsync(env.QEMU_IMG, args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`qemu-img ${args[0]} failed: ${stderr || (error as Error).message}`);
  }
}

export async function imageInfo(file: string): Promise<ImageInfo> {
  const raw = JSON.parse(await qemuImg(["info", "--output=json", "-U", file]));
  return {
    format: raw.format,
    virtualSize: raw["virtual-size"],
    actualSize: raw["actual-size"] ?? 0,
    backingFile: raw["full-backing-filename"] ?? raw["backing-filename"] ?? null,
  };
}

// falloc reserves the blocks without writing zeros: seconds instead of minutes for large disks.
function preallocationOption(preallocated: boolean) {
  return preallocated ? ["-o", "preallocation=falloc"] : [];
}

export async function createImage(options: {
  file: string;
  format: ImageFormat;
  sizeBytes: number;
  preallocated: boolean;
  backing?: { relativePath: string; format: ImageFormat };
}) {
  const { file, format, sizeBytes, preallocated, backing } = options;
  const args = ["create", "-q", "-f", format, ...preallocationOption(preallocated)];
  if (backing) args.push("-b", backing.relativePath, "-F", backing.format);
  args.push(file, String(sizeBytes));
  await qemuImg(args);
}

/**
 * How every copy runs, chosen by measurement (README, "The copy engine"): 4 coroutines, in-order
 * writes. On domains that write through to their device, more requests in flight (the default 8,
 * or 16 with -W) only made the copy slower here. The host page cache stays on (O_DIRECT was
 * slower on every domain measured); the job flushes the copy itself (replaced-volumes.ts).
 */
export const COPY_FLAGS = ["-m", "4"];

/**
 * Sparse-aware copy with progress. With `backing`, only the clusters of the source's top
 * layer that differ from the backing chain are written (a volume of a chain keeps its shape);
 * without it the whole chain is collapsed into one independent image.
 */
export function convertImage(options: {
  source: string;
  sourceFormat: ImageFormat;
  target: string;
  targetFormat: ImageFormat;
  preallocated: boolean;
  backing?: { relativePath: string; format: ImageFormat };
  onProgress?: (percent: number) => void;
  /** Aborting kills the copy (a cancelled job). */
  signal?: AbortSignal;
}): Promise<void> {
  const { source, sourceFormat, target, targetFormat, preallocated, backing, onProgress, signal } = options;
  const args = ["convert", "-p", ...COPY_FLAGS, "-f", sourceFormat, "-O", targetFormat, ...preallocationOption(preallocated)];
  if (backing) args.push("-B", backing.relativePath, "-F", backing.format);
  args.push(source, target);
  return new Promise((resolve, reject) => {
    const child = spawn(env.QEMU_IMG, args, { stdio: ["ignore", "pipe", "pipe"], signal });
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      // qemu-img -p writes "    (42.17/100%)\r" repeatedly.
      const matches = [...chunk.matchAll(/\((\d+(?:\.\d+)?)\/100%\)/g)];
      const last = matches.at(-1);
      if (last && onProgress) onProgress(Number(last[1]));
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const failed = (error: Error) => reject(signal?.aborted && signal.reason instanceof Error ? signal.reason : error);
    child.on("error", failed);
    child.on("close", (code) => (code === 0 ? resolve() : failed(new Error(`qemu-img convert failed (${code}): ${stderr.trim()}`))));
  });
}

/**
 * Points an overlay at another backing file. `copyData` first copies into the overlay whatever
 * the old backing provided that the new one does not, so what the overlay reads is unchanged
 * at every moment; without it only the reference changes (both must hold the same data).
 */
export async function rebaseImage(file: string, backing: { relativePath: string; format: ImageFormat } | null, copyData: boolean) {
  const target = backing ? ["-b", backing.relativePath, "-F", backing.format] : ["-b", ""];
  await qemuImg(["rebase", ...(copyData ? [] : ["-u"]), ...target, file]);
}

/** Writes an overlay's data into its backing file (the overlay stays, emptied of nothing it needs). */
export async function commitImage(file: string, format: ImageFormat) {
  await qemuImg(["commit", "-q", "-f", format, file]);
}

/**
 * `qemu-img check`: null when the image is sound (leaked clusters only waste space), otherwise
 * what is wrong. Raw images have nothing to check.
 */
export async function checkImage(file: string, format: ImageFormat): Promise<string | null> {
  if (format === "raw") return null;
  try {
    await execFileAsync(env.QEMU_IMG, ["check", "-q", "-U", "-f", format, file]);
    return null;
  } catch (error) {
    const { code, stderr } = error as { code?: number; stderr?: string };
    if (code === 3) return null;
    return (stderr?.trim() || (error as Error).message).split("\n").slice(0, 3).join(" ");
  }
}

/** Grows an image to `sizeBytes` (an uploaded image smaller than its disk). */
export async function resizeImage(file: string, format: ImageFormat, sizeBytes: number) {
  await qemuImg(["resize", "-q", "-f", format, file, String(sizeBytes)]);
}

export interface Extent {
  start: number;
  length: number;
  zero: boolean;
  hole: boolean;
}

/** What reads as zeros and what holds data, as imageio's extents report it (`qemu-img map`). */
export async function mapImage(file: string, format: ImageFormat): Promise<Extent[]> {
  return (await mapChain(file, format)).map((e) => ({ start: e.start, length: e.length, zero: e.zero, hole: !e.data }));
}

/** A range of a chain's guest data: which file of the chain holds it (depth 0 is the top) and where in it; no offset for data stored compressed. */
export interface ChainExtent {
  start: number;
  length: number;
  depth: number;
  present: boolean;
  zero: boolean;
  data: boolean;
  offset?: number;
}

/**
 * Where every range of a chain's guest data lies (`qemu-img map`, which follows the chain).
 * `shallow`: the top's own data alone, its backing cut off; what it does not hold is not present.
 */
export async function mapChain(file: string, format: ImageFormat, { shallow = false } = {}): Promise<ChainExtent[]> {
  const image = shallow && format === "qcow2" ? [withoutBacking(file)] : ["-f", format, file];
  return JSON.parse(await qemuImg(["map", "--output=json", "-U", ...image]));
}

/** A qcow2 opened as its own data only (qemu's json: filename, which options strings cannot spell: backing null). */
function withoutBacking(file: string) {
  return `json:${JSON.stringify({ driver: "qcow2", backing: null, file: { driver: "file", filename: file } })}`;
}

/** The files of a chain, top first, as qemu-img opens them (`shallow`: the top alone); `dataFile` when a qcow2 keeps its data in another file. */
export async function chainFiles(file: string, format: ImageFormat, { shallow = false } = {}): Promise<{ filename: string; format: string; dataFile: boolean }[]> {
  type Info = { filename: string; format: string; "format-specific"?: { data?: { "data-file"?: string } } };
  const found = JSON.parse(await qemuImg(["info", ...(shallow ? [] : ["--backing-chain"]), "--output=json", "-U", "-f", format, file])) as Info | Info[];
  const chain = Array.isArray(found) ? found : [found];
  return chain.map((image) => ({ filename: image.filename, format: image.format, dataFile: !!image["format-specific"]?.data?.["data-file"] }));
}
