import { parseInput } from "@/lib/schemas/parse";
import type { ExportInput, ImportInput } from "@/lib/schemas/import-export";
import type { WireNode } from "../wire/tree";
import { bool, element, listOf, oneStorageDomain, reference, text } from "./wire-schema";
import { clusterIdOf, firstStorageDomainId, storageDomainIdOf } from "./refs";

// POST /vms|templates/{id}/export and POST /storagedomains/{export}/vms|templates/{id}/import.

const exportWire = element({
  exclusive: bool.optional(),
  // Exports are always collapsed to one image per disk; keeping snapshots is not offered.
  discard_snapshots: bool.refine((v) => v, "exports always collapse snapshots; send true or leave it out").optional(),
  storage_domain: reference,
});

export async function parseExport(node: WireNode, id: string, correlationId?: string): Promise<ExportInput> {
  const wire = parseInput(exportWire, node);
  return { id, storageDomainId: await storageDomainIdOf(wire.storage_domain), overwrite: wire.exclusive ?? false, correlationId };
}

const diskMap = listOf("disk_attachment", element({ id: text.optional(), href: text.optional(), disk: element({ id: text, href: text.optional(), storage_domains: oneStorageDomain.optional() }) }));

const importWire = element({
  clone: bool.optional(),
  exclusive: bool.optional(),
  collapse_snapshots: bool.optional(),
  cluster: reference.optional(),
  storage_domain: reference.optional(),
  vm: element({ name: text.optional(), disk_attachments: diskMap.optional() }).optional(),
  template: element({ name: text.optional() }).optional(),
});

/** The name changes only when clone is true (oVirt's rule); the disks go where the map says, the rest to storage_domain. */
export async function parseImport(node: WireNode, kind: "vm" | "template", exportDomainId: string, id: string, correlationId?: string): Promise<ImportInput> {
  const wire = parseInput(importWire, node);
  if (wire.cluster) await clusterIdOf(wire.cluster);
  const disks = [];
  for (const { disk } of wire.vm?.disk_attachments ?? []) {
    const storageDomainId = await firstStorageDomainId(disk.storage_domains ?? []);
    if (storageDomainId) disks.push({ diskId: disk.id, storageDomainId });
  }
  const newName = kind === "vm" ? wire.vm?.name : wire.template?.name;
  return {
    exportDomainId,
    id,
    name: wire.clone ? newName : undefined,
    defaultStorageDomainId: wire.storage_domain ? await storageDomainIdOf(wire.storage_domain) : undefined,
    disks,
    correlationId,
  };
}
