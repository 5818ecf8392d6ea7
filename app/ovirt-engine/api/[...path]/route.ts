// Any other path under /ovirt-engine/api: the engine's empty sub-collections (GET), otherwise
// oVirt's 404 <fault> (after authentication, as oVirt does) instead of the portal's HTML page.
import { AppError } from "@/lib/errors";
import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { emptySubcollection } from "@/lib/rest/resources/empty-subcollections";

export const GET = restRoute<{ path: string[] }>(async ({ actor, params }) => {
  const [root, item] = await emptySubcollection(actor, params.path);
  return listReply(root, item, []);
});

const notFound = restRoute<{ path: string[] }>(async ({ params }) => {
  throw new AppError("NOT_FOUND", `There is no resource at /ovirt-engine/api/${params.path.join("/").slice(0, 200)}.`);
});

export { notFound as POST, notFound as PUT, notFound as DELETE };
