// GET /ovirt-engine/api/datacenters/{id}
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { dataCenterEntityNode } from "@/lib/rest/resources/clusters";

export const GET = restRoute<{ id: string }>(async ({ params }) => entityReply("data_center", await dataCenterEntityNode(params.id)));
