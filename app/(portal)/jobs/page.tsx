import { currentActor } from "@/app/_lib/current-actor";
import { PageHeader } from "@/components/page-header";
import { JobList } from "@/components/job-list";
import { listJobs } from "@/lib/queries/list-jobs";
import { cancelJobAction } from "@/app/actions/job-actions";

export const dynamic = "force-dynamic";

export default async function JobsPage() {
  return (
    <>
      <PageHeader title="Jobs" subtitle="Long operations with their steps; running ones update live." />
      <JobList jobs={await listJobs(await currentActor(), { take: 100 })} cancelAction={cancelJobAction} />
    </>
  );
}
