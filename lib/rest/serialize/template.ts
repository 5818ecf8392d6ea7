import { MiB } from "@/lib/schemas/common";
import { actionLinks, href, links, ref, wireDate } from "../hrefs";
import type { OutNode } from "../wire/tree";
import { cpuNode, hardwareNodes } from "./vm";

export interface TemplateFields {
  id: string;
  name: string;
  description: string;
  status: string;
  cpus: number;
  memoryMb: number;
  clusterId: string | null;
  createdAt: Date;
}

export function templateNode(template: TemplateFields): OutNode {
  const base = href.template(template.id);
  return {
    "@href": base,
    "@id": template.id,
    actions: actionLinks(base, ["clone", "export"]),
    name: template.name,
    description: template.description,
    link: links(base, ["diskattachments"]),
    cpu: cpuNode(template.cpus),
    creation_time: wireDate(template.createdAt),
    memory: template.memoryMb * MiB,
    ...hardwareNodes(template.memoryMb),
    status: template.status,
    type: "server",
    version: { version_number: 1, base_template: ref("template", template.id) },
    cluster: ref("cluster", template.clusterId),
  };
}
