import { currentActor } from "@/app/_lib/current-actor";
import { PageHeader } from "@/components/page-header";
import { EventList } from "@/components/event-list";
import { EventFilters } from "@/components/event-filters";
import { Pager } from "@/components/ui/pager";
import { eventsPage } from "@/lib/queries/list-jobs";
import { parseListParams } from "@/lib/queries/pagination";

export const dynamic = "force-dynamic";

export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const query = await searchParams;
  const params = parseListParams(query);
  const { rows, total } = await eventsPage(params, await currentActor(), query.severity);
  return (
    <>
      <PageHeader title="Events" subtitle="Audit log: who changed what." />
      <div className="space-y-2">
        <EventFilters />
        <EventList events={rows} />
        <Pager total={total} page={params.page} pageSize={params.pageSize} />
      </div>
    </>
  );
}
