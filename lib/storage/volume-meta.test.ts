import { afterAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readVolumeMeta, setMetaParent, writeVolumeMeta, type VolumeMeta } from "./volume-meta";

const dir = mkdtempSync(path.join(tmpdir(), "volume-meta-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const meta: VolumeMeta = {
  diskId: "d0d0d0d0-0000-4000-8000-000000000001",
  volumeId: "v0v0v0v0-0000-4000-8000-000000000002",
  domainId: "s0s0s0s0-0000-4000-8000-000000000003",
  format: "qcow2",
  parent: "p0p0p0p0-0000-4000-8000-000000000004",
  sizeBytes: 1 << 30,
  legality: "LEGAL",
  generation: 3,
};

describe("volume metadata", () => {
  it("is written whole, with no temporary file left beside it, and reads back as written", async () => {
    const volume = path.join(dir, "written");
    await writeVolumeMeta(volume, meta);
    expect(readdirSync(dir).filter((f) => f.startsWith("written"))).toEqual(["written.meta"]);
    expect(await readVolumeMeta(volume)).toEqual(meta);
  });

  it("names a new parent (or none) with the next generation, and leaves a volume without metadata alone", async () => {
    const volume = path.join(dir, "rebased");
    await writeVolumeMeta(volume, meta);
    await setMetaParent(volume, null);
    expect(await readVolumeMeta(volume)).toEqual({ ...meta, parent: null, generation: 4 });
    await setMetaParent(volume, null); // unchanged: not rewritten
    expect((await readVolumeMeta(volume)).generation).toBe(4);
    await setMetaParent(path.join(dir, "no-meta"), "x");
    expect(existsSync(path.join(dir, "no-meta.meta"))).toBe(false);
  });
});
