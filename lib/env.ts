import "server-only";
import path from "node:path";
import { z } from "zod";

// Read and validated once; everything else imports `env`.
const schema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default(path.join(process.cwd(), "data")),
  QEMU_IMG: z.string().min(1).default("qemu-img"),
  SEED_DEMO: z.enum(["0", "1"]).default("1"),
  // The first start creates admin@internal with this password (or prints a generated one).
  ADMIN_PASSWORD: z.string().min(4).optional(),
});

const parsed = schema.parse(process.env);

export const env = {
  ...parsed,
  DATABASE_URL: parsed.DATABASE_URL ?? `file:${path.join(parsed.DATA_DIR, "multistore.db")}`,
};
