import "server-only";
import { createHash } from "node:crypto";
import os from "node:os";
import { AppError } from "@/lib/errors";

// The portal runs VMs and mounts storage on the one machine it runs on: that machine is the one
// host clients see (oVirt clients name a host when they add a storage domain, or pick any host
// that is up). Its id is derived from its name, so it stays the same across restarts.

export interface Host {
  id: string;
  name: string;
  address: string;
  status: "up";
}

export function thisHost(): Host {
  const name = os.hostname();
  const hex = createHash("sha1").update(`multistore-host:${name}`).digest("hex");
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return { id, name, address: name, status: "up" };
}

export function getHost(id: string) {
  const host = thisHost();
  if (id !== host.id) throw new AppError("NOT_FOUND", `Host ${id} doesn't exist.`);
  return host;
}
