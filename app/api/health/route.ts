// GET /api/health: answers once the server has started (recovery and demo data are done).
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
