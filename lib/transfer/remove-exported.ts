import "server-only";
import { readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events";
import { domainScopes, requirePermission } from "@/lib/auth/authorize";
import { removeVolume } from "@/lib/storage/driver";
import { ovfDir, volumePath } from "@/lib/storage/layout";
import { requireDomainsVerified } from "@/lib/storage-domains/domain-health";
import { getExported } from "./exported";
import { parseVmOrTemplateOvf } from "./ovf";

// Deleting a VM or template from an export domain. The OVF folder is first renamed to a hidden
// ".<id>.removing" (one atomic step: the entry is gone from every listing), then its disk images
// and the folder are removed. A crash in between is rolled forward by finishRemovals, which the
// monitor runs on every export domain round.

const REMOVING = /^\.([\w-]+)\.removing$/;

export async function removeExported(input: { storageDomainId: string; kind: "vms" | "templates"; id: string }, actor: Actor) {
  const { domain, ovf } = await getExported(input.storageDomainId, input.kind, input.id);
  const what = `${input.kind === "vms" ? "VM" : "template"} ${ovf.name}`;
  requirePermission(actor, "manage_storage", await domainScopes(domain.id), `remove ${what} from export domain ${domain.name}`);
  if (domain.status !== "active" && domain.status !== "maintenance") throw new AppError("STORAGE_DOMAIN_INACTIVE", `Cannot remove ${what}. Export domain ${domain.name} is ${domain.status}.`);
  await requireDomainsVerified([domain.id], `remove ${what}`);
  const dir = ovfDir(domain, input.kind);
  await rename(path.join(dir, ovf.id), path.join(dir, `.${ovf.id}.removing`));
  await finishRemovals(domain);
  await recordEvent(db, actor, { action: "remove_exported", message: `${what} removed from export domain ${domain.name} with its ${ovf.disks.length} disk image(s).`, objectType: "storage_domain", objectId: domain.id });
}

/** Removes the disk images and folders of entries renamed for removal; returns how many it finished. */
export async function finishRemovals(domain: { id: string; path: string }) {
  let finished = 0;
  for (const kind of ["vms", "templates"] as const) {
    const dir = ovfDir(domain, kind);
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const id = REMOVING.exec(name)?.[1];
      if (!id) continue;
      const xml = await readFile(path.join(dir, name, `${id}.ovf`), "utf8").catch(() => null);
      for (const disk of xml ? parseVmOrTemplateOvf(xml).disks : []) await removeVolume(volumePath(domain, disk.diskId, disk.volumeId));
      await rm(path.join(dir, name), { recursive: true, force: true });
      finished++;
    }
  }
  return finished;
}
