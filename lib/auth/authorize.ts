import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/actor";
import { roleGrants, type Action } from "./roles";

// Permission checks of the domain layer. A target names an object and, through `scopes`, every
// object whose permissions also cover it (a disk is covered by its VM, template and domain).

export type Scope = `${"system" | "data_center" | "storage_domain" | "vm" | "template"}:${string}`;

function covers(actor: Actor, action: Action, scopes: Scope[]) {
  return actor.permissions.some((p) => roleGrants(p.role, action) && (p.objectType === "system" || scopes.includes(`${p.objectType}:${p.objectId}` as Scope)));
}

export function can(actor: Actor, action: Action, scopes: Scope[] = []) {
  return covers(actor, action, scopes);
}

/** Throws FORBIDDEN naming what is missing. `what` reads like "create disks on storage domain nfs-2". */
export function requirePermission(actor: Actor, action: Action, scopes: Scope[], what: string) {
  if (!covers(actor, action, scopes)) throw new AppError("FORBIDDEN", `User ${actor.name} is not permitted to ${what}.`);
}

// Scope builders: each loads only the ids it needs.

export async function domainScopes(storageDomainId: string): Promise<Scope[]> {
  const domain = await db.storageDomain.findUnique({ where: { id: storageDomainId }, select: { dataCenterId: true } });
  return [`storage_domain:${storageDomainId}`, ...(domain?.dataCenterId ? ([`data_center:${domain.dataCenterId}`] as Scope[]) : [])];
}

export async function vmScopes(vmId: string): Promise<Scope[]> {
  const vm = await db.vm.findUnique({ where: { id: vmId }, select: { cluster: { select: { dataCenterId: true } } } });
  return [`vm:${vmId}`, ...(vm ? ([`data_center:${vm.cluster.dataCenterId}`] as Scope[]) : [])];
}

export async function templateScopes(templateId: string): Promise<Scope[]> {
  const template = await db.template.findUnique({ where: { id: templateId }, select: { cluster: { select: { dataCenterId: true } } } });
  return [`template:${templateId}`, ...(template ? ([`data_center:${template.cluster.dataCenterId}`] as Scope[]) : [])];
}

export async function diskScopes(diskId: string): Promise<Scope[]> {
  const disk = await db.disk.findUnique({
    where: { id: diskId },
    select: { attachments: { select: { vmId: true, templateId: true } }, volumes: { select: { storageDomainId: true, storageDomain: { select: { dataCenterId: true } } } } },
  });
  if (!disk) return [];
  const scopes = new Set<Scope>();
  for (const a of disk.attachments) {
    if (a.vmId) scopes.add(`vm:${a.vmId}`);
    if (a.templateId) scopes.add(`template:${a.templateId}`);
  }
  for (const v of disk.volumes) {
    scopes.add(`storage_domain:${v.storageDomainId}`);
    scopes.add(`data_center:${v.storageDomain.dataCenterId}`);
  }
  return [...scopes];
}

export async function clusterScopes(clusterId: string): Promise<Scope[]> {
  const cluster = await db.cluster.findUnique({ where: { id: clusterId }, select: { dataCenterId: true } });
  return cluster ? [`data_center:${cluster.dataCenterId}`] : [];
}

/** The check every placement makes: a disk may go only where the actor may create disks. */
export async function requireDiskCreation(actor: Actor, domains: { id: string; name: string }[]) {
  for (const domain of domains) requirePermission(actor, "create_disk", await domainScopes(domain.id), `create disks on storage domain ${domain.name}`);
}
