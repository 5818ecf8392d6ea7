import "server-only";
import { makeDurable } from "@/lib/db";
import { flushFiles } from "@/lib/storage/driver";
import { emptyTrash, moveToTrash, type TrashEntry } from "@/lib/storage/trash";
import { writtenImage } from "./operation";
import type { JobPlan } from "./plan";

// The volumes a job replaces (a moved disk's source, a deleted disk) leave in two stages. Just
// before the commit they are renamed into their domain's trash: O(1), and undone by renaming
// back if the commit fails, or by start-up recovery if the process dies before it. Once the
// job's new files and the commit are on stable storage, their blocks are freed.

export interface Retired {
  entries: TrashEntry[];
  /** Files that could not be moved aside (start-up recovery removes them as orphans). */
  failed: string[];
}

export async function retireReplacedVolumes(plan: JobPlan): Promise<Retired> {
  const retired: Retired = { entries: [], failed: [] };
  for (const file of plan.removeAfterCommit) {
    await moveToTrash(file).then((entry) => retired.entries.push(entry), () => retired.failed.push(file));
  }
  return retired;
}

export async function freeReplacedVolumes(plan: JobPlan, trashed: TrashEntry[]) {
  if (!trashed.length) return;
  await flushFiles(plan.ops.flatMap((op) => writtenImage(op) ?? []));
  await makeDurable();
  await emptyTrash(trashed);
}
