import "server-only";
import type { Actor } from "@/lib/actor";
import { getDiskRow } from "@/lib/queries/disk-attachments";
import { listDisks, type DiskFilter } from "@/lib/queries/list-disks";
import { withPendingPlacements } from "@/lib/queries/pending-placements";
import type { RestQuery } from "../query";
import { commonTerms, literalFragment, matchesAll, parseSearch } from "../search";
import { diskNode } from "../serialize/disk";
import { followSet, mapBatches, matchingBatches, startBatches, windowOf } from "./pages";
import { requireVisibleDisk } from "./visible";

// /disks (every disk: VM, template and floating), /disks/{id}, and a domain's /disks.

// ovirt_disk searches `name="d" and Storage.name="sd" and vm_names="vm"`.
const SEARCH_KEYS = ["name", "alias", "id", "status", "storage", "storage.name", "vm_names"] as const;

/** The disks a collection request asks for, batch by batch as they are read (streamed by the route). */
export async function diskNodes(actor: Actor, query: RestQuery, filter: DiskFilter = {}) {
  followSet(query.follow, []);
  const search = parseSearch(query.search, SEARCH_KEYS);
  const fragment = literalFragment(commonTerms(search).name ?? commonTerms(search).alias);
  const batches = matchingBatches(
    (page) => listDisks({ ...page, q: fragment }, filter, actor, { withTotal: false }).then((r) => withPendingPlacements(r.rows)),
    (d) => matchesAll(search, { name: d.alias, alias: d.alias, id: d.id, status: d.status, storage: d.storageDomains.map((s) => s.name), "storage.name": d.storageDomains.map((s) => s.name), vm_names: d.vm ? [d.vm.name] : [] }),
    windowOf(query, search.length === 0),
  );
  return startBatches(mapBatches(batches, async (rows) => rows.map(diskNode)));
}

export async function diskEntityNode(actor: Actor, id: string) {
  await requireVisibleDisk(actor, id);
  return diskNode(await getDiskRow(id));
}
