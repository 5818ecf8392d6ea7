import "server-only";
import type { QmpClient } from "./qmp-client";

// What QEMU has open now, read over QMP: the live operations decide from this, never from what
// the database says, so a step run again after a crash sees where each device really is.

interface BlockInfo {
  qdev?: string;
  inserted?: { "node-name": string; file: string };
}

/** The node each guest device reads and writes now, and that node's file, keyed by device id. */
export async function activeNodes(client: QmpClient) {
  const blocks = await client.execute<BlockInfo[]>("query-block");
  const nodes = new Map<string, { node: string; file: string }>();
  for (const block of blocks) {
    // virtio-blk reports "/machine/peripheral/<id>/virtio-backend", other devices their id.
    const id = block.qdev?.startsWith("/machine/peripheral/") ? block.qdev.split("/")[3] : block.qdev;
    if (id && block.inserted) nodes.set(id, { node: block.inserted["node-name"], file: block.inserted.file });
  }
  return nodes;
}

/** Names of every named block node QEMU has open. */
export async function nodeNames(client: QmpClient) {
  return new Set((await client.execute<{ "node-name": string }[]>("query-named-block-nodes")).map((n) => n["node-name"]));
}

export interface JobInfo {
  id: string;
  type: string;
  status: string;
  "current-progress": number;
  "total-progress": number;
  error?: string;
}

export async function blockJobs(client: QmpClient) {
  return client.execute<JobInfo[]>("query-jobs");
}

/**
 * Closes nodes the portal opened (format node first: it holds the file node). Absent ones are
 * skipped; asked again each time, as closing a node also closes the children opened with it.
 */
export async function closeNodes(client: QmpClient, names: string[]) {
  for (const name of names) {
    if ((await nodeNames(client)).has(name)) await client.execute("blockdev-del", { "node-name": name });
  }
}

/** Protocol nodes that open `file` and serve no device (a disk's, once its device is gone). */
export async function unusedFileNodes(client: QmpClient, file: string) {
  const nodes = await client.execute<{ "node-name": string; drv: string; file: string }[]>("query-named-block-nodes");
  const used = new Set([...(await activeNodes(client)).values()].map((n) => n.node));
  return nodes.filter((n) => n.drv === "file" && n.file === file && !used.has(n["node-name"])).map((n) => n["node-name"]);
}
