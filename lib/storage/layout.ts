import path from "node:path";

// oVirt's file-domain layout: <domain dir>/<domain uuid>/images/<image uuid>/<volume uuid>.

export interface DomainLocation {
  id: string;
  path: string;
}

export function domainRoot(domain: DomainLocation) {
  return path.join(domain.path, domain.id);
}

export function imagesDir(domain: DomainLocation) {
  return path.join(domainRoot(domain), "images");
}

export function volumePath(domain: DomainLocation, diskId: string, volumeId: string) {
  return path.join(imagesDir(domain), diskId, volumeId);
}

export function metaPath(volumeFile: string) {
  return `${volumeFile}.meta`;
}

/** Where a volume's metadata is written before it is renamed into place (volume-meta.ts). */
export function metaTempPath(volumeFile: string) {
  return `${metaPath(volumeFile)}.tmp`;
}

/** The files a volume is made of, as suffixes of its image file's path: they come and go together. */
export const VOLUME_FILE_SUFFIXES = ["", ".meta", ".meta.tmp", ".lease"] as const;

/** OVF descriptor of an exported VM or template on an export domain. */
export function ovfPath(domain: DomainLocation, kind: "vms" | "templates", id: string) {
  return path.join(domainRoot(domain), "master", kind, id, `${id}.ovf`);
}

export function ovfDir(domain: DomainLocation, kind: "vms" | "templates") {
  return path.join(domainRoot(domain), "master", kind);
}

/** Backing references are stored relative to the overlay's directory, as VDSM does. */
export function relativeTo(volumeFile: string, backingFile: string) {
  return path.relative(path.dirname(volumeFile), backingFile);
}

/** A data domain's OVF store (oVirt's OVF_STORE): one descriptor per VM, template or floating disk with a volume there. */
export function ovfStoreDir(domain: DomainLocation) {
  return path.join(domainRoot(domain), "ovf_store");
}
