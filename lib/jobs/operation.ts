import { z } from "zod";
import { processWide } from "@/lib/process-wide";
import type { JobPlan } from "./plan";
import { MiB } from "@/lib/schemas/common";

// The jobs engine knows the kinds of step only through this registry. Each kind is declared
// beside the code it drives (storage steps beside the storage driver, runtime steps beside the VM
// runtime, ...) with its zod schema, how it runs, how it is undone and what it weighs, and what
// the engine must know about it: the files it reads and writes, the volume it makes, the space it
// reserves. lib/operations registers them all; the engine never imports a step's code itself.

export interface FileRef {
  path: string;
  format: "qcow2" | "raw";
}

/** What every stored step has; the rest is its kind's schema. */
export interface StepOp {
  kind: string;
  label: string;
}

/** The row to insert for a volume a step makes (inserted only at commit). */
export const volumeRecordSchema = z.object({
  id: z.string(),
  diskId: z.string(),
  storageDomainId: z.string(),
  parentId: z.string().nullable(),
  format: z.enum(["qcow2", "raw"]),
  leaf: z.boolean(),
  snapshotId: z.string().nullable(),
});
export type VolumeRecord = z.infer<typeof volumeRecordSchema>;

/** The metadata file written beside a volume a step makes. */
export const volumeMetaInputSchema = z.object({
  diskId: z.string(),
  volumeId: z.string(),
  domainId: z.string(),
  parent: z.string().nullable(),
  sizeBytes: z.number(),
});
export type VolumeMetaInput = z.infer<typeof volumeMetaInputSchema>;

export interface SpaceNeed {
  storageDomainId: string;
  path: string;
  bytes: number;
  /** Virtual size that becomes committed there (thin overcommit). */
  provisionedBytes: number;
}

export interface Operation<T extends StepOp = StepOp> {
  kind: T["kind"];
  schema: z.ZodType<T>;
  /** Idempotent: a recovered job may run it again. */
  execute(op: T, onProgress: (percent: number) => void, signal?: AbortSignal): Promise<unknown>;
  /** Idempotent; removes or reverses what `execute` did, also when it only half ran. */
  undo(op: T): Promise<unknown>;
  /** Its share of the job's progress, in bytes moved (at least 1 MiB). */
  weight(op: T): number;
  /** Files it reads (a copy's source, an overlay's backing). */
  reads?(op: T): FileRef[];
  /** Files it may read that need not be intact beforehand, which earlier steps must be done with. */
  alsoReads?(op: T): string[];
  /** Files it writes, made or changed. */
  writes?(op: T): string[];
  /** Files it makes from nothing: removed on undo, or later when their domain is away. */
  makes?(op: T): string[];
  /** The image file it writes whole, flushed before the commit. */
  writesImage?(op: T): string | null;
  /** The volume it makes and its row, inserted at commit. */
  madeVolume?(op: T): { record: VolumeRecord; path: string; capacity: number } | null;
  /** Space it needs on a domain, reserved when the job is recorded. */
  needsSpace?(op: T): SpaceNeed | null;
  /** The VM whose QEMU it acts on: the job runs on that VM's host, this step in plan order. */
  actsOnVm?(op: T): { id: string } | "new";
  /** Steps that keep the plan's order with every other step (a file written whole). */
  keepsOrder?: boolean;
  /** Copies between one pair of domains queue (COPIES_PER_DOMAIN_PAIR at a time). */
  copyPair?(op: T): { from: string; to: string } | null;
  /** A failure worth another try (a stale NFS handle, a busy file): the step runs again, a few times. */
  transient?(error: Error): boolean;
  /**
   * Running it again over a half-done or finished run completes it (a copy restarts its copy): a
   * job made only of such steps resumes from its last finished step after its instance died.
   */
  resumable?: boolean;
  /** Once this is true the step cannot be undone: the job is finished instead (rolled forward from it). */
  tookEffect?(op: T): Promise<boolean>;
}

/** An action after a job commits that cannot be undone (a hibernated VM's QEMU is stopped). */
export interface AfterCommit<T extends { kind: string } = { kind: string }> {
  kind: T["kind"];
  schema: z.ZodType<T>;
  run(action: T): Promise<unknown>;
}

/** Runs when a job ends, committed or not (a VM's status brought in line with its process). */
export type JobEndHook = (plan: JobPlan, committed: boolean) => Promise<void>;

/** The usual weight: the bytes the step moves, at least 1 MiB so a tiny step still counts. */
export const bytesWeight = (op: { weightBytes: number }) => Math.max(op.weightBytes, MiB);

export function defineOperation<T extends StepOp>(operation: Operation<T>) {
  return operation;
}

export function defineAfterCommit<T extends { kind: string }>(action: AfterCommit<T>) {
  return action;
}

const registry = processWide("operations", () => ({
  operations: new Map<string, Operation>(),
  afterCommit: new Map<string, AfterCommit>(),
  endHooks: [] as JobEndHook[],
}));

export function registerOperations(operations: Operation[], afterCommit: AfterCommit[], endHooks: JobEndHook[]) {
  for (const operation of operations) registry.operations.set(operation.kind, operation);
  for (const action of afterCommit) registry.afterCommit.set(action.kind, action);
  for (const hook of endHooks) if (!registry.endHooks.includes(hook)) registry.endHooks.push(hook);
}

/** The declaration of a step's kind; a kind nobody registered is a programming error. */
export function operationOf(op: StepOp): Operation {
  const operation = registry.operations.get(op.kind);
  if (!operation) throw new Error(`No step of kind "${op.kind}" is registered (lib/operations).`);
  return operation;
}

export function afterCommitOf(action: { kind: string }): AfterCommit {
  const found = registry.afterCommit.get(action.kind);
  if (!found) throw new Error(`No after-commit action "${action.kind}" is registered (lib/operations).`);
  return found;
}

export function jobEndHooks() {
  return registry.endHooks;
}

/** The schemas of every registered step kind and after-commit action, for parsing a stored plan. */
export function registeredSchemas() {
  return { ops: [...registry.operations.values()].map((o) => o.schema), afterCommit: [...registry.afterCommit.values()].map((a) => a.schema) };
}

/** The step's share of its job's progress. */
export function opWeight(op: StepOp) {
  return operationOf(op).weight(op);
}

/** The volume the step makes and the row to insert for it at commit (untracked files have none). */
export function madeVolume(op: StepOp) {
  return operationOf(op).madeVolume?.(op) ?? null;
}

/** The image file the step writes whole, if any. */
export function writtenImage(op: StepOp) {
  return operationOf(op).writesImage?.(op) ?? null;
}
