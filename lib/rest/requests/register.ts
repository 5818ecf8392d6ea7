import { z } from "zod";
import { parseInput } from "@/lib/schemas/parse";
import type { RegisterEntityInput } from "@/lib/schemas/storage-domain";
import type { WireNode } from "../wire/tree";
import { bool, element, reference, text } from "./wire-schema";
import { clusterIdOf } from "./refs";

// POST /storagedomains/{id}/vms|templates/{id}/register, as the SDK's register() and Ansible's
// state=registered send it. MAC and vNIC mappings are accepted and have nothing to act on here
// (the portal has no networks); a new name is taken as oVirt takes it, in <vm> or <template>.

const ignored = z.unknown().optional();

const registerWire = element({
  cluster: reference.optional(),
  allow_partial_import: bool.optional(),
  clone: bool.optional(),
  reassign_bad_macs: bool.optional(),
  vnic_profile_mappings: ignored,
  registration_configuration: ignored,
  vm: element({ name: text.optional() }).optional(),
  template: element({ name: text.optional() }).optional(),
});

export async function parseRegister(node: WireNode, storageDomainId: string, entityId: string, kind: "vm" | "template", correlationId?: string): Promise<RegisterEntityInput> {
  const wire = parseInput(registerWire, node);
  return {
    storageDomainId,
    entityId,
    clusterId: wire.cluster ? await clusterIdOf(wire.cluster) : undefined,
    name: (kind === "vm" ? wire.vm?.name : wire.template?.name) || undefined,
    allowPartialImport: wire.allow_partial_import ?? false,
    correlationId,
  };
}

const registerDiskWire = element({ id: text, href: text.optional(), name: text.optional(), alias: text.optional() });

export function parseRegisterDisk(node: WireNode, storageDomainId: string, correlationId?: string): RegisterEntityInput {
  const wire = parseInput(registerDiskWire, node);
  return { storageDomainId, entityId: wire.id, correlationId };
}
