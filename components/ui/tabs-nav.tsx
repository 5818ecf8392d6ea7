import Link from "next/link";

/** Sub-tabs as links (?tab=…), so the URL stays the only state. */
export function TabsNav({ base, tabs, current }: { base: string; tabs: { id: string; label: string }[]; current: string }) {
  return (
    <nav aria-label="Sub-tabs" className="mb-3 flex gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.id}
          href={`${base}?tab=${tab.id}`}
          aria-current={tab.id === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${tab.id === current ? "border-sky-600 font-medium text-sky-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
