import "server-only";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { db, type Tx } from "@/lib/db";
import { domainOfFile } from "@/lib/storage/domain-identity";
import { removeFile, removeVolume } from "@/lib/storage/driver";

// Files a job made (or replaced) that it could not remove at the time, typically because their
// domain did not verify (unmounted under a running copy). They are recorded here, and removed by
// the monitor once the domain verifies again: the only files anything removes without a job.

export async function deferCleanup(tx: Tx, jobId: string, files: string[]) {
  const rows = files.flatMap((file) => {
    const domain = domainOfFile(file);
    return domain ? [{ id: randomUUID(), jobId, storageDomainId: domain.id, path: file }] : [];
  });
  if (rows.length) await tx.storageCleanup.createMany({ data: rows });
}

/** Removes the domain's recorded leftovers that no volume owns; the domain must have just verified. */
export async function runPendingCleanups(storageDomainId: string) {
  const rows = await db.storageCleanup.findMany({ where: { storageDomainId } });
  const removed: string[] = [];
  for (const row of rows) {
    const inImages = path.basename(path.dirname(path.dirname(row.path))) === "images";
    const owned = inImages && (await db.volume.count({ where: { id: path.basename(row.path), storageDomainId } }));
    if (!owned) {
      const done = await (inImages ? removeVolume(row.path) : removeFile(row.path)).then(() => true, () => false);
      if (!done) continue;
      removed.push(row.path);
    }
    await db.storageCleanup.delete({ where: { id: row.id } });
  }
  return removed;
}

/** Paths the monitor must not report as unknown: leftovers waiting for removal. */
export async function pendingCleanupPaths(storageDomainId: string) {
  return new Set((await db.storageCleanup.findMany({ where: { storageDomainId }, select: { path: true } })).map((r) => r.path));
}
