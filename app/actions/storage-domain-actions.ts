"use server";

import { runAction } from "@/lib/action-result";
import { currentActor } from "@/app/_lib/current-actor";
import { addStorageDomain, setStorageDomainStatus, updateStorageDomain } from "@/lib/storage-domains/manage-storage-domains";
import { attachStorageDomain, detachStorageDomain, importStorageDomain, removeStorageDomain } from "@/lib/storage-domains/domain-lifecycle";
import { registerEntity } from "@/lib/storage-domains/register-entity";
import { updateOvfStore } from "@/lib/storage-domains/update-ovf-store-action";
import type { AddStorageDomainInput, ImportStorageDomainInput, RegisterEntityInput } from "@/lib/schemas/storage-domain";

export async function addStorageDomainAction(input: AddStorageDomainInput) {
  return runAction(async () => ({ id: (await addStorageDomain(input, await currentActor())).id }));
}

export async function setStorageDomainStatusAction(input: { storageDomainId: string; status: "active" | "maintenance" }) {
  return runAction(async () => {
    await setStorageDomainStatus(input, await currentActor());
  });
}

export async function updateStorageDomainAction(input: { storageDomainId: string; warningLowSpacePct?: number; criticalSpaceGb?: number; maxOvercommitPct?: number | null }) {
  return runAction(async () => {
    await updateStorageDomain(input, await currentActor());
  });
}

export async function importStorageDomainAction(input: ImportStorageDomainInput) {
  return runAction(async () => ({ id: (await importStorageDomain(input, await currentActor())).id }));
}

export async function attachStorageDomainAction(input: { storageDomainId: string; dataCenterId: string }) {
  return runAction(async () => {
    await attachStorageDomain(input, await currentActor());
  });
}

export async function detachStorageDomainAction(input: { storageDomainId: string }) {
  return runAction(async () => {
    await detachStorageDomain(input, await currentActor());
  });
}

export async function removeStorageDomainAction(input: { storageDomainId: string; format: boolean }) {
  return runAction(async () => {
    await removeStorageDomain(input, await currentActor());
  });
}

export async function registerEntityAction(input: RegisterEntityInput) {
  return runAction(async () => {
    const { id, kind, missing } = await registerEntity(input, await currentActor());
    return { id, kind, missing: missing.map((m) => m.alias) };
  });
}

export async function updateOvfStoreAction(input: { storageDomainId: string }) {
  return runAction(async () => updateOvfStore(input, await currentActor()));
}
