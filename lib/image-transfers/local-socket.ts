import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import { processWide } from "@/lib/process-wide";
import { runtimeRoot } from "@/lib/runtime/runtime-paths";

// Where a client on this host reaches the imageio endpoint without TLS: a Unix socket beside the
// VMs' control sockets (a directory short enough for socket paths; one socket per IMAGEIO_PORT, so
// instances on one host do not clash), reported by OPTIONS as imageio's `unix_socket` once it
// listens. (An abstract socket would need no file, but Node pads its name to the full address
// length, which other clients do not.)

const listening = processWide("imageio-local-socket", () => ({ path: null as string | null }));

export function imageioSocketPath() {
  return path.join(runtimeRoot(), `imageio-${env.IMAGEIO_PORT}.sock`);
}

/** The socket OPTIONS reports, or null while none listens. */
export function imageioUnixSocket() {
  return listening.path;
}

export function markSocketListening(socket: string) {
  listening.path = socket;
}
