import "server-only";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { loadTemplate, loadVm } from "@/lib/entities/load";
import { requireDiskUsable, requireVmDown } from "@/lib/entities/require-state";
import { chainSource, loadDiskChains } from "@/lib/disks/chain";
import { readableTemplateCopy } from "@/lib/disks/template-copies";
import { requirePermission, templateScopes, vmScopes } from "@/lib/auth/authorize";
import type { ImageFormat } from "@/lib/storage/driver";

// What an export (to an export domain or an OVA) reads: a down VM or an unlocked template the
// actor may export, and for each data disk the image to collapse (a VM disk's whole chain, a
// template disk's readable copy).

export async function loadExportable(kind: "vm" | "template", id: string, action: string, actor: Actor) {
  const owner = kind === "vm" ? await loadVm(id) : await loadTemplate(id);
  if (kind === "vm") requireVmDown(owner as Awaited<ReturnType<typeof loadVm>>, action);
  else if (owner.lockJobId) throw new AppError("CONFLICT", `Cannot ${action}. Template ${owner.name} is locked.`);
  if (kind === "vm") requirePermission(actor, "operate_vm", await vmScopes(owner.id), `export VM ${owner.name}`);
  else requirePermission(actor, "manage_template", await templateScopes(owner.id), `export template ${owner.name}`);
  const attachments = owner.attachments.filter((a) => a.disk.contentType === "data");
  for (const a of attachments) requireDiskUsable(a.disk, action);
  const chains = kind === "vm" ? await loadDiskChains(attachments.map((a) => a.diskId)) : null;
  const disks = [];
  for (const { disk, ...attachment } of attachments) {
    const source: { path: string; format: ImageFormat; weightBytes: number } = chains
      ? chainSource(chains.get(disk.id)!)
      : await readableTemplateCopy(disk.id, "", action).then((c) => ({ ...c, weightBytes: c.actualSize }));
    disks.push({ disk, attachment, source });
  }
  return { owner, disks };
}
