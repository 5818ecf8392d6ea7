// The engine's CA download (pki-resource?resource=ca-certificate&format=X509-PEM-CA), which
// clients pass as ca_file: here the imageio endpoint's self-signed certificate.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { tlsDir } from "@/lib/image-transfers/imageio-server";

export async function GET() {
  const pem = await readFile(path.join(tlsDir(), "cert.pem"), "utf8").catch(() => null);
  if (!pem) return new Response("The imageio endpoint has no certificate yet (IMAGEIO_PORT=0?).\n", { status: 404, headers: { "Content-Type": "text/plain" } });
  return new Response(pem, { headers: { "Content-Type": "application/x-x509-ca-cert" } });
}
