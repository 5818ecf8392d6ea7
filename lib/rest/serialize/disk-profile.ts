import { derivedUuid } from "@/lib/derived-id";
import { API_BASE, ref } from "../hrefs";
import type { OutNode } from "../wire/tree";

// `<disk_profile>`: the engine makes one default profile per data domain, named after it; the
// portal derives its id from the domain's.

export function diskProfileId(storageDomainId: string) {
  return derivedUuid(`multistore-disk-profile:${storageDomainId}`);
}

export function diskProfileRef(storageDomainId: string): OutNode {
  const id = diskProfileId(storageDomainId);
  return { "@href": `${API_BASE}/diskprofiles/${id}`, "@id": id };
}

export function diskProfileNode(domain: { id: string; name: string }): OutNode {
  return { ...diskProfileRef(domain.id), name: domain.name, description: "", storage_domain: ref("storageDomain", domain.id) };
}
