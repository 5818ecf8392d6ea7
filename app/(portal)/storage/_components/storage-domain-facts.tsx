import { StatusBadge } from "@/components/ui/status-badge";
import { formatBytes } from "@/lib/format";

// What the Storage list and a domain's page both say about a domain: its status with the reason
// it is inactive, where it lives, what the monitor last saw, and its overcommit (free, reserved
// and total space are on its UsageBar).

interface DomainFacts {
  status: string;
  lastError: string | null;
  storageType: string;
  fsType: string | null;
  device: string | null;
  lastCheckedAt: Date | null;
  readDelayMs: number | null;
  totalBytes: number;
  committedBytes: number;
  overcommitPct: number;
  maxOvercommitPct: number | null;
}

/** Inactive in red (the shared badge shows it grey): for a domain it means storage is unreachable. */
export function DomainStatus({ domain }: { domain: Pick<DomainFacts, "status" | "lastError"> }) {
  const reason = domain.lastError ?? undefined;
  return (
    <div className="space-y-0.5">
      {domain.status === "inactive" ? (
        <span title={reason} className="inline-block rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">
          inactive
        </span>
      ) : (
        <span title={reason}>
          <StatusBadge status={domain.status} />
        </span>
      )}
      {reason && (
        <p title={reason} className="line-clamp-2 max-w-48 text-xs break-words text-red-700">
          {reason}
        </p>
      )}
    </div>
  );
}

/** "a · b · c", wrapping only between the parts so a narrow column stays readable. */
function joinUnbroken(parts: string[]) {
  return parts.map((part, i) => (
    <span key={part}>
      {i > 0 && " · "}
      <span className="whitespace-nowrap">{part}</span>
    </span>
  ));
}

/** The loop device's image path is long and says little beyond its file name. */
function shortDevice(device: string) {
  return device.replace(/\((\/.*\/)([^/]+)\)$/, "(…/$2)");
}

/** "posixfs · ext4 · /dev/loop3 (…/nfs-gold.img)"; the full device path is in the title. */
export function DomainStorage({ domain }: { domain: Pick<DomainFacts, "storageType" | "fsType" | "device"> }) {
  const parts = [domain.storageType, domain.fsType, domain.device && shortDevice(domain.device)].filter(Boolean);
  return <span title={domain.device ?? undefined}>{joinUnbroken(parts as string[])}</span>;
}

function ago(date: Date, now: number) {
  const seconds = Math.max(0, Math.round((now - date.getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

/** "checked 3 s ago · read 0.4 ms"; domains in maintenance or unattached are not monitored. */
export function DomainMonitor({ domain, now }: { domain: Pick<DomainFacts, "lastCheckedAt" | "readDelayMs">; now: number }) {
  if (!domain.lastCheckedAt) return <span className="text-slate-500">not checked yet</span>;
  const delay = domain.readDelayMs === null ? "no read" : `read ${domain.readDelayMs.toFixed(domain.readDelayMs < 10 ? 1 : 0)} ms`;
  return (
    <span title={domain.lastCheckedAt.toISOString()}>{joinUnbroken([`checked ${ago(domain.lastCheckedAt, now)}`, delay])}</span>
  );
}

/** "committed 120 GiB = 312 % of 8 GiB", then the limit when one is set (red once it is reached). */
export function DomainCommitted({ domain }: { domain: Pick<DomainFacts, "committedBytes" | "overcommitPct" | "totalBytes" | "maxOvercommitPct"> }) {
  const over = domain.maxOvercommitPct !== null && domain.overcommitPct >= domain.maxOvercommitPct;
  return (
    <span>
      committed {formatBytes(domain.committedBytes)}
      {domain.totalBytes > 0 && ` = ${domain.overcommitPct} % of ${formatBytes(domain.totalBytes)}`}
      {domain.maxOvercommitPct !== null && <span className={over ? "font-medium text-red-700" : "text-slate-600"}> · limit {domain.maxOvercommitPct} %</span>}
    </span>
  );
}
