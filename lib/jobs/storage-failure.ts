import "server-only";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { recordEvent } from "@/lib/events";
import { DomainUnavailableError, verifyDomainIdentity } from "@/lib/storage/domain-identity";
import { StorageIoError } from "@/lib/storage/storage-io-error";
import { markDomainUnavailable, requiresMount } from "@/lib/storage-domains/domain-health";
import { checkDomainNow } from "@/lib/storage-domains/monitor";
import { planDomainIds } from "./plan-storage";
import type { JobPlan } from "./plan";

// What a failed job tells about its storage: a domain that stopped verifying turns inactive; a
// domain that ran out of space or failed I/O gets an event naming it and the cause, and is
// checked again at once.

export async function reportStorageFailure(job: { id: string; description: string }, error: unknown) {
  if (error instanceof DomainUnavailableError) {
    await markDomainUnavailable(error.domainId, error.message);
  } else if (error instanceof StorageIoError) {
    const domain = await db.storageDomain.findUnique({ where: { id: error.domainId } });
    await recordEvent(db, systemActor, {
      action: error.cause === "out_of_space" ? "storage_domain_out_of_space" : "storage_domain_io_error",
      severity: "error",
      message: `${job.description} failed on storage domain ${domain?.name ?? error.domainId}: ${error.message}`,
      objectType: "storage_domain",
      objectId: error.domainId,
      jobId: job.id,
    });
    await checkDomainNow(error.domainId);
  }
}

/** Just before a commit: every domain the job used must still be itself (sources included). */
export async function verifyPlanDomains(plan: JobPlan) {
  const domains = await db.storageDomain.findMany({ where: { id: { in: planDomainIds(plan) } } });
  for (const domain of domains) await verifyDomainIdentity({ id: domain.id, path: domain.path, requireMount: requiresMount(domain) });
}
