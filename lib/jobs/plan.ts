import { z } from "zod";
import { registeredSchemas, type StepOp } from "./operation";

// A job's plan is the whole operation, written before any file is touched: the steps, the
// database changes to make when they all succeed, and what to remove afterwards. Steps only add
// files (or copy data into an overlay without changing what it reads), or act on a VM's QEMU with
// an inverse of their own, so undoing an unfinished job is always: undo the steps newest first,
// drop the rows made for the job, give back the locks. That makes rollback and crash recovery one
// generic routine. The kinds of step are declared beside their code (lib/jobs/operation.ts);
// a stored plan is parsed against their schemas on every read, never cast.

export type { StepOp, VolumeRecord, VolumeMetaInput } from "./operation";

/** The plan format written now; a stored plan without a version is a version 1 plan. */
export const PLAN_VERSION = 1;

const planCommitSchema = z.object({
  deleteVolumes: z.array(z.string()),
  updateVolumes: z.array(z.object({ id: z.string(), leaf: z.boolean().optional(), snapshotId: z.string().nullable().optional(), parentId: z.string().nullable().optional() })),
  deleteVms: z.array(z.string()),
  deleteTemplates: z.array(z.string()),
  deleteDisks: z.array(z.string()),
  deleteSnapshots: z.array(z.string()),
  deleteAttachments: z.array(z.string()),
  /** Attachments that exist once the job commits (a disk plugged into a running VM). */
  createAttachments: z.array(z.object({ id: z.string(), diskId: z.string(), vmId: z.string(), interface: z.string(), bootable: z.boolean(), active: z.boolean() })).optional(),
  /** Existing volumes whose files the steps changed (a rebased overlay): their size is read again. */
  refreshVolumes: z.array(z.object({ id: z.string(), path: z.string() })),
  /** VM rows to change once their locks are given back (a hibernated VM becomes suspended). */
  updateVms: z.array(z.object({ id: z.string(), status: z.string(), memoryDiskId: z.string().nullable().optional() })),
});
export type PlanCommit = z.infer<typeof planCommitSchema>;

const rowIds = z.array(z.string());
const statuses = z.record(z.string(), z.string());

export interface JobPlan<Op extends StepOp = StepOp, After extends { kind: string } = { kind: string }> {
  ops: Op[];
  /** Rows made when the job was created: shown locked meanwhile, deleted on rollback. */
  created: { vms: string[]; templates: string[]; disks: string[]; snapshots: string[] };
  /** Existing rows locked by the job, with the status to give back. */
  locked: { vms: Record<string, string>; templates: Record<string, string>; disks: Record<string, string> };
  /** VMs the job holds shared, with the status each must keep (a disk job on a VM: other disk jobs may hold it too). */
  shared?: { vms: Record<string, string> };
  commit: PlanCommit;
  /** Files to remove once the commit is in the database (a moved disk's source, a deleted disk). */
  removeAfterCommit: string[];
  /** Runtime actions after the commit, which cannot be undone. */
  afterCommit: After[];
}

function planV1Schema() {
  const { ops, afterCommit } = registeredSchemas();
  const union = (schemas: z.ZodType[]) => (schemas.length ? z.discriminatedUnion("kind", schemas as unknown as Parameters<typeof z.discriminatedUnion>[1]) : z.never());
  return z.object({
    version: z.literal(1),
    ops: z.array(union(ops)),
    created: z.object({ vms: rowIds, templates: rowIds, disks: rowIds, snapshots: rowIds }),
    locked: z.object({ vms: statuses, templates: statuses, disks: statuses }),
    shared: z.object({ vms: statuses }).default({ vms: {} }),
    commit: planCommitSchema,
    removeAfterCommit: z.array(z.string()),
    afterCommit: z.array(union(afterCommit)).default([]),
  });
}

// Built once every kind is registered (they register at load), again if more register later.
let cached: { size: number; schema: ReturnType<typeof planV1Schema> } | null = null;

function storedPlanSchema() {
  const { ops, afterCommit } = registeredSchemas();
  const size = ops.length + afterCommit.length;
  if (cached?.size !== size) cached = { size, schema: planV1Schema() };
  return z.preprocess((value) => (value && typeof value === "object" && !("version" in value) ? { ...value, version: 1 } : value), z.discriminatedUnion("version", [cached.schema]));
}

/** A plan as stored in a job's payload, checked against the registered step kinds. */
export function parsePlan(payload: string): JobPlan {
  const parsed = storedPlanSchema().safeParse(JSON.parse(payload));
  if (!parsed.success) throw new Error(`The job's stored plan does not parse: ${z.prettifyError(parsed.error)}`);
  const { version: _version, ...plan } = parsed.data;
  return plan as JobPlan;
}

/** The payload to store for a plan. */
export function serializePlan(plan: JobPlan) {
  return JSON.stringify({ version: PLAN_VERSION, ...plan });
}

export function emptyPlan<Op extends StepOp = StepOp, After extends { kind: string } = { kind: string }>(): JobPlan<Op, After> {
  return {
    ops: [],
    created: { vms: [], templates: [], disks: [], snapshots: [] },
    locked: { vms: {}, templates: {}, disks: {} },
    shared: { vms: {} },
    commit: {
      deleteVolumes: [],
      updateVolumes: [],
      deleteVms: [],
      deleteTemplates: [],
      deleteDisks: [],
      deleteSnapshots: [],
      deleteAttachments: [],
      refreshVolumes: [],
      updateVms: [],
    },
    removeAfterCommit: [],
    afterCommit: [],
  };
}
