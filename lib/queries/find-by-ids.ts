import "server-only";
import { db } from "@/lib/db";

// Whole rows for ids another query picked (e.g. the VMs with a disk on a domain), in one query.

export function vmsByIds(ids: string[]) {
  return ids.length ? db.vm.findMany({ where: { id: { in: ids } }, orderBy: { name: "asc" } }) : Promise.resolve([]);
}

export function templatesByIds(ids: string[]) {
  return ids.length ? db.template.findMany({ where: { id: { in: ids } }, orderBy: { name: "asc" } }) : Promise.resolve([]);
}
