"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { followJob } from "@/components/forms/follow-job";
import { diskUnusableReason, vmNotDownReason } from "@/lib/entities/state-rules";
import type { DiskRow } from "@/lib/queries/list-disks";
import type { ActionResult } from "@/lib/action-result";

type Start = (input: { diskId: string }) => Promise<ActionResult<{ ticket: string; jobId: string }>>;

/** Why the disk cannot be downloaded now, as the server would say. */
function blockedReason(disks: DiskRow[]) {
  if (disks.length !== 1) return "Select one disk to download.";
  const [disk] = disks;
  if (disk.template) return `Disk ${disk.alias} belongs to a template.`;
  if (disk.contentType !== "data") return `Disk ${disk.alias} is a memory dump of a hibernated VM, not a data disk.`;
  return diskUnusableReason({ alias: disk.alias, status: disk.status, lockJobId: disk.job?.id ?? null }) ?? (disk.vm ? vmNotDownReason({ ...disk.vm, lockJobId: null }) : null);
}

/**
 * Downloads the selected disk's image file (qcow2 or raw as it is; a disk with snapshots comes
 * as one qcow2). The disk is locked while the browser reads it; the download ends the transfer.
 */
export function DiskDownloadButton({ disks, startDownloadAction }: { disks: DiskRow[]; startDownloadAction: Start }) {
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  const reason = blockedReason(disks);
  async function download() {
    const [disk] = disks;
    setBusy(true);
    const started = await startDownloadAction({ diskId: disk.id }).catch(() => null);
    setBusy(false);
    if (!started?.ok) {
      toast.error(`Cannot download disk ${disk.alias}`, { description: started?.message ?? "The server could not be reached; try again." });
      return;
    }
    followJob(started.data.jobId);
    const extension = disk.format === "raw" ? "raw" : "qcow2";
    window.location.assign(`/images/${started.data.ticket}?attachment=${encodeURIComponent(`${disk.alias}.${extension}`)}`);
    router.refresh();
  }
  return (
    <Button disabled={!!reason || busy} title={reason ?? undefined} onClick={download}>
      Download
    </Button>
  );
}
