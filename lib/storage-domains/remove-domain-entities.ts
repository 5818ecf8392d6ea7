import "server-only";
import type { Tx } from "@/lib/db";

// What detaching a data domain takes out of the portal (oVirt's Remove_Entities_From_storage_domain):
// its descriptors stay in the domain's OVF store, so all of it can be registered again wherever
// the domain is attached next.
// - a disk whose volumes are all on the domain goes; a template disk's copy here goes, the disk
//   stays where it has copies elsewhere;
// - a VM or template left with no disk it had goes too; one with disks elsewhere stays without
//   those it had here (registering it from this domain later brings them back to it).

export interface RemovedEntities {
  vms: string[];
  templates: string[];
  disks: string[];
  /** VMs and templates that stay, with the disks they lost. */
  shrunk: string[];
}

export async function removeDomainEntities(tx: Tx, storageDomainId: string): Promise<RemovedEntities> {
  const here = await tx.volume.findMany({ where: { storageDomainId }, select: { id: true, diskId: true } });
  const diskIds = [...new Set(here.map((v) => v.diskId))];
  const elsewhere = new Set((await tx.volume.findMany({ where: { diskId: { in: diskIds }, storageDomainId: { not: storageDomainId } }, select: { diskId: true } })).map((v) => v.diskId));
  const goneDisks = diskIds.filter((id) => !elsewhere.has(id));
  const attachments = await tx.diskAttachment.findMany({ where: { diskId: { in: goneDisks } }, select: { vmId: true, templateId: true } });
  const owners = (key: "vmId" | "templateId") => [...new Set(attachments.flatMap((a) => (a[key] ? [a[key]] : [])))];
  const stays = async (key: "vmId" | "templateId", ids: string[]) =>
    new Set((await tx.diskAttachment.findMany({ where: { [key]: { in: ids }, diskId: { notIn: goneDisks } }, select: { [key]: true } })).map((a) => (a as Record<string, string>)[key]));
  const vmIds = owners("vmId");
  const templateIds = owners("templateId");
  const [vmsStaying, templatesStaying] = await Promise.all([stays("vmId", vmIds), stays("templateId", templateIds)]);
  const removed = { vms: vmIds.filter((id) => !vmsStaying.has(id)), templates: templateIds.filter((id) => !templatesStaying.has(id)) };

  await tx.volume.deleteMany({ where: { storageDomainId, diskId: { in: [...elsewhere] } } });
  await tx.disk.deleteMany({ where: { id: { in: goneDisks } } });
  await tx.vm.updateMany({ where: { memoryDiskId: { in: goneDisks } }, data: { memoryDiskId: null } });
  await tx.vm.deleteMany({ where: { id: { in: removed.vms } } });
  await tx.template.deleteMany({ where: { id: { in: removed.templates } } });
  await tx.permission.deleteMany({ where: { OR: [{ objectType: "vm", objectId: { in: removed.vms } }, { objectType: "template", objectId: { in: removed.templates } }] } });
  return { ...removed, disks: goneDisks, shrunk: [...vmsStaying, ...templatesStaying] };
}
