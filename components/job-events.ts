"use client";

// The job changes the server pushes (GET /api/jobs/events), on one EventSource per tab shared by
// everything on the page that follows jobs. It connects while something listens.

export interface JobEvent {
  id: string;
  status: string;
  progress: number;
  description?: string;
  error?: string | null;
  steps: { id: string; status: string; progress: number }[];
}

interface Listener {
  onJob(job: JobEvent): void;
  /** The stream (re)connected: what happened while it was down was not seen. */
  onConnect?(): void;
}

const listeners = new Set<Listener>();
let source: EventSource | null = null;

export function listenToJobs(listener: Listener) {
  listeners.add(listener);
  if (!source) {
    source = new EventSource("/api/jobs/events");
    source.addEventListener("job", (event) => {
      const job = JSON.parse((event as MessageEvent<string>).data) as JobEvent;
      for (const each of listeners) each.onJob(job);
    });
    source.addEventListener("open", () => {
      for (const each of listeners) each.onConnect?.();
    });
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size) {
      source?.close();
      source = null;
    }
  };
}
