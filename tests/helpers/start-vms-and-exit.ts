// Child process of the portal-restart test: a portal that starts VMs and then ends, leaving
// their QEMU processes running (they are detached into their own sessions).
import { startVm } from "@/lib/vms/runtime/start-vm";

for (const vmId of process.argv.slice(2)) await startVm({ vmId }, { name: "admin@internal" });
console.log("READY");
process.exit(0);
