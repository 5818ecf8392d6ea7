import { env } from "@/lib/env";
import { thisHost } from "@/lib/hosts/this-host";
import type { getTransfer } from "@/lib/image-transfers/transfer-view";
import { actionLinks, href, ref } from "../hrefs";
import type { OutNode } from "../wire/tree";

type Transfer = Awaited<ReturnType<typeof getTransfer>>;

/**
 * transfer_url is the imageio endpoint over TLS on this host (IMAGEIO_PORT). The engine's
 * proxy_url names its own imageio proxy; here the portal and the host are one machine, so it
 * names the same endpoint (clients fall back to it when transfer_url fails, and speak TLS to
 * both). Without the TLS endpoint both name the portal's own /images route. The ticket in the
 * URL is the data requests' only credential.
 */
export function imageTransferNode(transfer: Transfer, origin: string): OutNode {
  const base = href.imageTransfer(transfer.id);
  const open = transfer.phase === "transferring" || transfer.phase === "initializing";
  const host = new URL(origin).hostname;
  const dataUrl = env.IMAGEIO_PORT ? `https://${host.includes(":") ? `[${host}]` : host}:${env.IMAGEIO_PORT}/images/${transfer.ticket}` : `${origin}/images/${transfer.ticket}`;
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
    proxy_url: dataUrl,
    shallow: transfer.shallow,
    timeout_policy: transfer.timeoutPolicy,
    transfer_url: dataUrl,
    transferred: Number(transfer.transferred),
    disk: ref("disk", transfer.diskId),
    host: { "@href": href.host(hostId), "@id": hostId },
    image: { "@id": transfer.diskId },
    // The disk snapshot a download reads, as the engine names it (no collection of its own to link to).
    ...(transfer.diskSnapshotId ? { snapshot: { "@id": transfer.diskSnapshotId } } : {}),
  };
}
