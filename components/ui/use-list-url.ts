"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

/** A list's state lives in the URL (page, page size, sort, search): this changes some of it. */
export function useListUrl() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  return {
    searchParams,
    go(changes: Record<string, string | undefined>) {
      const params = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === "") params.delete(key);
        else params.set(key, value);
      }
      router.push(`${pathname}?${params.toString()}`);
    },
  };
}
