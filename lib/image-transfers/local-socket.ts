import path from "node:path";
import { env } from "@/lib/env";
import { processWide } from "@/lib/process-wide";

// Where a client on this host reaches the imageio endpoint without TLS: a Unix socket in the data
// directory (one per IMAGEIO_PORT, so instances on one host do not clash), reported by OPTIONS as
// imageio's `unix_socket` once it listens. (An abstract socket would do without a file, but
// Node pads its name to the full address length, which other clients do not.)

const listening = processWide("imageio-local-socket", () => ({ path: null as string | null }));

export function imageioSocketPath() {
  return path.join(env.DATA_DIR, `imageio-${env.IMAGEIO_PORT}.sock`);
}

/** The socket OPTIONS reports, or null while none listens. */
export function imageioUnixSocket() {
  return listening.path;
}

export function markSocketListening(socket: string) {
  listening.path = socket;
}
