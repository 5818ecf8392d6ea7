import type { Api } from "./api-client";
import { diskAttachmentXml, type NewDisk } from "./bodies";
import { disksOf, expect, unique, waitForJobs } from "./fixtures";

/**
 * A down VM with one new disk per domain, made in one request (POST /vms from Blank with
 * <disk_attachments>, Multistore's one-job form) and waited for. Setup for other flows.
 */
export async function vmWithDisks(api: Api, prefix: string, domainIds: string[], disk: Partial<NewDisk> = {}) {
  const name = unique(prefix);
  const correlationId = unique("corr");
  const attachments = domainIds.map((domainId, i) => diskAttachmentXml({ name: `${name}-d${i}`, domainId, sizeBytes: 256 * 1024 ** 2, ...disk }, "virtio", i === 0)).join("");
  const reply = await api.post("/vms", `<vm><name>${name}</name><template><name>Blank</name></template><disk_attachments>${attachments}</disk_attachments></vm>`, { correlation_id: correlationId });
  expect(reply.status, reply.text).toBe(201);
  await waitForJobs(api, correlationId);
  const id = reply.doc.vm.id as string;
  return { id, name, disks: await disksOf(api, "vms", id) };
}

/** A template's id and its disks, by name. */
export async function templateNamed(api: Api, name: string) {
  const doc = await api.doc("/templates", { search: `name=${name}` });
  const id = doc.templates.template[0].id as string;
  return { id, disks: await disksOf(api, "templates", id) };
}

export async function vmNamed(api: Api, name: string) {
  const doc = await api.doc("/vms", { search: `name=${name}` });
  return doc.vms.vm[0].id as string;
}
