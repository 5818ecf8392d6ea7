"use client";

import { useState } from "react";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import { Field, inputClass } from "@/components/ui/field";
import { domainSpaceLabel } from "@/components/storage-domain-picker";
import { placementRefusal, type DomainSpace } from "@/lib/storage-domains/space-estimates";
import { memoryVolumeBytes } from "@/lib/storage-domains/memory-volume-policy";
import { powerOffVmAction, shutdownVmAction, startVmAction, suspendVmAction } from "@/app/actions/vm-power-actions";

/** Run / resume, shut down, power off and suspend, offered by the VM's status. */
export function VmPowerButtons({ vmId, vmName, status, domains, memoryMb }: { vmId: string; vmName: string; status: string; domains: DomainSpace[]; memoryMb: number }) {
  const [memoryDomain, setMemoryDomain] = useState("");
  const memoryBytes = memoryVolumeBytes(memoryMb);
  const running = status === "up" || status === "paused";
  return (
    <>
      {(status === "down" || status === "suspended") && (
        <ConfirmActionButton label={status === "suspended" ? "Resume" : "Run"} title={`${status === "suspended" ? "Resume" : "Run"} ${vmName}`} action={() => startVmAction(vmId)}>
          {status === "suspended" ? "Restore the saved memory and continue the VM?" : "Start the VM? Each disk is opened from its own storage domain."}
        </ConfirmActionButton>
      )}
      {running && (
        <>
          <ConfirmActionButton label="Suspend" title={`Suspend ${vmName}`} action={() => suspendVmAction({ vmId, storageDomainId: memoryDomain || undefined })}>
            <p>Save the VM&apos;s memory to a storage domain and stop it.</p>
            <Field label="Memory volume domain" htmlFor="memory-domain" hint="Automatic: an active data domain with room, preferring the one with most of this VM's disks, then the most free space.">
              <select id="memory-domain" className={inputClass} value={memoryDomain} onChange={(e) => setMemoryDomain(e.target.value)}>
                <option value="">Automatic</option>
                {domains
                  .filter((d) => d.type === "data" && d.status === "active")
                  .map((d) => {
                    const reason = placementRefusal(d, memoryBytes);
                    return (
                      <option key={d.id} value={d.id} disabled={!!reason}>
                        {domainSpaceLabel(d, memoryBytes)}
                        {reason ? ` (refused: ${reason})` : ""}
                      </option>
                    );
                  })}
              </select>
            </Field>
          </ConfirmActionButton>
          <ConfirmActionButton label="Shut down" title={`Shut down ${vmName}`} action={() => shutdownVmAction(vmId)}>
            Ask the guest to shut down (ACPI)? Without an answer it is powered off after two minutes.
          </ConfirmActionButton>
        </>
      )}
      {(running || status === "powering_down" || status === "suspended") && (
        <ConfirmActionButton label="Power off" title={`Power off ${vmName}`} danger action={() => powerOffVmAction(vmId)}>
          {status === "suspended" ? "Discard the saved memory? The VM will be down." : "Stop the VM at once, like pulling the plug?"}
        </ConfirmActionButton>
      )}
    </>
  );
}
