import "server-only";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { recordEvent } from "@/lib/events";
import { settleTrash, trashEntryIds } from "@/lib/storage/trash";
import { trashNamesOfRunningJobs } from "@/lib/jobs/in-flight-trash";

/**
 * Puts back the trashed volumes of a verified domain that the database still owns (a commit that
 * never happened) and frees the rest: at start-up, and when a domain comes back or is activated;
 * those a running job is removing stay for it. With `only` (trash names), just the volumes of one
 * job taken over from a dead instance.
 */
export async function settleDomainTrash(domain: { id: string; path: string }, only?: Set<string>) {
  const restored = await settleTrash(
    domain,
    async (names) => {
      if (!names.length) return () => "free";
      const running = only ? new Set<string>() : await trashNamesOfRunningJobs();
      const volumeIds = names.map((name) => trashEntryIds(name).volumeId);
      const owned = new Set((await db.volume.findMany({ where: { storageDomainId: domain.id, id: { in: volumeIds } }, select: { id: true } })).map((v) => v.id));
      return (name) => (running.has(name) ? "leave" : owned.has(trashEntryIds(name).volumeId) ? "restore" : "free");
    },
    only,
  );
  if (restored.length) {
    await recordEvent(db, systemActor, { action: "volumes_restored", severity: "warning", message: `Restored ${restored.length} volume(s) whose removal had not been committed: ${restored.join(", ")}` });
  }
  return restored;
}
