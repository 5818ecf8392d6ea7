import type { Event } from "@/lib/generated/prisma/client";
import { href, ref, wireDate } from "../hrefs";
import type { OutNode } from "../wire/tree";

// The audit log as oVirt's events: severity normal, warning or error; the object each is about.

const OBJECT_REF = { vm: "vm", template: "template", disk: "disk", storage_domain: "storageDomain" } as const;

export function eventNode(event: Event, userIds: Map<string, string>): OutNode {
  const kind = event.objectType && OBJECT_REF[event.objectType as keyof typeof OBJECT_REF];
  const node: OutNode = {
    "@href": href.event(String(event.id)),
    "@id": String(event.id),
    description: event.message,
    correlation_id: event.jobId ?? undefined,
    custom_id: -1,
    origin: "oVirt",
    severity: event.severity,
    time: wireDate(event.createdAt),
    user: ref("user", userIds.get(event.actor)),
  };
  if (kind && event.objectId) node[event.objectType!] = ref(kind, event.objectId);
  return node;
}
