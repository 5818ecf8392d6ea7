import { beforeAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { getExported } from "@/lib/transfer/exported";
import { buildOvf } from "@/lib/transfer/ovf";
import { createDomains, testDir } from "@/tests/support/fixtures";

let exportDomain: { id: string; path: string };
beforeAll(async () => {
  exportDomain = (await createDomains(1)).exportDomain;
});

describe("getExported", () => {
  it("refuses an id that would lead out of the export domain", async () => {
    // The id is used twice (master/vms/<id>/<id>.ovf): "../../stray" resolves to
    // <domain path>/stray.ovf, beside the domain's own directory.
    writeFileSync(path.join(exportDomain.path, "stray.ovf"), buildOvf({ kind: "vm", id: "x", name: "stray", description: "", cpus: 1, memoryMb: 512, exportedAt: new Date().toISOString(), disks: [] }));
    expect(exportDomain.path.startsWith(testDir())).toBe(true);
    await expect(getExported(exportDomain.id, "vms", "../../stray")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
