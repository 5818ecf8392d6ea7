import { waitForJob } from "@/lib/jobs/run-job";

/** Awaits the job a domain operation started; a job that did not finish fails the benchmark. */
export async function finished<T extends { job: { id: string } }>(promise: Promise<T>) {
  const result = await promise;
  const job = await waitForJob(result.job.id);
  if (job.status !== "finished") throw new Error(`${job.description}: ${job.error}`);
  return result;
}
