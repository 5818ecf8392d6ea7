import { db } from "@/lib/db";
import { systemActor, type Actor } from "@/lib/actor";
import { actorForUser } from "@/lib/auth/users";
import { listDisks } from "@/lib/queries/list-disks";
import { listVms } from "@/lib/queries/list-vms";
import { listTemplates } from "@/lib/queries/list-templates";
import { listStorageDomains } from "@/lib/queries/list-storage-domains";
import { eventsPage, jobsPage } from "@/lib/queries/list-jobs";
import { parseListParams } from "@/lib/queries/pagination";
import { reportPercentiles, seconds } from "./measure";
import { createScaleFixture } from "./scale-fixture";
import { runPortalListingBenchmark } from "./portal-listing-benchmark";

// Every list at scale: one page with its total, for the admin and for a user with permissions
// on 10 VMs, through the domain layer, then through a running portal over HTTP.

/** ms per call over `count` calls, the first 5 left out (they warm connection and statement caches). */
async function times(count: number, call: (i: number) => Promise<unknown>) {
  const measured: number[] = [];
  for (let i = 0; i < count + 5; i++) {
    const ms = (await seconds(() => call(i))) * 1000;
    if (i >= 5) measured.push(ms);
  }
  return measured;
}

/** Pages spread over the whole list (page 1 to 400 of 100 rows), each call another one. */
function pageParams(i: number, extra: Record<string, string> = {}) {
  return parseListParams({ page: String(1 + ((i * 37) % 400)), pageSize: "100", ...extra });
}

async function domainLayer(who: string, actor: Actor) {
  const lists: [string, (i: number) => Promise<unknown>][] = [
    ["disks", (i) => listDisks(pageParams(i), {}, actor)],
    ["disks sorted by size, descending", (i) => listDisks(pageParams(i, { sort: "provisionedSize", order: "desc" }), {}, actor)],
    ["VMs", (i) => listVms(pageParams(i % 100), actor)],
    ["templates", () => listTemplates(parseListParams({ page: "1", pageSize: "100" }), actor)],
    ["storage domains (50, with space and committed bytes)", () => listStorageDomains(actor)],
    ["jobs", (i) => jobsPage(pageParams(i % 200), actor)],
    ["events", (i) => eventsPage(pageParams(i), actor)],
  ];
  for (const [name, call] of lists) reportPercentiles(`domain layer, ${who}: one page of ${name}`, await times(30, call), 20, 50);
}

export async function runListingBenchmark(dir: string) {
  const created = await seconds(createScaleFixture);
  console.log(`     scale fixture: 10,000 VMs, 40,000 disks, 50 domains, 200 templates, 20,000 jobs, 100,000 events in ${created.toFixed(1)} s`);
  const user = await actorForUser((await db.user.findFirstOrThrow({ where: { name: { startsWith: "fixture-user" } } })).id);
  await domainLayer("admin", systemActor);
  await domainLayer("user with 10 VMs", user!);
  await runPortalListingBenchmark(dir);
}
