import "server-only";
import { db } from "@/lib/db";
import { formatBytes } from "@/lib/format";
import { listUnregistered } from "./unregistered";

// The Import tabs of a data domain: what it holds to register, each disk with where its volumes
// are, so the administrator sees before registering what comes back and what stays away.

export interface RegisterCandidate {
  id: string;
  kind: "vm" | "template" | "disk";
  name: string;
  /** The VM or template is still in the portal (it kept disks on other domains). */
  inPortal: boolean;
  disks: { diskId: string; alias: string; where: string; available: boolean }[];
}

export async function registerCandidates(storageDomainId: string, kind: RegisterCandidate["kind"]): Promise<RegisterCandidate[]> {
  const items = await listUnregistered(storageDomainId, kind);
  const here = await db.storageDomain.findUniqueOrThrow({ where: { id: storageDomainId } });
  const domains = new Map((await db.storageDomain.findMany({ select: { id: true, name: true, status: true, dataCenterId: true } })).map((d) => [d.id, d]));
  const ids = items.map((i) => i.id);
  const inPortal = new Set([...(await db.vm.findMany({ where: { id: { in: ids } }, select: { id: true } })), ...(await db.template.findMany({ where: { id: { in: ids } }, select: { id: true } }))].map((o) => o.id));
  return items.map((item) => ({
    id: item.id,
    kind: item.kind,
    name: item.name,
    inPortal: inPortal.has(item.id),
    disks: item.disks.map((disk) => {
      const places = [...new Set((disk.volumes ?? []).map((v) => v.storageDomainId))].map((id) => {
        const domain = domains.get(id);
        const usable = !!domain && domain.status === "active" && domain.dataCenterId === here.dataCenterId;
        return { usable, label: id === storageDomainId ? "here" : domain ? `on ${domain.name}${usable ? "" : ` (${domain.status})`}` : `on storage domain ${id.slice(0, 8)}…, not in the portal` };
      });
      return { diskId: disk.diskId, alias: disk.alias, where: `${formatBytes(disk.provisionedSize)}, ${places.map((p) => p.label).join(", ")}`, available: places.some((p) => p.usable) };
    }),
  }));
}
