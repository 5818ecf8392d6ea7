"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import { Field, inputClass } from "@/components/ui/field";
import { attachStorageDomainAction, detachStorageDomainAction, removeStorageDomainAction, updateOvfStoreAction } from "@/app/actions/storage-domain-actions";
import { StorageDomainStatusButton } from "./storage-domain-status-button";

// oVirt's lifecycle, one step per state: active ⇄ maintenance → detach → unattached → attach or
// remove. Each button appears only where its step applies; the domain layer still refuses (and
// the dialog shows why) when something lives there or the state changed meanwhile.

interface Domain {
  id: string;
  name: string;
  type: string;
  status: string;
  path: string;
}

export function StorageDomainLifecycleButtons({ domain, dataCenters }: { domain: Domain; dataCenters: { id: string; name: string }[] }) {
  switch (domain.status) {
    case "active":
      return (
        <>
          {domain.type === "data" && <UpdateOvfsButton domain={domain} />}
          <StorageDomainStatusButton domainId={domain.id} name={domain.name} target="maintenance" />
        </>
      );
    case "inactive":
      return (
        <>
          <StorageDomainStatusButton domainId={domain.id} name={domain.name} target="maintenance" />
          <StorageDomainStatusButton domainId={domain.id} name={domain.name} target="active" />
        </>
      );
    case "maintenance":
      return (
        <>
          <StorageDomainStatusButton domainId={domain.id} name={domain.name} target="active" />
          <DetachButton domain={domain} />
        </>
      );
    case "unattached":
      return (
        <>
          <AttachButton domain={domain} dataCenters={dataCenters} />
          <RemoveButton domain={domain} />
        </>
      );
    default:
      return null;
  }
}

function DetachButton({ domain }: { domain: Domain }) {
  return (
    <ConfirmActionButton label="Detach" title={`Detach ${domain.name}`} action={() => detachStorageDomainAction({ storageDomainId: domain.id })}>
      <p>Detach {domain.name} from its data center? Its files stay on {domain.path}.</p>
      {domain.type === "data" && (
        <p className="mt-2">
          VMs, templates and disks that live only on it leave the portal with it; VMs and templates with disks on other domains stay, without their
          disks here. Its OVF store describes all of them first, so they can be registered (Import tabs) wherever it is attached next.
        </p>
      )}
    </ConfirmActionButton>
  );
}

function UpdateOvfsButton({ domain }: { domain: Domain }) {
  return (
    <ConfirmActionButton label="Update OVFs" title={`Update the OVF store of ${domain.name}`} action={() => updateOvfStoreAction({ storageDomainId: domain.id })}>
      Write the descriptor of every VM, template and floating disk with a volume on {domain.name} to its OVF store now. The portal also does this
      after every change and before the domain goes into maintenance.
    </ConfirmActionButton>
  );
}

function AttachButton({ domain, dataCenters }: { domain: Domain; dataCenters: { id: string; name: string }[] }) {
  const [dataCenterId, setDataCenterId] = useState(dataCenters[0]?.id ?? "");
  return (
    <ConfirmActionButton label="Attach" title={`Attach ${domain.name}`} confirmLabel="Attach" disabled={!dataCenters.length} action={() => attachStorageDomainAction({ storageDomainId: domain.id, dataCenterId })}>
      <Field label="Data center" htmlFor="attach-dc" hint="The domain is checked, then attached and active.">
        <select id="attach-dc" className={inputClass} value={dataCenterId} onChange={(e) => setDataCenterId(e.target.value)}>
          {dataCenters.map((dc) => (
            <option key={dc.id} value={dc.id}>
              {dc.name}
            </option>
          ))}
        </select>
      </Field>
    </ConfirmActionButton>
  );
}

function RemoveButton({ domain }: { domain: Domain }) {
  const [format, setFormat] = useState(false);
  const router = useRouter();
  return (
    <ConfirmActionButton label="Remove" title={`Remove ${domain.name}`} confirmLabel="Remove" danger action={() => removeStorageDomainAction({ storageDomainId: domain.id, format })} onDone={() => router.push("/storage")}>
      <p>Remove {domain.name} from the portal? Without format its files stay on {domain.path} and it can be imported again.</p>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={format} onChange={(e) => setFormat(e.target.checked)} />
        Also delete its files from storage (format)
      </label>
    </ConfirmActionButton>
  );
}
