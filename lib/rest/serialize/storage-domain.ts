import type { StorageDomainRow } from "@/lib/queries/list-storage-domains";
import { actionLinks, href, links, ref } from "../hrefs";
import type { OutNode } from "../wire/tree";

/**
 * `<storage_domain>`, with its storage type (nfs, posixfs, localfs) and path.
 * Inside a data center (`/datacenters/{id}/storagedomains`) it also offers activate/deactivate.
 */
export function storageDomainNode(domain: StorageDomainRow, scope: "top" | "dataCenter" = "top"): OutNode {
  const dataCenterId = domain.dataCenterId;
  const base = scope === "top" || !dataCenterId ? href.storageDomain(domain.id) : `${href.dataCenter(dataCenterId)}/storagedomains/${domain.id}`;
  return {
    "@href": base,
    "@id": domain.id,
    actions: scope === "dataCenter" ? actionLinks(base, ["activate", "deactivate"]) : undefined,
    name: domain.name,
    description: domain.description,
    link: scope === "top" ? links(base, domain.type === "export" ? ["vms", "templates"] : ["disks", "disksnapshots", "vms", "templates"]) : undefined,
    available: domain.freeBytes,
    committed: domain.committedBytes,
    critical_space_action_blocker: domain.criticalSpaceGb,
    external_status: domain.critical ? "error" : domain.lowSpace ? "warning" : "ok",
    master: false,
    status: domain.status,
    storage: { type: domain.storageType, path: domain.path },
    storage_format: "v5",
    type: domain.type,
    used: domain.usedBytes,
    warning_low_space_indicator: domain.warningLowSpacePct,
    data_center: scope === "dataCenter" && dataCenterId ? ref("dataCenter", dataCenterId) : undefined,
    data_centers: dataCenterId ? { data_center: [ref("dataCenter", dataCenterId)!] } : undefined,
  };
}

