import { currentActor } from "@/app/_lib/current-actor";
import { PageHeader } from "@/components/page-header";
import { listDisks } from "@/lib/queries/list-disks";
import { domainSpaces } from "@/lib/queries/list-storage-domains";
import { parseListParams } from "@/lib/queries/pagination";
import { DisksView } from "./_components/disks-view";

export const dynamic = "force-dynamic";

export default async function DisksPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await currentActor();
  const params = parseListParams(await searchParams);
  const [{ rows, total }, domains] = await Promise.all([listDisks(params, {}, actor), domainSpaces(actor)]);
  return (
    <>
      <PageHeader title="Disks" subtitle="Every disk, attached or floating, with the storage domain it lives on." />
      <DisksView rows={rows} total={total} params={params} domains={domains} />
    </>
  );
}
