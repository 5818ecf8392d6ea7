import "server-only";
import { readdir, readFile } from "node:fs/promises";
import { AppError } from "@/lib/errors";
import { loadStorageDomain } from "@/lib/entities/load";
import { ovfDir, ovfPath } from "@/lib/storage/layout";
import { parseVmOrTemplateOvf } from "./ovf";

// What an export domain holds is read from its OVF files: the directory is the truth.

export async function loadExportDomain(id: string) {
  const domain = await loadStorageDomain(id);
  if (domain.type !== "export") throw new AppError("VALIDATION", `Storage domain ${domain.name} is not an export domain.`);
  return domain;
}

export async function listExported(exportDomainId: string, kind: "vms" | "templates") {
  const domain = await loadExportDomain(exportDomainId);
  const ids = await readdir(ovfDir(domain, kind)).catch(() => [] as string[]);
  const found = [];
  for (const id of ids) {
    const xml = await readFile(ovfPath(domain, kind, id), "utf8").catch(() => null);
    if (xml) found.push(parseVmOrTemplateOvf(xml));
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getExported(exportDomainId: string, kind: "vms" | "templates", id: string) {
  const domain = await loadExportDomain(exportDomainId);
  // The id becomes part of a file path: anything but a plain name (e.g. "../..") names nothing.
  if (!/^[\w-]+$/.test(id)) throw new AppError("NOT_FOUND", `${kind === "vms" ? "VM" : "Template"} ${id} is not on export domain ${domain.name}.`);
  const xml = await readFile(ovfPath(domain, kind, id), "utf8").catch(() => null);
  if (!xml) throw new AppError("NOT_FOUND", `${kind === "vms" ? "VM" : "Template"} ${id} is not on export domain ${domain.name}.`);
  return { domain, ovf: parseVmOrTemplateOvf(xml) };
}
