import "server-only";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { recordEvent } from "@/lib/events";
import { settleTrash } from "@/lib/storage/trash";

/**
 * Puts back the trashed volumes of a verified domain that the database still owns (a commit that
 * never happened) and frees the rest: at start-up, and when a domain comes back or is activated;
 * with `only` (trash names), just the volumes of one job taken over from a dead instance.
 */
export async function settleDomainTrash(domain: { id: string; path: string }, only?: Set<string>) {
  const owned = new Set((await db.volume.findMany({ where: { storageDomainId: domain.id }, select: { id: true } })).map((v) => v.id));
  const restored = await settleTrash(domain, (_diskId, volumeId) => owned.has(volumeId), only);
  if (restored.length) {
    await recordEvent(db, systemActor, { action: "volumes_restored", severity: "warning", message: `Restored ${restored.length} volume(s) whose removal had not been committed: ${restored.join(", ")}` });
  }
  return restored;
}
