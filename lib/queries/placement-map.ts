import "server-only";
import type { Actor } from "@/lib/actor";
import { listDisks, type DiskRow } from "./list-disks";
import { listTemplates } from "./list-templates";
import { listVms } from "./list-vms";
import type { ListParams } from "./pagination";

// The placement map: for one page of VMs (and the templates), which disk lives on which storage
// domain. VM disks come as Disks-list rows, so a selection goes straight into the move dialog.

export interface TemplateDiskCopies {
  id: string;
  alias: string;
  provisionedSize: number;
  /** Each domain holding a copy of the disk, with what the copy takes there. */
  copies: { storageDomainId: string; actualSize: number }[];
}

export async function placementMap(params: ListParams, actor: Actor) {
  const [{ rows: vms, total }, templates] = await Promise.all([listVms(params, actor), listTemplates({ page: 1, pageSize: 500, order: "asc" }, actor)]);
  const disks: DiskRow[] = vms.length ? (await listDisks({ page: 1, pageSize: 100_000, order: "asc" }, { vmIds: vms.map((vm) => vm.id) }, actor)).rows : [];
  return {
    total,
    vms: vms.map((vm) => ({ id: vm.id, name: vm.name, status: vm.status, disks: disks.filter((d) => d.vm?.id === vm.id) })),
    templates: templates.rows.map((t) => ({
      id: t.id,
      name: t.name,
      disks: t.attachments.map(({ disk }): TemplateDiskCopies => ({
        id: disk.id,
        alias: disk.alias,
        provisionedSize: Number(disk.provisionedSize),
        copies: disk.volumes.map((v) => ({ storageDomainId: v.storageDomain.id, actualSize: Number(v.actualSize) })),
      })),
    })),
  };
}
export type PlacementMap = Awaited<ReturnType<typeof placementMap>>;
