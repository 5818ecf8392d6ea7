import "server-only";
import pLimit from "p-limit";
import { db } from "@/lib/db";
import { processWide } from "@/lib/process-wide";
import { entitiesOnDomain, entityOvfs, ownersOfDisks, type EntityIds } from "./entity-ovf";
import { readStoredOvf, removeStoredOvf, storedOvfIds, writeStoredOvf } from "./ovf-store-files";

// Keeping each data domain's OVF store in line with the database: after every change to a VM,
// template or floating disk (a job's commit, an edit), its descriptor is written to every active
// domain holding one of its volumes and removed from the others; a domain going into maintenance
// or being detached is brought fully in line first. Updates run one at a time in a process, so a
// later state is never overwritten by an earlier one. After a job they run in the background (as
// the engine's OVF updater does): a job is done when its commit is, not when its store is.

type DomainRow = Awaited<ReturnType<typeof db.storageDomain.findMany>>[number];

const queue = processWide("ovf-store-queue", () => pLimit(1));
const background = processWide("ovf-store-background", () => new Set<Promise<unknown>>());

/** Resolves once every update started so far has ended (tests read the store after it). */
export async function ovfStoreSettled() {
  while (background.size) await Promise.allSettled([...background]);
}


/** Writes or removes the descriptors of these objects on every active data domain. */
export function updateOvfs(ids: EntityIds) {
  const all = [...new Set([...ids.vms, ...ids.templates, ...ids.disks])];
  if (!all.length) return Promise.resolve();
  return queue(async () => {
    const [ovfs, domains] = await Promise.all([entityOvfs(ids), db.storageDomain.findMany({ where: { type: "data", status: "active" } })]);
    for (const domain of domains) {
      const belongs = ovfs.filter((o) => o.domainIds.has(domain.id));
      const stale = [];
      for (const id of all) if (!belongs.some((o) => o.id === id) && (await readStoredOvf(domain, id)) !== null) stale.push(id);
      try {
        for (const ovf of belongs) await writeStoredOvf(domain, ovf.id, ovf.xml);
        for (const id of stale) await removeStoredOvf(domain, id);
      } catch (error) {
        // Every write verifies its domain first; one that does not verify is caught up by its next full update.
        console.error(`OVF store of storage domain ${domain.name} not updated`, error);
      }
    }
  });
}

/** Same, never failing the change that asked for it: a store left behind is caught up at maintenance. */
export function updateOvfsQuietly(ids: EntityIds) {
  return updateOvfs(ids).catch((error) => console.error("OVF store update failed", error));
}

/** Brings one verified domain's whole store in line: every object with a volume there, nothing else. */
export function syncOvfStore(domain: DomainRow) {
  return queue(async () => {
    const ids = await entitiesOnDomain(domain.id);
    const ovfs = await entityOvfs(ids);
    let written = 0;
    for (const ovf of ovfs) if (await writeStoredOvf(domain, ovf.id, ovf.xml)) written++;
    const keep = new Set(ovfs.map((o) => o.id));
    const stale = (await storedOvfIds(domain)).filter((id) => !keep.has(id));
    for (const id of stale) await removeStoredOvf(domain, id);
    return { entities: ovfs.length, written, removed: stale.length };
  });
}

/** Job-end hook: a committed job's VMs, templates and disks get their descriptors rewritten. */
export async function updateOvfsAfterJob(plan: {
  created: EntityIds;
  locked: { vms: Record<string, string>; templates: Record<string, string>; disks: Record<string, string> };
  shared?: { vms: Record<string, string> };
  commit: { deleteVms: string[]; deleteTemplates: string[]; deleteDisks: string[] };
}, committed: boolean) {
  if (!committed) return; // a rollback puts back what was: the store already describes it
  const update = (async () => {
    const diskIds = [...plan.created.disks, ...Object.keys(plan.locked.disks)];
    const owners = await ownersOfDisks(diskIds);
    // Every disk the job touched is listed as a disk too: one that stopped floating loses its own descriptor.
    await updateOvfs({
      vms: [...plan.created.vms, ...Object.keys(plan.locked.vms), ...Object.keys(plan.shared?.vms ?? {}), ...plan.commit.deleteVms, ...owners.vms],
      templates: [...plan.created.templates, ...Object.keys(plan.locked.templates), ...plan.commit.deleteTemplates, ...owners.templates],
      disks: [...diskIds, ...plan.commit.deleteDisks],
    });
  })().catch((error) => console.error("OVF store update after a job failed", error));
  background.add(update);
  void update.finally(() => background.delete(update));
}
