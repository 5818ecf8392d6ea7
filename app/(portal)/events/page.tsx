import { currentActor } from "@/app/_lib/current-actor";
import { PageHeader } from "@/components/page-header";
import { EventList } from "@/components/event-list";
import { listEvents } from "@/lib/queries/list-jobs";

export const dynamic = "force-dynamic";

export default async function EventsPage() {
  return (
    <>
      <PageHeader title="Events" subtitle="Audit log: who changed what." />
      <EventList events={await listEvents(await currentActor(), { take: 300 })} />
    </>
  );
}
