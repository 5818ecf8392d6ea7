import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import type { ExportOvaInput, ImportOvaInput } from "@/lib/schemas/import-export";
import { getHost } from "@/lib/hosts/this-host";
import type { WireNode } from "../wire/tree";
import { bool, element, reference, text } from "./wire-schema";
import { clusterIdOf, storageDomainIdOf } from "./refs";

// POST /vms|templates/{id}/exporttopathonhost and POST /externalvmimports|externaltemplateimports
// with an ova:// url, as the engine takes them. The host named must be this one (the portal is
// its only host).

async function checkHost(host: z.output<typeof reference> | undefined) {
  if (host?.id) getHost(host.id);
}

const exportWire = element({ host: reference.optional(), directory: text, filename: text, exclusive: bool.optional(), discard_snapshots: bool.optional() });

export async function parseExportOva(node: WireNode, id: string, correlationId?: string): Promise<ExportOvaInput> {
  const wire = parseInput(exportWire, node);
  await checkHost(wire.host);
  return { id, directory: wire.directory, filename: wire.filename, correlationId };
}

const importWire = element({
  url: text,
  name: text.optional(),
  provider: z.enum(["kvm", "ova"]).optional(),
  host: reference.optional(),
  cluster: reference.optional(),
  storage_domain: reference,
  sparse: bool.optional(),
  vm: element({ name: text.optional() }).optional(),
  template: element({ name: text.optional() }).optional(),
  clone: bool.optional(),
});

/** `ova:///abs/path/file.ova` → the path. */
function ovaPath(url: string) {
  const match = /^ova:\/\/(\/.+)$/.exec(url.trim());
  if (!match) throw new AppError("VALIDATION", `Invalid input. url: an OVA is named ova:///path/to/file.ova (got ${url.slice(0, 200)}).`);
  return decodeURIComponent(match[1]);
}

export async function parseImportOva(node: WireNode, correlationId?: string): Promise<ImportOvaInput> {
  const wire = parseInput(importWire, node);
  await checkHost(wire.host);
  if (wire.cluster) await clusterIdOf(wire.cluster);
  return { path: ovaPath(wire.url), name: wire.vm?.name ?? wire.template?.name ?? wire.name, defaultStorageDomainId: await storageDomainIdOf(wire.storage_domain), correlationId };
}
