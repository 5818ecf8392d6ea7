import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import { createJob } from "@/lib/jobs/create-job";
import { STEP_ATTEMPTS } from "@/lib/jobs/execute-op";
import { defineOperation, registerOperations } from "@/lib/jobs/operation";
import { emptyPlan } from "@/lib/jobs/plan";
import { waitForJob } from "@/lib/jobs/run-job";
import { storageSteps } from "@/lib/storage/storage-steps";
import { admin } from "@/tests/support/fixtures";

// A step whose failure its kind calls transient runs again (a few times, with a pause); any other
// failure ends the job at once. Driven through a real job, with a kind of step made for the test
// that fails the way it is told, using the storage steps' own idea of a transient failure.

const failures = new Map<string, string[]>();
const attempts = new Map<string, number>();
const flakySchema = z.object({ kind: z.literal("flaky-test"), label: z.string(), key: z.string() });
type FlakyOp = z.infer<typeof flakySchema>;
const copyStep = storageSteps.find((step) => step.kind === "copy")!;

registerOperations(
  [
    defineOperation<FlakyOp>({
      kind: "flaky-test",
      schema: flakySchema,
      execute: async (op) => {
        attempts.set(op.key, (attempts.get(op.key) ?? 0) + 1);
        const message = failures.get(op.key)?.shift();
        if (message) throw new Error(message);
      },
      undo: async () => undefined,
      weight: () => 1,
      transient: (error) => copyStep.transient!(error),
    }),
  ],
  [],
  [],
);

async function runFlaky(key: string, messages: string[]) {
  failures.set(key, messages);
  const plan = { ...emptyPlan(), ops: [{ kind: "flaky-test", label: `flaky ${key}`, key }] };
  const job = await createJob({ type: "test", description: `Flaky ${key}`, actor: admin, plan });
  return waitForJob(job.id);
}

describe("a step's transient failures", () => {
  it("are tried again: a stale NFS handle, then a busy file, then the step succeeds and the job finishes", async () => {
    const job = await runFlaky("recovers", ["qemu-img: Could not open '/d/v': Stale file handle", "EBUSY: resource busy or locked, open '/d/v'"]);
    expect(job.status).toBe("finished");
    expect(attempts.get("recovers")).toBe(3);
  }, 20_000);

  it("end the job once they outlast the tries", async () => {
    const job = await runFlaky("persists", Array.from({ length: STEP_ATTEMPTS + 1 }, () => "ETIMEDOUT: connection timed out"));
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/timed out/);
    expect(attempts.get("persists")).toBe(STEP_ATTEMPTS);
  }, 20_000);

  it("are the only ones tried again: a full domain fails the job at the first try", async () => {
    const job = await runFlaky("full", ["qemu-img: error while writing at byte 0: No space left on device"]);
    expect(job.status).toBe("failed");
    expect(attempts.get("full")).toBe(1);
    expect(await db.jobStep.count({ where: { jobId: job.id, status: "failed" } })).toBe(1);
  });
});
