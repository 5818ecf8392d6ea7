import { API_BASE, wireDate } from "../hrefs";
import type { OutNode } from "../wire/tree";
import { BLANK_TEMPLATE_ID } from "./blank-template";

// `GET /ovirt-engine/api`: what clients call to test a connection, and the map of collections.
const collections = ["clusters", "datacenters", "disks", "imagetransfers", "jobs", "storagedomains", "templates", "vms"];

export function apiRootNode(user: string): OutNode {
  return {
    link: collections.map((rel) => ({ "@href": `${API_BASE}/${rel}`, "@rel": rel })),
    authenticated_user: { user_name: user },
    product_info: {
      instance_id: "multistore",
      name: "Multistore",
      vendor: "Multistore",
      version: { build: 0, full_version: "4.5.0-multistore", major: 4, minor: 5, revision: 0 },
    },
    special_objects: { blank_template: { "@href": `${API_BASE}/templates/${BLANK_TEMPLATE_ID}`, "@id": BLANK_TEMPLATE_ID } },
    time: wireDate(new Date()),
  };
}
