import { randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/actor";
import { addStorageDomain } from "@/lib/storage-domains/manage-storage-domains";
import { waitForJob } from "@/lib/jobs/run-job";
import { volumePath } from "@/lib/storage/layout";
import { makeDomainFilesystem } from "@/lib/storage/loop-mounts";

// Shared helpers of the integration tests: real directories, real images, a real database.

export const admin: Actor = { name: "admin@internal", permissions: [{ role: "SuperUser", objectType: "system", objectId: null }] };
export { GiB, MiB } from "@/lib/schemas/common";

export function testDir() {
  return process.env.TEST_DIR!;
}

export async function createDataCenter() {
  const dc = await db.dataCenter.create({ data: { id: randomUUID(), name: "Default" } });
  await db.cluster.create({ data: { id: randomUUID(), name: "Default", dataCenterId: dc.id } });
  return dc;
}

/**
 * A new domain on a filesystem of its own of `sizeGiB` (loop-mounted as root, a directory
 * elsewhere); the setup file unmounts it after the test file.
 */
export async function createDomain(name: string, options: { type?: "data" | "export"; sizeGiB?: number; criticalSpaceGb?: number } = {}) {
  const fs = await makeDomainFilesystem(testDir(), name, options.sizeGiB ?? 8);
  return addStorageDomain({ name, type: options.type ?? "data", path: fs.path, storageType: fs.storageType, criticalSpaceGb: options.criticalSpaceGb ?? 0 }, admin);
}

/** A data center with `count` data domains of different sizes (8, 12, 16 … GiB) and an export domain. */
export async function createDomains(count = 3) {
  await createDataCenter();
  const data = [];
  for (let i = 1; i <= count; i++) data.push(await createDomain(`data${i}`, { sizeGiB: 4 + 4 * i }));
  const exportDomain = await createDomain("export1", { type: "export" });
  return { data, exportDomain };
}

export async function finished<T extends { job: { id: string } }>(promise: Promise<T>) {
  const result = await promise;
  const job = await waitForJob(result.job.id);
  if (job.status !== "finished") throw new Error(`job ${job.description} ended ${job.status}: ${job.error}`);
  return result;
}

export interface QemuInfo {
  format: string;
  "virtual-size": number;
  "actual-size": number;
  "cluster-size"?: number;
  "backing-filename"?: string;
  "full-backing-filename"?: string;
  filename: string;
}

export function qemuInfo(file: string): QemuInfo {
  return JSON.parse(execFileSync("qemu-img", ["info", "--output=json", "-U", file], { encoding: "utf8" }));
}

export function qemuChain(file: string): QemuInfo[] {
  return JSON.parse(execFileSync("qemu-img", ["info", "--output=json", "--backing-chain", "-U", file], { encoding: "utf8" }));
}

/** The absolute path of an image's backing file, as qemu resolves it. */
export function backingOf(file: string) {
  const backing = qemuInfo(file)["full-backing-filename"];
  return backing ? path.resolve(backing) : null;
}

/** Writes a recognisable pattern into an image through qemu-io (real guest-visible data). */
export function writePattern(file: string, format: string, pattern: number, offset: number, length: number) {
  execFileSync("qemu-io", ["-f", format, "-c", `write -P ${pattern} ${offset} ${length}`, file], { stdio: "ignore" });
}

/** True when the guest would read `pattern` there, through the whole backing chain. */
export function readsPattern(file: string, pattern: number, offset: number, length: number) {
  try {
    execFileSync("qemu-io", ["-f", qemuInfo(file).format, "-r", "-U", "-c", `read -P ${pattern} ${offset} ${length}`, file], { encoding: "utf8" });
    return true;
  } catch {
    return false;
  }
}

/** The leaf volume file of a disk, and the domain it sits on, from the database. */
export async function leafOf(diskId: string) {
  const volume = await db.volume.findFirstOrThrow({ where: { diskId, leaf: true }, include: { storageDomain: true } });
  return { volume, domain: volume.storageDomain, path: volumePath(volume.storageDomain, diskId, volume.id) };
}

/** Every volume file under a domain's images directory. */
export function filesOn(domain: { id: string; path: string }) {
  const images = path.join(domain.path, domain.id, "images");
  if (!existsSync(images) || !statSync(images).isDirectory()) return [];
  return readdirSync(images, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((img) => readdirSync(path.join(images, img.name)).filter((f) => !f.includes(".")).map((f) => path.join(images, img.name, f)));
}
