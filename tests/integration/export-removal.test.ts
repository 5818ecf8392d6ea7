import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, renameSync } from "node:fs";
import path from "node:path";
import { addVm } from "@/lib/vms/add-vm";
import { exportObject } from "@/lib/transfer/export-object";
import { getExported, listExported } from "@/lib/transfer/exported";
import { removeExported } from "@/lib/transfer/remove-exported";
import { runMonitorCycle } from "@/lib/storage-domains/monitor";
import { ovfDir, volumePath } from "@/lib/storage/layout";
import { admin, createDomains, finished, GiB } from "@/tests/support/fixtures";

// Deleting exported VMs from an export domain: the entry and its images go; a removal a crash
// interrupted is finished by the monitor.

describe("removing an exported VM", () => {
  let domains: Awaited<ReturnType<typeof createDomains>>;
  const exported: { vmId: string; files: string[] }[] = [];

  beforeAll(async () => {
    domains = await createDomains(2);
    for (const name of ["exp-a", "exp-b"]) {
      const { vmId } = await finished(addVm({ name, disks: domains.data.map((d, i) => ({ alias: `${name}-${i}`, provisionedSize: GiB, storageDomainId: d.id })) }, admin));
      await finished(exportObject("vm", { id: vmId, storageDomainId: domains.exportDomain.id }, admin));
      const { ovf } = await getExported(domains.exportDomain.id, "vms", vmId);
      exported.push({ vmId, files: ovf.disks.map((d) => volumePath(domains.exportDomain, d.diskId, d.volumeId)) });
    }
  });

  it("deletes the entry and its disk images, and leaves the other one", async () => {
    const [a, b] = exported;
    for (const file of a.files) expect(existsSync(file)).toBe(true);
    await removeExported({ storageDomainId: domains.exportDomain.id, kind: "vms", id: a.vmId }, admin);
    expect((await listExported(domains.exportDomain.id, "vms")).map((v) => v.id)).toEqual([b.vmId]);
    for (const file of a.files) expect(existsSync(file)).toBe(false);
    for (const file of b.files) expect(existsSync(file)).toBe(true);
    await expect(removeExported({ storageDomainId: domains.exportDomain.id, kind: "vms", id: a.vmId }, admin)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(removeExported({ storageDomainId: domains.data[0].id, kind: "vms", id: b.vmId }, admin)).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("a removal interrupted after the entry was hidden is finished by the monitor", async () => {
    const [, b] = exported;
    const dir = ovfDir(domains.exportDomain, "vms");
    renameSync(path.join(dir, b.vmId), path.join(dir, `.${b.vmId}.removing`)); // the process died here
    expect(await listExported(domains.exportDomain.id, "vms")).toEqual([]);
    await runMonitorCycle();
    for (const file of b.files) expect(existsSync(file)).toBe(false);
    expect(existsSync(path.join(dir, `.${b.vmId}.removing`))).toBe(false);
  });
});
