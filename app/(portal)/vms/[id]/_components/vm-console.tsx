"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** The VM's screen, fetched again on demand, so an administrator sees the guest is alive. */
export function VmConsole({ vmId, running }: { vmId: string; running: boolean }) {
  const [stamp, setStamp] = useState(() => Date.now());
  if (!running) return <p className="text-sm text-slate-600">The console is available while the VM runs.</p>;
  return (
    <div className="space-y-2">
      <Button onClick={() => setStamp(Date.now())}>Refresh screenshot</Button>
      {/* biome-ignore lint/performance/noImgElement: a live PNG from QEMU, not a static asset */}
      <img src={`/api/vms/${vmId}/screenshot?t=${stamp}`} alt="VM console screenshot" className="max-w-full rounded border border-slate-300 bg-black" />
    </div>
  );
}
