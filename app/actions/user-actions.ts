"use server";

import { runAction } from "@/lib/action-result";
import { currentActor } from "@/app/_lib/current-actor";
import { createUser, grantPermission, revokePermission } from "@/lib/auth/manage-users";
import type { GrantInput, NewUserInput } from "@/lib/schemas/auth";

export async function createUserAction(input: NewUserInput) {
  return runAction(async () => (await createUser(input, await currentActor())).id);
}

export async function grantPermissionAction(input: GrantInput) {
  return runAction(async () => (await grantPermission(input, await currentActor())).id);
}

export async function revokePermissionAction(input: { permissionId: string }) {
  return runAction(async () => revokePermission(input, await currentActor()));
}
