// GET /api/jobs/active: what the UI polls to know when to re-render: every unfinished job
// with its progress, and the last job that ended (a job may start and end between two polls).
import { jobActivity } from "@/lib/queries/list-jobs";

export const dynamic = "force-dynamic";

export async function GET() {
  return Response.json(await jobActivity());
}
