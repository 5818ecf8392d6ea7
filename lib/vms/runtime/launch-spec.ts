import "server-only";
import { AppError, type ErrorCode } from "@/lib/errors";
import type { loadVm } from "@/lib/entities/load";
import { loadDiskChains } from "@/lib/disks/chain";
import { MAX_SATA_DISKS, type DiskInterface, type LaunchSpec } from "@/lib/runtime/qemu-command";
import { statusText } from "./vm-status";
import { requireDomainsVerified } from "@/lib/storage-domains/domain-health";
import { requireImagesIntact } from "@/lib/disks/image-health";

type LoadedVm = Awaited<ReturnType<typeof loadVm>>;

/**
 * What QEMU is given: the VM's active data disks, each opened from the leaf of its own chain on
 * its own domain. Every reason not to run is collected first and reported at once, per disk.
 * Disks come in id order: the order of -device options fixes PCI addresses, and a saved memory
 * state only loads into the same layout.
 */
export async function launchSpecFor(vm: LoadedVm, action: string): Promise<LaunchSpec> {
  const attachments = vm.attachments.filter((a) => a.active && a.disk.contentType === "data").sort((a, b) => a.diskId.localeCompare(b.diskId));
  const problems: { code: ErrorCode; field: string; message: string }[] = [];
  for (const { disk } of attachments) {
    const field = `disks.${disk.id}`;
    if (disk.lockJobId || disk.status === "locked") problems.push({ code: "DISK_LOCKED", field, message: `Disk ${disk.alias} is locked by another operation.` });
    else if (disk.status === "illegal") problems.push({ code: "CONFLICT", field, message: `Disk ${disk.alias} is illegal.` });
  }
  const usable = attachments.filter((a) => !problems.some((p) => p.field === `disks.${a.diskId}`));
  const chains = await loadDiskChains(usable.map((a) => a.diskId));
  for (const { disk } of usable) {
    const domain = chains.get(disk.id)!.storageDomain;
    if (domain.status !== "active") {
      const state = domain.status === "maintenance" ? "in maintenance" : statusText(domain.status);
      problems.push({ code: "STORAGE_DOMAIN_INACTIVE", field: `disks.${disk.id}`, message: `Disk ${disk.alias} is on storage domain ${domain.name}, which is ${state}.` });
    }
  }
  if (attachments.filter((a) => a.interface === "sata").length > MAX_SATA_DISKS) {
    problems.push({ code: "VALIDATION", field: "disks", message: `A VM can have at most ${MAX_SATA_DISKS} SATA disks.` });
  }
  if (problems.length) {
    throw new AppError(problems[0].code, `Cannot ${action}. ${problems.map((p) => p.message).join(" ")}`, Object.fromEntries(problems.map((p) => [p.field, p.message])));
  }
  // QEMU opens every volume of every chain (template bases too): each domain and image must be sound.
  const volumes = [...chains.values()].flatMap((chain) => [...chain.volumes, ...(chain.templateBase ? [chain.templateBase] : [])]);
  const domainIds = [...chains.values()].map((chain) => chain.storageDomain.id);
  await requireDomainsVerified(domainIds, action);
  await requireImagesIntact(volumes.map((v) => ({ path: v.path, format: v.format })), action);
  return {
    vmId: vm.id,
    name: vm.name,
    cpus: vm.cpus,
    memoryMb: vm.memoryMb,
    disks: attachments.map(({ disk, interface: iface, bootable }) => {
      const leaf = chains.get(disk.id)!.volumes.at(-1)!;
      return { diskId: disk.id, alias: disk.alias, interface: iface as DiskInterface, bootable, leafVolumeId: leaf.id, path: leaf.path, format: leaf.format };
    }),
  };
}
