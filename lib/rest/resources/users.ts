import "server-only";
import type { Actor } from "@/lib/actor";
import { getUser, listUsers } from "@/lib/auth/manage-users";
import { parseListParams } from "@/lib/queries/pagination";
import type { RestQuery } from "../query";
import { limit, matchesAll, parseSearch } from "../search";
import { engineUserName, userNode } from "../serialize/user";

// /users and /users/{id}: ovirt_user_info and ovirt_permission find users with
// `usrname=admin@internal-authz`; the portal's own name (admin@internal) is matched too.

const SEARCH_KEYS = ["usrname", "name", "id"] as const;

export async function userNodes(actor: Actor, query: RestQuery) {
  const search = parseSearch(query.search, SEARCH_KEYS);
  const { rows } = await listUsers(actor, parseListParams({ pageSize: "500" }));
  const matching = rows.filter((u) => {
    const { principal, userName } = engineUserName(u.name);
    return matchesAll(search, { usrname: [userName, u.name], name: principal, id: u.id });
  });
  return limit(matching, query.max).map(userNode);
}

export async function userEntityNode(actor: Actor, id: string) {
  return userNode(await getUser(id, actor));
}
