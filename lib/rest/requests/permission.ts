import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { roleNamed } from "../serialize/role";
import type { WireNode } from "../wire/tree";
import { element, text } from "./wire-schema";

// POST /{vms|templates|storagedomains}/{id}/permissions, as ovirt_permission sends it:
// <permission><role><name>UserVmManager</name></role><user id="…"/></permission>.

const permissionWire = element({
  role: element({ id: text.optional(), href: text.optional(), name: text.optional() }),
  user: element({ id: text, href: text.optional() }),
});

export function parseGrant(node: WireNode) {
  const wire = parseInput(permissionWire, node);
  const role = roleNamed(wire.role);
  if (!role) throw new AppError("NOT_FOUND", `Role ${wire.role.name ?? wire.role.id ?? ""} doesn't exist.`, { role: "Unknown role" });
  return { role, userId: wire.user.id };
}
