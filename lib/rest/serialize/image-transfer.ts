import { env } from "@/lib/env";
import { thisHost } from "@/lib/hosts/this-host";
import type { getTransfer } from "@/lib/image-transfers/transfer-view";
import { actionLinks, href, ref } from "../hrefs";
import type { OutNode } from "../wire/tree";

type Transfer = Awaited<ReturnType<typeof getTransfer>>;

/**
 * transfer_url is the imageio endpoint over TLS on this host (IMAGEIO_PORT), proxy_url the same
 * protocol on the portal's own origin; both carry the ticket, the data requests' only credential.
 */
export function imageTransferNode(transfer: Transfer, origin: string): OutNode {
  const base = href.imageTransfer(transfer.id);
  const open = transfer.phase === "transferring" || transfer.phase === "initializing";
  const host = new URL(origin).hostname;
  const hostId = thisHost().id;
  return {
    "@href": base,
    "@id": transfer.id,
    actions: actionLinks(base, ["cancel", "extend", "finalize", "pause", "resume"]),
    active: open,
    direction: transfer.direction,
    format: transfer.format,
    inactivity_timeout: transfer.inactivityTimeout,
    phase: transfer.phase,
    proxy_url: `${origin}/images/${transfer.ticket}`,
    shallow: false,
    timeout_policy: "legacy",
    transfer_url: env.IMAGEIO_PORT ? `https://${host.includes(":") ? `[${host}]` : host}:${env.IMAGEIO_PORT}/images/${transfer.ticket}` : `${origin}/images/${transfer.ticket}`,
    transferred: Number(transfer.transferred),
    disk: ref("disk", transfer.diskId),
    host: { "@href": href.host(hostId), "@id": hostId },
    image: { "@id": transfer.diskId },
  };
}
