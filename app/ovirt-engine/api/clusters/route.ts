// GET /ovirt-engine/api/clusters
import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { clusterNodes } from "@/lib/rest/resources/clusters";

export const GET = restRoute(async ({ query }) => listReply("clusters", "cluster", await clusterNodes(query)));
