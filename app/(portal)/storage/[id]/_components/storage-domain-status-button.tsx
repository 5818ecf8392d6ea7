"use client";

import { ConfirmActionButton } from "@/components/confirm-action-button";
import { setStorageDomainStatusAction } from "@/app/actions/storage-domain-actions";

/** Maintenance or Activate (which verifies the domain is mounted and is itself first). */
export function StorageDomainStatusButton({ domainId, name, target }: { domainId: string; name: string; target: "active" | "maintenance" }) {
  return (
    <ConfirmActionButton label={target === "maintenance" ? "Maintenance" : "Activate"} title={`${target === "maintenance" ? "Maintenance" : "Activate"} ${name}`} action={() => setStorageDomainStatusAction({ storageDomainId: domainId, status: target })}>
      {target === "maintenance" ? `Put ${name} into maintenance? No disk operation can use it until it is activated again.` : `Activate ${name}? It is checked first: mounted, and holding its own metadata.`}
    </ConfirmActionButton>
  );
}
