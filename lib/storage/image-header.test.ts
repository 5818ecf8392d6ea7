import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readImageHeader } from "./image-header";

describe("readImageHeader", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "header-"));
  for (const [format, size] of [["qcow2", 3 * 2 ** 30], ["raw", 5 * 2 ** 20], ["qcow2", 2 ** 20]] as const) {
    it(`agrees with qemu-img info on a ${size}-byte ${format} image`, async () => {
      const file = path.join(dir, `${format}-${size}`);
      execFileSync("qemu-img", ["create", "-q", "-f", format, file, String(size)]);
      const info = JSON.parse(execFileSync("qemu-img", ["info", "--output=json", file], { encoding: "utf8" }));
      expect(await readImageHeader(file)).toEqual({ format: info.format, virtualSize: info["virtual-size"], backingFile: null, backingFormat: null });
    });
  }

  it("gives the backing file a qcow2 names, and its format, as qemu-img info does", async () => {
    const base = path.join(dir, "base");
    const overlay = path.join(dir, "overlay");
    const top = path.join(dir, "top");
    execFileSync("qemu-img", ["create", "-q", "-f", "raw", base, "1M"]);
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", "-b", "base", "-F", "raw", overlay]);
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", "-o", "compat=0.10", "-b", "overlay", "-F", "qcow2", top]);
    for (const [file, format] of [[overlay, "raw"], [top, "qcow2"]]) {
      const info = JSON.parse(execFileSync("qemu-img", ["info", "--output=json", file], { encoding: "utf8" }));
      expect(await readImageHeader(file)).toMatchObject({ format: "qcow2", backingFile: info["backing-filename"], backingFormat: format });
      expect(info["backing-filename-format"]).toBe(format);
    }
    expect(await readImageHeader(base)).toMatchObject({ format: "raw", backingFile: null });
  });
});
