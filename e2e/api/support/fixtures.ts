import { test as base, expect } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { Api } from "./api-client";
import { items, type Doc } from "./xml";
import type { DomainOnDisk } from "./storage";

// The API test fixture: an authenticated client, the demo storage domains by name, and
// waits on the states clients poll for.

export interface Domain extends DomainOnDisk {
  name: string;
  type: string;
}

export const GiB = 1024 ** 3;

export const test = base.extend<{ api: Api; domains: Record<string, Domain> }>({
  api: async ({ request }, use) => use(new Api(request)),
  domains: async ({ api }, use) => {
    const list = items(await api.doc("/storagedomains"), "storage_domains", "storage_domain");
    await use(Object.fromEntries(list.map((d: Doc) => [d.name, { id: d.id, name: d.name, type: d.type, path: d.storage.path }])));
  },
});
export { expect };

/** A data domain that holds no copy of a disk (other tests may have added copies: never assume the demo layout). */
export function dataDomainWithout(domains: Record<string, Domain>, diskDomainIds: string[]) {
  const free = Object.values(domains).find((d) => d.type === "data" && !diskDomainIds.includes(d.id));
  if (!free) throw new Error("every data domain already holds a copy of this disk");
  return free;
}

/** A name no other test (or earlier run against the same server) uses. */
export function unique(prefix: string) {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** Polls an entity while `field` still reads one of the `transient` values; returns the settled document. */
export async function settle(api: Api, path: string, root: string, transient: string[], field = "status") {
  let last: Doc = {};
  await expect
    .poll(async () => {
      last = (await api.doc(path))[root];
      return transient.includes(last[field]);
    }, { message: `${path} ${field} still ${transient.join("/")}`, timeout: 30_000, intervals: [100, 200, 250] })
    .toBe(false);
  return last;
}

/** Polls /jobs?search=correlation_id=X until none is started; every job must have finished. */
export async function waitForJobs(api: Api, correlationId: string) {
  let jobs: Doc[] = [];
  await expect
    .poll(async () => {
      jobs = items(await api.doc("/jobs", { search: `correlation_id=${correlationId}` }), "jobs", "job");
      return jobs.length > 0 && jobs.every((j) => j.status !== "started");
    }, { message: `jobs of ${correlationId}`, timeout: 30_000, intervals: [100, 200, 250] })
    .toBe(true);
  expect(jobs.map((j) => `${j.description}: ${j.status}`)).toEqual(jobs.map((j) => `${j.description}: finished`));
  return jobs;
}

/** The job an action reply names, polled until it ends; it must have finished. */
export async function waitForJob(api: Api, reply: Doc) {
  const job = await settle(api, `/jobs/${reply.action.job.id}`, "job", ["started"]);
  expect(job.status, job.description).toBe("finished");
  return job;
}

/** Id and domain of each disk of a VM or template: `[{ id, imageId, domainIds }]`. */
export async function disksOf(api: Api, owner: "vms" | "templates", id: string) {
  const attachments = items(await api.doc(`/${owner}/${id}/diskattachments`, { follow: "disk" }), "disk_attachments", "disk_attachment");
  return attachments.map((a: Doc) => ({
    id: a.disk.id as string,
    alias: a.disk.alias as string,
    imageId: a.disk.image_id as string,
    format: a.disk.format as string,
    domainIds: items(a.disk, "storage_domains", "storage_domain").map((s: Doc) => s.id as string),
  }));
}
