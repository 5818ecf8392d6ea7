import { SimpleTable } from "@/components/ui/simple-table";
import { PageHeader } from "@/components/page-header";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import { grantTargets, listUsers } from "@/lib/auth/manage-users";
import { ROLES } from "@/lib/auth/roles";
import { can } from "@/lib/auth/authorize";
import { parseListParams } from "@/lib/queries/pagination";
import { Pager } from "@/components/ui/pager";
import { SearchBox } from "@/components/ui/search-box";
import { UserSort } from "./_components/user-sort";
import { currentActor } from "@/app/_lib/current-actor";
import { revokePermissionAction } from "@/app/actions/user-actions";
import { UserNewForm } from "./_components/user-new-form";
import { GrantForm } from "./_components/grant-form";

export const dynamic = "force-dynamic";

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const params = parseListParams(await searchParams);
  const actor = await currentActor();
  if (!can(actor, "manage_users")) {
    return <PageHeader title="Users and permissions" subtitle={`User ${actor.name} is not permitted to manage users and permissions.`} />;
  }
  const [{ rows: users, total }, { names, objects }] = await Promise.all([listUsers(actor, params), grantTargets(actor)]);
  return (
    <>
      <PageHeader title="Users and permissions" subtitle="A permission is a role on an object: the system, a data center, a storage domain, a VM or a template." />
      <UserNewForm />
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <SearchBox label="Search users by name (* wildcard)" />
        <UserSort />
      </div>
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
      <div className="mt-2">
        <Pager total={total} page={params.page} pageSize={params.pageSize} />
      </div>
    </>
  );
}
