import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Reference } from "./wire-schema";

// References by name become ids. References by id pass through untouched: the domain layer
// already answers an unknown id with oVirt's "doesn't exist" 404.

export async function storageDomainIdOf(ref: Reference) {
  if (ref.id) return ref.id;
  const domain = await db.storageDomain.findUnique({ where: { name: ref.name! }, select: { id: true } });
  if (!domain) throw new AppError("NOT_FOUND", `Storage Domain ${ref.name} doesn't exist.`);
  return domain.id;
}

export async function clusterIdOf(ref: Reference) {
  if (ref.id) return ref.id;
  const cluster = await db.cluster.findUnique({ where: { name: ref.name! }, select: { id: true } });
  if (!cluster) throw new AppError("NOT_FOUND", `Cluster ${ref.name} doesn't exist.`);
  return cluster.id;
}

export async function templateIdOf(ref: Reference) {
  if (ref.id) return ref.id;
  const template = await db.template.findUnique({ where: { name: ref.name! }, select: { id: true } });
  if (!template) throw new AppError("NOT_FOUND", `Template ${ref.name} doesn't exist.`);
  return template.id;
}

export async function vmIdOf(ref: Reference) {
  if (ref.id) return ref.id;
  const vm = await db.vm.findUnique({ where: { name: ref.name! }, select: { id: true } });
  if (!vm) throw new AppError("NOT_FOUND", `VM ${ref.name} doesn't exist.`);
  return vm.id;
}

/** The one domain of `<storage_domains>`, or undefined when the list is empty. */
export async function firstStorageDomainId(list: Reference[]) {
  return list[0] ? storageDomainIdOf(list[0]) : undefined;
}
