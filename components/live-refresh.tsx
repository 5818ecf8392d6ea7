"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { listenToJobs } from "./job-events";

/** At most one re-render per this many ms while progress streams in; the first one at once. */
const MIN_REFRESH_GAP_MS = 250;
/** A refresh that has not landed after this long (a lost request) no longer holds the next one back. */
const STALLED_REFRESH_MS = 20_000;

// Re-renders the current page when a job changes (starts, moves, ends), as the server pushes it.
// On each (re)connect the activity the page was rendered with is compared with the server's once,
// for what changed before the stream was open.
// One refresh at a time: a new router.refresh() cancels the one in flight, so while progress
// streamed in faster than the page rendered, no render ever finished and the page stood still
// until the job ended. Changes during a refresh are picked up by one more once it lands. A
// refresh has landed when the server's render reaches here: `renderId` is new on each one
// (useTransition's pending flag does not follow router.refresh()). Refreshes are never piled
// up: Next.js queues them and React shows none of a chain of pending ones until the last lands.
export function LiveRefresh({ renderedWith, renderId }: { renderedWith: string; renderId: string }) {
  const router = useRouter();
  const rendered = useRef(renderedWith);
  const control = useRef({
    inFlight: false,
    dirty: false,
    last: 0,
    trailing: null as ReturnType<typeof setTimeout> | null,
    refresh: () => {},
  });

  useEffect(() => {
    rendered.current = renderedWith;
  }, [renderedWith]);

  useEffect(() => {
    const c = control.current;
    c.refresh = () => {
      if (c.inFlight) {
        c.dirty = true;
        return;
      }
      const wait = c.last + MIN_REFRESH_GAP_MS - Date.now();
      if (wait > 0) {
        c.trailing ??= setTimeout(() => {
          c.trailing = null;
          c.refresh();
        }, wait);
        return;
      }
      const started = Date.now();
      c.last = started;
      c.inFlight = true;
      router.refresh();
      // A refresh that never lands (the network failed) must not hold back the last change.
      setTimeout(() => {
        if (!c.inFlight || c.last !== started) return;
        c.inFlight = false;
        if (c.dirty) {
          c.dirty = false;
          c.refresh();
        }
      }, STALLED_REFRESH_MS);
    };
    const changed = () => c.refresh();
    const stop = listenToJobs({
      onJob: changed,
      onConnect: async () => {
        const now = await fetch("/api/jobs/active", { cache: "no-store" }).then((r) => (r.ok ? r.text() : null), () => null);
        if (now !== null && now !== rendered.current) changed();
      },
    });
    return () => {
      stop();
      if (c.trailing) clearTimeout(c.trailing);
      c.trailing = null;
    };
  }, [router]);

  // A render from the server landed: the next refresh may go.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new render, which renderId marks
  useEffect(() => {
    const c = control.current;
    if (!c.inFlight) return;
    c.inFlight = false;
    if (c.dirty) {
      c.dirty = false;
      c.refresh();
    }
  }, [renderId]);

  return null;
}
