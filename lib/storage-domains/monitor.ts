import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { settleDomainTrash } from "./settle-domain-trash";
import { checkDomain, type DomainCheck } from "./domain-check";
import { markDomainReachable, markDomainUnavailable } from "./domain-health";
import { scanDomainImages } from "./image-scan";
import { runPendingCleanups } from "./pending-cleanups";
import { finishRemovals } from "@/lib/transfer/remove-exported";
import { syncOvfStore } from "@/lib/ovf-store/update-ovf-store";
import { processWide } from "@/lib/process-wide";
import { refreshRunningDiskSizes } from "@/lib/disks/refresh-volume-sizes";

// The domain monitor: every DOMAIN_MONITOR_INTERVAL_SECONDS it checks each attached domain that
// is not in maintenance, records what it saw (last check, read delay, filesystem), turns domains
// that fail inactive and those that pass active again, and for a passing data domain removes the
// leftovers failed jobs recorded, scans images/ for missing and unknown files and records the
// actual sizes of running VMs' volumes (an export domain finishes the removals of exported
// entries a crash interrupted). Every OVF_UPDATE_INTERVAL_MINUTES
// a data domain's whole OVF store is brought in line too: what an update after a change missed
// (an instance that stopped right after a commit) is written then.

type MonitoredDomain = Awaited<ReturnType<typeof monitoredDomains>>[number];

function monitoredDomains(where: object = {}) {
  return db.storageDomain.findMany({ where: { dataCenterId: { not: null }, status: { in: ["active", "inactive"] }, ...where } });
}

async function apply(domain: MonitoredDomain, check: DomainCheck) {
  await db.storageDomain.update({
    where: { id: domain.id },
    data: { lastCheckedAt: new Date(), readDelayMs: check.readDelayMs, ...(check.ok ? { fsType: check.fsType, device: check.device } : {}) },
  });
  if (!check.ok) {
    await markDomainUnavailable(domain.id, check.error!);
    return;
  }
  const cameBack = await markDomainReachable(domain.id);
  if (cameBack) await settleDomainTrash(domain);
  await runPendingCleanups(domain.id);
  if (domain.type === "data") {
    await scanDomainImages(domain);
    await refreshRunningDiskSizes(domain.id);
    await syncStoreWhenDue(domain);
  }
  if (domain.type === "export") await finishRemovals(domain);
}

const lastStoreSync = processWide("ovf-store-last-sync", () => new Map<string, number>());

async function syncStoreWhenDue(domain: MonitoredDomain) {
  const now = Date.now();
  // The first round only starts the clock: a start-up does not rewrite every store at once.
  const last = lastStoreSync.get(domain.id) ?? now;
  if (!lastStoreSync.has(domain.id)) lastStoreSync.set(domain.id, now);
  if (now - last < env.OVF_UPDATE_INTERVAL_MINUTES * 60_000) return;
  lastStoreSync.set(domain.id, now);
  await syncOvfStore(domain);
}

async function checkAndApply(domain: MonitoredDomain) {
  await apply(domain, await checkDomain(domain, env.DOMAIN_CHECK_TIMEOUT_SECONDS * 1000)).catch((error) => console.error(`monitor: storage domain ${domain.name}`, error));
}

/** One round over every monitored domain, side by side. */
export async function runMonitorCycle() {
  const domains = await monitoredDomains();
  await Promise.all(domains.map(checkAndApply));
  return domains.length;
}

/** Checks one domain now (after a job saw it fail). */
export async function checkDomainNow(domainId: string) {
  const [domain] = await monitoredDomains({ id: domainId });
  if (domain) await checkAndApply(domain);
}

let timer: NodeJS.Timeout | undefined;
let cycle: Promise<unknown> = Promise.resolve();

/** Starts the periodic rounds (once per process); a round never overlaps the previous one. */
export function startDomainMonitor(intervalMs = env.DOMAIN_MONITOR_INTERVAL_SECONDS * 1000) {
  stopDomainMonitor();
  timer = setInterval(() => {
    cycle = cycle.then(runMonitorCycle).catch((error) => console.error("monitor round failed", error));
  }, intervalMs);
  timer.unref();
}

export function stopDomainMonitor() {
  if (timer) clearInterval(timer);
  timer = undefined;
  return cycle;
}
