import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { volumePath } from "@/lib/storage/layout";
import type { ImageFormat } from "@/lib/storage/driver";

// A disk's volumes on one domain, base first, with the template volume it is thin on (if any).

export interface ChainVolume {
  id: string;
  parentId: string | null;
  format: ImageFormat;
  snapshotId: string | null;
  leaf: boolean;
  actualSize: number;
  path: string;
}

export interface DiskChain {
  diskId: string;
  storageDomain: { id: string; name: string; path: string; status: string; type: string };
  volumes: ChainVolume[];
  /** The template volume under the base, for a thin VM disk. */
  templateBase: { id: string; diskId: string; path: string; format: ImageFormat } | null;
}

type VolumeRow = Awaited<ReturnType<typeof findVolumes>>[number];

function findVolumes(diskIds: string[]) {
  return db.volume.findMany({ where: { diskId: { in: diskIds } }, include: { storageDomain: true } });
}

function buildChain(diskId: string, rows: VolumeRow[], byId: Map<string, VolumeRow>): DiskChain {
  const leaf = rows.find((v) => v.leaf);
  if (!leaf) throw new AppError("CONFLICT", `Disk ${diskId} has no active volume.`);
  const ordered: VolumeRow[] = [];
  for (let v: VolumeRow | undefined = leaf; v && v.diskId === diskId; v = v.parentId ? byId.get(v.parentId) : undefined) ordered.unshift(v);
  const baseParent = ordered[0].parentId ? byId.get(ordered[0].parentId) : undefined;
  const domain = leaf.storageDomain;
  return {
    diskId,
    storageDomain: domain,
    volumes: ordered.map((v) => ({
      id: v.id,
      parentId: v.parentId,
      format: v.format as ImageFormat,
      snapshotId: v.snapshotId,
      leaf: v.leaf,
      actualSize: Number(v.actualSize),
      path: volumePath(domain, diskId, v.id),
    })),
    templateBase: baseParent
      ? { id: baseParent.id, diskId: baseParent.diskId, path: volumePath(baseParent.storageDomain, baseParent.diskId, baseParent.id), format: baseParent.format as ImageFormat }
      : null,
  };
}

/** Chains of VM (or floating) disks, keyed by disk id. */
export async function loadDiskChains(diskIds: string[]) {
  const rows = await findVolumes(diskIds);
  const parentIds = rows.map((v) => v.parentId).filter((id): id is string => !!id && !rows.some((r) => r.id === id));
  const parents = parentIds.length ? await db.volume.findMany({ where: { id: { in: parentIds } }, include: { storageDomain: true } }) : [];
  const byId = new Map([...rows, ...parents].map((v) => [v.id, v]));
  return new Map(diskIds.map((id) => [id, buildChain(id, rows.filter((v) => v.diskId === id), byId)]));
}

export async function loadDiskChain(diskId: string) {
  return (await loadDiskChains([diskId])).get(diskId)!;
}

/**
 * What a full copy of the chain reads: its leaf (or the volume `topId`, a disk snapshot), through
 * the backing chain under it; `shallow`, that volume's own data alone.
 */
export function chainSource(chain: DiskChain, topId?: string, { shallow = false } = {}) {
  const depth = topId ? chain.volumes.findIndex((v) => v.id === topId) + 1 : chain.volumes.length;
  if (depth === 0) throw new AppError("NOT_FOUND", `Disk snapshot ${topId} doesn't exist on disk ${chain.diskId}.`);
  const volumes = shallow ? chain.volumes.slice(depth - 1, depth) : chain.volumes.slice(0, depth);
  const top = volumes.at(-1)!;
  const weightBytes = volumes.reduce((sum, v) => sum + v.actualSize, 0) + (chain.templateBase && !shallow ? 64 << 20 : 0);
  return { path: top.path, format: top.format, weightBytes };
}
