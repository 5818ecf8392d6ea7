import type { OutNode } from "./wire/tree";

// Where every resource lives on the wire. oVirt clients follow these hrefs verbatim.

export const API_BASE = "/ovirt-engine/api";

export const href = {
  dataCenter: (id: string) => `${API_BASE}/datacenters/${id}`,
  cluster: (id: string) => `${API_BASE}/clusters/${id}`,
  storageDomain: (id: string) => `${API_BASE}/storagedomains/${id}`,
  vm: (id: string) => `${API_BASE}/vms/${id}`,
  template: (id: string) => `${API_BASE}/templates/${id}`,
  disk: (id: string) => `${API_BASE}/disks/${id}`,
  job: (id: string) => `${API_BASE}/jobs/${id}`,
  step: (jobId: string, id: string) => `${API_BASE}/jobs/${jobId}/steps/${id}`,
  vmDiskAttachment: (vmId: string, diskId: string) => `${API_BASE}/vms/${vmId}/diskattachments/${diskId}`,
  templateDiskAttachment: (templateId: string, diskId: string) => `${API_BASE}/templates/${templateId}/diskattachments/${diskId}`,
  snapshot: (vmId: string, id: string) => `${API_BASE}/vms/${vmId}/snapshots/${id}`,
  imageTransfer: (id: string) => `${API_BASE}/imagetransfers/${id}`,
  host: (id: string) => `${API_BASE}/hosts/${id}`,
  event: (id: string) => `${API_BASE}/events/${id}`,
  user: (id: string) => `${API_BASE}/users/${id}`,
  role: (id: string) => `${API_BASE}/roles/${id}`,
  exported: (domainId: string, kind: "vms" | "templates", id: string) => `${API_BASE}/storagedomains/${domainId}/${kind}/${id}`,
};

/** A reference to another entity: `<cluster id="…" href="…"/>`. */
export function ref(kind: keyof typeof href, id: string | null | undefined): OutNode | undefined {
  if (!id) return undefined;
  return { "@href": (href[kind] as (id: string) => string)(id), "@id": id };
}

/** Sub-collections advertised as `<link rel="diskattachments" href="…/diskattachments"/>`. */
export function links(base: string, rels: string[]): OutNode[] {
  return rels.map((rel) => ({ "@href": `${base}/${rel}`, "@rel": rel }));
}

/** The actions an entity offers, as oVirt lists them in `<actions>`. */
export function actionLinks(base: string, verbs: string[]): OutNode {
  return { link: links(base, verbs) };
}

/** ISO-8601 with an explicit offset, the form the SDKs parse. */
export function wireDate(date: Date | null | undefined) {
  return date ? date.toISOString().replace("Z", "+00:00") : undefined;
}
