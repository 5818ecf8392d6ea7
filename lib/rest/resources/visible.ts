import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/actor";
import { diskWhere } from "@/lib/auth/visibility";

/** A disk the caller may not see answers 404, exactly like one that does not exist. */
export async function requireVisibleDisk(actor: Actor, diskId: string) {
  if ((await db.disk.count({ where: { AND: [{ id: diskId }, await diskWhere(actor)] } })) !== 1) {
    throw new AppError("NOT_FOUND", `Disk ${diskId} doesn't exist.`);
  }
}
