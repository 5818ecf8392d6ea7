import Link from "next/link";
import type { ReactNode } from "react";
import { StatusBadge } from "@/components/ui/status-badge";

export function PageHeader({ title, children, subtitle }: { title: string; subtitle?: ReactNode; children?: ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-2">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        {subtitle && <p className="text-sm text-slate-600">{subtitle}</p>}
      </div>
      <div className="flex flex-wrap gap-2">{children}</div>
    </div>
  );
}

/** A detail page's subtitle: the way back to its list, its status, and anything more. */
export function DetailSubtitle({ parentHref, parentLabel, status, children }: { parentHref: string; parentLabel: string; status: string; children?: ReactNode }) {
  return (
    <span className="flex items-center gap-2">
      <Link href={parentHref} className="text-sky-700 hover:underline">
        {parentLabel}
      </Link>
      <StatusBadge status={status} /> {children}
    </span>
  );
}
