import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events";
import { loadStorageDomain } from "@/lib/entities/load";
import { domainScopes, requirePermission } from "@/lib/auth/authorize";
import { syncOvfStore } from "@/lib/ovf-store/update-ovf-store";
import { requireDomainsVerified } from "./domain-health";

/** oVirt's "Update OVFs": writes an active data domain's whole OVF store now. */
export async function updateOvfStore(input: { storageDomainId: string }, actor: Actor) {
  const domain = await loadStorageDomain(input.storageDomainId);
  requirePermission(actor, "manage_storage", await domainScopes(domain.id), `manage storage domain ${domain.name}`);
  const action = `update the OVF store of storage domain ${domain.name}`;
  if (domain.type !== "data") throw new AppError("CONFLICT", `Cannot ${action}. Only data domains keep an OVF store.`);
  if (domain.status !== "active") throw new AppError("CONFLICT", `Cannot ${action}. It is ${domain.status}.`);
  await requireDomainsVerified([domain.id], action);
  const result = await syncOvfStore(domain);
  await recordEvent(db, actor, {
    action: "update_ovf_store",
    message: `OVF store of storage domain ${domain.name} updated: ${result.entities} descriptor(s), ${result.written} written, ${result.removed} removed.`,
    objectType: "storage_domain",
    objectId: domain.id,
  });
  return result;
}
