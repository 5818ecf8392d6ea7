import "server-only";
import pLimit from "p-limit";
import { db } from "@/lib/db";
import { processWide } from "@/lib/process-wide";
import type { JobPlan } from "@/lib/jobs/plan";
import { entitiesOnDomain, entityOvfs, ownersOfDisks, type EntityIds } from "./entity-ovf";
import { readStoredOvf, removeStoredOvf, storedOvfIds, writeStoredOvf } from "./ovf-store-files";

// Keeping each data domain's OVF store in line with the database: after every change to a VM,
// template or floating disk (a job's commit, an edit), its descriptor is written to every active
// domain holding one of its volumes and removed from the others; a domain going into maintenance
// or being detached is brought fully in line first. Updates run one at a time in a process, so a
// later state is never overwritten by an earlier one. After a job they run in the background (as
// the engine's OVF updater does): a job is done when its commit is, not when its store is; what
// jobs ending close together touched is gathered and written in one update (200 VMs made at once
// are a few updates, not 200).

type DomainRow = Awaited<ReturnType<typeof db.storageDomain.findMany>>[number];

const queue = processWide("ovf-store-queue", () => pLimit(1));
/** How long after a job's commit its store update waits for others to join it. */
const GATHER_MS = 300;

const pending = processWide("ovf-store-pending", () => ({
  ids: { vms: new Set<string>(), templates: new Set<string>(), disks: new Set<string>() },
  timer: null as ReturnType<typeof setTimeout> | null,
  running: new Set<Promise<unknown>>(),
}));

function flushPending() {
  if (pending.timer) clearTimeout(pending.timer);
  pending.timer = null;
  const { vms, templates, disks } = pending.ids;
  pending.ids = { vms: new Set(), templates: new Set(), disks: new Set() };
  const update = updateOvfs({ vms: [...vms], templates: [...templates], disks: [...disks] }).catch((error) => console.error("OVF store update after jobs failed", error));
  pending.running.add(update);
  void update.finally(() => pending.running.delete(update));
}

function updateSoon(ids: EntityIds) {
  for (const key of ["vms", "templates", "disks"] as const) for (const id of ids[key]) pending.ids[key].add(id);
  pending.timer ??= setTimeout(flushPending, GATHER_MS);
}

/** Resolves once every update asked for so far has been written (tests read the store after it). */
export async function ovfStoreSettled() {
  if (pending.timer) flushPending();
  while (pending.running.size) await Promise.allSettled([...pending.running]);
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

/** Same, never failing the change that asked for it: a store left behind is caught up by the next full update. */
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
export async function updateOvfsAfterJob(plan: Pick<JobPlan, "created" | "locked" | "shared" | "commit">, committed: boolean) {
  if (!committed) return; // a rollback puts back what was: the store already describes it
  const diskIds = [...plan.created.disks, ...Object.keys(plan.locked.disks)];
  const owners = await ownersOfDisks(diskIds);
  // Every disk the job touched is listed as a disk too: one that stopped floating loses its own descriptor.
  updateSoon({
    vms: [...plan.created.vms, ...Object.keys(plan.locked.vms), ...Object.keys(plan.shared?.vms ?? {}), ...plan.commit.deleteVms, ...owners.vms],
    templates: [...plan.created.templates, ...Object.keys(plan.locked.templates), ...plan.commit.deleteTemplates, ...owners.templates],
    disks: [...diskIds, ...plan.commit.deleteDisks],
  });
}
