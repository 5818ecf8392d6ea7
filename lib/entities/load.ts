import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

// Fetch-or-404 for each entity, with oVirt's wording.

export async function loadVm(id: string) {
  const vm = await db.vm.findUnique({ where: { id }, include: { attachments: { include: { disk: true } } } });
  if (!vm) throw new AppError("NOT_FOUND", `VM ${id} doesn't exist.`);
  return vm;
}

export async function loadTemplate(id: string) {
  const template = await db.template.findUnique({ where: { id }, include: { attachments: { include: { disk: true } } } });
  if (!template) throw new AppError("NOT_FOUND", `Template ${id} doesn't exist.`);
  return template;
}

export async function loadDisk(id: string) {
  const disk = await db.disk.findUnique({ where: { id }, include: { attachments: true } });
  if (!disk) throw new AppError("NOT_FOUND", `Disk ${id} doesn't exist.`);
  return disk;
}

export async function loadStorageDomain(id: string) {
  const domain = await db.storageDomain.findUnique({ where: { id } });
  if (!domain) throw new AppError("NOT_FOUND", `Storage Domain ${id} doesn't exist.`);
  return domain;
}

export async function resolveClusterId(clusterId?: string) {
  const cluster = clusterId
    ? await db.cluster.findUnique({ where: { id: clusterId } })
    : await db.cluster.findFirst({ orderBy: { name: "asc" } });
  if (!cluster) throw new AppError("NOT_FOUND", clusterId ? `Cluster ${clusterId} doesn't exist.` : "There is no cluster yet.");
  return cluster.id;
}

export async function requireFreeName(kind: "vm" | "template", name: string) {
  const taken = kind === "vm" ? await db.vm.findUnique({ where: { name } }) : await db.template.findUnique({ where: { name } });
  if (taken) throw new AppError("CONFLICT", `The name ${name} is already used by another ${kind === "vm" ? "VM" : "template"}.`, { name: "Name already in use" });
}
