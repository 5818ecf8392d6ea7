import "server-only";
import type { Actor } from "@/lib/actor";
import { getTemplate, listTemplates } from "@/lib/queries/list-templates";
import { clusterPlaces } from "@/lib/queries/list-clusters";
import type { RestQuery } from "../query";
import { commonTerms, literalFragment, matchesAll, parseSearch } from "../search";
import { templateNode, type TemplateFields } from "../serialize/template";
import { BLANK_TEMPLATE_ID, blankTemplate } from "../serialize/blank-template";
import type { OutNode } from "../wire/tree";
import { attachmentNodes } from "./disk-attachments";
import { collectPages, followSet, windowOf } from "./pages";

// /templates and /templates/{id}, Blank included.

// ovirt_vm looks templates up with `name=Blank and datacenter=Default`, ovirt_template with cluster=.
const SEARCH_KEYS = ["name", "id", "status", "cluster", "datacenter"] as const;
const FOLLOW = ["disk_attachments", "disk_attachments.disk"] as const;

async function withFollow(actor: Actor, template: TemplateFields, follow: Set<string>): Promise<OutNode> {
  const node = templateNode(template);
  if (follow.size) {
    const attachments = await attachmentNodes(actor, { kind: "template", id: template.id }, follow.has("disk_attachments.disk") ? ["disk"] : []);
    node.disk_attachments = { disk_attachment: attachments };
  }
  return node;
}

export async function templateNodes(actor: Actor, query: RestQuery) {
  const search = parseSearch(query.search, SEARCH_KEYS);
  const follow = followSet(query.follow, FOLLOW);
  const fragment = literalFragment(commonTerms(search).name);
  const places = await clusterPlaces();
  const all = [...places.values()];
  const keep = (t: TemplateFields) => {
    // Blank belongs to every data center and cluster, as in the engine.
    const place = t.clusterId ? [places.get(t.clusterId)!].filter(Boolean) : all;
    return matchesAll(search, { name: t.name, id: t.id, status: t.status, cluster: place.map((p) => p.cluster), datacenter: place.map((p) => p.datacenter) });
  };
  // Blank is the first row of the collection (of its first page), then the database's templates.
  const window = windowOf(query, search.length === 0);
  const blank = keep(blankTemplate) && !window.skip && window.max !== 0 ? [blankTemplate] : [];
  const blankShown = keep(blankTemplate) ? 1 : 0;
  const rest = { ...window, max: window.max === undefined ? undefined : window.max - blank.length, skip: Math.max((window.skip ?? 0) - blankShown, 0) };
  const rows = rest.max === 0 ? [] : await collectPages((page) => listTemplates({ ...page, q: fragment && `*${fragment}*` }, actor).then((r) => r.rows as TemplateFields[]), keep, rest);
  return Promise.all([...blank, ...rows].map((t) => withFollow(actor, t, follow)));
}

export async function templateEntityNode(actor: Actor, id: string, follow: string[] = []) {
  return withFollow(actor, id === BLANK_TEMPLATE_ID ? blankTemplate : await getTemplate(id, actor), followSet(follow, FOLLOW));
}
