import { describe, expect, it } from "vitest";
import { domainOfFile, formatMetadata, parseMetadata } from "./domain-identity";
import { mountHolding } from "./mounts";

const id = "0b6f3a52-8d1e-4c7a-9f00-3f2b5c1d9e77";

describe("domain metadata", () => {
  it("round-trips the fields VDSM keeps", () => {
    const meta = { id, name: "nfs-gold", type: "export", version: 5 };
    expect(parseMetadata(formatMetadata(meta))).toEqual(meta);
  });

  it("reads metadata written before TYPE existed, and refuses a file without SDUUID", () => {
    expect(parseMetadata(`SDUUID=${id}\nDESCRIPTION=old\nCLASS=Data\nVERSION=5\n`)).toMatchObject({ id, type: "data" });
    expect(parseMetadata("DESCRIPTION=nothing\n")).toBeNull();
  });
});

describe("the domain a file lies in", () => {
  it("is read off the layout, whatever the depth below the domain folder", () => {
    expect(domainOfFile(`/mnt/export/${id}/images/disk/vol`)).toEqual({ id, path: "/mnt/export" });
    expect(domainOfFile(`/mnt/export/${id}/master/vms/x/x.ovf`)).toEqual({ id, path: "/mnt/export" });
    expect(domainOfFile(`/mnt/data/${id}/ovf_store/${id}.ovf`)).toEqual({ id, path: "/mnt/data" });
    expect(domainOfFile(`/srv/${id}/nested/${id}/trash/a__b`)).toEqual({ id, path: `/srv/${id}/nested` });
  });

  it("is none for a path outside any domain", () => {
    expect(domainOfFile("/tmp/plain/file")).toBeNull();
  });
});

describe("the mount holding a directory", () => {
  const mounts = [
    { mountPoint: "/", fsType: "ext4", source: "/dev/vda1" },
    { mountPoint: "/data/domains/gold", fsType: "ext4", source: "/dev/loop0" },
    { mountPoint: "/data/domains/gold-2", fsType: "xfs", source: "/dev/loop1" },
  ];
  it("is the longest mount point that contains it", () => {
    expect(mountHolding(mounts, "/data/domains/gold/uuid/images")?.source).toBe("/dev/loop0");
    expect(mountHolding(mounts, "/data/domains/gold-2")?.fsType).toBe("xfs");
    expect(mountHolding(mounts, "/data/domains/silver")?.source).toBe("/dev/vda1");
  });
});
