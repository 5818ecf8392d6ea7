import type { ComponentProps } from "react";
import { inputClass } from "@/components/ui/field";

/** NFS / POSIX / Local: the values of `storageType` in lib/schemas/storage-domain.ts. */
export function StorageTypeSelect(props: ComponentProps<"select">) {
  return (
    <select className={inputClass} {...props}>
      <option value="nfs">NFS</option>
      <option value="posixfs">POSIX compliant FS</option>
      <option value="localfs">Local on host</option>
    </select>
  );
}
