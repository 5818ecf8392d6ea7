"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";

// Compact selects side by side (the form field style is full width).
const selectClass = "rounded border border-slate-300 bg-white px-2 py-1 text-sm";
import { grantPermissionAction } from "@/app/actions/user-actions";

type ObjectType = "system" | "data_center" | "storage_domain" | "vm" | "template";
type Objects = Record<Exclude<ObjectType, "system">, { id: string; name: string }[]>;

/** Gives a user a role on the system or on one object. */
export function GrantForm({ userId, userName, roles, objects }: { userId: string; userName: string; roles: string[]; objects: Objects }) {
  const [role, setRole] = useState(roles[0]);
  const [objectType, setObjectType] = useState<ObjectType>("system");
  const [objectId, setObjectId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const router = useRouter();
  async function grant() {
    setError(null);
    const result = await grantPermissionAction({ userId, role, objectType, objectId: objectType === "system" ? undefined : objectId });
    if (!result.ok) return setError(result.message);
    router.refresh();
  }
  return (
    <div className="space-y-1" role="group" aria-label={`Grant to ${userName}`}>
      <FormError message={error} />
      <div className="flex flex-wrap gap-1">
        <select aria-label="Role" className={`${selectClass} w-40`} value={role} onChange={(e) => setRole(e.target.value)}>
          {roles.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <select aria-label="On" className={`${selectClass} w-36`} value={objectType} onChange={(e) => { setObjectType(e.target.value as ObjectType); setObjectId(""); }}>
          <option value="system">System</option>
          <option value="data_center">Data center</option>
          <option value="storage_domain">Storage domain</option>
          <option value="vm">VM</option>
          <option value="template">Template</option>
        </select>
        {objectType !== "system" && (
          <select aria-label="Object" className={`${selectClass} w-44`} value={objectId} onChange={(e) => setObjectId(e.target.value)}>
            <option value="">Choose…</option>
            {objects[objectType].map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
        <Button onClick={grant}>Grant</Button>
      </div>
    </div>
  );
}
