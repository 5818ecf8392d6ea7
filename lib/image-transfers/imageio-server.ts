import "server-only";
import { execFile } from "node:child_process";
import { chmod, mkdir, readFile, rm, stat } from "node:fs/promises";
import { createServer as createPlainServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import os from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { env } from "@/lib/env";
import { GuestStream } from "@/lib/storage/guest-data";
import { handleImageRequest } from "./imageio-http";
import { imageioSocketPath, markSocketListening } from "./local-socket";

// The imageio endpoint over TLS on its own port (IMAGEIO_PORT, 54322 like imageio's daemon):
// what transfer_url names, because oVirt's clients (ovirt-imageio's client, Ansible's ovirt_disk)
// only speak HTTPS to it. The certificate is made once, self-signed, in the data directory;
// clients verify it with the file at /ovirt-engine/services/pki-resource or run insecure.
// Clients on this host may skip TLS as imageio's own do: OPTIONS names a Unix socket
// (imageioUnixSocket) that serves the same requests in plain HTTP, reachable only from here.

const execFileAsync = promisify(execFile);
let server: Server | null = null;

export function tlsDir() {
  return path.join(env.DATA_DIR, "imageio-tls");
}

async function ensureCertificate() {
  const dir = tlsDir();
  const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
  if (!(await stat(cert).catch(() => null))) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // Named for every address a client may use here, so clients can verify it (ca_file) and need not run insecure.
    const names = `subjectAltName=DNS:${os.hostname()},DNS:localhost,IP:127.0.0.1,IP:::1`;
    await execFileAsync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650", "-subj", `/CN=${os.hostname()}`, "-addext", names, "-keyout", key, "-out", cert]);
  }
  return { key: await readFile(key), cert: await readFile(cert) };
}

function serve(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", `https://${req.headers.host ?? "localhost"}`);
  const match = /^\/images\/([^/]+)(?:\/(.+))?$/.exec(url.pathname);
  if (!match) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("No such resource.\n");
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const hasBody = req.method === "PUT" || req.method === "PATCH";
  void handleImageRequest({ method: req.method ?? "GET", url, headers, body: hasBody ? req : null }, match[1], match[2] ? match[2].split("/") : []).then((reply) => {
    res.writeHead(reply.status, reply.headers);
    if (reply.body instanceof Readable) sendBody(reply.body, res).catch(() => undefined); // a client that hangs up mid-download
    else res.end(reply.body ?? undefined);
  });
}

/**
 * Streams a reply body, handing each piece back to a body that reuses its buffers (a download's
 * GuestStream) once the socket has written it: one piece in the socket at a time, the next
 * already read meanwhile.
 */
function sendBody(body: Readable, res: ServerResponse) {
  const recycle = body instanceof GuestStream ? (piece: Uint8Array) => body.recycle(piece) : () => undefined;
  const sink = new Writable({
    write(piece: Uint8Array, _encoding, done) {
      res.write(piece, (error) => {
        if (!error) recycle(piece);
        done(error);
      });
    },
    final: (done) => void res.end(() => done()),
  });
  res.once("close", () => {
    if (!res.writableFinished) sink.destroy(new Error("the client hung up"));
  });
  return pipeline(body, sink);
}

/** Starts the listeners once per process; a port in use is reported, not fatal (the portal's own /images still serves). */
export async function startImageioServer() {
  if (server || !env.IMAGEIO_PORT) return;
  const tls = await ensureCertificate();
  server = createServer(tls, serve);
  server.on("error", (error) => console.error(`imageio endpoint on port ${env.IMAGEIO_PORT} is not available: ${error.message}`));
  server.listen(env.IMAGEIO_PORT);
  // Only root (the portal's user) may use the socket, as only root reads the TLS key.
  const socket = imageioSocketPath();
  await mkdir(path.dirname(socket), { recursive: true });
  await rm(socket, { force: true });
  const local = createPlainServer(serve);
  local.on("error", (error) => console.error(`imageio's local socket ${socket} is not available: ${error.message}`));
  local.listen(socket, () => {
    void chmod(socket, 0o600).then(() => markSocketListening(socket));
  });
}
