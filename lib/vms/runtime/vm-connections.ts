import "server-only";
import { AppError } from "@/lib/errors";
import { QmpClient } from "@/lib/runtime/qmp-client";
import { isQemuAlive, qemuLogTail, waitForQemuExit } from "@/lib/runtime/qemu-process";
import { runtimeFiles } from "@/lib/runtime/runtime-paths";
import { recordQemuGone } from "./vm-exit";
import type { VmProcessRef } from "./vm-status";

// The portal's one QMP connection to each running VM (QEMU serves a single client per socket).
// Every operation on a VM goes through it, and it doubles as the VM's watchdog: QEMU's end closes
// the socket, so a QEMU that dies — killed, crashed, or powered off by its guest — turns its VM
// down at once, with an event. After a portal restart, recovery connects again (recover-vms.ts).

interface Connection {
  vmId: string;
  pid: number;
  qmpSocket: string;
  client: QmpClient;
  /** Set before the portal stops the process itself: that operation reports the outcome. */
  stopping: boolean;
  guestPoweredOff: boolean;
}

interface Registry {
  connections: Map<string, Connection>;
  connecting: Map<string, Promise<QmpClient>>;
}

// Kept across Next.js dev reloads, like the database client.
const globalForRuntime = globalThis as unknown as { multistoreVmConnections?: Registry };
globalForRuntime.multistoreVmConnections ??= { connections: new Map(), connecting: new Map() };
const registry = globalForRuntime.multistoreVmConnections;

/** Takes over a freshly connected client (start, resume) and watches the process through it. */
export function watchQemu(vm: { id: string; name: string }, pid: number, qmpSocket: string, client: QmpClient) {
  const connection: Connection = { vmId: vm.id, pid, qmpSocket, client, stopping: false, guestPoweredOff: false };
  const replaced = registry.connections.get(vm.id);
  if (replaced) {
    replaced.stopping = true; // its end says nothing about the process
    replaced.client.close();
  }
  registry.connections.set(vm.id, connection);
  client.onEvent((event) => {
    if (event.event === "SHUTDOWN" && event.data?.guest === true) connection.guestPoweredOff = true;
  });
  client.onClose(() => void connectionClosed(connection, vm.name).catch((error) => console.error(`VM ${vm.name}: exit handling failed`, error)));
  return connection;
}

async function connectionClosed(connection: Connection, vmName: string) {
  if (registry.connections.get(connection.vmId) === connection) registry.connections.delete(connection.vmId);
  if (connection.stopping) return;
  // The socket closes a moment before the process is gone.
  if (!(await waitForQemuExit(connection.pid, connection.qmpSocket, 5_000))) {
    // Only the connection was lost: watch the process again.
    await vmConnection({ id: connection.vmId, name: vmName, runtimePid: connection.pid, qmpSocket: connection.qmpSocket }).catch(() => undefined);
    return;
  }
  const log = await qemuLogTail(runtimeFiles(connection.vmId).log);
  await recordQemuGone(
    connection.vmId,
    connection.pid,
    connection.guestPoweredOff
      ? { severity: "normal", message: `VM ${vmName} is down: the guest powered off.` }
      : { severity: "error", message: `VM ${vmName} is down: its QEMU process (pid ${connection.pid}) exited unexpectedly.${log ? ` QEMU said: ${log}` : ""}` },
  );
}

/** The VM's QMP client: the watched connection, or a new one (after a portal restart). */
export async function vmConnection(vm: VmProcessRef): Promise<QmpClient> {
  const existing = registry.connections.get(vm.id);
  if (existing && existing.pid === vm.runtimePid && !existing.client.isClosed) return existing.client;
  const inFlight = registry.connecting.get(vm.id);
  if (inFlight) return inFlight;
  const connecting = (async () => {
    if (!vm.runtimePid || !vm.qmpSocket || !(await isQemuAlive(vm.runtimePid, vm.qmpSocket))) {
      throw new AppError("RUNTIME_FAILURE", `VM ${vm.name} has no running QEMU process.`);
    }
    const client = await QmpClient.connect(vm.qmpSocket, 5_000);
    watchQemu(vm, vm.runtimePid, vm.qmpSocket, client);
    return client;
  })();
  registry.connecting.set(vm.id, connecting);
  try {
    return await connecting;
  } finally {
    registry.connecting.delete(vm.id);
  }
}

/** Marks the coming exit as intended; returns the connection if there is one. */
export function expectExit(vmId: string) {
  const connection = registry.connections.get(vmId);
  if (connection) connection.stopping = true;
  return connection?.client;
}

/**
 * Closes every connection without reading anything into it: what a portal shutdown does to
 * them. Tests use it to simulate a restart in one process.
 */
export function releaseConnections() {
  for (const connection of registry.connections.values()) {
    connection.stopping = true;
    connection.client.close();
  }
  registry.connections.clear();
}
