import { derivedUuid } from "@/lib/derived-id";
import { ROLE_NAMES, ROLES, type RoleName } from "@/lib/auth/roles";
import { href } from "../hrefs";
import type { OutNode } from "../wire/tree";

// The portal's roles carry the engine's names; their ids are derived from the names, so they are
// the same everywhere and across restarts.

export const roleId = (name: string) => derivedUuid(`role:${name}`);

export function roleNamed(idOrName: { id?: string; name?: string }): RoleName | undefined {
  return ROLE_NAMES.find((name) => name === idOrName.name || roleId(name) === idOrName.id);
}

export function roleNode(name: RoleName): OutNode {
  const id = roleId(name);
  return {
    "@href": href.role(id),
    "@id": id,
    name,
    description: ROLES[name].description,
    administrative: name !== "UserVmManager" && name !== "VmCreator",
    mutable: false,
  };
}
