import "server-only";
import { clusterPlaces } from "@/lib/queries/list-clusters";
import type { Actor } from "@/lib/actor";
import { getVm, vmPage } from "@/lib/queries/list-vms";
import type { RestQuery } from "../query";
import { commonTerms, literalFragment, matchesAll, parseSearch } from "../search";
import { vmNode, type VmFields } from "../serialize/vm";
import type { OutNode } from "../wire/tree";
import { attachmentNodes } from "./disk-attachments";
import { snapshotNodes } from "./snapshots";
import { followSet, mapBatches, matchingBatches, startBatches, windowOf } from "./pages";

// /vms (streamed, batch by batch) and /vms/{id}, with ?search=name=… page N&max=…&follow=disk_attachments,snapshots.

const SEARCH_KEYS = ["name", "id", "status", "cluster", "datacenter"] as const;
const FOLLOW = ["disk_attachments", "disk_attachments.disk", "snapshots"] as const;

async function withFollow(actor: Actor, vm: VmFields, follow: Set<string>): Promise<OutNode> {
  const node = vmNode(vm);
  if (follow.has("disk_attachments") || follow.has("disk_attachments.disk")) {
    const attachments = await attachmentNodes(actor, { kind: "vm", id: vm.id }, follow.has("disk_attachments.disk") ? ["disk"] : []);
    node.disk_attachments = { disk_attachment: attachments };
  }
  if (follow.has("snapshots")) {
    node.snapshots = { snapshot: await snapshotNodes(actor, vm.id) };
  }
  return node;
}

export async function vmNodes(actor: Actor, query: RestQuery) {
  const search = parseSearch(query.search, SEARCH_KEYS);
  const follow = followSet(query.follow, FOLLOW);
  const fragment = literalFragment(commonTerms(search).name);
  const places = await clusterPlaces();
  const batches = matchingBatches(
    (page) => vmPage({ ...page, q: fragment && `*${fragment}*` }, actor),
    (vm) => matchesAll(search, { name: vm.name, id: vm.id, status: vm.status, ...places.get(vm.clusterId) }),
    windowOf(query, search.length === 0),
  );
  return startBatches(mapBatches(batches, (vms) => Promise.all(vms.map((vm) => withFollow(actor, vm, follow)))));
}

export async function vmEntityNode(actor: Actor, id: string, follow: string[] = []) {
  return withFollow(actor, await getVm(id, actor), followSet(follow, FOLLOW));
}
