import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedDemoData } from "@/lib/demo/seed-demo";
import { filesOn, qemuInfo } from "@/tests/support/fixtures";
import { volumePath } from "@/lib/storage/layout";

describe("demo data", () => {
  it("makes a data center, four data domains, an export domain, two 3-disk templates and VMs with real images", async () => {
    expect(await seedDemoData()).toBe(true);
    const domains = await db.storageDomain.findMany();
    expect(domains.filter((d) => d.type === "data")).toHaveLength(4);
    expect(domains.filter((d) => d.type === "export")).toHaveLength(1);
    const templates = await db.template.findMany({ include: { attachments: true } });
    expect(templates.map((t) => t.attachments.length)).toEqual([3, 3]);
    expect(await db.vm.count()).toBeGreaterThanOrEqual(4);
    const volumes = await db.volume.findMany({ include: { storageDomain: true } });
    for (const v of volumes) expect(qemuInfo(volumePath(v.storageDomain, v.diskId, v.id)).format).toBe(v.format);
    expect(domains.filter((d) => d.type === "data").flatMap(filesOn)).toHaveLength(volumes.length);
    expect(await seedDemoData()).toBe(false);
  });
});
