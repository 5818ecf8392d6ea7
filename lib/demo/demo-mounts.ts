import "server-only";
import { env } from "@/lib/env";
import { remountDomainFilesystems } from "@/lib/storage/loop-mounts";

/** After a reboot the demo's loop-mounted domains are mounted again, before anything looks at them. */
export async function ensureDemoMounts() {
  const mounted = await remountDomainFilesystems(env.DATA_DIR).catch((error) => {
    console.error("demo storage domains: could not mount their filesystems again", error);
    return 0;
  });
  return mounted;
}
