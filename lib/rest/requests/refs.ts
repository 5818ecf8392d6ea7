import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Reference } from "./wire-schema";

// References by name become ids. References by id pass through: the domain layer already
// answers an unknown id with oVirt's "doesn't exist" 404. A reference with both must agree.

type Named = { findUnique(args: { where: { name: string }; select: { id: true } }): Promise<{ id: string } | null> };

async function idOf(ref: Reference, table: Named, what: string) {
  const byName = ref.name === undefined ? null : await table.findUnique({ where: { name: ref.name }, select: { id: true } });
  if (ref.id) {
    if (ref.name !== undefined && byName?.id !== ref.id) throw new AppError("VALIDATION", `The ${what} reference names id ${ref.id} and name ${ref.name}, which is another ${what} or none; send one of them.`);
    return ref.id;
  }
  if (!byName) throw new AppError("NOT_FOUND", `${what} ${ref.name} doesn't exist.`);
  return byName.id;
}

export const storageDomainIdOf = (ref: Reference) => idOf(ref, db.storageDomain as unknown as Named, "Storage Domain");
export const clusterIdOf = (ref: Reference) => idOf(ref, db.cluster as unknown as Named, "Cluster");
export const templateIdOf = (ref: Reference) => idOf(ref, db.template as unknown as Named, "Template");
export const vmIdOf = (ref: Reference) => idOf(ref, db.vm as unknown as Named, "VM");

/** The one domain of `<storage_domains>`, or undefined when the list is empty. */
export async function firstStorageDomainId(list: Reference[]) {
  return list[0] ? storageDomainIdOf(list[0]) : undefined;
}
