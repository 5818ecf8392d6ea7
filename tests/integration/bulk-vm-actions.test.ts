import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { waitForJob } from "@/lib/jobs/run-job";
import { addVm } from "@/lib/vms/add-vm";
import { onEachVm } from "@/lib/vms/bulk-vm-actions";
import { admin, createDomains, finished, GiB } from "@/tests/support/fixtures";

// The VM list's bulk actions: each VM is its own operation; the refused ones are reported
// together and the others still go ahead.

let domains: Awaited<ReturnType<typeof createDomains>>;

beforeAll(async () => {
  domains = await createDomains(2);
});

async function vmOnDomain(name: string) {
  return (await finished(addVm({ name, disks: [{ alias: `${name}-d`, provisionedSize: GiB, storageDomainId: domains.data[0].id }] }, admin))).vmId;
}

describe("bulk VM actions", () => {
  it("removes every VM it can and names the ones it could not, with each one's reason", async () => {
    const [a, b] = [await vmOnDomain("bulk-a"), await vmOnDomain("bulk-b")];
    const error = await onEachVm({ operation: "remove", vmIds: [a, "no-such-vm", b] }, admin).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^Done for 2 of 3 VMs\. Refused: .*no-such-vm/);
    for (const job of await db.job.findMany()) await waitForJob(job.id);
    expect(await db.vm.count({ where: { name: { in: ["bulk-a", "bulk-b"] } } })).toBe(0);
  });

  it("refuses an empty selection or an unknown operation before touching anything", async () => {
    await expect(onEachVm({ operation: "remove", vmIds: [] }, admin)).rejects.toThrow(/Select at least one VM/);
    await expect(onEachVm({ operation: "explode" as "remove", vmIds: ["x"] }, admin)).rejects.toThrow();
  });
});
