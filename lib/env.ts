import "server-only";
import path from "node:path";
import { z } from "zod";

// Read and validated once; everything else imports `env`.
const schema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default(path.join(process.cwd(), "data")),
  QEMU_IMG: z.string().min(1).default("qemu-img"),
  QEMU_SYSTEM: z.string().min(1).default("qemu-system-x86_64"),
  /** auto: KVM where /dev/kvm is usable, TCG (software emulation) otherwise. */
  VM_ACCEL: z.enum(["auto", "kvm", "tcg"]).default("auto"),
  /** QMP sockets, pid files and logs of running VMs (default: see lib/runtime/runtime-paths.ts). */
  VM_RUNTIME_DIR: z.string().min(1).optional(),
  SEED_DEMO: z.enum(["0", "1"]).default("1"),
});

const parsed = schema.parse(process.env);

export const env = {
  ...parsed,
  DATABASE_URL: parsed.DATABASE_URL ?? `file:${path.join(parsed.DATA_DIR, "multistore.db")}`,
};
