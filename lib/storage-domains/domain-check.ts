import "server-only";
import { randomBytes } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { domainSpace } from "@/lib/storage/driver";
import { metadataPath, verifyDomainIdentity } from "@/lib/storage/domain-identity";
import { loopBackingFile, mountHolding, readMounts } from "@/lib/storage/mounts";
import { requiresMount } from "./domain-health";

// One look at one domain, as VDSM's domain monitor takes it: the mount is there, the metadata
// names the domain (timed: the read delay), a small file can be written and read back, and
// statfs answers. Bounded by a timeout, so a hung export is reported rather than waited on.

export interface DomainCheck {
  ok: boolean;
  /** Why it failed (null when ok). */
  error: string | null;
  readDelayMs: number | null;
  totalBytes: number;
  freeBytes: number;
  fsType: string | null;
  device: string | null;
}

type CheckedDomain = { id: string; path: string; storageType: string };

async function probe(domain: CheckedDomain) {
  const root = path.join(domain.path, domain.id);
  await verifyDomainIdentity({ id: domain.id, path: domain.path, requireMount: requiresMount(domain) });
  const started = performance.now();
  await readFile(metadataPath(root));
  const readDelayMs = performance.now() - started;
  // A file of this check's own: instances on one domain probe it side by side, and one shared
  // probe file made one instance read another's token back and fail a healthy domain.
  const token = randomBytes(8).toString("hex");
  const probeFile = path.join(root, "dom_md", `probe.${token}`);
  await writeFile(probeFile, token);
  try {
    if ((await readFile(probeFile, "utf8")) !== token) throw new Error(`${probeFile} did not read back what was written`);
  } finally {
    await rm(probeFile, { force: true });
  }
  const space = await domainSpace(domain);
  const mount = mountHolding(await readMounts(), domain.path);
  const backing = mount && (await loopBackingFile(mount.source));
  return { readDelayMs, ...space, fsType: mount?.fsType ?? null, device: mount ? (backing ? `${mount.source} (${backing})` : mount.source) : null };
}

export async function checkDomain(domain: CheckedDomain, timeoutMs: number): Promise<DomainCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const result = await Promise.race([probe(domain), timeout]);
    return { ok: true, error: null, ...result };
  } catch (error) {
    // A domain unmounted in the middle of the probe fails with the bare ENOENT of whatever step
    // came next: a second look says what happened to it ("not a mount point").
    const why = await verifyDomainIdentity({ id: domain.id, path: domain.path, requireMount: requiresMount(domain) }).then(
      () => (error as Error).message,
      (again: Error) => again.message,
    );
    return { ok: false, error: why, readDelayMs: null, totalBytes: 0, freeBytes: 0, fsType: null, device: null };
  } finally {
    clearTimeout(timer);
  }
}
