// GET /api/jobs/events: job changes pushed to the browser as server-sent events ("job" events,
// each a job's state, progress and steps), from whichever instance runs the job. A job the user
// may not see arrives without its description or error: enough to know the page changed.
import { currentActor } from "@/app/_lib/current-actor";
import { visibility } from "@/lib/auth/visibility";
import { subscribeJobChanges, type JobUpdate } from "@/lib/jobs/job-feed";

export const dynamic = "force-dynamic";

/** Keeps proxies and load balancers from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

export async function GET(request: Request) {
  const actor = await currentActor();
  const seesAll = (await visibility(actor)).all;
  const encoder = new TextEncoder();
  let stop: () => void = () => undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop(); // the browser went away
        }
      };
      const unsubscribe = subscribeJobChanges((job: JobUpdate) => {
        const shown = seesAll || job.actor === actor.name ? job : { id: job.id, status: job.status, progress: job.progress, updatedAt: job.updatedAt, steps: [] };
        send(`event: job\ndata: ${JSON.stringify(shown)}\n\n`);
      });
      const keepalive = setInterval(() => send(": keepalive\n\n"), KEEPALIVE_MS);
      stop = () => {
        unsubscribe();
        clearInterval(keepalive);
      };
      request.signal.addEventListener("abort", () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      send("retry: 2000\n: connected\n\n");
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, { headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" } });
}
