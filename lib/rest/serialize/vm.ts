import { MiB } from "@/lib/schemas/common";
import { actionLinks, href, links, ref, wireDate } from "../hrefs";
import type { OutNode } from "../wire/tree";
import { BLANK_TEMPLATE_ID } from "./blank-template";

export interface VmFields {
  id: string;
  name: string;
  description: string;
  status: string;
  cpus: number;
  memoryMb: number;
  clusterId: string;
  templateId: string | null;
  createdAt: Date;
}

/** `<cpu>` as oVirt writes it: our CPU count is sockets × 1 core × 1 thread. */
export function cpuNode(cpus: number): OutNode {
  return { architecture: "x86_64", topology: { cores: 1, sockets: cpus, threads: 1 } };
}

/**
 * The virtual hardware the engine reports on every VM and template and the portal does not vary
 * (q35 with SeaBIOS, no ballooning, no USB, no SSO): clients such as ovirt_template compare
 * these fields on every run, so they must be there.
 */
export function hardwareNodes(memoryMb: number): OutNode {
  return {
    bios: { boot_menu: { enabled: false }, type: "q35_sea_bios" },
    io: { threads: 0 },
    memory_policy: { ballooning: false, guaranteed: memoryMb * MiB, max: memoryMb * MiB },
    os: { boot: { devices: { device: ["hd"] } }, type: "other" },
    soundcard_enabled: false,
    sso: { methods: "" },
    usb: { enabled: false },
  };
}

export function vmNode(vm: VmFields): OutNode {
  const base = href.vm(vm.id);
  return {
    "@href": base,
    "@id": vm.id,
    actions: actionLinks(base, ["export", "shutdown", "start", "stop", "suspend"]),
    name: vm.name,
    description: vm.description,
    link: links(base, ["diskattachments", "snapshots"]),
    cpu: cpuNode(vm.cpus),
    creation_time: wireDate(vm.createdAt),
    memory: vm.memoryMb * MiB,
    ...hardwareNodes(vm.memoryMb),
    stateless: false,
    status: vm.status,
    type: "server",
    cluster: ref("cluster", vm.clusterId),
    // oVirt points template-less VMs at the Blank template.
    template: ref("template", vm.templateId ?? BLANK_TEMPLATE_ID),
  };
}
