// GET /api/vms/{id}/screenshot: the VM's screen as a PNG (QMP screendump), for the Console tab.
import { isAppError } from "@/lib/errors";
import { currentActor } from "@/app/_lib/current-actor";
import { screenshotVm } from "@/lib/vms/runtime/screenshot-vm";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { png } = await screenshotVm({ vmId: (await params).id }, await currentActor());
    return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png", "Cache-Control": "no-store" } });
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.message }, { status: error.httpStatus });
    throw error;
  }
}
