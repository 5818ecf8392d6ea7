import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import type { AddStorageDomainInput, ImportStorageDomainInput, UpdateStorageDomainInput } from "@/lib/schemas/storage-domain";
import type { WireNode } from "../wire/tree";
import { bool, count, element, text } from "./wire-schema";

// POST /storagedomains (add, or import with <import>true</import>) and PUT /storagedomains/{id},
// with the elements the oVirt SDK and ovirt_storage_domain send. `storage.path` is the directory
// on this host where the export or device is mounted (oVirt's host mounts `address:path`; the
// portal does not mount NFS itself, so `address` and the mount options are accepted and unused).

const storage = element({
  type: text,
  path: text,
  address: text.optional(),
  mount_options: text.optional(),
  vfs_type: text.optional(),
  nfs_version: text.optional(),
  nfs_timeo: text.optional(),
  nfs_retrans: text.optional(),
});

const flags = {
  wipe_after_delete: bool.optional(),
  discard_after_delete: bool.optional(),
  backup: bool.optional(),
  storage_format: text.optional(),
};

// The host that mounts the storage: always this one, so any (or an empty <host/>) is accepted.
const host = element({ id: text.optional(), href: text.optional(), name: text.optional() }).optional();

const addWire = element({
  name: text.optional(),
  description: text.optional(),
  comment: text.optional(),
  type: text.optional(),
  import: bool.optional(),
  host,
  storage,
  warning_low_space_indicator: count.optional(),
  critical_space_action_blocker: count.optional(),
  ...flags,
});

function storageTypeOf(type: string) {
  if (type === "nfs" || type === "posixfs" || type === "localfs") return type;
  throw new AppError("VALIDATION", `Storage type ${type} is not supported here: use nfs, posixfs or localfs (a mounted file system).`, { "storage.type": "unsupported" });
}

export type AddStorageDomainRequest = { kind: "add"; input: AddStorageDomainInput } | { kind: "import"; input: ImportStorageDomainInput };

export function parseAddStorageDomain(node: WireNode): AddStorageDomainRequest {
  const wire = parseInput(addWire, node);
  const storageType = storageTypeOf(wire.storage.type);
  if (wire.import) return { kind: "import", input: { path: wire.storage.path, storageType } };
  if (!wire.name) throw new AppError("VALIDATION", "A new storage domain needs a name.", { name: "required" });
  const type = wire.type ?? "data";
  if (type !== "data" && type !== "export" && type !== "iso") throw new AppError("VALIDATION", `Storage domain type ${type} is not supported: use data, export or iso.`, { type: "unsupported" });
  return {
    kind: "add",
    input: {
      name: wire.name,
      description: wire.description ?? "",
      type,
      storageType,
      path: wire.storage.path,
      // oVirt adds a domain unattached; POST /datacenters/{id}/storagedomains attaches it.
      dataCenterId: null,
      warningLowSpacePct: wire.warning_low_space_indicator,
      criticalSpaceGb: wire.critical_space_action_blocker,
    },
  };
}

const updateWire = element({
  name: text.optional(),
  // ovirt_storage_domain resends the type and an empty <host/> with every update.
  type: text.optional(),
  host,
  description: text.optional(),
  comment: text.optional(),
  warning_low_space_indicator: count.optional(),
  critical_space_action_blocker: count.optional(),
  ...flags,
});

export function parseUpdateStorageDomain(node: WireNode, storageDomainId: string): UpdateStorageDomainInput {
  const wire = parseInput(updateWire, node);
  return { storageDomainId, name: wire.name, description: wire.description, type: wire.type, warningLowSpacePct: wire.warning_low_space_indicator, criticalSpaceGb: wire.critical_space_action_blocker };
}

const attachWire = element({ id: text.optional(), href: text.optional(), name: text.optional() }).refine((r) => r.id || r.name, "needs an id or a name");

export function parseAttachStorageDomain(node: WireNode) {
  return parseInput(attachWire, node);
}
