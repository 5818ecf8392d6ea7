"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import { deleteVmAction } from "@/app/actions/vm-actions";

export function VmRemoveDialog({ vmId, vmName, diskCount, disabledReason }: { vmId: string; vmName: string; diskCount: number; disabledReason: string | null }) {
  const [removeDisks, setRemoveDisks] = useState(true);
  const router = useRouter();
  return (
    <ConfirmActionButton label="Remove" title={`Remove VM ${vmName}`} danger confirmLabel="Remove" disabledReason={disabledReason} action={() => deleteVmAction({ vmId, detachOnly: !removeDisks })} onDone={() => router.push("/vms")}>
      <p>Remove VM {vmName}?</p>
      {diskCount > 0 && (
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={removeDisks} onChange={(e) => setRemoveDisks(e.target.checked)} />
          Remove its {diskCount} disk(s) too (otherwise they stay as floating disks)
        </label>
      )}
    </ConfirmActionButton>
  );
}
