// POST /ovirt-engine/api/externalvmimports: <external_vm_import><url>ova:///…/web-01.ova</url>
// <storage_domain id="…"/><vm><name>…</name></vm>…</external_vm_import>; the VM an .ova holds,
// imported as a new one (201 with the import echoed, as the engine answers; follow its job).
import { importOva } from "@/lib/ova/import-ova";
import { restRoute } from "@/lib/rest/route";
import { createdReply } from "@/lib/rest/reply";
import { parseImportOva } from "@/lib/rest/requests/ova";
import { ref } from "@/lib/rest/hrefs";

export const POST = restRoute(async ({ actor, query, body }) => {
  const input = await parseImportOva(await body("external_vm_import"), query.correlationId);
  const { id } = await importOva(input, actor, "vm");
  return createdReply("external_vm_import", { url: `ova://${input.path}`, vm: ref("vm", id), storage_domain: ref("storageDomain", input.defaultStorageDomainId) });
});
