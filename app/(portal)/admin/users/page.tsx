import { SimpleTable } from "@/components/ui/simple-table";
import { PageHeader } from "@/components/page-header";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import { listUsers } from "@/lib/auth/manage-users";
import { ROLES } from "@/lib/auth/roles";
import { can } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { currentActor } from "@/app/_lib/current-actor";
import { revokePermissionAction } from "@/app/actions/user-actions";
import { UserNewForm } from "./_components/user-new-form";
import { GrantForm } from "./_components/grant-form";

export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const actor = await currentActor();
  if (!can(actor, "manage_users")) {
    return <PageHeader title="Users and permissions" subtitle={`User ${actor.name} is not permitted to manage users and permissions.`} />;
  }
  const users = await listUsers(actor);
  const [domains, vms, templates, dataCenters] = await Promise.all([
    db.storageDomain.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.vm.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 }),
    db.template.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.dataCenter.findMany({ select: { id: true, name: true } }),
  ]);
  const names = new Map([...domains, ...vms, ...templates, ...dataCenters].map((o) => [o.id, o.name]));
  const objects = { data_center: dataCenters, storage_domain: domains, vm: vms, template: templates };
  return (
    <>
      <PageHeader title="Users and permissions" subtitle="A permission is a role on an object: the system, a data center, a storage domain, a VM or a template." />
      <UserNewForm />
      <SimpleTable label="Users" className="mt-4 w-full" headers={["User", "Permissions", "Grant"]}>
          {users.map((user) => (
            <tr key={user.id} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2 font-medium">{user.name}</td>
              <td className="px-3 py-2">
                <ul className="space-y-1">
                  {user.permissions.map((p) => (
                    <li key={p.id} className="flex items-center gap-2">
                      <span>
                        {p.role} on {p.objectType === "system" ? "the system" : `${p.objectType.replace("_", " ")} ${names.get(p.objectId!) ?? p.objectId}`}
                      </span>
                      <ConfirmActionButton label="Revoke" title="Revoke permission" danger action={revokePermissionAction.bind(null, { permissionId: p.id })}>
                        Revoke {p.role} from {user.name}?
                      </ConfirmActionButton>
                    </li>
                  ))}
                  {user.permissions.length === 0 && <li className="text-slate-500">none</li>}
                </ul>
              </td>
              <td className="px-3 py-2">
                <GrantForm userId={user.id} userName={user.name} roles={Object.keys(ROLES)} objects={objects} />
              </td>
            </tr>
          ))}
        </SimpleTable>
    </>
  );
}
