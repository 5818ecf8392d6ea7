import "server-only";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events";
import { DomainUnavailableError, verifyDomainIdentity } from "@/lib/storage/domain-identity";

// Turning domains inactive when they stop verifying and active again when they come back. The
// monitor, request-time checks and failed jobs all go through here, so every transition is one
// compare-and-set with one event.

type DomainRow = { id: string; name: string; path: string; storageType: string; type: string; status: string };

/** nfs and posixfs domains live on a mount of their own; a localfs domain is a plain directory. */
export function requiresMount(domain: { storageType: string }) {
  return domain.storageType !== "localfs";
}

export async function verifyDomain(domain: DomainRow) {
  await verifyDomainIdentity({ id: domain.id, path: domain.path, requireMount: requiresMount(domain) });
}

/** active → inactive, with an event naming why. A domain in maintenance or unattached stays as it is. */
export async function markDomainUnavailable(domainId: string, why: string) {
  await db.$transaction(async (tx) => {
    const domain = await tx.storageDomain.findUnique({ where: { id: domainId } });
    if (!domain) return;
    await tx.storageDomain.update({ where: { id: domainId }, data: { lastError: why } });
    const { count } = await tx.storageDomain.updateMany({ where: { id: domainId, status: "active" }, data: { status: "inactive" } });
    if (!count) return;
    await recordEvent(tx, systemActor, {
      action: "storage_domain_inactive",
      severity: "error",
      message: `Storage domain ${domain.name} is inactive: ${why}.`,
      objectType: "storage_domain",
      objectId: domainId,
    });
  });
}

/** inactive → active once the domain verifies again. */
export async function markDomainReachable(domainId: string) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.storageDomain.updateMany({ where: { id: domainId, status: "inactive" }, data: { status: "active", lastError: null } });
    if (!count) {
      await tx.storageDomain.updateMany({ where: { id: domainId, lastError: { not: null } }, data: { lastError: null } });
      return false;
    }
    const domain = await tx.storageDomain.findUniqueOrThrow({ where: { id: domainId } });
    await recordEvent(tx, systemActor, { action: "storage_domain_active", message: `Storage domain ${domain.name} is reachable again and active.`, objectType: "storage_domain", objectId: domainId });
    return true;
  });
}

/** The AppError an operation answers when a domain it needs does not verify. */
export function domainUnavailableAppError(domain: { name: string }, error: DomainUnavailableError, action: string) {
  return new AppError("STORAGE_DOMAIN_INACTIVE", `Cannot ${action}. Storage domain ${domain.name} is not usable: ${error.message}. It is now inactive; nothing was changed.`);
}

/**
 * Request-time check of every domain an operation will read or write: each must be the domain
 * it claims to be. The first that fails turns inactive and refuses the operation.
 */
export async function requireDomainsVerified(domainIds: string[], action: string) {
  const domains = await db.storageDomain.findMany({ where: { id: { in: [...new Set(domainIds)] } } });
  for (const domain of domains) {
    try {
      await verifyDomain(domain);
    } catch (error) {
      if (!(error instanceof DomainUnavailableError)) throw error;
      await markDomainUnavailable(domain.id, error.message);
      throw domainUnavailableAppError(domain, error, action);
    }
  }
}
