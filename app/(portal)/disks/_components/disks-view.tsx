"use client";

import { DiskTable } from "@/components/disk-table";
import { DiskMoveDialog } from "@/components/disk-move-dialog";
import { DiskAddDialog } from "@/components/disk-add-dialog";
import { DiskRemoveButton } from "@/components/disk-remove-button";
import type { DiskRow } from "@/lib/queries/list-disks";
import type { ListParams } from "@/lib/queries/pagination";
import type { DomainSpace } from "@/lib/storage-domains/space-estimates";
import { DiskUploadDialog } from "@/components/disk-upload-dialog";
import { DiskDownloadButton } from "@/components/disk-download-button";
import { addDiskAction, deleteDiskAction, moveDisksAction } from "@/app/actions/disk-actions";
import { cancelTransferAction, finalizeTransferAction, startDownloadAction, startUploadAction } from "@/app/actions/image-transfer-actions";

export function DisksView({ rows, total, params, domains }: { rows: DiskRow[]; total: number; params: ListParams; domains: DomainSpace[] }) {
  return (
    <DiskTable
      label="Disks"
      rows={rows}
      total={total}
      params={params}
      showOwner
      toolbar={(selected) => (
        <>
          <DiskAddDialog addDiskAction={addDiskAction} domains={domains} label="New floating disk" />
          <DiskMoveDialog moveDisksAction={moveDisksAction} key={selected.map((d) => d.id).join()} disks={selected} domains={domains} />
          <DiskRemoveButton deleteDiskAction={deleteDiskAction} disks={selected} />
          <DiskUploadDialog domains={domains} startUploadAction={startUploadAction} finalizeTransferAction={finalizeTransferAction} cancelTransferAction={cancelTransferAction} />
          <DiskDownloadButton disks={selected} startDownloadAction={startDownloadAction} />
        </>
      )}
    />
  );
}
