import { href, links, ref } from "../hrefs";
import type { OutNode } from "../wire/tree";

const version = { major: 4, minor: 7 };

export function clusterNode(cluster: { id: string; name: string; dataCenterId: string }): OutNode {
  return {
    "@href": href.cluster(cluster.id),
    "@id": cluster.id,
    name: cluster.name,
    description: "",
    version,
    data_center: ref("dataCenter", cluster.dataCenterId),
  };
}

export function dataCenterNode(dataCenter: { id: string; name: string; description: string }): OutNode {
  const base = href.dataCenter(dataCenter.id);
  return {
    "@href": base,
    "@id": dataCenter.id,
    name: dataCenter.name,
    description: dataCenter.description,
    link: links(base, ["clusters", "storagedomains"]),
    local: false,
    status: "up",
    storage_format: "v5",
    version,
  };
}
