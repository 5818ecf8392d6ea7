"use client";

import { ConfirmActionButton } from "@/components/confirm-action-button";
import type { VmRow } from "@/lib/queries/list-vms";
import { bulkVmAction } from "@/app/actions/vm-actions";

// Run, Shut down and Remove on the selected VMs: each offered when at least one selected VM is
// in a state for it (otherwise disabled, with the reason); the dialog names the VMs it acts on
// and the ones it leaves out.

const kinds = [
  { operation: "run", label: "Run", fits: (vm: VmRow) => vm.status === "down" || vm.status === "suspended", none: "None of the selected VMs is down or suspended." },
  { operation: "shutdown", label: "Shut down", fits: (vm: VmRow) => vm.status === "up", none: "None of the selected VMs is up." },
  { operation: "remove", label: "Remove", fits: (vm: VmRow) => vm.status === "down" && !vm.lockJobId, none: "None of the selected VMs is down and unlocked." },
] as const;

export function VmBulkActions({ selected }: { selected: VmRow[] }) {
  return (
    <>
      {kinds.map(({ operation, label, fits, none }) => {
        const fitting = selected.filter(fits);
        const left = selected.filter((vm) => !fits(vm));
        return (
          <ConfirmActionButton
            key={operation}
            label={label}
            title={`${label} ${fitting.length} VM${fitting.length === 1 ? "" : "s"}`}
            danger={operation === "remove"}
            disabled={selected.length === 0}
            disabledReason={selected.length > 0 && fitting.length === 0 ? none : null}
            action={() => bulkVmAction({ operation, vmIds: fitting.map((vm) => vm.id) })}
          >
            <p>
              {label}: {fitting.map((vm) => vm.name).join(", ")}
              {operation === "remove" ? " (with their disks)" : ""}?
            </p>
            {left.length > 0 && <p className="text-slate-600">Left out (not in a state for it): {left.map((vm) => `${vm.name} (${vm.status})`).join(", ")}.</p>}
          </ConfirmActionButton>
        );
      })}
    </>
  );
}
