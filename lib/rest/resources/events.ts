import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getEvent, listEvents } from "@/lib/queries/list-jobs";
import type { RestQuery } from "../query";
import { commonTerms, limit, matchesAll, parseSearch } from "../search";
import { eventNode } from "../serialize/event";

// /events (newest first; ?from=N for those after event N, as ovirt_event_info asks) and /events/{id}.

const SEARCH_KEYS = ["severity", "id", "description"] as const;
/** Without `max`, the newest events only: the whole audit log stays in the portal. */
const NEWEST = 1000;

async function userIds() {
  return new Map((await db.user.findMany({ select: { id: true, name: true } })).map((u) => [u.name, u.id]));
}

export async function eventNodes(actor: Actor, query: RestQuery) {
  const search = parseSearch(query.search, SEARCH_KEYS);
  const from = query.from ?? null;
  if (from !== null && !/^\d{1,12}$/.test(from)) throw new AppError("VALIDATION", `Invalid value '${from}' for parameter from: use an event id.`);
  const severity = commonTerms(search).severity;
  const events = await listEvents(actor, { take: NEWEST, afterId: from === null ? undefined : Number(from), severities: severity && !severity.includes("*") ? [severity] : undefined });
  const matching = events.filter((e) => matchesAll(search, { severity: e.severity, id: String(e.id), description: e.message }));
  const users = await userIds();
  return limit(matching, query.max).map((e) => eventNode(e, users));
}

export async function eventEntityNode(actor: Actor, id: string) {
  if (!/^\d{1,12}$/.test(id)) throw new AppError("NOT_FOUND", `Event ${id} doesn't exist.`);
  return eventNode(await getEvent(Number(id), actor), await userIds());
}
