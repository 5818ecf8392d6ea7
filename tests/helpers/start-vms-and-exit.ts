// Child process of the portal-restart test: a portal that starts VMs and then ends, leaving
// their QEMU processes running (they are detached into their own sessions).
import { startVm } from "@/lib/vms/runtime/start-vm";
import { admin } from "@/tests/support/fixtures";

for (const vmId of process.argv.slice(2)) await startVm({ vmId }, admin);
console.log("READY");
process.exit(0);
