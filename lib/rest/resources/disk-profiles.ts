import "server-only";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { listStorageDomains } from "@/lib/queries/list-storage-domains";
import type { RestQuery } from "../query";
import { limit, matchesAll, parseSearch } from "../search";
import { diskProfileId, diskProfileNode } from "../serialize/disk-profile";

// /diskprofiles: one default profile per data domain (see serialize/disk-profile.ts); ovirt_disk
// follows every disk's <disk_profile> link.

async function dataDomains(actor: Actor) {
  return listStorageDomains(actor, { type: "data" });
}

export async function diskProfileNodes(actor: Actor, query: RestQuery, storageDomainId?: string) {
  const search = parseSearch(query.search, ["name", "id"]);
  const domains = (await dataDomains(actor)).filter((d) => !storageDomainId || d.id === storageDomainId);
  return limit(domains.filter((d) => matchesAll(search, { name: d.name, id: diskProfileId(d.id) })), query.max).map(diskProfileNode);
}

export async function diskProfileEntityNode(actor: Actor, id: string) {
  const domain = (await dataDomains(actor)).find((d) => diskProfileId(d.id) === id);
  if (!domain) throw new AppError("NOT_FOUND", `Disk profile ${id} doesn't exist.`);
  return diskProfileNode(domain);
}
