"use server";

import { runAction } from "@/lib/action-result";
import { currentActor } from "@/lib/session/current-actor";
import { addStorageDomain, setStorageDomainStatus, updateStorageDomain } from "@/lib/storage-domains/manage-storage-domains";
import type { AddStorageDomainInput } from "@/lib/schemas/storage-domain";

export async function addStorageDomainAction(input: AddStorageDomainInput) {
  return runAction(async () => ({ id: (await addStorageDomain(input, await currentActor())).id }));
}

export async function setStorageDomainStatusAction(input: { storageDomainId: string; status: "active" | "maintenance" }) {
  return runAction(async () => {
    await setStorageDomainStatus(input, await currentActor());
  });
}

export async function updateStorageDomainAction(input: { storageDomainId: string; warningLowSpacePct?: number; criticalSpaceGb?: number }) {
  return runAction(async () => {
    await updateStorageDomain(input, await currentActor());
  });
}
