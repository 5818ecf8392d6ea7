// GET /ovirt-engine/api/datacenters
import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { dataCenterNodes } from "@/lib/rest/resources/clusters";

export const GET = restRoute(async ({ query }) => listReply("data_centers", "data_center", await dataCenterNodes(query)));
