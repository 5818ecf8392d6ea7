// GET /api/jobs/{id}: one job's state for the browser's start and end notifications (toasts).
import { currentActor } from "@/app/_lib/current-actor";
import { isAppError } from "@/lib/errors";
import { getJob } from "@/lib/queries/list-jobs";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  try {
    const job = await getJob((await params).id, actor);
    return Response.json({ id: job.id, status: job.status, description: job.description, progress: job.progress, error: job.error });
  } catch (error) {
    if (isAppError(error)) return Response.json({ message: error.message }, { status: 404 });
    throw error;
  }
}
