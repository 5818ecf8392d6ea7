import { currentActor } from "@/app/_lib/current-actor";
import { PageHeader } from "@/components/page-header";
import { EventList } from "@/components/event-list";
import { Pager } from "@/components/ui/pager";
import { eventsPage } from "@/lib/queries/list-jobs";
import { parseListParams } from "@/lib/queries/pagination";

export const dynamic = "force-dynamic";

export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const params = parseListParams(await searchParams);
  const { rows, total } = await eventsPage(params, await currentActor());
  return (
    <>
      <PageHeader title="Events" subtitle="Audit log: who changed what." />
      <div className="space-y-2">
        <EventList events={rows} />
        <Pager total={total} page={params.page} pageSize={params.pageSize} />
      </div>
    </>
  );
}
