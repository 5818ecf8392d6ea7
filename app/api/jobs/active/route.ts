// GET /api/jobs/active: id, status and progress of every unfinished job (polled by the UI).
import { listJobs } from "@/lib/queries/list-jobs";

export const dynamic = "force-dynamic";

export async function GET() {
  const jobs = await listJobs({ active: true });
  return Response.json(jobs.map((j) => ({ id: j.id, status: j.status, progress: j.progress })));
}
