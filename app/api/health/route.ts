import { instance } from "@/lib/jobs/instance";

// GET /api/health: answers once the server has started (recovery and demo data are done), and
// says which instance answered (behind a load balancer).
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok", instance: instance.id, host: instance.host });
}
