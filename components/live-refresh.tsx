"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

// Re-renders the current page whenever job activity changes (progress moves, a job starts or
// ends), polling once a second; a failed poll is ignored and retried on the next tick.
export function LiveRefresh({ renderedWith }: { renderedWith: string }) {
  const router = useRouter();
  // The activity the page on screen was rendered with: a change seen by any later poll (even
  // the first) means the page is stale.
  const last = useRef(renderedWith);
  useEffect(() => {
    last.current = renderedWith;
  }, [renderedWith]);
  useEffect(() => {
    const timer = setInterval(async () => {
      try {
        const response = await fetch("/api/jobs/active", { cache: "no-store" });
        if (!response.ok) return;
        const signature = await response.text();
        if (signature !== last.current) {
          last.current = signature;
          router.refresh();
        }
      } catch {
        // transient: try again on the next tick
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
