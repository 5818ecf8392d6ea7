import type { TemplateFields } from "./template";

// oVirt's Blank template (all-zero id) means "no template": clients create empty VMs from it
// and look it up by name, so it is listed although nothing is stored for it.
export const BLANK_TEMPLATE_ID = "00000000-0000-0000-0000-000000000000";

export const blankTemplate: TemplateFields = {
  id: BLANK_TEMPLATE_ID,
  name: "Blank",
  description: "Blank template",
  status: "ok",
  cpus: 1,
  memoryMb: 512,
  clusterId: null,
  createdAt: new Date(0),
};

export function isBlankTemplate(ref: { id?: string; name?: string }) {
  return ref.id === BLANK_TEMPLATE_ID || (!ref.id && ref.name?.toLowerCase() === "blank");
}
