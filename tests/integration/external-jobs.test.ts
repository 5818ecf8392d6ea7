import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { addExternalJob, addExternalStep, endExternalStep } from "@/lib/jobs/external-jobs";
import { endJob } from "@/lib/jobs/end-job";
import { recoverJobs } from "@/lib/jobs/recover-jobs";
import { admin } from "@/tests/support/fixtures";

// External jobs (Ansible's ovirt_job) are started and ended by their client: job recovery, which
// rolls back any running job nobody holds, must leave them alone, and a cancel ends them failed.

const status = async (id: string) => (await db.job.findUniqueOrThrow({ where: { id } })).status;

describe("external jobs", () => {
  it("stay started through job recovery until their client ends them, open steps with them", async () => {
    const job = await addExternalJob({ description: "nightly backup" }, admin);
    const first = await addExternalStep({ jobId: job.id, description: "dump" }, admin);
    await endExternalStep({ jobId: job.id, stepId: first.id, succeeded: true }, admin);
    const open = await addExternalStep({ jobId: job.id, description: "upload" }, admin);
    await recoverJobs();
    expect(await status(job.id)).toBe("running");
    await endJob({ jobId: job.id, succeeded: true }, admin);
    expect(await status(job.id)).toBe("finished");
    expect((await db.jobStep.findUniqueOrThrow({ where: { id: open.id } })).status).toBe("finished");
    await expect(endJob({ jobId: job.id, succeeded: false }, admin)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a cancel ends one failed; a user without the right adds none", async () => {
    const job = await addExternalJob({ description: "import run" }, admin);
    await cancelJob({ jobId: job.id }, admin);
    expect(await status(job.id)).toBe("failed");
    const before = await db.job.count();
    await expect(addExternalJob({ description: "sneaky" }, { name: "viewer@internal", permissions: [{ role: "ReadOnlyAdmin", objectType: "system", objectId: null }] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(addExternalJob({ description: " " }, admin)).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await db.job.count()).toBe(before);
  });
});
