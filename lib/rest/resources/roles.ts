import { ROLE_NAMES } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { roleNamed, roleNode } from "../serialize/role";

// /roles and /roles/{id}: ovirt_permission follows a permission's role link to read its name.

export function roleNodes() {
  return ROLE_NAMES.map(roleNode);
}

export function roleEntityNode(id: string) {
  const name = roleNamed({ id });
  if (!name) throw new AppError("NOT_FOUND", `Role ${id} doesn't exist.`);
  return roleNode(name);
}
