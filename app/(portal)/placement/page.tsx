import { currentActor } from "@/app/_lib/current-actor";
import { PageHeader } from "@/components/page-header";
import { domainSpaces } from "@/lib/queries/list-storage-domains";
import { parseListParams } from "@/lib/queries/pagination";
import { placementMap } from "@/lib/queries/placement-map";
import { PlacementMap } from "./_components/placement-map";

export const dynamic = "force-dynamic";

export default async function PlacementPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await currentActor();
  const params = parseListParams(await searchParams);
  const [map, domains] = await Promise.all([placementMap(params, actor), domainSpaces(actor)]);
  return (
    <>
      <PageHeader title="Placement" subtitle="Which disk of which VM and template lives on which storage domain. Pick disks in any cells to move them, each to its own domain." />
      <PlacementMap map={map} params={params} domains={domains} />
    </>
  );
}
