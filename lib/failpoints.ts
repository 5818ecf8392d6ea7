import "server-only";
import { env } from "@/lib/env";

// Named points where a test can stop the portal to kill it there (as etcd's gofail or FreeBSD's
// fail points do): with MULTISTORE_FAILPOINT=<name>, the code reaching that point says so on
// stdout and waits forever. Inert otherwise.

export async function failpoint(name: string) {
  if (env.MULTISTORE_FAILPOINT !== name) return;
  console.log(`FAILPOINT ${name}`);
  await new Promise(() => undefined);
}
