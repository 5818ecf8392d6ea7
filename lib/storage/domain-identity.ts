import { access, constants, readFile } from "node:fs/promises";
import path from "node:path";
import { isMountPoint } from "./mounts";

// A storage domain proves who it is with the metadata VDSM keeps at <root>/dom_md/metadata
// (SDUUID, name, class, version). Nothing reads or writes a domain before this check passes, so
// an unmounted export (the bare directory underneath) or another domain mounted in its place is
// never mistaken for it.

export const DOMAIN_FORMAT_VERSION = 5;

export type DomainUnavailableReason = "not_mounted" | "missing" | "wrong_domain" | "read_only" | "unreachable";

const reasonText: Record<DomainUnavailableReason, string> = {
  not_mounted: "not mounted",
  missing: "its directory or metadata is missing",
  wrong_domain: "the directory holds another storage domain",
  read_only: "read-only",
  unreachable: "unreachable",
};

/** A domain that failed its identity check; `domainId` is the domain that was expected. */
export class DomainUnavailableError extends Error {
  constructor(
    readonly domainId: string,
    readonly reason: DomainUnavailableReason,
    readonly detail: string,
  ) {
    super(`${reasonText[reason]} (${detail})`);
    this.name = "DomainUnavailableError";
  }
}

export interface DomainMetadata {
  id: string;
  name: string;
  type: string;
  version: number;
}

export function metadataPath(root: string) {
  return path.join(root, "dom_md", "metadata");
}

export function formatMetadata(meta: DomainMetadata) {
  const domainClass = meta.type === "data" ? "Data" : meta.type === "export" ? "Backup" : "Iso";
  return [`SDUUID=${meta.id}`, `DESCRIPTION=${meta.name}`, `CLASS=${domainClass}`, `TYPE=${meta.type}`, `VERSION=${meta.version}`, ""].join("\n");
}

export function parseMetadata(text: string): DomainMetadata | null {
  const fields = Object.fromEntries(text.split("\n").filter((l) => l.includes("=")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
  if (!fields.SDUUID) return null;
  const type = fields.TYPE ?? (fields.CLASS === "Data" ? "data" : fields.CLASS === "Backup" || fields.CLASS === "export" ? "export" : "iso");
  return { id: fields.SDUUID, name: fields.DESCRIPTION ?? "", type, version: Number(fields.VERSION ?? 0) };
}

export async function readDomainMetadata(root: string) {
  return parseMetadata(await readFile(metadataPath(root), "utf8"));
}

/**
 * Verifies that `<mountPath>/<id>` is the domain `id`: the mount is there (when the domain's
 * storage type needs one), the metadata names the domain, and it can be written. Throws
 * DomainUnavailableError saying why not.
 */
export async function verifyDomainIdentity(domain: { id: string; path: string; requireMount?: boolean; writable?: boolean }) {
  const root = path.join(domain.path, domain.id);
  const fail = (reason: DomainUnavailableReason, detail: string) => new DomainUnavailableError(domain.id, reason, detail);
  if (domain.requireMount) {
    const mounted = await isMountPoint(domain.path).catch((error: NodeJS.ErrnoException) => {
      throw fail(error.code === "ENOENT" ? "not_mounted" : "unreachable", `${domain.path}: ${error.code ?? error.message}`);
    });
    if (!mounted) throw fail("not_mounted", `${domain.path} is not a mount point`);
  }
  const meta = await readDomainMetadata(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") throw fail(domain.requireMount ? "missing" : "not_mounted", `no ${metadataPath(root)}`);
    throw fail("unreachable", `${metadataPath(root)}: ${error.code ?? error.message}`);
  });
  if (!meta) throw fail("wrong_domain", `${metadataPath(root)} names no SDUUID`);
  if (meta.id !== domain.id) throw fail("wrong_domain", `${metadataPath(root)} names ${meta.id}`);
  if (domain.writable !== false) {
    await access(root, constants.W_OK).catch((error: NodeJS.ErrnoException) => {
      throw fail(error.code === "EROFS" ? "read_only" : "unreachable", `${root}: ${error.code ?? error.message}`);
    });
  }
}

/** Verifies a domain known only from a file inside it (a job step's volume path). */
export async function verifyDomainOfFile(file: string) {
  const location = domainOfFile(file);
  if (!location) return;
  await verifyDomainIdentity(location);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The domain a file lies in, read from the layout: <path>/<uuid>/(images|master|dom_md|trash|ovf_store)/...
 * (the last such pair wins, so a domain path that itself contains a uuid still resolves).
 */
export function domainOfFile(file: string): { id: string; path: string } | null {
  const parts = path.resolve(file).split(path.sep);
  for (let i = parts.length - 2; i > 0; i--) {
    if (UUID.test(parts[i]) && ["images", "master", "dom_md", "trash", "ovf_store"].includes(parts[i + 1])) {
      return { id: parts[i], path: parts.slice(0, i).join(path.sep) || "/" };
    }
  }
  return null;
}
