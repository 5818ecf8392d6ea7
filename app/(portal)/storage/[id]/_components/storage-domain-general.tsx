import { UsageBar } from "@/components/ui/usage-bar";
import type { StorageDomainRow } from "@/lib/queries/list-storage-domains";
import { DomainCommitted, DomainMonitor, DomainStatus, DomainStorage } from "../../_components/storage-domain-facts";

// A domain's General tab: the facts of the Storage list, in full, and the files found there
// that nothing owns.

/** Files the monitor found under images/ that no disk or job owns (JSON array, relative paths). */
function unknownFilesOf(domain: StorageDomainRow): string[] {
  try {
    const files = JSON.parse(domain.unknownFiles);
    return Array.isArray(files) ? files.map(String) : [];
  } catch {
    return [];
  }
}

export function StorageDomainGeneral({ domain, dataCenterName, now }: { domain: StorageDomainRow; dataCenterName: string | null; now: number }) {
  const unknownFiles = unknownFilesOf(domain);
  return (
    <div className="max-w-3xl space-y-4">
      <dl className="grid grid-cols-[12rem_1fr] gap-y-1 rounded border border-slate-200 bg-white p-4 text-sm">
        <dt className="text-slate-600">Status</dt>
        <dd>
          <DomainStatus domain={domain} />
        </dd>
        <dt className="text-slate-600">Data center</dt>
        <dd>{dataCenterName ?? "— (unattached)"}</dd>
        <dt className="text-slate-600">Storage</dt>
        <dd>
          <DomainStorage domain={domain} />
          {domain.device && <div className="font-mono text-xs break-all text-slate-500">{domain.device}</div>}
        </dd>
        <dt className="text-slate-600">Path</dt>
        <dd className="font-mono text-xs">{domain.path}</dd>
        <dt className="text-slate-600">Monitor</dt>
        <dd>
          <DomainMonitor domain={domain} now={now} />
        </dd>
        <dt className="text-slate-600">Space</dt>
        <dd>
          <UsageBar label={`${domain.name} usage`} totalBytes={domain.totalBytes} freeBytes={domain.freeBytes} reservedBytes={domain.reservedBytes} warningLowSpacePct={domain.warningLowSpacePct} criticalSpaceGb={domain.criticalSpaceGb} />
        </dd>
        <dt className="text-slate-600">Committed</dt>
        <dd>
          <DomainCommitted domain={domain} />
        </dd>
        <dt className="text-slate-600">Warning low space</dt>
        <dd>under {domain.warningLowSpacePct}% free</dd>
        <dt className="text-slate-600">Critical space blocker</dt>
        <dd>under {domain.criticalSpaceGb} GiB free, operations are refused</dd>
        <dt className="text-slate-600">Max overcommit</dt>
        <dd>{domain.maxOvercommitPct === null ? "no limit" : `${domain.maxOvercommitPct} % of the domain's size`}</dd>
        <dt className="text-slate-600">Description</dt>
        <dd>{domain.description || "—"}</dd>
      </dl>
      {unknownFiles.length > 0 && (
        <section aria-labelledby="unknown-files" className="rounded border border-amber-300 bg-amber-50 p-4 text-sm">
          <h2 id="unknown-files" className="font-semibold">
            Unknown files ({unknownFiles.length})
          </h2>
          <p className="mb-2 text-slate-700">No disk or job owns these files in {domain.path}/{domain.id}. They are kept, never deleted by the portal: check them and remove them by hand if they are not needed.</p>
          <ul className="list-inside list-disc font-mono text-xs">
            {unknownFiles.map((file) => (
              <li key={file}>{file}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
