import type { EndpointGroup } from "../_content/endpoints";

const methodTone = { GET: "bg-emerald-100 text-emerald-800", POST: "bg-sky-100 text-sky-800", PUT: "bg-amber-100 text-amber-800", DELETE: "bg-red-100 text-red-800" } as const;

export function EndpointSection({ group }: { group: EndpointGroup }) {
  return (
    <section id={group.id} aria-labelledby={`${group.id}-title`} className="mb-8">
      <h2 id={`${group.id}-title`} className="mb-1 text-lg font-semibold">{group.title}</h2>
      <p className="mb-3 max-w-4xl text-sm text-slate-600">{group.intro}</p>
      <div className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
        {group.endpoints.map((endpoint) => (
          <article key={`${endpoint.method} ${endpoint.path}`} className="px-4 py-3">
            <h3 className="flex flex-wrap items-center gap-2 font-mono text-sm">
              <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${methodTone[endpoint.method]}`}>{endpoint.method}</span>
              <span>/ovirt-engine/api{endpoint.path === "/" ? "" : endpoint.path}</span>
            </h3>
            <p className="mt-1 text-sm">{endpoint.summary}</p>
            {endpoint.params && <p className="mt-1 text-xs text-slate-600">Query: <code>{endpoint.params}</code></p>}
            {endpoint.body && <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{endpoint.body}</pre>}
            <p className="mt-1 text-xs text-slate-600">Reply: <code>{endpoint.reply}</code></p>
          </article>
        ))}
      </div>
    </section>
  );
}
