"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { listenToJobs } from "./job-events";

/** At most one re-render per this many ms while progress streams in; the first one at once. */
const MIN_REFRESH_GAP_MS = 250;

// Re-renders the current page when a job changes (starts, moves, ends), as the server pushes it.
// On each (re)connect the activity the page was rendered with is compared with the server's once,
// for what changed before the stream was open.
export function LiveRefresh({ renderedWith }: { renderedWith: string }) {
  const router = useRouter();
  const rendered = useRef(renderedWith);
  useEffect(() => {
    rendered.current = renderedWith;
  }, [renderedWith]);
  useEffect(() => {
    let last = 0;
    let trailing: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      const wait = last + MIN_REFRESH_GAP_MS - Date.now();
      if (wait <= 0) {
        last = Date.now();
        router.refresh();
      } else {
        trailing ??= setTimeout(() => {
          trailing = null;
          refresh();
        }, wait);
      }
    };
    const stop = listenToJobs({
      onJob: refresh,
      onConnect: async () => {
        const now = await fetch("/api/jobs/active", { cache: "no-store" }).then((r) => (r.ok ? r.text() : null), () => null);
        if (now !== null && now !== rendered.current) refresh();
      },
    });
    return () => {
      stop();
      if (trailing) clearTimeout(trailing);
    };
  }, [router]);
  return null;
}
