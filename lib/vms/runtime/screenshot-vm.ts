import "server-only";
import { randomUUID } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { loadVm } from "@/lib/entities/load";
import { runtimeFiles } from "@/lib/runtime/runtime-paths";
import { parseInput } from "@/lib/schemas/parse";
import { requirePermission, vmScopes } from "@/lib/auth/authorize";
import { screenshotVmSchema, type ScreenshotVmInput } from "@/lib/schemas/vm-runtime";
import { vmConnection } from "./vm-connections";
import { statusText } from "./vm-status";

const SHOWS_A_SCREEN = ["powering_up", "up", "paused", "powering_down", "saving_state"];

/**
 * The VM's console as a PNG (QMP screendump of its VGA display), for the VM detail page. Reads
 * nothing into the audit log; `actor` is taken like everywhere so permissions can hang on it.
 */
export async function screenshotVm(input: ScreenshotVmInput, actor: Actor) {
  void actor;
  const data = parseInput(screenshotVmSchema, input);
  const vm = await loadVm(data.vmId);
  requirePermission(actor, "view", await vmScopes(vm.id), `see the console of VM ${vm.name}`);
  if (!SHOWS_A_SCREEN.includes(vm.status)) throw new AppError("VM_NOT_RUNNING", `Cannot take a screenshot. VM ${vm.name} is ${statusText(vm.status)}.`);
  const client = await vmConnection(vm);
  // QEMU writes the file itself, so it goes where QEMU may write: the VM's runtime directory.
  const file = path.join(runtimeFiles(vm.id).dir, `screen-${randomUUID()}.png`);
  try {
    await client.execute("screendump", { filename: file, format: "png" });
    return { png: await readFile(file), contentType: "image/png" as const };
  } finally {
    await rm(file, { force: true });
  }
}
