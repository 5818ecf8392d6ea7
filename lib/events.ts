import "server-only";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/actor";

export type Severity = "normal" | "warning" | "error";

export interface EventInput {
  action: string;
  message: string;
  severity?: Severity;
  objectType?: "vm" | "template" | "disk" | "storage_domain" | "job";
  objectId?: string;
  jobId?: string;
}

/** `actor` is whoever acted: only the name is recorded. */
export async function recordEvent(tx: Tx, actor: Pick<Actor, "name">, event: EventInput) {
  await tx.event.create({ data: { ...event, severity: event.severity ?? "normal", actor: actor.name } });
}
