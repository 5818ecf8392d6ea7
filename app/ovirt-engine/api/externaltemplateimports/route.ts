// POST /ovirt-engine/api/externaltemplateimports: <external_template_import><url>ova:///…</url>
// <storage_domain id="…"/><template><name>…</name></template></external_template_import>; the
// template an .ova holds, imported as a new one (201; follow its job).
import { importOva } from "@/lib/ova/import-ova";
import { restRoute } from "@/lib/rest/route";
import { createdReply } from "@/lib/rest/reply";
import { parseImportOva } from "@/lib/rest/requests/ova";
import { ref } from "@/lib/rest/hrefs";

export const POST = restRoute(async ({ actor, query, body }) => {
  const input = await parseImportOva(await body("external_template_import"), query.correlationId);
  const { id } = await importOva(input, actor, "template");
  return createdReply("external_template_import", { url: `ova://${input.path}`, template: ref("template", id), storage_domain: ref("storageDomain", input.defaultStorageDomainId) });
});
