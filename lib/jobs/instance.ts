import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { processWide } from "@/lib/process-wide";

// This process as a portal instance: who holds a job's lease. Several instances may share one
// database; those on one machine form one host (they share its mounts and its VMs' QEMUs).

export const instance = processWide("instance", () => ({ id: randomUUID(), host: env.PORTAL_HOST ?? os.hostname(), pid: process.pid }));

const registration = processWide("registration", () => ({ done: null as Promise<void> | null }));

/** Registers this instance before it first holds a job, so others can tell when it died. */
export function ensureRegistered() {
  registration.done ??= registerInstance();
  return registration.done;
}

/** Records this instance, or renews its heartbeat, so others can tell it is alive. */
export async function registerInstance() {
  await db.portalInstance.upsert({
    where: { id: instance.id },
    create: { id: instance.id, host: instance.host, pid: instance.pid },
    update: { heartbeatAt: new Date() },
  });
}

/** A process on this host with that pid exists (an instance elsewhere cannot be checked this way). */
export function processAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Instances of this host other than this one whose process is gone: their leases need not be waited out. */
export async function deadInstancesOnThisHost() {
  const rows = await db.portalInstance.findMany({ where: { host: instance.host, id: { not: instance.id } } });
  return rows.filter((row) => !processAlive(row.pid)).map((row) => row.id);
}

/** Another instance on this host that is alive (its process exists and it renewed its heartbeat lately). */
export async function otherLiveInstanceOnThisHost() {
  const since = new Date(Date.now() - leaseMs());
  const rows = await db.portalInstance.findMany({ where: { host: instance.host, id: { not: instance.id }, heartbeatAt: { gte: since } } });
  return rows.some((row) => processAlive(row.pid));
}

/** Any other instance, on any host, that renewed its heartbeat within a lease. */
export async function otherLiveInstance() {
  const since = new Date(Date.now() - leaseMs());
  const rows = await db.portalInstance.findMany({ where: { id: { not: instance.id }, heartbeatAt: { gte: since } } });
  return rows.some((row) => row.host !== instance.host || processAlive(row.pid));
}

export function leaseMs() {
  return env.JOB_LEASE_SECONDS * 1000;
}
