import "server-only";
import path from "node:path";
import { z } from "zod";

// Read and validated once; everything else imports `env`.
const schema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default(path.join(process.cwd(), "data")),
  QEMU_IMG: z.string().min(1).default("qemu-img"),
  QEMU_SYSTEM: z.string().min(1).default("qemu-system-x86_64"),
  /** Serves a disk image's guest data as a plain file to image transfers (lib/storage/raw-view.ts). */
  QEMU_STORAGE_DAEMON: z.string().min(1).default("qemu-storage-daemon"),
  /** auto: KVM where /dev/kvm is usable, TCG (software emulation) otherwise. */
  VM_ACCEL: z.enum(["auto", "kvm", "tcg"]).default("auto"),
  /** QMP sockets, pid files and logs of running VMs (default: see lib/runtime/runtime-paths.ts). */
  VM_RUNTIME_DIR: z.string().min(1).optional(),
  /** Bytes per second a live storage migration may copy per disk (MiB/s); 0: as fast as the storage goes. */
  LIVE_MIRROR_MAX_MIBPS: z.coerce.number().min(0).default(0),
  /** Tests only: a named point where the portal stops so a test can kill it there (lib/failpoints.ts). */
  MULTISTORE_FAILPOINT: z.string().optional(),
  /** Copies that may run at once from one storage domain to another (several jobs, or disks of one job). */
  COPIES_PER_DOMAIN_PAIR: z.coerce.number().int().min(1).max(32).default(1),
  SEED_DEMO: z.enum(["0", "1"]).default("1"),
  /** Seconds between two rounds of the storage domain monitor. */
  DOMAIN_MONITOR_INTERVAL_SECONDS: z.coerce.number().min(0.1).max(3600).default(10),
  /** Minutes between two full updates of each active data domain's OVF store (besides the update after every change). */
  OVF_UPDATE_INTERVAL_MINUTES: z.coerce.number().min(0.01).max(1440).default(60),
  /** A domain check (metadata read, probe write, statfs) that takes longer fails the domain. */
  DOMAIN_CHECK_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(600).default(10),
  /** Demo storage domains on loop-mounted filesystems of their own (as root with loop devices); 0: plain directories. */
  DEMO_LOOP_MOUNTS: z.enum(["0", "1"]).default("1"),
  // The first start creates admin@internal with this password (or prints a generated one).
  ADMIN_PASSWORD: z.string().min(4, "ADMIN_PASSWORD must have at least 4 characters").optional(),
  /** Key that signs API tokens; without it each process draws its own (tokens die with it). */
  TOKEN_SECRET: z.string().min(32, "TOKEN_SECRET must be at least 32 characters").optional(),
  /** Lifetime of an API token, in seconds. */
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(3600),
  /** Port of the imageio data endpoint over TLS (transfer_url), as imageio's daemon on 54322; 0: none. */
  IMAGEIO_PORT: z.coerce.number().int().min(0).max(65535).default(54322),
  /** How long a job's lease lasts without renewal: another instance takes a job over this long after its owner died. */
  JOB_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  /** This instance's host name (default: the machine's); instances with one host share mounts and VMs. */
  PORTAL_HOST: z.string().min(1).optional(),
  /** Folders (colon-separated) that OVA exports go to and imports come from; default $DATA_DIR/ova. */
  OVA_DIRS: z.string().min(1).optional(),
});

const parsed = schema.parse(process.env);

export const env = {
  ...parsed,
  DATABASE_URL: parsed.DATABASE_URL ?? `file:${path.join(parsed.DATA_DIR, "multistore.db")}`,
};
