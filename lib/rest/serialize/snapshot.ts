import { href, ref, wireDate } from "../hrefs";
import type { OutNode } from "../wire/tree";

export function snapshotNode(vmId: string, snapshot: { id: string; description: string; status: string; createdAt: Date }): OutNode {
  return {
    "@href": href.snapshot(vmId, snapshot.id),
    "@id": snapshot.id,
    actions: { link: [{ "@href": `${href.snapshot(vmId, snapshot.id)}/restore`, "@rel": "restore" }] },
    description: snapshot.description,
    date: wireDate(snapshot.createdAt),
    persist_memorystate: false,
    snapshot_status: snapshot.status,
    snapshot_type: "regular",
    vm: ref("vm", vmId),
  };
}
