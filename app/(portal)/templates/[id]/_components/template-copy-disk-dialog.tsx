"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { domainSpaceLabel } from "@/components/storage-domain-picker";
import { copyBytes, placementRefusal, type DomainSpace } from "@/lib/storage-domains/space-estimates";
import { copyTemplateDiskAction } from "@/app/actions/template-actions";

interface TemplateDisk {
  id: string;
  alias: string;
  copies: { domainId: string; domainName: string; actualSize: number }[];
}

/** Copy a template disk to more domains, so thin VM disks can be placed there too. */
export function TemplateCopyDiskDialog({ disk, domains }: { disk: TemplateDisk; domains: DomainSpace[] }) {
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const router = useRouter();
  const need = copyBytes(Math.max(0, ...disk.copies.map((c) => c.actualSize)));
  const candidates = domains.filter((d) => d.type === "data" && !disk.copies.some((c) => c.domainId === d.id));
  async function submit() {
    setError(null);
    const result = await copyTemplateDiskAction({ diskId: disk.id, storageDomainIds: chosen });
    if (!result.ok) return setError(result.message);
    setOpen(false);
    setChosen([]);
    router.refresh();
  }
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={!candidates.length}>
        Copy to…
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Copy ${disk.alias} to more domains`}>
        <FormError message={error} />
        <fieldset className="space-y-1 text-sm">
          <legend className="mb-1 text-xs text-slate-600">Domains without a copy</legend>
          {candidates.map((d) => {
            const reason = placementRefusal(d, need);
            return (
              <label key={d.id} className={`flex items-center gap-2 ${reason ? "text-slate-400" : ""}`}>
                <input type="checkbox" disabled={!!reason} checked={chosen.includes(d.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, d.id] : chosen.filter((x) => x !== d.id))} />
                {domainSpaceLabel(d, need)}
                {reason ? ` (refused: ${reason})` : ""}
              </label>
            );
          })}
        </fieldset>
        <div className="mt-4 flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="primary" disabled={!chosen.length} onClick={submit}>
            Copy
          </Button>
        </div>
      </Dialog>
    </>
  );
}
