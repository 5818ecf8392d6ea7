import "server-only";
import { ownersOfDisks } from "@/lib/ovf-store/entity-ovf";
import { updateOvfsQuietly } from "@/lib/ovf-store/update-ovf-store";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events";
import { loadDisk } from "@/lib/entities/load";
import { parseInput } from "@/lib/schemas/parse";
import { updateDiskSchema, type UpdateDiskInput } from "@/lib/schemas/disk";
import { diskScopes, requirePermission } from "@/lib/auth/authorize";

/** Renames a disk or changes its description. A different size is refused: extending is not built yet. */
export async function updateDisk(input: UpdateDiskInput, actor: Actor) {
  const { diskId, provisionedSize, ...changes } = parseInput(updateDiskSchema, input);
  const disk = await loadDisk(diskId);
  requirePermission(actor, "edit_disk", await diskScopes(disk.id), `change disk ${disk.alias}`);
  const action = `update Virtual Disk ${disk.alias}`;
  if (provisionedSize !== undefined && BigInt(provisionedSize) !== disk.provisionedSize) {
    const why = BigInt(provisionedSize) < disk.provisionedSize ? "a disk cannot shrink" : "extending a disk is not supported yet";
    throw new AppError("CONFLICT", `Cannot ${action}. Its size is ${disk.provisionedSize} bytes; ${why}.`);
  }
  const updated = await db.$transaction(async (tx) => {
    const { count } = await tx.disk.updateMany({ where: { id: disk.id, lockJobId: null }, data: changes });
    if (!count) throw new AppError("DISK_LOCKED", `Cannot ${action}. It is locked by another operation.`);
    await recordEvent(tx, actor, { action: "update_disk", message: `Disk ${changes.alias ?? disk.alias} updated.`, objectType: "disk", objectId: disk.id });
    return tx.disk.findUniqueOrThrow({ where: { id: disk.id } });
  });
  await updateOvfsQuietly(await ownersOfDisks([disk.id]));
  return updated;
}
