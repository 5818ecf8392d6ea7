"use server";

import { runAction } from "@/lib/action-result";
import { currentActor } from "@/app/_lib/current-actor";
import { cancelJob } from "@/lib/jobs/cancel-job";

export async function cancelJobAction(jobId: string) {
  return runAction(async () => {
    await cancelJob({ jobId }, await currentActor());
    return { jobId };
  });
}
