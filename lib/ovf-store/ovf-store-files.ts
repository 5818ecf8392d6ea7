import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { removeFile, writeFileAtomic } from "@/lib/storage/driver";
import { ovfStoreDir, type DomainLocation } from "@/lib/storage/layout";

// The files of a data domain's OVF store: <domain>/ovf_store/<entity id>.ovf, each written whole
// (a reader never sees half of one) on a domain verified to be itself.

const SUFFIX = ".ovf";

export function storedOvfPath(domain: DomainLocation, entityId: string) {
  return path.join(ovfStoreDir(domain), `${entityId}${SUFFIX}`);
}

export async function readStoredOvf(domain: DomainLocation, entityId: string) {
  return readFile(storedOvfPath(domain, entityId), "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
}

/** Writes the descriptor unless the domain already holds exactly this one; true when it wrote. */
export async function writeStoredOvf(domain: DomainLocation, entityId: string, xml: string) {
  if ((await readStoredOvf(domain, entityId)) === xml) return false;
  await writeFileAtomic(storedOvfPath(domain, entityId), xml);
  return true;
}

export async function removeStoredOvf(domain: DomainLocation, entityId: string) {
  await removeFile(storedOvfPath(domain, entityId));
}

/** The entity ids the store holds descriptors for. */
export async function storedOvfIds(domain: DomainLocation) {
  const names = await readdir(ovfStoreDir(domain)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  return names.filter((name) => name.endsWith(SUFFIX)).map((name) => name.slice(0, -SUFFIX.length));
}
