import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import type { AddTemplateFromVmInput, CloneTemplateInput } from "@/lib/schemas/template";
import type { WireNode } from "../wire/tree";
import { bool, element, listOf, oneStorageDomain, reference, text } from "./wire-schema";
import { clusterIdOf, firstStorageDomainId, storageDomainIdOf, vmIdOf } from "./refs";

// POST /templates (from a VM) and POST /templates/{id}/clone: a target domain per disk,
// `<storage_domain>` as the default for disks not listed.

// Template disks are stored as thin qcow2; a request for anything else is refused, not ignored.
const targetDiskWire = element({
  id: text,
  href: text.optional(),
  name: text.optional(),
  alias: text.optional(),
  format: z.literal("cow", { error: "template disks are qcow2 (cow)" }).optional(),
  sparse: bool.refine((v) => v, "template disks are sparse").optional(),
  storage_domains: oneStorageDomain.optional(),
});
const targetAttachments = listOf("disk_attachment", element({ id: text.optional(), href: text.optional(), disk: targetDiskWire }));

async function diskTargets(attachments: z.output<typeof targetAttachments>) {
  const targets = [];
  for (const { disk } of attachments) {
    const storageDomainId = await firstStorageDomainId(disk.storage_domains ?? []);
    if (!storageDomainId) throw new AppError("VALIDATION", `Invalid input. Disk ${disk.id}: name the storage domain in <storage_domains>.`);
    targets.push({ diskId: disk.id, storageDomainId, alias: disk.alias ?? disk.name });
  }
  return targets;
}

const templateWire = element({
  name: text,
  description: text.optional(),
  comment: text.optional(),
  // A template lives in its VM's cluster; a cluster given here must at least exist.
  cluster: reference.optional(),
  storage_domain: reference.optional(),
  vm: element({ id: text.optional(), href: text.optional(), name: text.optional(), disk_attachments: targetAttachments.optional() }).refine((vm) => vm.id || vm.name, "needs an id or a name"),
});

export async function parseAddTemplate(node: WireNode, correlationId?: string): Promise<AddTemplateFromVmInput> {
  const wire = parseInput(templateWire, node);
  if (wire.cluster) await clusterIdOf(wire.cluster);
  return {
    name: wire.name,
    description: wire.description,
    vmId: await vmIdOf(wire.vm),
    disks: await diskTargets(wire.vm.disk_attachments ?? []),
    defaultStorageDomainId: wire.storage_domain ? await storageDomainIdOf(wire.storage_domain) : undefined,
    correlationId,
  };
}

/** Multistore's clone (oVirt has none): `<action><template><name/>…<disk_attachments/></template><storage_domain/></action>`. */
const cloneWire = element({
  template: element({ name: text, description: text.optional(), disk_attachments: targetAttachments.optional() }),
  storage_domain: reference.optional(),
});

export async function parseCloneTemplate(node: WireNode, templateId: string, correlationId?: string): Promise<CloneTemplateInput> {
  const wire = parseInput(cloneWire, node);
  return {
    name: wire.template.name,
    description: wire.template.description,
    templateId,
    disks: await diskTargets(wire.template.disk_attachments ?? []),
    defaultStorageDomainId: wire.storage_domain ? await storageDomainIdOf(wire.storage_domain) : undefined,
    correlationId,
  };
}
