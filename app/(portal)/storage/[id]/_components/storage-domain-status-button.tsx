"use client";

import { ConfirmActionButton } from "@/components/confirm-action-button";
import { setStorageDomainStatusAction } from "@/app/actions/storage-domain-actions";

export function StorageDomainStatusButton({ domainId, name, status }: { domainId: string; name: string; status: string }) {
  const target = status === "active" ? "maintenance" : "active";
  return (
    <ConfirmActionButton label={target === "maintenance" ? "Maintenance" : "Activate"} title={`${target === "maintenance" ? "Maintenance" : "Activate"} ${name}`} action={() => setStorageDomainStatusAction({ storageDomainId: domainId, status: target })}>
      {target === "maintenance" ? `Put ${name} into maintenance? No disk operation can use it until it is activated again.` : `Activate ${name}?`}
    </ConfirmActionButton>
  );
}
