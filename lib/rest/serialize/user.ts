import { href } from "../hrefs";
import type { OutNode } from "../wire/tree";

// A portal user as oVirt's: admin@internal is user_name admin@internal-authz in domain internal-authz.

export function engineUserName(name: string) {
  const [principal, profile = "internal"] = name.split("@");
  return { principal, domain: `${profile}-authz`, userName: `${principal}@${profile}-authz` };
}

export function userNode(user: { id: string; name: string }): OutNode {
  const base = href.user(user.id);
  const { principal, domain, userName } = engineUserName(user.name);
  return {
    "@href": base,
    "@id": user.id,
    name: principal,
    domain_entry_id: user.id,
    namespace: "*",
    principal,
    user_name: userName,
    domain: { name: domain },
  };
}
