import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/format";
import { GiB } from "@/lib/schemas/common";
import { domainSpace } from "@/lib/storage/driver";
import { checkPlacements } from "./placement";
import { rankMemoryDomains } from "./memory-volume-policy";

/**
 * The domain for a memory volume of `neededBytes`: the caller's choice, checked like any target
 * (active data domain, space above its critical reserve), or the policy's pick.
 */
export async function chooseMemoryDomain(action: string, options: { vmDiskDomainIds: string[]; neededBytes: number; requestedId?: string }) {
  const { vmDiskDomainIds, neededBytes, requestedId } = options;
  if (requestedId) {
    const domains = await checkPlacements(action, [{ storageDomainId: requestedId, bytes: neededBytes, what: "the memory volume", field: "storageDomainId" }]);
    return domains.get(requestedId)!;
  }
  const domains = await db.storageDomain.findMany({ where: { type: "data", status: "active" } });
  const candidates = [];
  for (const domain of domains) {
    const space = await domainSpace(domain).catch(() => null); // an unreachable directory is no candidate
    if (!space) continue;
    candidates.push({ ...domain, freeBytes: space.freeBytes, reserveBytes: domain.criticalSpaceGb * GiB, vmDisks: vmDiskDomainIds.filter((id) => id === domain.id).length });
  }
  const [best] = rankMemoryDomains(candidates, neededBytes);
  if (!best) throw new AppError("INSUFFICIENT_SPACE", `Cannot ${action}. No active data Storage Domain with enough storage for the memory volume (${formatBytes(neededBytes)}).`);
  return best;
}
