"use client";

import { useRouter } from "next/navigation";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import { deleteTemplateAction } from "@/app/actions/template-actions";

export function TemplateRemoveButton({ templateId, templateName }: { templateId: string; templateName: string }) {
  const router = useRouter();
  return (
    <ConfirmActionButton label="Remove" title={`Remove template ${templateName}`} danger confirmLabel="Remove" action={() => deleteTemplateAction({ templateId })} onDone={() => router.push("/templates")}>
      Remove template {templateName} and every copy of its disks?
    </ConfirmActionButton>
  );
}
