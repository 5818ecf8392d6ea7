// imageio's data endpoint on the portal's own origin (/images/{ticket}), the transfer's proxy_url:
// the browser's uploads and downloads, and clients that reach the portal only. The ticket is the
// credential, as in imageio; no session is needed.
import { handleWebRequest } from "@/lib/image-transfers/imageio-http";

type Context = { params: Promise<{ ticket: string; rest?: string[] }> };

async function handle(request: Request, context: Context) {
  const { ticket, rest } = await context.params;
  return handleWebRequest(request, ticket, rest ?? []);
}

export const dynamic = "force-dynamic";
export { handle as GET, handle as PUT, handle as PATCH, handle as OPTIONS };
