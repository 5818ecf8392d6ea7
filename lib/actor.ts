// Who performs an operation. Every domain function takes one, so permissions and the audit
// log hang on the same argument whatever the transport (page, server action, REST, job).

export interface PermissionGrant {
  role: string;
  objectType: string; // system | data_center | storage_domain | vm | template
  objectId: string | null;
}

export interface Actor {
  name: string;
  userId?: string;
  permissions: PermissionGrant[];
}

/** Start-up work (recovery, demo data) acts as the system itself, with every right. */
export const systemActor: Actor = { name: "system", permissions: [{ role: "SuperUser", objectType: "system", objectId: null }] };
