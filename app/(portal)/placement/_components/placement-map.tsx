"use client";

import { SearchBox } from "@/components/ui/search-box";
import Link from "next/link";
import { useState } from "react";
import { DiskMoveDialog } from "@/components/disk-move-dialog";
import { Pager } from "@/components/ui/pager";
import { StatusBadge } from "@/components/ui/status-badge";
import { ProgressBar } from "@/components/ui/progress-bar";
import { useListUrl } from "@/components/ui/use-list-url";
import { formatBytes } from "@/lib/format";
import type { DiskRow } from "@/lib/queries/list-disks";
import type { ListParams } from "@/lib/queries/pagination";
import type { PlacementMap as Placements } from "@/lib/queries/placement-map";
import type { DomainSpace } from "@/lib/storage-domains/space-estimates";
import { moveDisksAction } from "@/app/actions/disk-actions";

// VM × storage domain: each cell lists the VM's disks on that domain. Disks picked in any cells
// open the move dialog together, each with its own target.

const cell = "border-l border-slate-100 px-2 py-1.5 align-top";

function DiskChip({ disk, selected, onToggle }: { disk: DiskRow; selected: boolean; onToggle: () => void }) {
  return (
    <label className={`mb-1 flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs ${selected ? "border-sky-400 bg-sky-50" : "border-slate-200 bg-white"}`}>
      <input type="checkbox" aria-label={`Select disk ${disk.alias}`} checked={selected} onChange={onToggle} />
      <span className="truncate" title={disk.alias}>
        {disk.alias}
      </span>
      <span className="ml-auto whitespace-nowrap text-slate-500">{formatBytes(disk.provisionedSize)}</span>
      {disk.status !== "ok" && <StatusBadge status={disk.status} />}
      {disk.job && <ProgressBar value={disk.job.progress} label={`${disk.alias}: ${disk.job.description}`} />}
    </label>
  );
}

export function PlacementMap({ map, params, domains }: { map: Placements; params: ListParams; domains: DomainSpace[] }) {
  const { go, searchParams } = useListUrl();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const columns = domains.filter((d) => d.type === "data");
  const onlyDomain = searchParams.get("domain") ?? "";
  const shown = onlyDomain ? columns.filter((d) => d.id === onlyDomain) : columns;
  const vms = onlyDomain ? map.vms.filter((vm) => vm.disks.some((d) => d.storageDomains.some((s) => s.id === onlyDomain))) : map.vms;
  const allDisks = map.vms.flatMap((vm) => vm.disks);
  const selectedDisks = allDisks.filter((d) => selected.has(d.id));
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const onDomain = (disks: DiskRow[], domainId: string) => disks.filter((d) => d.storageDomains[0]?.id === domainId);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <SearchBox label="Search VMs (name, * wildcard)" />
        <label className="flex items-center gap-1 text-sm">
          Domain
          <select aria-label="Only VMs with disks on" value={onlyDomain} onChange={(e) => go({ domain: e.target.value })} className="rounded border border-slate-300 bg-white px-1 py-1 text-sm">
            <option value="">All domains</option>
            {columns.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <span className="text-sm text-slate-600">{selectedDisks.length ? `${selectedDisks.length} disk(s) selected` : "Select disks in any cells to move them together."}</span>
        <DiskMoveDialog moveDisksAction={moveDisksAction} key={selectedDisks.map((d) => d.id).join()} disks={selectedDisks} domains={domains} />
      </div>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table aria-label="Placement of VM disks" className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-100 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th className="px-3 py-2">VM</th>
              {shown.map((d) => (
                <th key={d.id} className="min-w-40 border-l border-slate-200 px-2 py-2">
                  <Link href={`/storage/${d.id}`} className="hover:underline">
                    {d.name}
                  </Link>
                  <div className="font-normal normal-case text-slate-500">{formatBytes(d.freeBytes)} free</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {vms.map((vm) => (
              <tr key={vm.id} aria-label={`VM ${vm.name}`} className="border-b border-slate-100 last:border-0">
                <td className="whitespace-nowrap px-3 py-1.5 align-top">
                  <Link href={`/vms/${vm.id}`} className="font-medium text-sky-700 hover:underline">
                    {vm.name}
                  </Link>{" "}
                  <StatusBadge status={vm.status} />
                </td>
                {shown.map((d) => (
                  <td key={d.id} className={cell} aria-label={`${vm.name} on ${d.name}`}>
                    {onDomain(vm.disks, d.id).map((disk) => (
                      <DiskChip key={disk.id} disk={disk} selected={selected.has(disk.id)} onToggle={() => toggle(disk.id)} />
                    ))}
                  </td>
                ))}
              </tr>
            ))}
            {vms.length === 0 && (
              <tr>
                <td colSpan={shown.length + 1} className="px-3 py-6 text-center text-slate-500">
                  No VM matches.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pager total={map.total} page={params.page} pageSize={params.pageSize} />
      <h2 className="pt-2 text-sm font-semibold text-slate-700">Templates</h2>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table aria-label="Placement of template disks" className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-100 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th className="px-3 py-2">Template</th>
              {shown.map((d) => (
                <th key={d.id} className="min-w-40 border-l border-slate-200 px-2 py-2">
                  {d.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {map.templates.map((t) => (
              <tr key={t.id} aria-label={`Template ${t.name}`} className="border-b border-slate-100 last:border-0">
                <td className="whitespace-nowrap px-3 py-1.5 align-top">
                  <Link href={`/templates/${t.id}`} className="font-medium text-sky-700 hover:underline">
                    {t.name}
                  </Link>
                </td>
                {shown.map((d) => (
                  <td key={d.id} className={cell} aria-label={`${t.name} on ${d.name}`}>
                    {t.disks
                      .filter((disk) => disk.copies.some((c) => c.storageDomainId === d.id))
                      .map((disk) => (
                        <div key={disk.id} className="mb-1 flex gap-1 rounded border border-slate-200 px-1.5 py-0.5 text-xs">
                          <span className="truncate">{disk.alias}</span>
                          <span className="ml-auto whitespace-nowrap text-slate-500">{formatBytes(disk.provisionedSize)}</span>
                        </div>
                      ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
