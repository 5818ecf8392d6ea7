import "server-only";
import { randomUUID } from "node:crypto";
import { db, searchWhere } from "@/lib/db";
import { pageWindow, searchConditions, type ListParams } from "@/lib/queries/pagination";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events";
import type { Actor } from "@/lib/actor";
import { parseInput } from "@/lib/schemas/parse";
import { grantSchema, newUserSchema, type GrantInput, type NewUserInput } from "@/lib/schemas/auth";
import { requirePermission } from "./authorize";
import { hashPassword } from "./passwords";
import { ROLES } from "./roles";

// Users and their permissions; only a user with manage_users on the system (SuperUser) may change them.

function requireUserAdmin(actor: Actor) {
  requirePermission(actor, "manage_users", [], "manage users and permissions");
}

/** One page of users with their permissions: searched by name (`*` wildcards), sorted by name or creation. */
export async function listUsers(actor: Actor, params: ListParams) {
  requireUserAdmin(actor);
  const where = searchWhere("name", searchConditions(params.q));
  const orderBy = [params.sort === "createdAt" ? { createdAt: params.order } : { name: params.order }, { id: params.order }];
  const [rows, total] = await Promise.all([
    db.user.findMany({ where, orderBy, ...pageWindow(params), select: { id: true, name: true, createdAt: true, permissions: { orderBy: { createdAt: "asc" } } } }),
    db.user.count({ where }),
  ]);
  return { rows, total };
}

/** One user with their permissions, or 404. */
export async function getUser(id: string, actor: Actor) {
  requireUserAdmin(actor);
  const user = await db.user.findUnique({ where: { id }, select: { id: true, name: true, createdAt: true, permissions: { orderBy: { createdAt: "asc" } } } });
  if (!user) throw new AppError("NOT_FOUND", `User ${id} doesn't exist.`);
  return user;
}

/** What the Grant form offers: every object a permission can name, by type, and their names. */
export async function grantTargets(actor: Actor) {
  requireUserAdmin(actor);
  const [domains, vms, templates, dataCenters] = await Promise.all([
    db.storageDomain.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.vm.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 }),
    db.template.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.dataCenter.findMany({ select: { id: true, name: true } }),
  ]);
  return {
    names: new Map([...domains, ...vms, ...templates, ...dataCenters].map((o) => [o.id, o.name])),
    objects: { data_center: dataCenters, storage_domain: domains, vm: vms, template: templates },
  };
}

export async function createUser(input: NewUserInput, actor: Actor) {
  requireUserAdmin(actor);
  const data = parseInput(newUserSchema, input);
  if (await db.user.findUnique({ where: { name: data.name } })) throw new AppError("CONFLICT", `User ${data.name} already exists.`, { name: "Already taken" });
  const user = await db.user.create({ data: { id: randomUUID(), name: data.name, passwordHash: await hashPassword(data.password) }, select: { id: true, name: true } });
  await recordEvent(db, actor, { action: "add_user", message: `User ${data.name} created.` });
  return user;
}

const objectLoaders = {
  data_center: (id: string) => db.dataCenter.findUnique({ where: { id } }),
  storage_domain: (id: string) => db.storageDomain.findUnique({ where: { id } }),
  vm: (id: string) => db.vm.findUnique({ where: { id } }),
  template: (id: string) => db.template.findUnique({ where: { id } }),
};

export async function grantPermission(input: GrantInput, actor: Actor) {
  requireUserAdmin(actor);
  const data = parseInput(grantSchema, input);
  if (!(data.role in ROLES)) throw new AppError("VALIDATION", `Unknown role ${data.role}.`, { role: "Unknown role" });
  const user = await db.user.findUnique({ where: { id: data.userId } });
  if (!user) throw new AppError("NOT_FOUND", `User ${data.userId} doesn't exist.`);
  const objectId = data.objectType === "system" ? null : data.objectId;
  if (data.objectType !== "system") {
    const object = objectId ? await objectLoaders[data.objectType](objectId) : null;
    if (!object) throw new AppError("NOT_FOUND", `No ${data.objectType.replace("_", " ")} ${objectId ?? ""} to grant on.`, { objectId: "Choose an object" });
  }
  const existing = await db.permission.findFirst({ where: { userId: user.id, role: data.role, objectType: data.objectType, objectId } });
  if (existing) return existing;
  const permission = await db.permission.create({ data: { id: randomUUID(), userId: user.id, role: data.role, objectType: data.objectType, objectId } });
  await recordEvent(db, actor, { action: "grant", message: `${user.name} was given ${data.role} on ${data.objectType}${objectId ? ` ${objectId}` : ""}.` });
  return permission;
}

export async function revokePermission(input: { permissionId: string }, actor: Actor) {
  requireUserAdmin(actor);
  const permission = await db.permission.findUnique({ where: { id: input.permissionId }, include: { user: true } });
  if (!permission) throw new AppError("NOT_FOUND", `Permission ${input.permissionId} doesn't exist.`);
  if (permission.role === "SuperUser" && permission.objectType === "system") {
    const others = await db.permission.count({ where: { role: "SuperUser", objectType: "system", NOT: { id: permission.id } } });
    if (!others) throw new AppError("CONFLICT", "Cannot revoke the last SuperUser permission on the system: nobody could manage users any more.");
  }
  await db.permission.delete({ where: { id: permission.id } });
  await recordEvent(db, actor, { action: "revoke", message: `${permission.user.name} lost ${permission.role} on ${permission.objectType}${permission.objectId ? ` ${permission.objectId}` : ""}.` });
}
