import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { systemActor } from "@/lib/actor";
import { addStorageDomain } from "@/lib/storage-domains/manage-storage-domains";
import { addVm } from "@/lib/vms/add-vm";
import { addVmFromTemplate } from "@/lib/vms/add-vm-from-template";
import { addTemplateFromVm } from "@/lib/templates/add-template-from-vm";
import { deleteVm } from "@/lib/vms/delete-vm";
import { waitForJob } from "@/lib/jobs/run-job";
import { GiB } from "@/lib/schemas/common";
import { makeDomainFilesystem } from "@/lib/storage/loop-mounts";

// Demo data for an empty database, made through the same domain functions as everything
// else: each domain on a loop-mounted ext4 filesystem of its own size under DATA_DIR/domains
// (plain directories where loop devices are not available) and real (sparse) image files.

async function done<T extends { job: { id: string } }>(result: Promise<T>) {
  const value = await result;
  const job = await waitForJob(value.job.id);
  if (job.status !== "finished") throw new Error(`demo data: ${job.description} failed: ${job.error}`);
  return value;
}

export async function seedDemoData() {
  if (await db.dataCenter.count()) return false;
  const dataCenter = await db.dataCenter.create({ data: { id: randomUUID(), name: "Default", description: "Demo data center" } });
  await db.cluster.create({ data: { id: randomUUID(), name: "Default", dataCenterId: dataCenter.id } });

  const domain = async (name: string, type: "data" | "export", description: string, sizeGiB: number) => {
    const fs = await makeDomainFilesystem(env.DATA_DIR, name, sizeGiB, env.DEMO_LOOP_MOUNTS === "1");
    return addStorageDomain({ name, type, description, path: fs.path, storageType: fs.storageType, criticalSpaceGb: 1 }, systemActor);
  };
  const gold = await domain("nfs-gold", "data", "NFS, SSD-backed", 8);
  const silver = await domain("nfs-silver", "data", "NFS, HDD-backed", 16);
  const local = await domain("local-ssd", "data", "Local datastore", 4);
  const archive = await domain("posix-archive", "data", "POSIX archive storage", 32);
  await domain("export", "export", "Export domain for moving VMs between setups", 8);

  const three = (name: string, domains: string[]) => [
    { alias: `${name}-os`, provisionedSize: 20 * GiB, storageDomainId: domains[0], bootable: true },
    { alias: `${name}-app`, provisionedSize: 10 * GiB, storageDomainId: domains[1], interface: "virtio_scsi" as const },
    { alias: `${name}-data`, provisionedSize: 50 * GiB, storageDomainId: domains[2], format: "raw" as const },
  ];

  const templates = [];
  for (const [name, placement] of [
    ["rhel9", [gold.id, silver.id, local.id]],
    ["debian12", [local.id, gold.id, archive.id]],
  ] as const) {
    const seed = await done(addVm({ name: `${name}-seed`, cpus: 2, memoryMb: 2048, disks: three(name, [...placement]) }, systemActor));
    const template = await done(addTemplateFromVm({ name: `${name}-template`, description: `${name} golden image`, vmId: seed.vmId, disks: seed.diskIds.map((diskId, i) => ({ diskId, storageDomainId: placement[i], alias: `${name}-tpl-${["os", "app", "data"][i]}` })) }, systemActor));
    await done(deleteVm({ vmId: seed.vmId }, systemActor));
    templates.push(template);
  }

  await done(addVmFromTemplate({ name: "web-01", templateId: templates[0].templateId }, systemActor));
  await done(addVmFromTemplate({ name: "web-02", templateId: templates[0].templateId }, systemActor));
  await done(
    addVmFromTemplate(
      { name: "build-01", templateId: templates[1].templateId, disks: templates[1].diskIds.map((templateDiskId) => ({ templateDiskId, storageDomainId: silver.id, mode: "clone" as const })) },
      systemActor,
    ),
  );
  await done(addVm({ name: "db-01", cpus: 4, memoryMb: 8192, disks: three("db-01", [gold.id, silver.id, archive.id]) }, systemActor));
  return true;
}
