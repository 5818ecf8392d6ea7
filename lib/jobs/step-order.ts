import path from "node:path";
import { operationOf, type StepOp } from "./operation";
import { opAlsoReads, opReads, opWrites } from "./plan-storage";

// Which steps of a plan must wait for which. Storage steps on different files run side by side
// (the copies of a multi-disk job); a step waits for every earlier step whose files it reads or
// writes, or that writes into the same image directory. Steps on a VM's QEMU, and files written
// whole (OVF), keep the plan's order with everything: each waits for all before it, and all after
// wait for it.

function touches(op: StepOp) {
  const reads = [...opReads(op).map((read) => read.path), ...opAlsoReads(op)];
  const writes = opWrites(op);
  return { reads: new Set(reads), writes: new Set(writes), dirs: new Set(writes.map((file) => path.dirname(file))) };
}

function keepsOrder(op: StepOp) {
  return operationOf(op).keepsOrder === true;
}

function overlaps(a: Set<string>, b: Set<string>) {
  for (const item of a) if (b.has(item)) return true;
  return false;
}

/** For each step, the indexes of the earlier steps it must wait for. */
export function stepDependencies(ops: StepOp[]): number[][] {
  const files = ops.map(touches);
  return ops.map((op, j) => {
    const waits: number[] = [];
    for (let i = 0; i < j; i++) {
      const [before, after] = [files[i], files[j]];
      if (
        keepsOrder(ops[i]) ||
        keepsOrder(op) ||
        overlaps(after.reads, before.writes) ||
        overlaps(after.writes, before.writes) ||
        overlaps(after.writes, before.reads) ||
        overlaps(after.dirs, before.dirs)
      ) {
        waits.push(i);
      }
    }
    return waits;
  });
}
