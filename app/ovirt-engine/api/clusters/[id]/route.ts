// GET /ovirt-engine/api/clusters/{id}
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { clusterEntityNode } from "@/lib/rest/resources/clusters";

export const GET = restRoute<{ id: string }>(async ({ params }) => entityReply("cluster", await clusterEntityNode(params.id)));
