import "server-only";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { importSchema, type ImportInput } from "@/lib/schemas/import-export";
import { collapseCopyOp } from "@/lib/disks/volume-ops";
import { volumePath } from "@/lib/storage/layout";
import { domainScopes, requirePermission } from "@/lib/auth/authorize";
import { getExported } from "./exported";
import { importFromOvf } from "./import-from-ovf";

/**
 * Imports a VM or template from an export domain, each disk to the data domain chosen for it
 * (or the default). The import gets new ids, so the same export can be imported again.
 */
export async function importObject(kind: "vm" | "template", input: ImportInput, actor: Actor) {
  const data = parseInput(importSchema, input);
  const action = kind === "vm" ? "import VM" : "import Template";
  const { domain: exportDomain, ovf } = await getExported(data.exportDomainId, kind === "vm" ? "vms" : "templates", data.id);
  if (exportDomain.status !== "active") throw new AppError("STORAGE_DOMAIN_INACTIVE", `Cannot ${action}. Export domain ${exportDomain.name} is ${exportDomain.status}.`);
  requirePermission(actor, "view", await domainScopes(exportDomain.id), `read export domain ${exportDomain.name}`);
  return importFromOvf(
    {
      kind,
      ovf,
      name: data.name,
      defaultStorageDomainId: data.defaultStorageDomainId,
      disks: data.disks,
      correlationId: data.correlationId,
      action,
      from: `from ${exportDomain.name}`,
      diskStep: (disk, target, shape) =>
        collapseCopyOp({
          label: `Import disk ${disk.alias} to ${target.name}`,
          source: { path: volumePath(exportDomain, disk.diskId, disk.volumeId), format: disk.format, weightBytes: disk.actualSize },
          target,
          disk: shape,
          track: true,
        }),
    },
    actor,
  );
}
