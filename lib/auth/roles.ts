// oVirt-style roles: each grants a set of actions on the object it is given on (and on what
// that object contains: a data center's domains and VMs, a VM's disks, a domain's disks).

export const ACTIONS = ["view", "create_vm", "operate_vm", "create_disk", "edit_disk", "manage_storage", "create_template", "manage_template", "manage_users", "inject_external_tasks"] as const;
export type Action = (typeof ACTIONS)[number];

export const ROLES = {
  SuperUser: { description: "Everything, everywhere", actions: [...ACTIONS] },
  ReadOnlyAdmin: { description: "Sees everything, changes nothing", actions: ["view"] },
  StorageAdmin: { description: "Manages a storage domain and the disks on it", actions: ["view", "manage_storage", "create_disk", "edit_disk"] },
  DiskCreator: { description: "May create disks on a storage domain", actions: ["view", "create_disk"] },
  VmCreator: { description: "May create VMs", actions: ["view", "create_vm"] },
  UserVmManager: { description: "Operates a VM and its disks", actions: ["view", "operate_vm", "edit_disk"] },
  TemplateCreator: { description: "May create templates", actions: ["view", "create_template"] },
  TemplateOwner: { description: "Manages a template and its disk copies", actions: ["view", "manage_template"] },
} satisfies Record<string, { description: string; actions: readonly Action[] }>;

export type RoleName = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as RoleName[];

export function roleGrants(role: string, action: Action) {
  const known = ROLES[role as RoleName];
  return !!known && (known.actions as readonly Action[]).includes(action);
}
