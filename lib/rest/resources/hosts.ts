import "server-only";
import { getHost, thisHost, type Host } from "@/lib/hosts/this-host";
import type { RestQuery } from "../query";
import { API_BASE } from "../hrefs";
import { limit, matchesAll, parseSearch } from "../search";
import type { OutNode } from "../wire/tree";

// /hosts: the one host the portal runs on (see lib/hosts/this-host.ts).

function hostNode(host: Host): OutNode {
  return { "@href": `${API_BASE}/hosts/${host.id}`, "@id": host.id, name: host.name, address: host.address, status: host.status, type: "rhel" };
}

export function hostNodes(query: RestQuery) {
  const search = parseSearch(query.search, ["name", "id", "status"]);
  const host = thisHost();
  return limit([host].filter((h) => matchesAll(search, { name: h.name, id: h.id, status: h.status })), query.max).map(hostNode);
}

export function hostEntityNode(id: string) {
  return hostNode(getHost(id));
}
