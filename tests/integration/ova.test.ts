import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { addVm } from "@/lib/vms/add-vm";
import { waitForJob } from "@/lib/jobs/run-job";
import { exportOva } from "@/lib/ova/export-ova";
import { importOva, inspectOva } from "@/lib/ova/import-ova";
import { ovaRoots } from "@/lib/ova/ova-paths";
import { admin, createDomains, filesOn, finished, leafOf, MiB, testDir, writePattern } from "@/tests/support/fixtures";

let domains: Awaited<ReturnType<typeof createDomains>>;
let vm: { vmId: string; diskIds: string[] };
let root: string;

beforeAll(async () => {
  domains = await createDomains(3);
  root = ovaRoots()[0];
  mkdirSync(root, { recursive: true });
  vm = await finished(addVm({ name: "ova-src", disks: domains.data.map((d, i) => ({ alias: `ova-d${i}`, provisionedSize: 64 * MiB, storageDomainId: d.id })) }, admin));
  for (const [i, diskId] of vm.diskIds.entries()) writePattern((await leafOf(diskId)).path, "qcow2", 0x40 + i, i * MiB, 2 * MiB);
});

const tarList = (file: string) => execFileSync("tar", ["-tf", file], { encoding: "utf8" }).trim().split("\n");
const compare = (a: string, b: string) => execFileSync("qemu-img", ["compare", "-q", a, b], { encoding: "utf8" });

describe("OVA export and import", () => {
  it("a VM with disks on 3 domains becomes one .ova (OVF first, each disk a standalone qcow2), imported back with a domain per disk", async () => {
    const { path: file, job } = await exportOva("vm", { id: vm.vmId, directory: root, filename: "ova-src.ova" }, admin);
    expect((await waitForJob(job.id)).status).toBe("finished");
    expect(file).toBe(path.join(root, "ova-src.ova"));
    const members = tarList(file);
    expect(members[0]).toBe("vm.ovf");
    expect(members).toHaveLength(4);
    expect(readdirSync(root).sort()).toEqual(["ova-src.ova"]); // no staging left
    const { ovf } = await inspectOva(file);
    expect(ovf).toMatchObject({ kind: "vm", name: "ova-src" });
    expect(ovf.disks.map((d) => d.alias).sort()).toEqual(["ova-d0", "ova-d1", "ova-d2"]);

    // Rotated: each disk lands on the next domain.
    const targets = ovf.disks.map((d) => ({ diskId: d.diskId, storageDomainId: domains.data[(Number(d.alias.slice(-1)) + 1) % 3].id }));
    const imported = await importOva({ path: file, name: "ova-copy", disks: targets }, admin);
    expect((await waitForJob(imported.job.id)).status).toBe("finished");
    const copy = await db.vm.findUniqueOrThrow({ where: { name: "ova-copy" }, include: { attachments: { include: { disk: true } } } });
    expect(copy.status).toBe("down");
    for (const attachment of copy.attachments) {
      const i = Number(attachment.disk.alias.slice(-1));
      const leaf = await leafOf(attachment.diskId);
      expect(leaf.domain.id).toBe(domains.data[(i + 1) % 3].id);
      expect(compare((await leafOf(vm.diskIds[i])).path, leaf.path)).toBe("");
    }
  });

  it("refuses a folder outside the OVA folders, a bad name and an existing file, and changes nothing", async () => {
    await expect(exportOva("vm", { id: vm.vmId, directory: "/etc", filename: "x.ova" }, admin)).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("OVA files go to") });
    await expect(exportOva("vm", { id: vm.vmId, directory: root, filename: "../x.ova" }, admin)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(exportOva("vm", { id: vm.vmId, directory: root, filename: "ova-src.ova" }, admin)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(importOva({ path: "/etc/passwd.ova", defaultStorageDomainId: domains.data[0].id }, admin)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.vm.findUniqueOrThrow({ where: { id: vm.vmId } })).lockJobId).toBeNull();
    expect(readdirSync(root).sort()).toEqual(["ova-src.ova"]);
  });

  it("an OVA whose disk names a backing file is refused at import: no VM, no disk, no file", async () => {
    const work = path.join(testDir(), "evil-ova");
    mkdirSync(work, { recursive: true });
    execFileSync("tar", ["-xf", path.join(root, "ova-src.ova"), "-C", work]);
    const members = tarList(path.join(root, "ova-src.ova"));
    const victim = path.join(work, members[1]);
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", "-b", "/etc/hostname", "-F", "raw", victim, String(64 * MiB)]);
    execFileSync("tar", ["-cf", path.join(root, "evil.ova"), "-C", work, ...members]);
    const before = domains.data.map((d) => filesOn(d).length);
    const { job } = await importOva({ path: path.join(root, "evil.ova"), name: "evil", defaultStorageDomainId: domains.data[0].id }, admin);
    const ended = await waitForJob(job.id);
    expect(ended.status).toBe("failed");
    expect(ended.error).toContain("backing file");
    expect(await db.vm.findUnique({ where: { name: "evil" } })).toBeNull();
    expect(domains.data.map((d) => filesOn(d).length)).toEqual(before);
    expect(existsSync(path.join(root, "evil.ova"))).toBe(true); // the source is untouched
  });
});
