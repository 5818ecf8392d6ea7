import { z } from "zod";
import { correlationId, entityId } from "./common";

// Inputs of the VM runtime operations (lib/vms/runtime/*): run, shut down, power off,
// hibernate, resume, console screenshot.

export const vmRuntimeRefSchema = z.strictObject({ vmId: entityId, correlationId });
export type VmRuntimeRefInput = z.input<typeof vmRuntimeRefSchema>;

export const startVmSchema = vmRuntimeRefSchema;
export type StartVmInput = VmRuntimeRefInput;

export const powerOffVmSchema = vmRuntimeRefSchema;
export type PowerOffVmInput = VmRuntimeRefInput;

export const resumeVmSchema = vmRuntimeRefSchema;
export type ResumeVmInput = VmRuntimeRefInput;

/** A guest without an OS (or a hung one) ignores ACPI: after the timeout the VM is powered off. */
export const shutdownVmSchema = vmRuntimeRefSchema.extend({
  timeoutSeconds: z.number().int("Whole seconds").min(0).max(3600, "At most an hour").default(120),
});
export type ShutdownVmInput = z.input<typeof shutdownVmSchema>;

/** Hibernate; without storageDomainId the memory volume goes where the placement policy says. */
export const suspendVmSchema = vmRuntimeRefSchema.extend({ storageDomainId: entityId.optional() });
export type SuspendVmInput = z.input<typeof suspendVmSchema>;

export const screenshotVmSchema = z.strictObject({ vmId: entityId });
export type ScreenshotVmInput = z.input<typeof screenshotVmSchema>;
