import "server-only";
import { afterCommitOf, jobEndHooks } from "./operation";
import type { JobPlan } from "./plan";

/** Once a job ends: its after-commit actions when it committed, then every registered job-end hook. */
export async function settleAfterJob(plan: JobPlan, committed: boolean) {
  if (committed) {
    for (const action of plan.afterCommit) {
      await afterCommitOf(action)
        .run(action)
        .catch((error) => console.error(`after-commit ${action.kind} failed`, error));
    }
  }
  for (const hook of jobEndHooks()) await hook(plan, committed).catch((error) => console.error("job-end hook failed", error));
}
