// GET /ovirt-engine/api/datacenters/{id}/clusters
import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { clusterNodes } from "@/lib/rest/resources/clusters";

export const GET = restRoute<{ id: string }>(async ({ params, query }) => listReply("clusters", "cluster", await clusterNodes(query, params.id)));
