import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

// The images behind the API, checked on disk: <domain path>/<domain id>/images/<disk id>/<volume id>.

export interface DomainOnDisk {
  id: string;
  path: string;
}

export interface ImageInfo {
  format: string;
  "virtual-size": number;
  "full-backing-filename"?: string;
}

export function imagePath(domain: DomainOnDisk, diskId: string, volumeId: string) {
  return path.join(domain.path, domain.id, "images", diskId, volumeId);
}

export function qemuInfo(file: string): ImageInfo {
  return JSON.parse(execFileSync("qemu-img", ["info", "--output=json", "-U", file], { encoding: "utf8" }));
}

/** The absolute path of an image's backing file, or null for a standalone image. */
export function backingOf(file: string) {
  const backing = qemuInfo(file)["full-backing-filename"];
  return backing ? path.resolve(backing) : null;
}

/** Volume files (not .meta/.lease) of a disk's image directory on a domain. */
export function volumeFiles(domain: DomainOnDisk, diskId: string) {
  const dir = path.join(domain.path, domain.id, "images", diskId);
  return existsSync(dir) ? readdirSync(dir).filter((f) => !f.includes(".")).map((f) => path.join(dir, f)) : [];
}

/** Fills part of an image with real data, so copying it takes measurable time. */
export function writeData(file: string, format: string, megabytes: number) {
  execFileSync("qemu-io", ["-f", format, "-c", `write -P 0x5a 0 ${megabytes}M`, file], { stdio: "ignore" });
}
