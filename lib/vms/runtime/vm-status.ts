// VM statuses the runtime moves through, named as oVirt names them (lower case).
//
//   down ──start──▶ powering_up ──▶ up ◀──▶ paused
//   up ──shutdown──▶ powering_down ──▶ down            (power off: any of these ──▶ down)
//   up ──hibernate──▶ saving_state ──▶ suspended ──resume──▶ restoring_state ──▶ up

/** Statuses in which the VM has a QEMU process. */
export const STATUSES_WITH_PROCESS = ["powering_up", "up", "paused", "powering_down", "saving_state", "restoring_state"] as const;

export function hasQemuProcess(status: string) {
  return (STATUSES_WITH_PROCESS as readonly string[]).includes(status);
}

/** "powering_up" → "powering up", for messages. */
export function statusText(status: string) {
  return status.replace(/_/g, " ");
}

/** The portal status matching QEMU's run state (query-status). */
export function statusFromQemu(runState: string, running: boolean) {
  if (running) return "up";
  if (runState === "prelaunch") return "powering_up";
  if (runState === "inmigrate") return "restoring_state";
  return "paused";
}

/** A VM as the runtime addresses its process; the pid and socket guard against a newer process. */
export interface VmProcessRef {
  id: string;
  name: string;
  runtimePid: number | null;
  qmpSocket: string | null;
}
