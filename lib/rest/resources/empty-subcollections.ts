import "server-only";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { clusterEntityNode, dataCenterEntityNode } from "./clusters";
import { diskEntityNode } from "./disks";
import { hostEntityNode } from "./hosts";
import { storageDomainEntityNode } from "./storage-domains";
import { templateEntityNode } from "./templates";
import { vmEntityNode } from "./vms";

// Sub-collections the engine has on every entity and the portal has nothing in (NUMA nodes,
// NICs, consoles, tags…; the permissions of disks, data centers, clusters and hosts: those of
// VMs, templates and storage domains have routes of their own). oVirt clients list them as a
// matter of course (ovirt_vm lists numanodes after every create), so they answer an empty
// list, never a 404, for an entity the caller can see.

const ELEMENTS: Record<string, [root: string, item: string]> = {
  numanodes: ["vm_numa_nodes", "vm_numa_node"],
  nics: ["nics", "nic"],
  cdroms: ["cdroms", "cdrom"],
  graphicsconsoles: ["graphics_consoles", "graphics_console"],
  watchdogs: ["watchdogs", "watchdog"],
  tags: ["tags", "tag"],
  affinitylabels: ["affinity_labels", "affinity_label"],
  statistics: ["statistics", "statistic"],
  reporteddevices: ["reported_devices", "reported_device"],
  hostdevices: ["host_devices", "host_device"],
  mediateddevices: ["vm_mediated_devices", "vm_mediated_device"],
  sessions: ["sessions", "session"],
  applications: ["applications", "application"],
  katelloerrata: ["katello_errata", "katello_erratum"],
  permissions: ["permissions", "permission"],
  networks: ["networks", "network"],
  storageconnections: ["storage_connections", "storage_connection"],
};

const ENTITIES: Record<string, (actor: Actor, id: string) => Promise<unknown> | unknown> = {
  vms: (actor, id) => vmEntityNode(actor, id),
  templates: (actor, id) => templateEntityNode(actor, id),
  disks: (actor, id) => diskEntityNode(actor, id),
  storagedomains: (actor, id) => storageDomainEntityNode(actor, id),
  datacenters: (_actor, id) => dataCenterEntityNode(id),
  clusters: (_actor, id) => clusterEntityNode(id),
  hosts: (_actor, id) => hostEntityNode(id),
};

/** The empty `<root/>` for `/{collection}/{id}/{sub}`, or a 404 when that is no such sub-collection. */
export async function emptySubcollection(actor: Actor, path: string[]) {
  const [collection, id, sub] = path;
  const elements = ELEMENTS[sub];
  const entity = ENTITIES[collection];
  if (path.length !== 3 || !elements || !entity || !/^[A-Za-z0-9_-]{1,100}$/.test(id)) throw new AppError("NOT_FOUND", `There is no resource at /ovirt-engine/api/${path.join("/").slice(0, 200)}.`);
  await entity(actor, id);
  return elements;
}
