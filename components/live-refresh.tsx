"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

// While jobs run, re-renders the current page every second so statuses and progress bars move
// without a reload; a failed poll is ignored and retried.
export function LiveRefresh() {
  const router = useRouter();
  const last = useRef("");
  useEffect(() => {
    const timer = setInterval(async () => {
      try {
        const response = await fetch("/api/jobs/active", { cache: "no-store" });
        if (!response.ok) return;
        const signature = await response.text();
        if (signature !== last.current) {
          const wasBusy = last.current !== "" && last.current !== "[]";
          last.current = signature;
          if (signature !== "[]" || wasBusy) router.refresh();
        }
      } catch {
        // transient: try again on the next tick
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
