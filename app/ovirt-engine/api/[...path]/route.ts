// Any other path under /ovirt-engine/api: oVirt's 404 <fault> (after authentication, as oVirt
// does) instead of the portal's HTML page.
import { AppError } from "@/lib/errors";
import { restRoute } from "@/lib/rest/route";

const notFound = restRoute<{ path: string[] }>(async ({ actor, params }) => {
  throw new AppError("NOT_FOUND", `There is no resource at /ovirt-engine/api/${params.path.join("/").slice(0, 200)}.`);
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as DELETE };
