import { currentActor } from "@/app/_lib/current-actor";
import { PageHeader } from "@/components/page-header";
import { JobList } from "@/components/job-list";
import { JobFilters } from "@/components/job-filters";
import { Pager } from "@/components/ui/pager";
import { jobsPage } from "@/lib/queries/list-jobs";
import { parseListParams } from "@/lib/queries/pagination";
import { cancelJobAction } from "@/app/actions/job-actions";

export const dynamic = "force-dynamic";

export default async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const query = await searchParams;
  const params = parseListParams(query);
  const { rows, total } = await jobsPage(params, await currentActor(), query.status);
  return (
    <>
      <PageHeader title="Jobs" subtitle="Long operations with their steps; running ones update live." />
      <div className="space-y-2">
        <JobFilters />
        <JobList jobs={rows} cancelAction={cancelJobAction} />
        <Pager total={total} page={params.page} pageSize={params.pageSize} />
      </div>
    </>
  );
}
