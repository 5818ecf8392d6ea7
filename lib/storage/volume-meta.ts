import { readFile, rename, writeFile } from "node:fs/promises";
import { metaPath, metaTempPath } from "./layout";

// The small key=value file VDSM keeps beside each volume. LEGALITY=ILLEGAL marks a volume
// whose content is not complete yet, so an interrupted copy is detectable from the files alone.

export interface VolumeMeta {
  diskId: string;
  volumeId: string;
  domainId: string;
  format: "qcow2" | "raw";
  parent: string | null;
  sizeBytes: number;
  legality: "LEGAL" | "ILLEGAL";
  generation: number;
}

export async function writeVolumeMeta(volumeFile: string, meta: VolumeMeta) {
  const lines = [
    `IMAGE=${meta.diskId}`,
    `VOLUME=${meta.volumeId}`,
    `DOMAIN=${meta.domainId}`,
    `FORMAT=${meta.format === "qcow2" ? "COW" : "RAW"}`,
    `PUUID=${meta.parent ?? "00000000-0000-0000-0000-000000000000"}`,
    `CAP=${meta.sizeBytes}`,
    `LEGALITY=${meta.legality}`,
    `GEN=${meta.generation}`,
    "EOF",
  ];
  // Whole or not at all: a crash mid-write must not leave a volume with half its metadata (its
  // legality and parent are what recovery and registration read). A leftover .tmp is the scan's
  // known file, overwritten by the next write.
  await writeFile(metaTempPath(volumeFile), `${lines.join("\n")}\n`);
  await rename(metaTempPath(volumeFile), metaPath(volumeFile));
}

export async function readVolumeMeta(volumeFile: string): Promise<VolumeMeta> {
  const text = await readFile(metaPath(volumeFile), "utf8");
  const fields = Object.fromEntries(
    text.split("\n").filter((line) => line.includes("=")).map((line) => line.split("=", 2) as [string, string]),
  );
  return {
    diskId: fields.IMAGE,
    volumeId: fields.VOLUME,
    domainId: fields.DOMAIN,
    format: fields.FORMAT === "COW" ? "qcow2" : "raw",
    parent: fields.PUUID === "00000000-0000-0000-0000-000000000000" ? null : fields.PUUID,
    sizeBytes: Number(fields.CAP),
    legality: fields.LEGALITY === "LEGAL" ? "LEGAL" : "ILLEGAL",
    generation: Number(fields.GEN),
  };
}

export async function markLegal(volumeFile: string) {
  const meta = await readVolumeMeta(volumeFile);
  await writeVolumeMeta(volumeFile, { ...meta, legality: "LEGAL", generation: meta.generation + 1 });
}

/**
 * Names a volume's new parent after its backing file changed (a rebase, a merge), as VDSM's
 * setParent does: registering a disk from its domain's files alone follows PUUID. A volume
 * without metadata has none to update.
 */
export async function setMetaParent(volumeFile: string, parent: string | null) {
  const meta = await readVolumeMeta(volumeFile).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  if (!meta || meta.parent === parent) return;
  await writeVolumeMeta(volumeFile, { ...meta, parent, generation: meta.generation + 1 });
}
